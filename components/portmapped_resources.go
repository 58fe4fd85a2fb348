package components

import (
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// register creates the children of parent in dependency order: token Secret, auth configuration, gateway, backend
// cluster, then per virtual cluster the virtual cluster, its listener and its forwarding policy (after both), and
// last the KegDataPlane, so the data plane starts with its listeners and policies in place. With WaitForProgrammed each object is ready in Konnect before its dependents are created,
// which the operator needs: it does not retry a policy naming a virtual cluster Konnect does not have yet.
func (l portMappedLayout) register(ctx *pulumi.Context, parent pulumi.Resource) error {
	child := pulumi.Parent(parent)
	after := func(resources ...pulumi.Resource) pulumi.ResourceOption { return pulumi.DependsOn(resources) }

	tokenMeta := l.metadata(l.names.TokenSecret)
	tokenMeta.WaitForProgrammed = false
	secret, err := eventgateway.NewKonnectTokenSecret(ctx, l.names.TokenSecret, tokenMeta, l.args.Konnect.Token, child)
	if err != nil {
		return err
	}
	auth, err := eventgateway.NewKonnectAPIAuthConfiguration(ctx, l.names.AuthConfiguration,
		l.metadata(l.names.AuthConfiguration), l.authConfigurationSpec(), child, after(secret))
	if err != nil {
		return err
	}
	gateway, err := eventgateway.NewKonnectEventGateway(ctx, l.names.Gateway, l.metadata(l.names.Gateway),
		l.gatewaySpec(), child, after(auth))
	if err != nil {
		return err
	}
	backend, err := eventgateway.NewEventGatewayBackendCluster(ctx, l.names.BackendCluster,
		l.metadata(l.names.BackendCluster), l.backendClusterSpec(), child, after(gateway))
	if err != nil {
		return err
	}
	dataPlaneDependencies := []pulumi.Resource{gateway}
	for i, names := range l.names.VirtualClusters {
		virtualCluster, err := eventgateway.NewEventGatewayVirtualCluster(ctx, names.VirtualCluster,
			l.metadata(names.VirtualCluster), l.virtualClusterSpec(i), child, after(backend))
		if err != nil {
			return err
		}
		listener, err := eventgateway.NewEventGatewayListener(ctx, names.Listener, l.metadata(names.Listener),
			l.listenerSpec(i), child, after(gateway))
		if err != nil {
			return err
		}
		policy, err := eventgateway.NewEventGatewayListenerPolicy(ctx, names.ListenerPolicy,
			l.metadata(names.ListenerPolicy), l.listenerPolicySpec(i), child, after(listener, virtualCluster))
		if err != nil {
			return err
		}
		dataPlaneDependencies = append(dataPlaneDependencies, policy)
	}
	_, err = eventgateway.NewKegDataPlane(ctx, l.names.DataPlane, l.metadata(l.names.DataPlane), l.dataPlaneSpec(),
		child, after(dataPlaneDependencies...))
	return err
}
