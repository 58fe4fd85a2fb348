package konnect

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSameValue(t *testing.T) {
	same := func(a, b any) bool { return sameValue(reflect.ValueOf(a), reflect.ValueOf(b)) }
	assert.True(t, same(ListenerArgs{}, ListenerArgs{Description: new(""), Labels: map[string]string{}}), "unset is empty")
	assert.False(t, same(ListenerArgs{Name: "a"}, ListenerArgs{Name: "b"}))
	assert.True(t, same(Ref{Name: new("vc")}, Ref{ID: new("1"), Name: new("vc")}), "by name")
	assert.False(t, same(Ref{ID: new("1")}, Ref{ID: new("2"), Name: new("vc")}), "by id")
	assert.True(t, same(ClientIdentity{Certificate: "c", Key: "k"}, ClientIdentity{Certificate: "c"}), "secrets are skipped")
}

func TestReconcile(t *testing.T) {
	prior := ListenerArgs{Name: "l", Ports: []string{"9092"}}
	api := ListenerArgs{Name: "l", Description: new(""), Ports: []string{"9092", "9093"}}
	got := reconcile(prior, api)
	assert.Nil(t, got.Description, "prior spelling kept")
	assert.Equal(t, []string{"9092", "9093"}, got.Ports, "drift kept")
}

func TestWithDefaultsCopies(t *testing.T) {
	in := ListenerPolicyArgs{Type: "tls_server", TLSServer: &TLSServerConfig{}}
	d := withDefaults(in)
	assert.Equal(t, "TLSv1.2", *d.TLSServer.Versions.Min)
	assert.True(t, *d.Enabled)
	assert.Nil(t, in.TLSServer.Versions, "the original is untouched")
	assert.Nil(t, in.Enabled)
}

func TestPolicyJSON(t *testing.T) {
	a := ConsumePolicyArgs{GatewayID: "g", Type: "decrypt_fields", ParentPolicyID: new("p"),
		PolicyBase:    PolicyBase{Name: new("n")},
		DecryptFields: &DecryptFieldsPolicyConfig{FailureMode: "mark", KeySources: []DecryptionKeySource{{Type: "static"}}, Paths: []string{"$.a"}}}
	b, err := policyJSON(&a, string(a.Type))
	assert.NoError(t, err)
	assert.JSONEq(t, `{"type":"decrypt_fields","name":"n","parent_policy_id":"p","config":{"failure_mode":"mark",
		"key_sources":[{"type":"static"}],"decrypt_fields":{"paths":[{"match":"$.a"}]}}}`, string(b))
	_, back, err := decodeConsumePolicy(b)
	assert.NoError(t, err)
	assert.Equal(t, a.DecryptFields, back.DecryptFields)
}
