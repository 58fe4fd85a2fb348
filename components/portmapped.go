package components

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// PortMappedGatewayType is the Pulumi type token of PortMappedGateway.
const PortMappedGatewayType = "kong-event-gateway:index:PortMappedGateway"

// PortMappedGateway deploys Kong Event Gateway with the port-mapping pattern: Konnect authentication, a
// KonnectEventGateway, a backend cluster, and for each virtual cluster a listener on its own block of ports with a
// portMapping forwarding policy, all served by one KegDataPlane behind a LoadBalancer Service.
type PortMappedGateway struct {
	pulumi.ResourceState

	// Namespace holds every object.
	Namespace pulumi.StringOutput `pulumi:"namespace"`
	// AdvertisedHost is the address brokers are advertised on: advertisedHost, or the LoadBalancer's address.
	AdvertisedHost pulumi.StringOutput `pulumi:"advertisedHost"`
	// BootstrapServers maps each virtual cluster's Konnect name to the bootstrap.servers of its clients:
	// advertisedHost:bootstrapPort, or every broker address when bootstrapPort is none.
	BootstrapServers pulumi.StringMapOutput `pulumi:"bootstrapServers"`
	// BrokerAddresses maps each virtual cluster's Konnect name to its advertised broker addresses in broker-id order.
	BrokerAddresses pulumi.StringArrayMapOutput `pulumi:"brokerAddresses"`
	// ListenerPorts maps each virtual cluster's Konnect name to its listener's port range, such as "9092-9095".
	ListenerPorts pulumi.StringMapOutput `pulumi:"listenerPorts"`
	// ServicePorts are the ports of the data-plane Service, one per listener port.
	ServicePorts pulumi.IntArrayOutput `pulumi:"servicePorts"`
	// KonnectTokenSecretName is the Secret holding the Konnect token.
	KonnectTokenSecretName pulumi.StringOutput `pulumi:"konnectTokenSecretName"`
	// AuthConfigurationName is the KonnectAPIAuthConfiguration.
	AuthConfigurationName pulumi.StringOutput `pulumi:"authConfigurationName"`
	// GatewayName is the KonnectEventGateway.
	GatewayName pulumi.StringOutput `pulumi:"gatewayName"`
	// BackendClusterName is the EventGatewayBackendCluster.
	BackendClusterName pulumi.StringOutput `pulumi:"backendClusterName"`
	// VirtualClusterNames maps each virtual cluster's Konnect name to its EventGatewayVirtualCluster; attach
	// consume, produce and ACL policies to these.
	VirtualClusterNames pulumi.StringMapOutput `pulumi:"virtualClusterNames"`
	// ListenerNames maps each virtual cluster's Konnect name to its EventGatewayListener.
	ListenerNames pulumi.StringMapOutput `pulumi:"listenerNames"`
	// ListenerPolicyNames maps each virtual cluster's Konnect name to its EventGatewayListenerPolicy.
	ListenerPolicyNames pulumi.StringMapOutput `pulumi:"listenerPolicyNames"`
	// DataPlaneName is the KegDataPlane, and the operator's data-plane Deployment.
	DataPlaneName pulumi.StringOutput `pulumi:"dataPlaneName"`
	// DataPlaneServiceName is the LoadBalancer Service the operator creates: <dataPlaneName>-kafka.
	DataPlaneServiceName pulumi.StringOutput `pulumi:"dataPlaneServiceName"`
}

// NewPortMappedGateway validates args and registers the component with all its children. Invalid arguments
// register nothing and return every problem, each naming its field. Pass the Kubernetes provider in opts
// (pulumi.Providers); the children inherit it.
func NewPortMappedGateway(ctx *pulumi.Context, name string, args PortMappedGatewayArgs,
	opts ...pulumi.ResourceOption,
) (*PortMappedGateway, error) {
	if err := args.Validate(name); err != nil {
		return nil, fmt.Errorf("PortMappedGateway %q: invalid arguments:\n%w", name, err)
	}
	layout := newPortMappedLayout(name, args)
	gateway := &PortMappedGateway{}
	if err := ctx.RegisterComponentResource(PortMappedGatewayType, name, gateway, opts...); err != nil {
		return nil, err
	}
	host, err := layout.register(ctx, gateway)
	if err != nil {
		return nil, err
	}
	layout.setOutputs(gateway, host)
	return gateway, ctx.RegisterResourceOutputs(gateway, outputsOf(gateway))
}
