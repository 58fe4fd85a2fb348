package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// konnectChain holds the registered objects other objects depend on.
type konnectChain struct {
	gateway         pulumi.Resource
	virtualClusters []pulumi.Resource
	// objects are the Konnect objects created through the provider.
	objects providerObjects
}

// after makes a resource depend on resources.
func after(resources ...pulumi.Resource) pulumi.ResourceOption {
	return pulumi.DependsOn(resources)
}

// registerKonnectChain creates, as children of parent and in dependency order, the token Secret, the auth
// configuration, the gateway, the backend cluster, the schema registries, the static keys and trust bundles, and the
// virtual clusters with their policies. With WaitForProgrammed each object is
// ready in Konnect before its dependents are created.
func (l coreLayout) registerKonnectChain(ctx *pulumi.Context, parent pulumi.Resource) (konnectChain, error) {
	child := pulumi.Parent(parent)
	tokenMeta := l.metadata(l.names.TokenSecret)
	tokenMeta.WaitForProgrammed = false
	secret, err := eventgateway.NewKonnectTokenSecret(ctx, l.names.TokenSecret, tokenMeta, l.konnect.Token, child)
	if err != nil {
		return konnectChain{}, err
	}
	auth, err := eventgateway.NewKonnectAPIAuthConfiguration(ctx, l.names.AuthConfiguration,
		l.metadata(l.names.AuthConfiguration), l.authConfigurationSpec(), child, after(secret))
	if err != nil {
		return konnectChain{}, err
	}
	gatewayMeta := l.metadata(l.names.Gateway)
	if l.needsProvider() {
		// Static keys and trust bundles are created under the gateway's Konnect ID.
		gatewayMeta.Annotations = map[string]string{eventgateway.WaitForAnnotation: eventgateway.KonnectGatewayIDWaitFor}
	}
	gateway, err := eventgateway.NewKonnectEventGateway(ctx, l.names.Gateway, gatewayMeta, l.gatewaySpec(), child, after(auth))
	if err != nil {
		return konnectChain{}, err
	}
	backend, err := eventgateway.NewEventGatewayBackendCluster(ctx, l.names.BackendCluster,
		l.metadata(l.names.BackendCluster), l.backendClusterSpec(), child, after(gateway))
	if err != nil {
		return konnectChain{}, err
	}
	registries, err := l.registerSchemaRegistries(ctx, parent, gateway)
	if err != nil {
		return konnectChain{}, err
	}
	objects, err := l.registerProviderObjects(ctx, parent, gateway)
	if err != nil {
		return konnectChain{}, err
	}
	chain := konnectChain{gateway: gateway, objects: objects}
	for i, name := range l.names.VirtualClusters {
		virtualCluster, err := eventgateway.NewEventGatewayVirtualCluster(ctx, name, l.metadata(name),
			l.virtualClusterSpec(i), child, after(backend))
		if err != nil {
			return konnectChain{}, err
		}
		if err := l.registerPolicies(ctx, parent, virtualCluster, i, registries, objects.staticKeys); err != nil {
			return konnectChain{}, err
		}
		chain.virtualClusters = append(chain.virtualClusters, virtualCluster)
	}
	return chain, nil
}
