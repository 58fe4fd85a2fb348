package components

import (
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// coreLayout is what both patterns derive alike from their arguments, with defaults applied: names, metadata and
// the specs of the Konnect chain from the token Secret to the virtual clusters.
type coreLayout struct {
	component       string
	namespace       string
	labels          map[string]string
	wait            bool
	konnect         KonnectArgs
	gateway         GatewayArgs
	backendCluster  BackendClusterArgs
	virtualClusters []VirtualClusterArgs
	// schemaRegistries are the gateway's schema registries.
	schemaRegistries []SchemaRegistryArgs
	// staticKeys are the gateway's static keys.
	staticKeys []StaticKeyArgs
	// trustBundles are the gateway's TLS trust bundles.
	trustBundles []TrustBundleArgs
	names        objectNames
}

// metadata is the Kubernetes metadata of the object called name.
func (l coreLayout) metadata(name string) eventgateway.Metadata {
	return eventgateway.Metadata{
		Name:              name,
		Namespace:         l.namespace,
		Labels:            l.labels,
		WaitForProgrammed: l.wait,
	}
}

func (l coreLayout) authConfigurationSpec() eventgateway.KonnectAPIAuthConfigurationSpec {
	return eventgateway.KonnectAPIAuthConfigurationSpec{
		Type:      eventgateway.KonnectAPIAuthSecretRef,
		SecretRef: &eventgateway.NamespacedRef{Name: l.names.TokenSecret},
		ServerURL: l.konnect.ServerURL,
	}
}

func (l coreLayout) gatewaySpec() eventgateway.KonnectEventGatewaySpec {
	name := l.gateway.Name
	if name == "" {
		name = l.component
	}
	return eventgateway.KonnectEventGatewaySpec{
		APISpec: eventgateway.KonnectEventGatewayAPISpec{
			Name:              name,
			Description:       l.gateway.Description,
			Labels:            l.gateway.KonnectLabels,
			MinRuntimeVersion: l.gateway.MinRuntimeVersion,
		},
		Konnect: eventgateway.KonnectConfiguration{AuthRef: eventgateway.NamespacedRef{Name: l.names.AuthConfiguration}},
	}
}

func (l coreLayout) backendClusterSpec() eventgateway.EventGatewayBackendClusterSpec {
	backend := l.backendCluster
	name := backend.Name
	if name == "" {
		name = l.names.BackendCluster
	}
	return eventgateway.EventGatewayBackendClusterSpec{
		GatewayRef: eventgateway.RefByName(l.names.Gateway),
		APISpec: eventgateway.BackendClusterAPISpec{
			Name:                                     name,
			Description:                              backend.Description,
			Labels:                                   backend.KonnectLabels,
			BootstrapServers:                         backend.BootstrapServers,
			Authentication:                           backend.authentication(),
			TLS:                                      backend.tls(),
			InsecureAllowAnonymousVirtualClusterAuth: eventgateway.EnabledIf(allowsAnonymous(l.virtualClusters)),
			MetadataUpdateIntervalSeconds:            backend.MetadataUpdateIntervalSeconds,
		},
	}
}

func (l coreLayout) virtualClusterSpec(i int) eventgateway.EventGatewayVirtualClusterSpec {
	vc := l.virtualClusters[i]
	return eventgateway.EventGatewayVirtualClusterSpec{
		EventGatewayBackendClusterRef: eventgateway.RefByName(l.names.BackendCluster),
		APISpec: eventgateway.VirtualClusterAPISpec{
			Name:           vc.Name,
			Description:    vc.Description,
			Labels:         vc.KonnectLabels,
			DNSLabel:       vc.dnsLabel(),
			ACLMode:        vc.aclMode(),
			Authentication: vc.authentication(),
			Namespace:      vc.Namespace,
			TopicAliases:   vc.TopicAliases,
		},
	}
}
