package components

import (
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// forwardPolicyName is the Konnect name of every virtual cluster's forwarding policy; names are per listener.
const forwardPolicyName = "forward"

// portMappedLayout is everything derived from validated arguments: names, port blocks and each object's spec.
type portMappedLayout struct {
	coreLayout
	args   PortMappedGatewayArgs
	blocks []listenerBlock
}

// newPortMappedLayout derives the layout of the component called name.
func newPortMappedLayout(name string, args PortMappedGatewayArgs) portMappedLayout {
	return portMappedLayout{
		coreLayout: coreLayout{
			component:        name,
			namespace:        args.namespace(),
			labels:           args.Labels,
			wait:             args.waitForProgrammed(),
			konnect:          args.Konnect,
			gateway:          args.gateway(),
			backendCluster:   args.BackendCluster,
			virtualClusters:  args.VirtualClusters,
			schemaRegistries: args.SchemaRegistries,
			staticKeys:       args.StaticKeys,
			names:            newObjectNames(name, args.VirtualClusters),
		},
		args:   args,
		blocks: newListenerBlocks(args),
	}
}

func (l portMappedLayout) listenerSpec(i int) eventgateway.EventGatewayListenerSpec {
	return eventgateway.EventGatewayListenerSpec{
		GatewayRef: eventgateway.RefByName(l.names.Gateway),
		APISpec: eventgateway.ListenerAPISpec{
			Name:      l.names.ClusterListener(i),
			Addresses: []string{eventgateway.AllAddresses},
			Ports:     []eventgateway.ListenerPort{l.blocks[i].listenerPort()},
		},
	}
}

// listenerPolicySpec is virtual cluster i's forwarding policy, advertising its brokers on host.
func (l portMappedLayout) listenerPolicySpec(i int, host string) eventgateway.EventGatewayListenerPolicySpec {
	vc := l.args.VirtualClusters[i]
	return eventgateway.EventGatewayListenerPolicySpec{
		EventGatewayListenerRef: eventgateway.RefByName(l.names.ClusterListener(i)),
		APISpec: eventgateway.ListenerPolicyAPISpec{
			Type: eventgateway.ListenerPolicyForwardToVirtualCluster,
			ForwardToVirtualCluster: &eventgateway.ForwardToVirtualClusterPolicy{
				ListenerPolicyInfo: eventgateway.ListenerPolicyInfo{Name: forwardPolicyName},
				Config: eventgateway.ForwardToVirtualClusterConfig{
					Type: eventgateway.ForwardPortMapping,
					PortMapping: &eventgateway.PortMappingConfig{
						AdvertisedHost: host,
						Destination:    eventgateway.KonnectRef{Name: vc.Name},
						BootstrapPort:  vc.bootstrapPort(),
						MinBrokerID:    l.args.BackendCluster.MinBrokerID,
					},
				},
			},
		},
	}
}

func (l portMappedLayout) dataPlaneSpec() eventgateway.KegDataPlaneSpec {
	return dataPlaneSpec(l.names.Gateway, l.args.dataPlane(), eventgateway.ServiceTypeLoadBalancer, servicePorts(l.blocks))
}
