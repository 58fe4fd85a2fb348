package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// register creates the children of parent in dependency order and returns the address brokers are advertised on.
// First the Konnect chain down to the virtual clusters, then per virtual cluster its listener and its forwarding
// policy (after both), and last the KegDataPlane, so the data plane starts with its listeners and policies in place.
// With WaitForProgrammed each object is ready in Konnect before its dependents are created, which the operator
// needs: it does not retry a policy naming a virtual cluster Konnect does not have yet. With the address taken from
// the LoadBalancer, the data plane comes before the forwarding policies, which wait for its Service's address.
func (l portMappedLayout) register(ctx *pulumi.Context, parent pulumi.Resource) (pulumi.StringOutput, error) {
	chain, err := l.registerKonnectChain(ctx, parent)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	child := pulumi.Parent(parent)
	listeners := make([]pulumi.Resource, len(l.names.VirtualClusters))
	for i := range l.names.VirtualClusters {
		if listeners[i], err = eventgateway.NewEventGatewayListener(ctx, l.names.ClusterListener(i),
			l.metadata(l.names.ClusterListener(i)), l.listenerSpec(i), child, after(chain.gateway)); err != nil {
			return pulumi.StringOutput{}, err
		}
	}
	forwardPolicy := func(i int, host pulumi.StringOutput) (pulumi.Resource, error) {
		spec := host.ApplyT(func(host string) eventgateway.EventGatewayListenerPolicySpec {
			return l.listenerPolicySpec(i, host)
		}).(eventgateway.ListenerPolicySpecOutput)
		return eventgateway.NewEventGatewayListenerPolicyFromOutput(ctx, l.names.ClusterForwardPolicy(i),
			l.metadata(l.names.ClusterForwardPolicy(i)), spec, child, after(listeners[i], chain.virtualClusters[i]))
	}

	if fromLoadBalancer := l.args.AdvertisedHostFromLoadBalancer; fromLoadBalancer != nil {
		// The operator creates the Service once it reconciles the data plane: wait for that in any case, or the
		// Service patch below would create a Service of its own.
		meta := l.metadata(l.names.DataPlane)
		if !meta.WaitForProgrammed {
			meta.Annotations = map[string]string{eventgateway.WaitForAnnotation: "condition=" + eventgateway.ConditionReady}
		}
		dataPlane, err := eventgateway.NewKegDataPlane(ctx, l.names.DataPlane, meta, l.dataPlaneSpec(), child,
			after(append([]pulumi.Resource{chain.gateway}, listeners...)...))
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		host, err := l.registerLoadBalancerAddress(ctx, child, dataPlane, *fromLoadBalancer)
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		for i := range l.names.VirtualClusters {
			if _, err := forwardPolicy(i, host); err != nil {
				return pulumi.StringOutput{}, err
			}
		}
		return host, nil
	}

	host := pulumi.String(l.args.AdvertisedHost).ToStringOutput()
	dataPlaneDependencies := []pulumi.Resource{chain.gateway}
	for i := range l.names.VirtualClusters {
		policy, err := forwardPolicy(i, host)
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		dataPlaneDependencies = append(dataPlaneDependencies, policy)
	}
	_, err = eventgateway.NewKegDataPlane(ctx, l.names.DataPlane, l.metadata(l.names.DataPlane), l.dataPlaneSpec(),
		child, after(dataPlaneDependencies...))
	return host, err
}
