package provider_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// emu is the Konnect emulator every test of the package talks to.
var emu *konnectemu.Server

func TestMain(m *testing.M) {
	var err error
	if emu, err = konnectemu.New(); err != nil {
		fmt.Fprintln(os.Stderr, "starting the Konnect emulator:", err)
		os.Exit(1)
	}
	code := m.Run()
	emu.Close()
	os.Exit(code)
}

// fastRetry keeps the tests quick; the emulator's Retry-After still applies.
var fastRetry = client.Backoff{Initial: 20 * time.Millisecond, Max: 200 * time.Millisecond, Exponent: 2, MaxElapsed: 20 * time.Second}

// harness drives one provider instance, configured for the emulator, through the gRPC-level API.
type harness struct {
	t *testing.T
	s integration.Server
}

// newHarness returns a configured provider; when the test ends it checks that every request the provider
// sent was valid for the Konnect spec.
func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessWith(t, 5*time.Second)
}

// newHarnessWith is newHarness with a per-request timeout.
func newHarnessWith(t *testing.T, timeout time.Duration) *harness {
	t.Helper()
	seen, seenResponses := len(emu.ValidationErrors()), len(emu.ResponseValidationErrors())
	t.Cleanup(func() {
		assert.Empty(t, emu.ValidationErrors()[seen:], "requests the Konnect spec rejects")
		assert.Empty(t, emu.ResponseValidationErrors()[seenResponses:], "emulator answers outside the spec")
	})
	prov, err := provider.Provider(provider.WithClientFactory(func(_ context.Context, o client.Options) (*client.Client, error) {
		hc := emu.HTTPClient()
		hc.Timeout = timeout
		o.HTTPClient, o.Retry = hc, fastRetry
		return client.New(o)
	}))
	require.NoError(t, err)
	s, err := integration.NewServer(context.Background(), provider.Name, semver.MustParse(provider.Version), integration.WithProvider(prov))
	require.NoError(t, err)
	require.NoError(t, s.Configure(p.ConfigureRequest{Args: props(map[string]any{
		"serverUrl": emu.URL(),
		"token":     resource.MakeSecret(resource.NewStringProperty(emu.Token())),
	})}))
	return &harness{t: t, s: s}
}

// obj is a resource as the engine would hold it.
type obj struct {
	typ    string
	name   string
	ID     string
	Inputs property.Map
	State  property.Map
}

func urn(typ, name string) resource.URN {
	return resource.NewURN("test", "test", "", tokens.Type("kong-event-gateway:konnect:"+typ), name)
}

// check runs Check and fails the test on check failures.
func (h *harness) check(typ, name string, olds property.Map, inputs map[string]any) property.Map {
	h.t.Helper()
	res, err := h.s.Check(p.CheckRequest{Urn: urn(typ, name), State: olds, Inputs: props(inputs)})
	require.NoError(h.t, err)
	require.Empty(h.t, res.Failures, "check failures")
	return res.Inputs
}

// create checks, previews and creates a resource.
func (h *harness) create(typ, name string, inputs map[string]any) obj {
	h.t.Helper()
	checked := h.check(typ, name, property.Map{}, inputs)
	_, err := h.s.Create(p.CreateRequest{Urn: urn(typ, name), Properties: checked, DryRun: true})
	require.NoError(h.t, err, "preview of create")
	res, err := h.s.Create(p.CreateRequest{Urn: urn(typ, name), Properties: checked})
	require.NoError(h.t, err, "create")
	require.NotEmpty(h.t, res.ID)
	return obj{typ: typ, name: name, ID: res.ID, Inputs: checked, State: res.Properties}
}

// read refreshes o.
func (h *harness) read(o obj) obj {
	h.t.Helper()
	res, err := h.s.Read(p.ReadRequest{ID: o.ID, Urn: urn(o.typ, o.name), Properties: o.State, Inputs: o.Inputs})
	require.NoError(h.t, err, "read")
	return obj{typ: o.typ, name: o.name, ID: res.ID, Inputs: res.Inputs, State: res.Properties}
}

// importID reads an object that has no state yet, as `pulumi import` does.
func (h *harness) importID(typ, name, id string) obj {
	h.t.Helper()
	res, err := h.s.Read(p.ReadRequest{ID: id, Urn: urn(typ, name)})
	require.NoError(h.t, err, "import")
	return obj{typ: typ, name: name, ID: res.ID, Inputs: res.Inputs, State: res.Properties}
}

// diff checks new inputs against o's and diffs them against o's state.
func (h *harness) diff(o obj, inputs map[string]any) p.DiffResponse {
	h.t.Helper()
	checked := h.check(o.typ, o.name, o.Inputs, inputs)
	res, err := h.s.Diff(p.DiffRequest{ID: o.ID, Urn: urn(o.typ, o.name), State: o.State, OldInputs: o.Inputs, Inputs: checked})
	require.NoError(h.t, err, "diff")
	return res
}

// update previews and applies new inputs.
func (h *harness) update(o obj, inputs map[string]any) obj {
	h.t.Helper()
	checked := h.check(o.typ, o.name, o.Inputs, inputs)
	req := p.UpdateRequest{ID: o.ID, Urn: urn(o.typ, o.name), State: o.State, OldInputs: o.Inputs, Inputs: checked, DryRun: true}
	_, err := h.s.Update(req)
	require.NoError(h.t, err, "preview of update")
	req.DryRun = false
	res, err := h.s.Update(req)
	require.NoError(h.t, err, "update")
	return obj{typ: o.typ, name: o.name, ID: o.ID, Inputs: checked, State: res.Properties}
}

// remove deletes o.
func (h *harness) remove(o obj) {
	h.t.Helper()
	require.NoError(h.t, h.s.Delete(p.DeleteRequest{ID: o.ID, Urn: urn(o.typ, o.name), Properties: o.State}), "delete")
}

// props converts a Go map (values may be resource.PropertyValue) to a property map.
func props(m map[string]any) property.Map {
	return resource.FromResourcePropertyValue(resource.NewObjectProperty(resource.NewPropertyMapFromMap(m))).AsMap()
}

// redacted replaces secret values in plain, so that assertion messages never print a secret.
const redacted = "[secret]"

// plain converts a property map to Go values, with secret values replaced by redacted.
func plain(m property.Map) map[string]any {
	out := map[string]any{}
	for k, v := range m.All {
		out[k] = plainValue(v)
	}
	return out
}

func plainValue(v property.Value) any {
	switch {
	case v.Secret():
		return redacted
	case v.IsMap():
		return plain(v.AsMap())
	case v.IsArray():
		var out []any
		for _, e := range v.AsArray().All {
			out = append(out, plainValue(e))
		}
		return out
	case v.IsString():
		return v.AsString()
	case v.IsNumber():
		return v.AsNumber()
	case v.IsBool():
		return v.AsBool()
	default:
		return nil
	}
}

// secretValues returns the secret strings in m.
func secretValues(m property.Map) []string {
	var out []string
	var walk func(v property.Value, secret bool)
	walk = func(v property.Value, secret bool) {
		secret = secret || v.Secret()
		switch {
		case v.IsMap():
			for _, e := range v.AsMap().All {
				walk(e, secret)
			}
		case v.IsArray():
			for _, e := range v.AsArray().All {
				walk(e, secret)
			}
		case v.IsString() && secret && v.AsString() != "":
			out = append(out, v.AsString())
		}
	}
	walk(property.New(m), false)
	return out
}

// str returns the string at a dotted path of m.
func str(t *testing.T, m property.Map, path string) string {
	t.Helper()
	keys := strings.Split(path, ".")
	v := m.Get(keys[0])
	for _, k := range keys[1:] {
		require.True(t, v.IsMap(), "%s is not an object", path)
		v = v.AsMap().Get(k)
	}
	require.True(t, v.IsString(), "%s is not a string: %v", path, v)
	return v.AsString()
}

// objects returns the stored objects of kind k under parent.
func objects(k konnectemu.Kind, parent string) []konnectemu.Object {
	var out []konnectemu.Object
	for _, o := range emu.Snapshot() {
		if o.Kind == k && o.ParentID == parent {
			out = append(out, o)
		}
	}
	return out
}

// stored returns the stored body of an object.
func stored(t *testing.T, k konnectemu.Kind, id string) map[string]any {
	t.Helper()
	for _, o := range emu.Snapshot() {
		if o.Kind == k && o.ID == id {
			return o.Body
		}
	}
	t.Fatalf("no %s %s in the emulator", k, id)
	return nil
}

// apiPost creates an object out of band with a plain API call and returns its ID.
func apiPost(t *testing.T, path string, body any) string {
	t.Helper()
	status, answer := apiDo(t, http.MethodPost, path, body)
	require.Equal(t, http.StatusCreated, status, "out-of-band POST %s: %s", path, answer)
	var created struct {
		ID string `json:"id"`
	}
	require.NoError(t, json.Unmarshal(answer, &created))
	return created.ID
}

// apiDo sends a plain API call out of band and returns the status and body of the answer.
func apiDo(t *testing.T, method, path string, body any) (int, []byte) {
	t.Helper()
	b, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(t.Context(), method, emu.URL()+path, bytes.NewReader(b))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+emu.Token())
	req.Header.Set("Content-Type", "application/json")
	res, err := emu.HTTPClient().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	answer, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res.StatusCode, answer
}

// assertNoChanges fails if d reports changes.
func assertNoChanges(t *testing.T, d p.DiffResponse) {
	t.Helper()
	assert.False(t, d.HasChanges, "unexpected changes: %v", d.DetailedDiff)
}

// assertUpdates fails unless d changes exactly props, all in place.
func assertUpdates(t *testing.T, d p.DiffResponse, props ...string) {
	t.Helper()
	assert.True(t, d.HasChanges)
	var got []string
	for k, v := range d.DetailedDiff {
		got = append(got, k)
		assert.Equal(t, p.Update, v.Kind, "%s should update in place", k)
	}
	assert.ElementsMatch(t, props, got)
}

// assertReplaces fails unless d replaces the object because of prop.
func assertReplaces(t *testing.T, d p.DiffResponse, prop string) {
	t.Helper()
	require.Contains(t, d.DetailedDiff, prop)
	assert.Equal(t, p.UpdateReplace, d.DetailedDiff[prop].Kind, "%s should replace", prop)
}
