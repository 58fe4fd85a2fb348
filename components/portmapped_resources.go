package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// register creates the children of parent in dependency order: the Konnect chain down to the virtual clusters,
// then per virtual cluster its listener and its forwarding policy (after both), and last the KegDataPlane, so the
// data plane starts with its listeners and policies in place. With WaitForProgrammed each object is ready in
// Konnect before its dependents are created, which the operator needs: it does not retry a policy naming a virtual
// cluster Konnect does not have yet.
func (l portMappedLayout) register(ctx *pulumi.Context, parent pulumi.Resource) error {
	chain, err := l.registerKonnectChain(ctx, parent)
	if err != nil {
		return err
	}
	child := pulumi.Parent(parent)
	dataPlaneDependencies := []pulumi.Resource{chain.gateway}
	for i := range l.names.VirtualClusters {
		listener, err := eventgateway.NewEventGatewayListener(ctx, l.names.ClusterListener(i),
			l.metadata(l.names.ClusterListener(i)), l.listenerSpec(i), child, after(chain.gateway))
		if err != nil {
			return err
		}
		policy, err := eventgateway.NewEventGatewayListenerPolicy(ctx, l.names.ClusterForwardPolicy(i),
			l.metadata(l.names.ClusterForwardPolicy(i)), l.listenerPolicySpec(i), child,
			after(listener, chain.virtualClusters[i]))
		if err != nil {
			return err
		}
		dataPlaneDependencies = append(dataPlaneDependencies, policy)
	}
	_, err = eventgateway.NewKegDataPlane(ctx, l.names.DataPlane, l.metadata(l.names.DataPlane), l.dataPlaneSpec(),
		child, after(dataPlaneDependencies...))
	return err
}
