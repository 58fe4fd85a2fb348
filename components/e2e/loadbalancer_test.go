package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
)

// TestAdvertisedHostFromTheLoadBalancer: with advertisedHostFromLoadBalancer, one up creates the data plane, waits
// until it is Ready and for the address the cloud writes into its LoadBalancer Service's status (this test creates
// the Service and reports Ready, as the operator would, and writes the address, as the cloud would), and creates the
// forwarding policy advertising it.
func TestAdvertisedHostFromTheLoadBalancer(t *testing.T) {
	ctx := testContext(t)
	const ns, address = "e2e-loadbalancer", "203.0.113.9"
	createNamespace(t, ctx, ns)
	args := portMappedArgs(ns)
	args.AdvertisedHost = ""
	args.AdvertisedHostFromLoadBalancer = &components.LoadBalancerAddressArgs{TimeoutSeconds: 120}
	stack, err := local.Env.Stack(ctx, "e2e-loadbalancer", "dev", func(ctx *pulumi.Context) error {
		gateway, err := components.NewPortMappedGateway(ctx, "pm", args)
		if err != nil {
			return err
		}
		ctx.Export("bootstrapServers", gateway.BootstrapServers)
		ctx.Export("advertisedHost", gateway.AdvertisedHost)
		return nil
	})
	require.NoError(t, err)

	cloud := playLoadBalancer(ctx, ns, "pm-dp", "pm-dp-kafka", address)
	up, err := stack.Up(ctx)
	require.NoError(t, err, up.Stdout)
	require.NoError(t, <-cloud)
	assert.Equal(t, address, field(t, get(t, ctx, policyKind, ns, "pm-example-virtual-cluster-forward"),
		"spec", "apiSpec", "forwardToVirtualCluster", "config", "portMapping", "advertisedHost"))
	assert.Equal(t, address, up.Outputs["advertisedHost"].Value)
	assert.Equal(t, map[string]any{"example_virtual_cluster": address + ":9092"}, up.Outputs["bootstrapServers"].Value)

	again, err := stack.Up(ctx)
	require.NoError(t, err, again.Stdout)
	assert.Zero(t, again.Creates+again.Updates+again.Deletes+again.Replaces, again.Stdout)

	_, err = stack.Destroy(ctx)
	require.NoError(t, err)
	requireEmpty(t, ctx, ns)
}

// playLoadBalancer stands in for the operator and the cloud: once the KegDataPlane namespace/dataPlane exists it
// creates the LoadBalancer Service namespace/service, reports address as its ingress and the data plane Ready. The
// returned channel yields the outcome.
func playLoadBalancer(ctx context.Context, namespace, dataPlane, service, address string) <-chan error {
	done := make(chan error, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				done <- ctx.Err()
				return
			case <-time.After(200 * time.Millisecond):
			}
			dp := &unstructured.Unstructured{}
			dp.SetGroupVersionKind(dataPlaneKind)
			err := local.Cluster.Client.Get(ctx, client.ObjectKey{Namespace: namespace, Name: dataPlane}, dp)
			if apierrors.IsNotFound(err) {
				continue
			}
			svc := &corev1.Service{
				ObjectMeta: metav1.ObjectMeta{Name: service, Namespace: namespace},
				Spec:       corev1.ServiceSpec{Type: corev1.ServiceTypeLoadBalancer, Ports: []corev1.ServicePort{{Name: "kafka", Port: 9092}}},
			}
			if err == nil {
				err = local.Cluster.Client.Create(ctx, svc)
			}
			if err == nil {
				svc.Status.LoadBalancer.Ingress = []corev1.LoadBalancerIngress{{IP: address}}
				err = local.Cluster.Client.Status().Update(ctx, svc)
			}
			if err == nil {
				context.AfterFunc(ctx, func() { _ = local.Cluster.Client.Delete(context.Background(), svc) })
				err = unstructured.SetNestedSlice(dp.Object, []any{map[string]any{
					"type": "Ready", "status": "True", "reason": "Ready", "message": "played by the test",
					"lastTransitionTime": time.Now().UTC().Format(time.RFC3339),
				}}, "status", "conditions")
			}
			if err == nil {
				err = local.Cluster.Client.Status().Update(ctx, dp)
			}
			done <- err
			return
		}
	}()
	return done
}
