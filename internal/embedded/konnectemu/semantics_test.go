package konnectemu

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixture is a gateway with a backend cluster, a virtual cluster and a listener.
type fixture struct {
	emu                 *Server
	gw, bc, vc, lis     string
	gwPath, lisPolicies string
}

func newFixture(t *testing.T) fixture {
	emu := newEmulator(t)
	f := fixture{emu: emu}
	f.gw = mustCreate(t, emu, "/v1/event-gateways", gatewayBody("gw"))
	f.gwPath = "/v1/event-gateways/" + f.gw
	f.bc = mustCreate(t, emu, f.gwPath+"/backend-clusters", backendClusterBody("bc"))
	f.vc = mustCreate(t, emu, f.gwPath+"/virtual-clusters", virtualClusterBody("vc", obj{"name": "bc"}))
	f.lis = mustCreate(t, emu, f.gwPath+"/listeners", listenerBody("lis"))
	f.lisPolicies = f.gwPath + "/listeners/" + f.lis + "/policies"
	return f
}

func TestNamesAreUniqueAmongSiblings(t *testing.T) {
	f := newFixture(t)
	status, _ := raw(t, f.emu, http.MethodPost, f.gwPath+"/listeners", listenerBody("lis"))
	assert.Equal(t, http.StatusConflict, status)
	status, _ = raw(t, f.emu, http.MethodPost, "/v1/event-gateways", gatewayBody("gw"))
	assert.Equal(t, http.StatusConflict, status)

	other := mustCreate(t, f.emu, "/v1/event-gateways", gatewayBody("gw2"))
	mustCreate(t, f.emu, "/v1/event-gateways/"+other+"/listeners", listenerBody("lis"))

	second := mustCreate(t, f.emu, f.gwPath+"/listeners", listenerBody("lis2"))
	status, _ = raw(t, f.emu, http.MethodPut, f.gwPath+"/listeners/"+second, listenerBody("lis"))
	assert.Equal(t, http.StatusConflict, status, "renaming onto a sibling")
	status, _ = raw(t, f.emu, http.MethodPut, f.gwPath+"/listeners/"+second, listenerBody("lis2"))
	assert.Equal(t, http.StatusOK, status, "keeping its own name")
	assert.Empty(t, f.emu.ValidationErrors())
}

func TestParentsMustExist(t *testing.T) {
	f := newFixture(t)
	missing := "9524ec7d-36d9-465d-a8c5-83a3c9390458"
	for _, path := range []string{
		"/v1/event-gateways/" + missing + "/listeners",
		f.gwPath + "/listeners/" + missing + "/policies",
		f.gwPath + "/virtual-clusters/" + missing + "/consume-policies",
		// A listener of another gateway is not found under this one.
		"/v1/event-gateways/" + mustCreate(t, f.emu, "/v1/event-gateways", gatewayBody("other")) + "/listeners/" + f.lis + "/policies",
	} {
		status, body := raw(t, f.emu, http.MethodGet, path, nil)
		assert.Equal(t, http.StatusNotFound, status, path)
		assert.Equal(t, 404.0, body.(obj)["status"])
	}
	status, _ := raw(t, f.emu, http.MethodPost, "/v1/event-gateways/"+missing+"/listeners", listenerBody("x"))
	assert.Equal(t, http.StatusNotFound, status)
	assert.Empty(t, f.emu.ValidationErrors())
}

func TestReferencesMustExist(t *testing.T) {
	f := newFixture(t)

	status, body := raw(t, f.emu, http.MethodPost, f.gwPath+"/virtual-clusters", virtualClusterBody("vc2", obj{"name": "nope"}))
	assert.Equal(t, http.StatusBadRequest, status)
	param := body.(obj)["invalid_parameters"].([]any)[0].(obj)
	assert.Equal(t, obj{"field": "destination", "rule": "missing_reference", "source": "body", "reason": `backend-cluster "nope" does not exist`}, param)

	status, body = raw(t, f.emu, http.MethodPost, f.lisPolicies, forwardPolicyBody("fwd", obj{"name": "nope"}))
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "config.destination", body.(obj)["invalid_parameters"].([]any)[0].(obj)["field"])

	// A backend cluster of another gateway does not count.
	other := mustCreate(t, f.emu, "/v1/event-gateways", gatewayBody("other"))
	otherBC := mustCreate(t, f.emu, "/v1/event-gateways/"+other+"/backend-clusters", backendClusterBody("bc"))
	status, _ = raw(t, f.emu, http.MethodPost, f.gwPath+"/virtual-clusters", virtualClusterBody("vc2", obj{"id": otherBC}))
	assert.Equal(t, http.StatusBadRequest, status)

	mustCreate(t, f.emu, f.lisPolicies, forwardPolicyBody("fwd", obj{"name": "vc"}))
	assert.Empty(t, f.emu.ValidationErrors())
}

func TestDeleteCascadesAndRespectsReferences(t *testing.T) {
	f := newFixture(t)
	mustCreate(t, f.emu, f.lisPolicies, forwardPolicyBody("fwd", obj{"id": f.vc}))
	mustCreate(t, f.emu, f.gwPath+"/virtual-clusters/"+f.vc+"/produce-policies", modifyHeadersBody("hdr"))

	status, body := raw(t, f.emu, http.MethodDelete, f.gwPath+"/backend-clusters/"+f.bc, nil)
	assert.Equal(t, http.StatusConflict, status, "the virtual cluster uses it: %v", body)
	status, _ = raw(t, f.emu, http.MethodDelete, f.gwPath+"/virtual-clusters/"+f.vc, nil)
	assert.Equal(t, http.StatusConflict, status, "the forward policy uses it")

	status, _ = raw(t, f.emu, http.MethodDelete, f.gwPath+"/listeners/"+f.lis, nil)
	assert.Equal(t, http.StatusNoContent, status, "takes its policies along")
	status, _ = raw(t, f.emu, http.MethodDelete, f.gwPath+"/virtual-clusters/"+f.vc, nil)
	assert.Equal(t, http.StatusNoContent, status)
	assert.Equal(t, 2, f.emu.Count(), "gateway and backend cluster are left")

	status, _ = raw(t, f.emu, http.MethodDelete, f.gwPath, nil)
	assert.Equal(t, http.StatusNoContent, status)
	assert.Zero(t, f.emu.Count())
	status, _ = raw(t, f.emu, http.MethodDelete, f.gwPath, nil)
	assert.Equal(t, http.StatusNotFound, status)
}

func TestListFiltersAndPages(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"alpha", "beta", "Alphabet"} {
		mustCreate(t, f.emu, f.gwPath+"/listeners", listenerBody(name))
	}

	_, body := raw(t, f.emu, http.MethodGet, f.gwPath+"/listeners?filter[name][contains]=alpha", nil)
	assert.Len(t, body.(obj)["data"], 2, "contains, case-insensitive")

	_, body = raw(t, f.emu, http.MethodGet, f.gwPath+"/listeners?page[size]=3", nil)
	page := body.(obj)
	assert.Len(t, page["data"], 3)
	next := page["meta"].(obj)["page"].(obj)["next"].(string)
	_, body = raw(t, f.emu, http.MethodGet, next, nil)
	assert.Len(t, body.(obj)["data"], 1)
	assert.Nil(t, body.(obj)["meta"].(obj)["page"].(obj)["next"])

	mustCreate(t, f.emu, f.lisPolicies, forwardPolicyBody("fwd", obj{"name": "vc"}))
	_, body = raw(t, f.emu, http.MethodGet, f.gwPath+"/listeners?filter[virtual_cluster_id][eq]="+f.vc, nil)
	assert.Len(t, body.(obj)["data"], 1)
	_, body = raw(t, f.emu, http.MethodGet, f.gwPath+"/virtual-clusters?filter[backend_cluster_id][eq]="+f.bc, nil)
	assert.Len(t, body.(obj)["data"], 1)

	_, body = raw(t, f.emu, http.MethodGet, f.lisPolicies, nil)
	assert.Len(t, body.([]any), 1, "policy lists are bare arrays")
	assert.Empty(t, f.emu.ValidationErrors())
}

func TestPolicyChainOrder(t *testing.T) {
	f := newFixture(t)
	path := f.gwPath + "/virtual-clusters/" + f.vc + "/consume-policies"
	a := mustCreate(t, f.emu, path, modifyHeadersBody("a"))
	c := mustCreate(t, f.emu, path, modifyHeadersBody("c"))
	b := mustCreate(t, f.emu, path+"?before="+c, modifyHeadersBody("b"))
	chain := f.gwPath + "/virtual-clusters/" + f.vc + "/consume-policy-chain"

	_, body := raw(t, f.emu, http.MethodGet, chain, nil)
	assert.Equal(t, obj{"policies": []any{a, b, c}}, body)

	status, _ := raw(t, f.emu, http.MethodPost, path+"/"+a+"/move", obj{"index": 2})
	assert.Equal(t, http.StatusNoContent, status)
	_, body = raw(t, f.emu, http.MethodGet, chain, nil)
	assert.Equal(t, obj{"policies": []any{b, c, a}}, body)

	status, body = raw(t, f.emu, http.MethodPut, chain, obj{"policies": []any{c, a, b}})
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, obj{"policies": []any{c, a, b}}, body)
	status, _ = raw(t, f.emu, http.MethodPut, chain, obj{"policies": []any{c, a}})
	assert.Equal(t, http.StatusBadRequest, status, "the chain must be complete")

	status, _ = raw(t, f.emu, http.MethodPost, path+"?before="+a+"&after="+b, modifyHeadersBody("d"))
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Empty(t, f.emu.ValidationErrors())
}

func TestChildPolicies(t *testing.T) {
	f := newFixture(t)
	path := f.gwPath + "/virtual-clusters/" + f.vc + "/produce-policies"
	parent := mustCreate(t, f.emu, path, modifyHeadersBody("parent"))
	child := modifyHeadersBody("child")
	child["parent_policy_id"] = parent
	mustCreate(t, f.emu, path, child)

	_, body := raw(t, f.emu, http.MethodGet, path+"?filter[parent_policy_id]="+parent, nil)
	assert.Len(t, body.([]any), 1)
	child["name"], child["parent_policy_id"] = "orphan", "9524ec7d-36d9-465d-a8c5-83a3c9390458"
	status, _ := raw(t, f.emu, http.MethodPost, path, child)
	assert.Equal(t, http.StatusBadRequest, status)

	status, _ = raw(t, f.emu, http.MethodDelete, path+"/"+parent, nil)
	assert.Equal(t, http.StatusNoContent, status)
	_, body = raw(t, f.emu, http.MethodGet, path, nil)
	assert.Empty(t, body, "children go with their parent")
}

func TestSecrets(t *testing.T) {
	f := newFixture(t)
	bcPath := f.gwPath + "/backend-clusters/" + f.bc

	_, body := raw(t, f.emu, http.MethodGet, bcPath, nil)
	assert.Equal(t, obj{"type": "sasl_plain", "username": "user"}, body.(obj)["authentication"])

	update := backendClusterBody("bc")
	delete(update["authentication"].(obj), "password")
	update["tls"] = obj{"enabled": true, "client_identity": obj{"certificate": "${vault.env['CERT']}", "key": "plain-key"}}
	status, body := raw(t, f.emu, http.MethodPut, bcPath, update)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, obj{"certificate": "${vault.env['CERT']}"}, body.(obj)["tls"].(obj)["client_identity"],
		"the key is left out although the response schema requires it")
	stored := findObject(t, f.emu, KindBackendCluster, f.bc).Body
	assert.Equal(t, "s3cret", stored["authentication"].(obj)["password"], "an omitted secret is kept")

	update["authentication"] = obj{"type": "sasl_plain", "username": "user", "password": "${vault.env['PW']}"}
	_, body = raw(t, f.emu, http.MethodPut, bcPath, update)
	assert.Equal(t, "${vault.env['PW']}", body.(obj)["authentication"].(obj)["password"], "expressions are returned")

	update["authentication"] = obj{"type": "anonymous"}
	raw(t, f.emu, http.MethodPut, bcPath, update)
	assert.Equal(t, obj{"type": "anonymous"}, findObject(t, f.emu, KindBackendCluster, f.bc).Body["authentication"],
		"a different credential does not inherit the secret")

	key := mustCreate(t, f.emu, f.gwPath+"/static-keys", obj{"name": "key", "value": "plain"})
	_, body = raw(t, f.emu, http.MethodGet, f.gwPath+"/static-keys/"+key, nil)
	assert.NotContains(t, body, "value")
	assert.Empty(t, f.emu.ValidationErrors())
}

func TestDataPlaneCertificateMetadata(t *testing.T) {
	f := newFixture(t)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "dp"}, DNSNames: []string{"dp.local"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	certPEM := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))

	status, body := raw(t, f.emu, http.MethodPost, f.gwPath+"/data-plane-certificates", obj{"certificate": certPEM, "name": "dp"})
	require.Equal(t, http.StatusCreated, status)
	md := body.(obj)["metadata"].(obj)
	assert.Equal(t, "CN=dp", md["subject"])
	assert.Equal(t, []any{"dp.local"}, md["dns_names"])
	assert.Equal(t, []any{"digital_signature"}, md["key_usages"])

	status, _ = raw(t, f.emu, http.MethodPost, f.gwPath+"/data-plane-certificates", obj{"certificate": "not a certificate"})
	assert.Equal(t, http.StatusBadRequest, status)
}

func TestOutOfBandHelpers(t *testing.T) {
	f := newFixture(t)
	_, body := raw(t, f.emu, http.MethodGet, f.gwPath, nil)
	version := body.(obj)["version"]

	require.NoError(t, f.emu.Mutate(KindListener, f.lis, func(b map[string]any) { b["description"] = "changed in the UI" }))
	_, body = raw(t, f.emu, http.MethodGet, f.gwPath+"/listeners/"+f.lis, nil)
	assert.Equal(t, "changed in the UI", body.(obj)["description"])
	_, body = raw(t, f.emu, http.MethodGet, f.gwPath, nil)
	assert.NotEqual(t, version, body.(obj)["version"], "every change moves the gateway version")

	assert.Error(t, f.emu.Delete(KindBackendCluster, f.bc), "the virtual cluster references it")
	require.NoError(t, f.emu.Delete(KindVirtualCluster, f.vc))
	require.NoError(t, f.emu.Delete(KindBackendCluster, f.bc))
	assert.Error(t, f.emu.Mutate(KindBackendCluster, f.bc, func(map[string]any) {}))
	assert.Error(t, f.emu.Mutate(KindGateway, f.lis, func(map[string]any) {}), "the kind must match")

	kinds := map[Kind]int{}
	for _, o := range f.emu.Snapshot() {
		kinds[o.Kind]++
	}
	assert.Equal(t, map[Kind]int{KindGateway: 1, KindListener: 1}, kinds)

	f.emu.ResetCalls()
	assert.Zero(t, f.emu.WriteCalls())
	assert.Empty(t, f.emu.Calls())
}

func TestSchemaDefaultsAreStored(t *testing.T) {
	f := newFixture(t)
	_, body := raw(t, f.emu, http.MethodGet, f.gwPath+"/backend-clusters/"+f.bc, nil)
	bc := body.(obj)
	assert.Equal(t, "", bc["description"])
	assert.Equal(t, 60.0, bc["metadata_update_interval_seconds"])
	assert.Equal(t, false, bc["tls"].(obj)["insecure_skip_verify"])
}

func TestGatewayUpdateKeepsOmittedFields(t *testing.T) {
	emu := newEmulator(t)
	gw := mustCreate(t, emu, "/v1/event-gateways", obj{"name": "gw", "min_runtime_version": "1.1", "description": "d"})

	status, body := raw(t, emu, http.MethodPut, "/v1/event-gateways/"+gw, obj{"labels": obj{"team": "a"}})
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "gw", body.(obj)["name"])
	assert.Equal(t, "1.1", body.(obj)["min_runtime_version"])
	assert.NotContains(t, body, "description", "PUT replaces the rest")

	status, body = raw(t, emu, http.MethodPatch, "/v1/event-gateways/"+gw, obj{"description": "patched", "labels": nil})
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, "patched", body.(obj)["description"])
	assert.NotContains(t, body, "labels", "null removes a field")
	assert.Empty(t, emu.ValidationErrors())
}

func TestAnonymousVirtualClusterNeedsPermissiveBackend(t *testing.T) {
	f := newFixture(t)
	strict := backendClusterBody("strict")
	strict["insecure_allow_anonymous_virtual_cluster_auth"] = false
	mustCreate(t, f.emu, f.gwPath+"/backend-clusters", strict)

	status, _ := raw(t, f.emu, http.MethodPost, f.gwPath+"/virtual-clusters", virtualClusterBody("anon", obj{"name": "strict"}))
	assert.Equal(t, http.StatusBadRequest, status)
	sasl := virtualClusterBody("sasl", obj{"name": "strict"})
	sasl["authentication"] = []any{obj{"type": "sasl_plain", "mediation": "passthrough"}}
	mustCreate(t, f.emu, f.gwPath+"/virtual-clusters", sasl)
}
