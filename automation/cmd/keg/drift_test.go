package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// driftSpec deploys a port-mapped and an SNI gateway into namespace ns: a listener with ports, a token Secret and
// a TLSRoute to tamper with.
const driftSpec = `
stack: drift
local: true
gateways:
  - name: pm
    portMapped:
      namespace: %[1]s
      advertisedHost: 10.0.1.1
      backendCluster: {bootstrapServers: ["kafka:9092"], brokerCount: 3}
      virtualClusters: [{name: orders}]
  - name: sni
    sni:
      namespace: %[1]s
      sniSuffix: .keg.example.com
      backendCluster: {bootstrapServers: ["kafka:9092"], brokerCount: 3}
      virtualClusters: [{name: payments, dnsLabel: payments}]
      edge: {gatewayClassName: kong, port: 9092, address: 192.0.2.10}
      tls:
        issuer: {name: letsencrypt, kind: ClusterIssuer}
`

// TestDrift: a listener's ports patched with kubectl's field manager, a TLSRoute deleted and the token Secret
// overwritten out of band are all shown by preview (which refreshes by default) and repaired by up, which takes
// the patched fields back and replaces the Secret.
func TestDrift(t *testing.T) {
	ctx, c, ns := context.Background(), local.Cluster.Client, "keg-drift"
	require.NoError(t, client.IgnoreAlreadyExists(c.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})))
	file := writeSpec(t, fmt.Sprintf(driftSpec, ns))
	state := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		code, out, errOut := keg(t, append(args, "-f", file, "--state-dir", state)...)
		require.Equal(t, exitOK, code, out+errOut)
		return out
	}
	run("up", "--yes")
	t.Cleanup(func() { run("destroy", "--yes") })

	listener := only(t, ns, schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayListener"}, "pm")
	ports, _, err := unstructured.NestedSlice(listener.Object, "spec", "apiSpec", "ports")
	require.NoError(t, err)
	require.NotEmpty(t, ports)
	route := only(t, ns, schema.GroupVersionKind{Group: "gateway.networking.k8s.io", Version: "v1alpha2", Kind: "TLSRoute"}, "sni")
	var secrets corev1.SecretList
	require.NoError(t, c.List(ctx, &secrets, client.InNamespace(ns), client.MatchingLabels{"konghq.com/credential": "konnect"}))
	require.Len(t, secrets.Items, 2)
	secret := secrets.Items[0]
	token := string(secret.Data["token"])

	// Out of band, as kubectl patch, kubectl delete and kubectl edit would.
	require.NoError(t, c.Patch(ctx, listener, client.RawPatch(types.MergePatchType,
		[]byte(`{"spec":{"apiSpec":{"ports":["19092-19095"]}}}`)), client.FieldOwner("kubectl-patch")))
	require.NoError(t, c.Delete(ctx, route))
	secret.Data["token"] = []byte("kpat_overwritten")
	require.NoError(t, c.Update(ctx, &secret, client.FieldOwner("kubectl-edit")))

	changed := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(run("preview", "--json")), "\n") {
		var e struct {
			Type    string
			Payload stepPayload
		}
		require.NoError(t, json.Unmarshal([]byte(line), &e))
		if e.Type == "step" && (e.Payload.Op == "create" || e.Payload.Op == "update" || e.Payload.Op == "replace") {
			changed[e.Payload.URN[strings.LastIndex(e.Payload.URN, "::")+2:]] = e.Payload.Op
		}
	}
	require.Equal(t, map[string]string{
		listener.GetName(): "update", route.GetName(): "create", secret.Name: "replace",
	}, changed, "preview shows each change made out of band, and nothing else (a Secret's data is replaced)")

	run("up", "--yes")
	require.NoError(t, c.Get(ctx, client.ObjectKeyFromObject(listener), listener))
	repaired, _, err := unstructured.NestedSlice(listener.Object, "spec", "apiSpec", "ports")
	require.NoError(t, err)
	require.Equal(t, ports, repaired, "the ports are Pulumi's again")
	require.NoError(t, c.Get(ctx, client.ObjectKeyFromObject(route), route), "the TLSRoute is back")
	require.NoError(t, c.Get(ctx, client.ObjectKeyFromObject(&secret), &secret))
	require.Equal(t, token, string(secret.Data["token"]))
	run("preview", "--expect-no-changes")
}

// only returns the one object of kind gvk in namespace ns whose name starts with prefix.
func only(t *testing.T, ns string, gvk schema.GroupVersionKind, prefix string) *unstructured.Unstructured {
	t.Helper()
	list := &unstructured.UnstructuredList{}
	list.SetGroupVersionKind(gvk.GroupVersion().WithKind(gvk.Kind + "List"))
	require.NoError(t, local.Cluster.Client.List(context.Background(), list, client.InNamespace(ns)))
	var found []*unstructured.Unstructured
	for i := range list.Items {
		if strings.HasPrefix(list.Items[i].GetName(), prefix) {
			found = append(found, &list.Items[i])
		}
	}
	require.Len(t, found, 1, "one %s named %s*", gvk.Kind, prefix)
	return found[0]
}
