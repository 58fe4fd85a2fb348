package components

import (
	"fmt"
	"strconv"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// DefaultLoadBalancerTimeout is how long, in seconds, the component waits for the data plane's LoadBalancer address
// unless LoadBalancerAddressArgs.TimeoutSeconds says otherwise.
const DefaultLoadBalancerTimeout = 600

// loadBalancerAddressWaitFor is the pulumi.com/waitFor value that waits until the cloud reports the Service's
// LoadBalancer ingress.
const loadBalancerAddressWaitFor = "jsonpath={.status.loadBalancer.ingress[0]}"

// registerLoadBalancerAddress waits, after dataPlane, for the address the cloud assigns to the data plane's
// LoadBalancer Service (which the operator creates) and returns it: the first ingress IP, else its host name. The
// wait is a Service patch that sets only annotations: the pulumi.com/waitFor annotation and a timeout.
func (l portMappedLayout) registerLoadBalancerAddress(ctx *pulumi.Context, child pulumi.ResourceOption,
	dataPlane pulumi.Resource, args LoadBalancerAddressArgs,
) (pulumi.StringOutput, error) {
	service := l.names.DataPlaneService()
	patch, err := corev1.NewServicePatch(ctx, service+"-address", &corev1.ServicePatchArgs{
		Metadata: &metav1.ObjectMetaPatchArgs{
			Name:      pulumi.String(service),
			Namespace: pulumi.String(l.namespace),
			Annotations: pulumi.StringMap{
				eventgateway.WaitForAnnotation:    pulumi.String(loadBalancerAddressWaitFor),
				eventgateway.PatchForceAnnotation: pulumi.String("true"),
				timeoutAnnotation:                 pulumi.String(strconv.Itoa(valueOr(args.TimeoutSeconds, DefaultLoadBalancerTimeout))),
			},
		},
	}, child, after(dataPlane),
		// The patch only has to wait once, when it is created: a later difference in its annotations (a new timeout,
		// or whatever else wrote them) changes nothing worth an update, which would wait again.
		pulumi.IgnoreChanges([]string{"metadata.annotations"}))
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	ingress := patch.Status.LoadBalancer().Ingress().Index(pulumi.Int(0))
	return pulumi.All(ingress.Ip(), ingress.Hostname()).ApplyT(func(values []any) (string, error) {
		for _, v := range values {
			if address, ok := v.(*string); ok && address != nil && *address != "" {
				return *address, nil
			}
		}
		return "", fmt.Errorf("the LoadBalancer Service %s/%s reports no address: set advertisedHost instead of "+
			"advertisedHostFromLoadBalancer, or check the cloud's load-balancer controller", l.namespace, service)
	}).(pulumi.StringOutput), nil
}

// timeoutAnnotation is the pulumi-kubernetes annotation bounding how long Pulumi waits for a resource.
const timeoutAnnotation = "pulumi.com/timeoutSeconds"
