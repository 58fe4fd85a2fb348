package e2e

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// Kinds the components create.
var (
	secretKind         = schema.GroupVersionKind{Version: "v1", Kind: "Secret"}
	authKind           = schema.GroupVersionKind{Group: "konnect.konghq.com", Version: "v1alpha1", Kind: "KonnectAPIAuthConfiguration"}
	konnectGatewayKind = schema.GroupVersionKind{Group: "konnect.konghq.com", Version: "v1alpha1", Kind: "KonnectEventGateway"}
	backendKind        = schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayBackendCluster"}
	virtualClusterKind = schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayVirtualCluster"}
	listenerKind       = schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayListener"}
	policyKind         = schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayListenerPolicy"}
	dataPlaneKind      = schema.GroupVersionKind{Group: "eventgateway.konghq.com", Version: "v1alpha1", Kind: "KegDataPlane"}
	gatewayKind        = schema.GroupVersionKind{Group: "gateway.networking.k8s.io", Version: "v1", Kind: "Gateway"}
	routeKind          = schema.GroupVersionKind{Group: "gateway.networking.k8s.io", Version: "v1", Kind: "TLSRoute"}
	certificateKind    = schema.GroupVersionKind{Group: "cert-manager.io", Version: "v1", Kind: "Certificate"}
	dnsEndpointKind    = schema.GroupVersionKind{Group: "externaldns.k8s.io", Version: "v1alpha1", Kind: "DNSEndpoint"}
	registryKind       = schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewaySchemaRegistry"}
	aclPolicyKind      = schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayVirtualClusterPolicy"}
	consumePolicyKind  = schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayVirtualClusterConsumePolicy"}
	producePolicyKind  = schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayVirtualClusterProducePolicy"}
)

// allKinds are listed to prove a namespace empty after destroy.
var allKinds = []schema.GroupVersionKind{
	secretKind, authKind, konnectGatewayKind, backendKind, virtualClusterKind, listenerKind, policyKind,
	dataPlaneKind, gatewayKind, routeKind, certificateKind, dnsEndpointKind, registryKind, aclPolicyKind,
	consumePolicyKind, producePolicyKind,
}

// object names one object of a namespace.
type object struct {
	kind schema.GroupVersionKind
	name string
}

// requireObjects fails unless the API server holds every object in namespace.
func requireObjects(t *testing.T, ctx context.Context, namespace string, objects []object) {
	t.Helper()
	for _, o := range objects {
		get(t, ctx, o.kind, namespace, o.name)
	}
}

// testContext is the test's context with a deadline for a whole lifecycle.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 8*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// createNamespace creates namespace name for one test and deletes it afterwards.
func createNamespace(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	namespace := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
	require.NoError(t, local.Cluster.Client.Create(ctx, namespace))
	t.Cleanup(func() { _ = local.Cluster.Client.Delete(context.Background(), namespace) })
}

// get reads one object, or fails the test.
func get(t *testing.T, ctx context.Context, kind schema.GroupVersionKind, namespace, name string) *unstructured.Unstructured {
	t.Helper()
	object := &unstructured.Unstructured{}
	object.SetGroupVersionKind(kind)
	require.NoError(t, local.Cluster.Client.Get(ctx, client.ObjectKey{Namespace: namespace, Name: name}, object),
		"%s %s/%s", kind.Kind, namespace, name)
	return object
}

// names lists the names of the objects of kind in namespace.
func names(t *testing.T, ctx context.Context, kind schema.GroupVersionKind, namespace string) []string {
	t.Helper()
	list := &unstructured.UnstructuredList{}
	list.SetGroupVersionKind(kind.GroupVersion().WithKind(kind.Kind + "List"))
	require.NoError(t, local.Cluster.Client.List(ctx, list, client.InNamespace(namespace)), kind.Kind)
	var found []string
	for _, item := range list.Items {
		found = append(found, item.GetName())
	}
	return found
}

// requireEmpty fails unless namespace holds no object of any kind the components create.
func requireEmpty(t *testing.T, ctx context.Context, namespace string) {
	t.Helper()
	for _, kind := range allKinds {
		require.Empty(t, names(t, ctx, kind, namespace), "%s objects left in %s", kind.Kind, namespace)
	}
}

// field reads a nested field of object, or fails the test.
func field(t *testing.T, object *unstructured.Unstructured, path ...string) any {
	t.Helper()
	value, found, err := unstructured.NestedFieldNoCopy(object.Object, path...)
	require.NoError(t, err)
	require.True(t, found, "%s %s has no %v", object.GetKind(), object.GetName(), path)
	return value
}

// playGatewayController stands in for a Gateway controller: once the Gateway namespace/name exists it reports
// address in its status, as the component waits for. The returned channel yields the outcome.
func playGatewayController(ctx context.Context, namespace, name, address string) <-chan error {
	done := make(chan error, 1)
	go func() {
		ticker := time.NewTicker(200 * time.Millisecond)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				done <- ctx.Err()
				return
			case <-ticker.C:
			}
			gateway := &unstructured.Unstructured{}
			gateway.SetGroupVersionKind(gatewayKind)
			err := local.Cluster.Client.Get(ctx, client.ObjectKey{Namespace: namespace, Name: name}, gateway)
			if apierrors.IsNotFound(err) {
				continue
			}
			if err == nil {
				err = unstructured.SetNestedSlice(gateway.Object, []any{
					map[string]any{"type": addressType(address), "value": address},
				}, "status", "addresses")
			}
			if err == nil {
				err = local.Cluster.Client.Status().Update(ctx, gateway)
			}
			if apierrors.IsConflict(err) {
				continue
			}
			done <- err
			return
		}
	}()
	return done
}

// addressType is the Gateway API address type of address.
func addressType(address string) string {
	if net.ParseIP(address) == nil {
		return "Hostname"
	}
	return "IPAddress"
}
