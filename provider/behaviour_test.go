package provider_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
)

func saslCluster(e *env, password string) map[string]any {
	return map[string]any{
		"gatewayId": e.gatewayID, "name": "sasl",
		"bootstrapServers": []any{"kafka:9092"},
		"authentication":   map[string]any{"type": "sasl_plain", "username": "svc", "password": password},
		"tls":              map[string]any{"enabled": true},
	}
}

// TestSecretRotation: secrets reach Konnect but never the state, and a changed secret is detected by its hash.
func TestSecretRotation(t *testing.T) {
	e := newEnv(t)
	h := e.h
	const first, second = "first-s3cret", "second-s3cret"

	created := h.create("BackendCluster", "sasl", saslCluster(e, first))
	assert.True(t, created.Inputs.Get("authentication").AsMap().Get("password").Secret(), "the password input is a secret")
	assert.True(t, storedPassword(t, created.ID) == first, "Konnect got the password")
	assertNotInState(t, created, first)
	hashes := created.State.Get("secretHashes").AsMap()
	require.True(t, hashes.Get("authentication.password").IsString(), "the password's hash is recorded")

	read := h.read(created)
	assertNotInState(t, read, first)
	assertNoChanges(t, h.diff(read, saslCluster(e, first)))

	d := h.diff(read, saslCluster(e, second))
	assertUpdates(t, d, "authentication.password")

	updated := h.update(read, saslCluster(e, second))
	assertNotInState(t, updated, second)
	assert.True(t, storedPassword(t, created.ID) == second, "Konnect got the new password")
	assert.Equal(t, str(t, created.State, "secretSalt"), str(t, updated.State, "secretSalt"), "the salt is per resource")
	assert.NotEqual(t, hashes.Get("authentication.password"), updated.State.Get("secretHashes").AsMap().Get("authentication.password"))
	assertNoChanges(t, h.diff(h.read(updated), saslCluster(e, second)))
	assertUpdates(t, h.diff(updated, saslCluster(e, first)), "authentication.password")
	for _, o := range []obj{created, read, updated, h.read(updated)} {
		for _, sealed := range []string{"secretSalt", "secretHashes"} {
			assert.True(t, o.State.Get(sealed).Secret(), "%s is a Pulumi secret: no hash to guess against in state", sealed)
		}
	}
}

// storedPassword returns the SASL password Konnect holds for a backend cluster.
func storedPassword(t *testing.T, id string) any {
	t.Helper()
	return stored(t, konnectemu.KindBackendCluster, id)["authentication"].(map[string]any)["password"]
}

// assertNotInState fails if a secret value appears anywhere in o's state.
func assertNotInState(t *testing.T, o obj, secret string) {
	t.Helper()
	b, err := json.Marshal(plain(o.State))
	require.NoError(t, err)
	assert.False(t, strings.Contains(string(b), secret), "a secret value is in the state") // never print it
}

// TestStaticKey: static keys cannot be updated, so any change replaces them; an imported key gets its hash
// recorded without being replaced.
func TestStaticKey(t *testing.T) {
	e := newEnv(t)
	h := e.h
	value, rotated := staticKeyValue(t), staticKeyValue(t)
	inputs := func(v string) map[string]any {
		return map[string]any{"gatewayId": e.gatewayID, "name": "key", "value": v}
	}

	created := h.create("StaticKey", "key", inputs(value))
	assertNotInState(t, created, value)
	read := h.read(created)
	assertNoChanges(t, h.diff(read, inputs(value)))

	d := h.diff(read, inputs(rotated))
	assertReplaces(t, d, "value")
	assert.True(t, d.DeleteBeforeReplace, "the new key keeps the name, so the old one goes first")

	renamed := inputs(value)
	renamed["name"] = "key-2"
	d = h.diff(read, renamed)
	assertReplaces(t, d, "name")
	assert.False(t, d.DeleteBeforeReplace)

	h.remove(read)
	assert.Empty(t, h.read(read).ID)

	id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/static-keys", map[string]any{"name": "oob", "value": value})
	imported := h.importID("StaticKey", "oob", e.gatewayID+"/"+id)
	require.Equal(t, id, imported.ID)
	program := map[string]any{"gatewayId": e.gatewayID, "name": "oob", "value": value}
	assertUpdates(t, h.diff(imported, program), "value")
	emu.ResetCalls()
	sealed := h.update(imported, program)
	assert.Zero(t, emu.WriteCalls(), "recording the hash of an imported key changes nothing in Konnect")
	assertNoChanges(t, h.diff(sealed, program))
	program["value"] = rotated
	assertReplaces(t, h.diff(sealed, program), "value")
}

// TestStaticKeyGeneratedName: a key without a name gets the resource name and a random suffix, kept by later checks
// and drawn anew when the engine checks a replacement (without the prior inputs); such a key is replaced by creating
// the new one first, while a policy still uses the old one.
func TestStaticKeyGeneratedName(t *testing.T) {
	e := newEnv(t)
	h := e.h
	inputs := func(v string) map[string]any { return map[string]any{"gatewayId": e.gatewayID, "value": v} }
	key := h.create("StaticKey", "rotating", inputs(staticKeyValue(t)))
	name := str(t, key.State, "name")
	assert.Regexp(t, `^rotating-[0-9a-f]{8}$`, name)
	assert.Equal(t, true, key.State.Get("nameGenerated").AsBool())
	assert.Equal(t, name, h.check("StaticKey", "rotating", key.Inputs, inputs("x")).Get("name").AsString(),
		"a later check keeps the generated name")
	replacement := h.check("StaticKey", "rotating", property.Map{}, inputs("x")).Get("name").AsString()
	assert.Regexp(t, `^rotating-[0-9a-f]{8}$`, replacement)
	assert.NotEqual(t, name, replacement, "a replacement gets a name of its own")

	d := h.diff(key, inputs(staticKeyValue(t)))
	assertReplaces(t, d, "value")
	assert.False(t, d.DeleteBeforeReplace, "the replacement is created first, under its own name")

	// A name that was given and is then left out is replaced by a generated one: from then on, rotations
	// create first.
	named := h.create("StaticKey", "named", map[string]any{"gatewayId": e.gatewayID, "name": "fixed", "value": "v"})
	assert.Equal(t, false, named.State.Get("nameGenerated").AsBool())
	d = h.diff(named, map[string]any{"gatewayId": e.gatewayID, "value": "v"})
	assertReplaces(t, d, "name")
	assert.False(t, d.DeleteBeforeReplace)
	assert.Equal(t, false, h.read(named).State.Get("nameGenerated").AsBool(), "a refresh keeps the flag")
}

// TestPolicyChain: a chain resource puts the listed policies first, in the listed order, and the others after
// them in their order; a refresh reports the order Konnect holds; an import lists the whole chain.
func TestPolicyChain(t *testing.T) {
	e := newEnv(t)
	h := e.h
	policy := func(name string) string {
		return h.create("ConsumePolicy", name, map[string]any{
			"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "modify_headers",
			"modifyHeaders": map[string]any{"actions": []any{map[string]any{"op": "remove", "key": name}}},
		}).ID
	}
	a, b, c := policy("a"), policy("b"), policy("c")
	chain := func(ids ...string) map[string]any {
		return map[string]any{"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "consume",
			"policies": anyList(ids)}
	}
	emu.ResetCalls()
	o := h.create("PolicyChain", "order", chain(c, a))
	assert.Equal(t, e.gatewayID+"/"+e.virtualClusterID+"/consume", o.ID)
	assert.Equal(t, []any{c, a, b}, plainValue(o.State.Get("chain")), "listed first, the rest after")
	assert.Equal(t, 1, emu.WriteCalls(), "one chain update: %v", emu.Calls())

	emu.ResetCalls()
	assertNoChanges(t, h.diff(h.read(o), chain(c, a)))
	assert.Zero(t, emu.WriteCalls())

	// Reordered in Konnect: the refresh shows it, the update restores the order.
	status, body := apiDo(t, http.MethodPut, "/v1/event-gateways/"+e.gatewayID+"/virtual-clusters/"+e.virtualClusterID+
		"/consume-policy-chain", map[string]any{"policies": []string{a, b, c}})
	require.Equal(t, http.StatusOK, status, string(body))
	read := h.read(o)
	assert.Equal(t, []any{a, c}, plainValue(read.Inputs.Get("policies")))
	assertUpdates(t, h.diff(read, chain(c, a)), "policies")
	updated := h.update(read, chain(c, a))
	assert.Equal(t, []any{c, a, b}, plainValue(updated.State.Get("chain")))

	imported := h.importID("PolicyChain", "imported", o.ID)
	assert.Equal(t, []any{c, a, b}, plainValue(imported.Inputs.Get("policies")))

	_, err := h.s.Create(p.CreateRequest{Urn: urn("PolicyChain", "bad"),
		Properties: h.check("PolicyChain", "bad", property.Map{}, chain("no-such-policy"))})
	assert.ErrorContains(t, err, "policy no-such-policy is not in the consume chain")
	h.remove(o)
	assert.Len(t, objects(konnectemu.KindConsumePolicy, e.virtualClusterID), 3, "deleting the chain deletes no policy")
}

// TestReplacement: parent IDs, policy types and parent policies cannot change in place.
func TestReplacement(t *testing.T) {
	e := newEnv(t)
	h := e.h
	listener := map[string]any{"gatewayId": e.gatewayID, "name": "moving", "addresses": []any{"0.0.0.0"}, "ports": []any{"9092"}}
	o := h.create("Listener", "moving", listener)
	other := h.create("EventGateway", "other", map[string]any{"name": "other-" + e.testName})
	t.Cleanup(func() { h.remove(other) })

	moved := map[string]any{"gatewayId": other.ID, "name": "moving", "addresses": []any{"0.0.0.0"}, "ports": []any{"9092"}}
	d := h.diff(o, moved)
	assertReplaces(t, d, "gatewayId")
	assert.False(t, d.DeleteBeforeReplace, "a new gateway has no name clash")

	policy := map[string]any{
		"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "modify_headers", "name": "p",
		"modifyHeaders": map[string]any{"actions": []any{map[string]any{"op": "remove", "key": "x"}}},
	}
	pol := h.create("ProducePolicy", "p", policy)
	policy["type"] = "schema_validation"
	delete(policy, "modifyHeaders")
	policy["schemaValidation"] = map[string]any{"type": "json", "failureMode": "reject"}
	d = h.diff(pol, policy)
	assertReplaces(t, d, "type")
	assert.True(t, d.DeleteBeforeReplace, "policy names are unique within the virtual cluster")
}

// TestFieldLevelEncryption: encrypt_fields and decrypt_fields policies under a parent policy, which the
// operator's CRDs cannot express.
func TestFieldLevelEncryption(t *testing.T) {
	e := newEnv(t)
	h := e.h
	h.create("StaticKey", "key", map[string]any{"gatewayId": e.gatewayID, "name": "fields-key", "value": staticKeyValue(t)})
	parse := h.create("ProducePolicy", "parse", map[string]any{
		"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "schema_validation",
		"schemaValidation": map[string]any{"type": "json", "failureMode": "reject"},
	})
	fields := map[string]any{
		"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "encrypt_fields", "parentPolicyId": parse.ID,
		"encryptFields": map[string]any{"failureMode": "reject", "fields": []any{
			map[string]any{"paths": []any{"$.card.number"}, "encryptionKey": map[string]any{"type": "static", "key": map[string]any{"name": "fields-key"}}},
			map[string]any{"pathsExpression": "record.value.ssn", "encryptionKey": map[string]any{"type": "aws", "arn": "arn:aws:kms:eu-west-1:111122223333:key/1"}},
		}},
	}
	enc := h.create("ProducePolicy", "encrypt-fields", fields)
	body := stored(t, konnectemu.KindProducePolicy, enc.ID)
	assert.Equal(t, parse.ID, body["parent_policy_id"])
	assertNoChanges(t, h.diff(h.read(enc), fields))

	consumeParse := h.create("ConsumePolicy", "parse", map[string]any{
		"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "schema_validation",
		"schemaValidation": map[string]any{"type": "json", "failureMode": "skip"},
	})
	decrypt := map[string]any{
		"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "decrypt_fields", "parentPolicyId": consumeParse.ID,
		"decryptFields": map[string]any{"failureMode": "mark", "keySources": []any{map[string]any{"type": "static"}},
			"paths": []any{"$.card.number"}},
	}
	dec := h.create("ConsumePolicy", "decrypt-fields", decrypt)
	assertNoChanges(t, h.diff(h.read(dec), decrypt))
	decrypt["parentPolicyId"] = parse.ID
	assertReplaces(t, h.diff(dec, decrypt), "parentPolicyId")
}

// TestDrift: a change made in Konnect shows up on refresh and is reverted by the next update.
func TestDrift(t *testing.T) {
	e := newEnv(t)
	h := e.h
	inputs := map[string]any{"gatewayId": e.gatewayID, "name": "drifting", "description": "as coded",
		"addresses": []any{"0.0.0.0"}, "ports": []any{"9092"}}
	o := h.create("Listener", "drifting", inputs)
	require.NoError(t, emu.Mutate(konnectemu.KindListener, o.ID, func(body map[string]any) {
		body["description"] = "edited in the UI"
		body["ports"] = []any{9092, 9093}
	}))
	refreshed := h.read(o)
	assert.Equal(t, "edited in the UI", str(t, refreshed.State, "description"))
	assert.Equal(t, []any{"9092", "9093"}, plain(refreshed.State)["ports"])
	d := h.diff(refreshed, inputs)
	assertUpdates(t, d, "description", "ports")
	h.update(refreshed, inputs)
	assert.Equal(t, "as coded", stored(t, konnectemu.KindListener, o.ID)["description"])

	require.NoError(t, emu.Delete(konnectemu.KindListener, o.ID))
	assert.Empty(t, h.read(o).ID, "an object deleted in Konnect leaves the stack on refresh")
}

// TestCheck: validation failures name the offending property.
func TestCheck(t *testing.T) {
	h := newHarness(t)
	const gw = "7f1c9d2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f"
	cases := []struct {
		typ    string
		inputs map[string]any
		want   []p.CheckFailure
	}{
		{"BackendCluster", map[string]any{
			"gatewayId": gw, "name": "bc", "bootstrapServers": []any{"kafka", "ok:9092"},
			"authentication": map[string]any{"type": "sasl_scram", "username": "u", "password": "p"},
			"tls":            map[string]any{"enabled": true, "tlsVersions": []any{"tls11"}},
		}, []p.CheckFailure{
			{Property: "bootstrapServers[0]", Reason: `"kafka" must be host:port with a port between 1 and 65535`},
			{Property: "authentication.algorithm", Reason: `is required when type is "sasl_scram"`},
			{Property: "tls.tlsVersions[0]", Reason: `"tls11" must be one of "tls12", "tls13"`},
		}},
		{"VirtualCluster", map[string]any{
			"gatewayId": gw, "name": "vc", "destination": map[string]any{}, "aclMode": "open", "dnsLabel": "Not_A_Label",
			"authentication": []any{map[string]any{"type": "sasl_plain"}},
		}, []p.CheckFailure{
			{Property: "destination", Reason: "set exactly one of id and name"},
			{Property: "dnsLabel", Reason: `"Not_A_Label" must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`},
			{Property: "aclMode", Reason: `"open" must be one of "enforce_on_gateway", "passthrough"`},
			{Property: "authentication[0].mediation", Reason: `is required when type is "sasl_plain"`},
		}},
		{"Listener", map[string]any{
			"gatewayId": gw, "name": "l", "addresses": []any{"0.0.0.0", "10.0.0.1"}, "ports": []any{"9095-9092", "http"},
		}, []p.CheckFailure{
			{Property: "addresses[0]", Reason: `"0.0.0.0" must be the only address`},
			{Property: "ports[0]", Reason: `"9095-9092" must be a port or a range of ports within 1-65535, such as "9092" or "9092-9095"`},
			{Property: "ports[1]", Reason: `"http" must be a port or a range of ports within 1-65535, such as "9092" or "9092-9095"`},
		}},
		{"ListenerPolicy", map[string]any{
			"gatewayId": gw, "listenerId": gw, "type": "forward_to_virtual_cluster",
			"tlsServer": map[string]any{"certificates": []any{}},
		}, []p.CheckFailure{
			{Property: "forwardToVirtualCluster", Reason: `is required when type is "forward_to_virtual_cluster"`},
			{Property: "tlsServer", Reason: `does not apply when type is "forward_to_virtual_cluster"`},
			{Property: "tlsServer.certificates", Reason: "must have exactly one certificate, not 0"},
		}},
		{"ListenerPolicy", map[string]any{
			"gatewayId": gw, "listenerId": gw, "type": "forward_to_virtual_cluster",
			"forwardToVirtualCluster": map[string]any{"type": "sni", "sniSuffix": "keg.example.com", "advertisedHost": "x"},
		}, []p.CheckFailure{
			{Property: "forwardToVirtualCluster", Reason: `destination, advertisedHost, bootstrapPort and minBrokerId do not apply when type is "sni"`},
			{Property: "forwardToVirtualCluster.sniSuffix", Reason: `"keg.example.com" must start with "." or "-" followed by lowercase DNS labels, such as ".keg.example.com"`},
		}},
		{"ConsumePolicy", map[string]any{
			"gatewayId": gw, "virtualClusterId": gw, "type": "decrypt_fields",
			"decryptFields": map[string]any{"failureMode": "reject", "keySources": []any{map[string]any{"type": "static"}}},
		}, []p.CheckFailure{
			{Property: "parentPolicyId", Reason: `is required when type is "decrypt_fields"`},
			{Property: "decryptFields.failureMode", Reason: `"reject" must be one of "error", "skip", "passthrough", "mark"`},
			{Property: "decryptFields", Reason: "set exactly one of paths and pathsExpression"},
		}},
		{"ProducePolicy", map[string]any{
			"gatewayId": gw, "virtualClusterId": gw, "type": "encrypt",
			"encrypt": map[string]any{"failureMode": "error", "partOfRecord": []any{"headers"},
				"encryptionKey": map[string]any{"type": "aws", "arn": "kms-key"}},
		}, []p.CheckFailure{
			{Property: "encrypt.partOfRecord[0]", Reason: `"headers" must be one of "key", "value"`},
			{Property: "encrypt.encryptionKey.arn", Reason: `"kms-key" must be an AWS KMS key ARN (arn:aws:kms:...)`},
		}},
		{"EventGateway", map[string]any{"name": "gw", "minRuntimeVersion": "1", "labels": map[string]any{"konnect-x": "y"}},
			[]p.CheckFailure{
				{Property: `labels["konnect-x"]`, Reason: `key "konnect-x" must be 1-63 characters, not starting with "kong", "konnect", "mesh", "kic", "_"`},
				{Property: "minRuntimeVersion", Reason: `"1" must be major.minor, such as 1.2`},
			}},
	}
	for _, c := range cases {
		t.Run(c.typ, func(t *testing.T) {
			res, err := h.s.Check(p.CheckRequest{Urn: urn(c.typ, "x"), Inputs: props(c.inputs)})
			require.NoError(t, err)
			assert.ElementsMatch(t, c.want, res.Failures)
		})
	}
}

// TestPreviewWithUnknowns: values not known during a preview are not validated, and the preview succeeds.
func TestPreviewWithUnknowns(t *testing.T) {
	h := newHarness(t)
	unknown := resource.MakeComputed(resource.NewStringProperty(""))
	res, err := h.s.Check(p.CheckRequest{Urn: urn("BackendCluster", "preview"), Inputs: props(map[string]any{
		"gatewayId": unknown, "name": "preview", "bootstrapServers": unknown,
		"authentication": map[string]any{"type": "anonymous"}, "tls": map[string]any{"enabled": false},
	})})
	require.NoError(t, err)
	assert.Empty(t, res.Failures)
	_, err = h.s.Create(p.CreateRequest{Urn: urn("BackendCluster", "preview"), Properties: res.Inputs, DryRun: true})
	assert.NoError(t, err)

	res, err = h.s.Check(p.CheckRequest{Urn: urn("ListenerPolicy", "preview"), Inputs: props(map[string]any{
		"gatewayId": unknown, "listenerId": unknown, "type": "tls_server",
		"tlsServer": map[string]any{"certificates": unknown},
	})})
	require.NoError(t, err)
	assert.Empty(t, res.Failures)
	_, err = h.s.Create(p.CreateRequest{Urn: urn("ListenerPolicy", "preview"), Properties: res.Inputs, DryRun: true})
	assert.NoError(t, err)
}

// anyList converts strings to the []any of property inputs.
func anyList(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}
