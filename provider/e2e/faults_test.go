package e2e

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
)

// createFault disturbs the create requests of one collection.
type createFault struct {
	path string
	// creates is how many objects the full set creates there.
	creates int
	faults  []konnectemu.Fault
}

// posts is how many create requests reach the collection: a 429 or a 5xx performs nothing and is retried;
// a committed but lost answer, or one that commits after the client gave up, is recovered by looking the object
// up, without another create.
func (f createFault) posts() int {
	n := f.creates
	for _, fault := range f.faults {
		if fault.Kind != konnectemu.FaultCommitThenDrop && fault.Kind != lateCommit.Kind {
			n += fault.Times
		}
	}
	return n
}

// requestTimeout is the provider's requestTimeoutSeconds under faults.
const requestTimeout = 2 * time.Second

var (
	throttled       = konnectemu.Fault{Kind: konnectemu.Fault429, Times: 2, RetryAfter: time.Second}
	throttledByDate = konnectemu.Fault{Kind: konnectemu.Fault429, Times: 1, RetryAfter: time.Second, RetryAfterDate: true}
	failing         = konnectemu.Fault{Kind: konnectemu.Fault500, Times: 2}
	badGateway      = konnectemu.Fault{Kind: konnectemu.FaultStatus(http.StatusBadGateway), Times: 1}
	unavailable     = konnectemu.Fault{Kind: konnectemu.FaultStatus(http.StatusServiceUnavailable), Times: 1, RetryAfter: time.Second}
	gatewayTimeout  = konnectemu.Fault{Kind: konnectemu.FaultStatus(http.StatusGatewayTimeout), Times: 1}
	answerLost      = konnectemu.Fault{Kind: konnectemu.FaultCommitThenDrop, Times: 1}
	// lateCommit creates the object after the provider's request timed out.
	lateCommit = konnectemu.Fault{Kind: konnectemu.FaultCommitLate(requestTimeout + 500*time.Millisecond), Times: 1}
	// slowLookup delays the lookup after lateCommit past the late commit.
	slowLookup = konnectemu.Fault{Method: http.MethodGet, Times: 1, Kind: konnectemu.FaultLatency(time.Second)}
)

// once returns f hitting a single request.
func once(f konnectemu.Fault) konnectemu.Fault {
	f.Times = 1
	return f
}

const gwPath = "/v1/event-gateways/{gatewayId}"

// createFaults disturb the first creates of every collection the full set writes to.
var createFaults = []createFault{
	{"/v1/event-gateways", 1, []konnectemu.Fault{once(failing)}},
	{gwPath + "/backend-clusters", 1, []konnectemu.Fault{throttled}},
	{gwPath + "/virtual-clusters", 2, []konnectemu.Fault{failing, answerLost}},
	{gwPath + "/listeners", 1, []konnectemu.Fault{badGateway, answerLost}},
	{gwPath + "/listeners/{eventGatewayListenerId}/policies", 2, []konnectemu.Fault{throttledByDate, answerLost}},
	{gwPath + "/virtual-clusters/{virtualClusterId}/consume-policies", 1, []konnectemu.Fault{lateCommit}},
	{gwPath + "/virtual-clusters/{virtualClusterId}/produce-policies", 1, []konnectemu.Fault{failing, gatewayTimeout}},
	{gwPath + "/static-keys", 1, []konnectemu.Fault{once(throttled), unavailable, answerLost}},
}

// TestStackUnderFaults: throttling (Retry-After in seconds and as a date), server errors (500, 502, 503, 504),
// lost answers and a create committed after the provider's timeout, while the CLI creates a full set, still
// leave exactly one object per resource, and a state the next up agrees with. The program passes its
// secrets as plain strings: the provider's schema alone must keep them out of the state and the output.
func TestStackUnderFaults(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	require.Zero(t, emu.Count(), "the emulator starts empty")
	var secrets secretSet
	set := newFullSet(t, "e2e-faults", &secrets)
	set.secret = func(v string) pulumi.Input { return pulumi.String(v) }
	set.tokenSecret = false
	set.requestTimeout = requestTimeout
	s := newStack(t, ctx, "faults", &secrets, set.program)
	s.destroyOnFailure()
	t.Cleanup(emu.ClearFaults)

	emu.ResetCalls()
	for _, cf := range createFaults {
		for _, f := range cf.faults {
			f.Method, f.PathPattern = http.MethodPost, cf.path
			emu.InjectFault(f)
			if f.Kind == lateCommit.Kind {
				slow := slowLookup
				slow.PathPattern = cf.path
				emu.InjectFault(slow)
			}
		}
	}
	start := time.Now()
	up := s.up(ctx)
	emu.ClearFaults()
	assert.Equal(t, fullSetResources, up.Creates, "up creates")
	// Two 429s in a row with Retry-After: 1 on the backend cluster, which everything else waits for.
	assert.GreaterOrEqual(t, time.Since(start), 2*time.Second, "Retry-After is honoured")
	calls := emu.Calls()
	for _, cf := range createFaults {
		assert.Equal(t, cf.posts(), calls["POST "+cf.path], "create requests to %s", cf.path)
		if slices.Contains(cf.faults, lateCommit) {
			assert.Equal(t, 1, calls["GET "+cf.path], "the create to %s timed out and looked the object up", cf.path)
		}
	}
	gatewayID := output(t, up, "gatewayId")
	assert.Equal(t, fullSetKinds, kinds(gatewayID), "exactly one object per resource")
	assertValidTraffic(t)

	emu.ResetCalls()
	again := s.up(ctx)
	noChanges(t, "the up after the faults", again)
	assert.Zero(t, emu.WriteCalls(), "write calls of the up after the faults: %v", emu.Calls())

	s.export(ctx)

	// Deletes ride out lost answers and server errors too.
	emu.InjectFault(konnectemu.Fault{Method: http.MethodDelete, PathPattern: gwPath + "/virtual-clusters/{virtualClusterId}/produce-policies/{policyId}",
		Times: 1, Kind: konnectemu.FaultCommitThenDrop})
	emu.InjectFault(konnectemu.Fault{Method: http.MethodDelete, PathPattern: gwPath + "/listeners/{eventGatewayListenerId}", Times: 2,
		Kind: konnectemu.Fault500})
	emu.InjectFault(konnectemu.Fault{Method: http.MethodDelete, PathPattern: gwPath + "/static-keys/{staticKeyId}", Times: 1,
		Kind: konnectemu.Fault429})
	destroy := s.destroy(ctx)
	assert.Equal(t, fullSetResources, destroy.Deletes, "destroy deletes")
	assert.Zero(t, emu.Count(), "objects left in the emulator: %v", kinds(gatewayID))
	assertValidTraffic(t)
	secrets.assertNoLeaks(t, "the CLI output", s.printed.String())
}
