package provider_test

import (
	"net/http"
	"testing"
	"time"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
)

// faultTarget is a kind of object to create under faults.
type faultTarget struct {
	typ  string
	kind konnectemu.Kind
	// path is the create operation's path template.
	path string
	// inputs returns the inputs and the ID of the parent the object is stored under.
	inputs func(e *env, name string) (map[string]any, string)
}

var faultTargets = []faultTarget{
	{"EventGateway", konnectemu.KindGateway, "/v1/event-gateways", func(e *env, name string) (map[string]any, string) {
		return map[string]any{"name": name + "-" + e.testName}, ""
	}},
	{"BackendCluster", konnectemu.KindBackendCluster, "/v1/event-gateways/{gatewayId}/backend-clusters", func(e *env, name string) (map[string]any, string) {
		return map[string]any{
			"gatewayId": e.gatewayID, "name": name, "bootstrapServers": []any{"kafka:9092"},
			"authentication": map[string]any{"type": "anonymous"}, "tls": map[string]any{"enabled": false},
		}, e.gatewayID
	}},
	{"ConsumePolicy", konnectemu.KindConsumePolicy, "/v1/event-gateways/{gatewayId}/virtual-clusters/{virtualClusterId}/consume-policies",
		func(e *env, name string) (map[string]any, string) {
			return map[string]any{
				"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "skip_record", "name": name,
			}, e.virtualClusterID
		}},
}

// TestCreateUnderFaults: throttling, server errors and lost answers never leave a duplicate, and a Retry-After (in
// seconds or as a date) is honoured.
func TestCreateUnderFaults(t *testing.T) {
	faults := []struct {
		name  string
		fault konnectemu.Fault
		// posts is how many create requests reach the server.
		posts int
		// minElapsed is how long the create must take (the server's Retry-After).
		minElapsed time.Duration
	}{
		{"429", konnectemu.Fault{Kind: konnectemu.Fault429, Times: 2, RetryAfter: time.Second}, 3, 2 * time.Second},
		{"429 with a date", konnectemu.Fault{Kind: konnectemu.Fault429, Times: 1, RetryAfter: time.Second,
			RetryAfterDate: true}, 2, 900 * time.Millisecond},
		{"500", konnectemu.Fault{Kind: konnectemu.Fault500, Times: 2}, 3, 0},
		{"502", konnectemu.Fault{Kind: konnectemu.FaultStatus(http.StatusBadGateway), Times: 1}, 2, 0},
		{"503 with Retry-After", konnectemu.Fault{Kind: konnectemu.FaultStatus(http.StatusServiceUnavailable),
			Times: 1, RetryAfter: time.Second}, 2, time.Second},
		{"504", konnectemu.Fault{Kind: konnectemu.FaultStatus(http.StatusGatewayTimeout), Times: 1}, 2, 0},
		{"commit-then-drop", konnectemu.Fault{Kind: konnectemu.FaultCommitThenDrop, Times: 1}, 1, 0},
	}
	for _, target := range faultTargets {
		for _, f := range faults {
			t.Run(target.typ+"/"+f.name, func(t *testing.T) {
				e := newEnv(t)
				inputs, parent := target.inputs(e, "faulty")
				before := len(objects(target.kind, parent))
				fault := f.fault
				fault.Method, fault.PathPattern = http.MethodPost, target.path
				emu.ResetCalls()
				emu.InjectFault(fault)
				t.Cleanup(emu.ClearFaults)

				start := time.Now()
				o := e.h.create(target.typ, "faulty", inputs)
				assert.GreaterOrEqual(t, time.Since(start), f.minElapsed, "Retry-After is honoured")
				assert.Equal(t, f.posts, emu.Calls()["POST "+target.path], "create requests")
				assert.Len(t, objects(target.kind, parent), before+1, "exactly one object was created")
				assert.Equal(t, o.ID, e.h.read(o).ID)
				if target.typ == "EventGateway" {
					e.h.remove(o)
				}
			})
		}
	}
}

// TestCreateAfterTimeout: the create request times out at the client (300 ms) and the server commits it later
// (400 ms); the lookup that follows (slowed to finish after the commit) finds the object, which is adopted: one
// create request, one object.
func TestCreateAfterTimeout(t *testing.T) {
	e := newEnv(t)
	h := newHarnessWith(t, 300*time.Millisecond)
	inputs, parent := faultTargets[1].inputs(e, "slow")
	before := len(objects(konnectemu.KindBackendCluster, parent))
	emu.ResetCalls()
	emu.InjectFault(konnectemu.Fault{Method: http.MethodPost, PathPattern: faultTargets[1].path, Times: 1,
		Kind: konnectemu.FaultCommitLate(400 * time.Millisecond)})
	emu.InjectFault(konnectemu.Fault{Method: http.MethodGet, PathPattern: faultTargets[1].path, Times: 1,
		Kind: konnectemu.FaultLatency(200 * time.Millisecond)})
	t.Cleanup(emu.ClearFaults)
	o := h.create("BackendCluster", "slow", inputs)
	assert.Equal(t, 1, emu.Calls()["POST "+faultTargets[1].path], "the late commit is adopted, not created again")
	created := objects(konnectemu.KindBackendCluster, parent)
	require.Len(t, created, before+1)
	assert.Equal(t, o.ID, h.read(o).ID)
}

// TestUpdateAndDeleteUnderFaults: idempotent requests ride out server errors and lost answers.
func TestUpdateAndDeleteUnderFaults(t *testing.T) {
	e := newEnv(t)
	inputs, _ := faultTargets[1].inputs(e, "steady")
	o := e.h.create("BackendCluster", "steady", inputs)

	emu.InjectFault(konnectemu.Fault{Method: http.MethodPut, Times: 2, Kind: konnectemu.Fault500})
	inputs["description"] = "after two 500s"
	o = e.h.update(o, inputs)
	assert.Equal(t, "after two 500s", stored(t, konnectemu.KindBackendCluster, o.ID)["description"])

	emu.ClearFaults()
	emu.InjectFault(konnectemu.Fault{Method: http.MethodDelete, Times: 1, Kind: konnectemu.FaultCommitThenDrop})
	t.Cleanup(emu.ClearFaults)
	e.h.remove(o)
	assert.Empty(t, e.h.read(o).ID)
}

// TestCreateOfATakenName: a create refused because Konnect holds an object of that name that the stack does not
// manage says so, with the `pulumi import` line that adopts it.
func TestCreateOfATakenName(t *testing.T) {
	e := newEnv(t)
	inputs, _ := faultTargets[1].inputs(e, "taken")
	existing := e.h.create("BackendCluster", "taken", inputs)

	checked := e.h.check("BackendCluster", "again", property.Map{}, inputs)
	_, err := e.h.s.Create(p.CreateRequest{Urn: urn("BackendCluster", "again"), Properties: checked})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "a BackendCluster of this name already exists in Konnect (ID "+existing.ID+")")
	assert.Contains(t, err.Error(),
		"`pulumi import kong-event-gateway:konnect:BackendCluster again "+e.gatewayID+"/"+existing.ID+"`")
	adopted := e.h.importID("BackendCluster", "again", e.gatewayID+"/"+existing.ID)
	assert.Equal(t, existing.ID, adopted.ID, "the printed ID imports the object")
}
