package components

import (
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// forwardPolicyName is the Konnect name of every virtual cluster's forwarding policy; names are per listener.
const forwardPolicyName = "forward"

// portMappedLayout is everything derived from validated arguments: names, port blocks and each object's spec.
type portMappedLayout struct {
	component string
	args      PortMappedGatewayArgs
	names     objectNames
	blocks    []listenerBlock
}

// metadata is the Kubernetes metadata of the object called name.
func (l portMappedLayout) metadata(name string) eventgateway.Metadata {
	return eventgateway.Metadata{
		Name:              name,
		Namespace:         l.args.namespace(),
		Labels:            l.args.Labels,
		WaitForProgrammed: l.args.waitForProgrammed(),
	}
}

func (l portMappedLayout) authConfigurationSpec() eventgateway.KonnectAPIAuthConfigurationSpec {
	return eventgateway.KonnectAPIAuthConfigurationSpec{
		Type:      eventgateway.KonnectAPIAuthSecretRef,
		SecretRef: &eventgateway.NamespacedRef{Name: l.names.TokenSecret},
		ServerURL: l.args.Konnect.ServerURL,
	}
}

func (l portMappedLayout) gatewaySpec() eventgateway.KonnectEventGatewaySpec {
	gateway := l.args.gateway()
	name := gateway.Name
	if name == "" {
		name = l.component
	}
	return eventgateway.KonnectEventGatewaySpec{
		APISpec: eventgateway.KonnectEventGatewayAPISpec{
			Name:              name,
			Description:       gateway.Description,
			Labels:            gateway.KonnectLabels,
			MinRuntimeVersion: gateway.MinRuntimeVersion,
		},
		Konnect: eventgateway.KonnectConfiguration{AuthRef: eventgateway.NamespacedRef{Name: l.names.AuthConfiguration}},
	}
}

func (l portMappedLayout) backendClusterSpec() eventgateway.EventGatewayBackendClusterSpec {
	backend := l.args.BackendCluster
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
			InsecureAllowAnonymousVirtualClusterAuth: eventgateway.EnabledIf(l.args.allowsAnonymous()),
			MetadataUpdateIntervalSeconds:            backend.MetadataUpdateIntervalSeconds,
		},
	}
}

func (l portMappedLayout) virtualClusterSpec(i int) eventgateway.EventGatewayVirtualClusterSpec {
	vc := l.args.VirtualClusters[i]
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

func (l portMappedLayout) listenerSpec(i int) eventgateway.EventGatewayListenerSpec {
	return eventgateway.EventGatewayListenerSpec{
		GatewayRef: eventgateway.RefByName(l.names.Gateway),
		APISpec: eventgateway.ListenerAPISpec{
			Name:      l.names.VirtualClusters[i].Listener,
			Addresses: []string{eventgateway.AllAddresses},
			Ports:     []eventgateway.ListenerPort{l.blocks[i].listenerPort()},
		},
	}
}

func (l portMappedLayout) listenerPolicySpec(i int) eventgateway.EventGatewayListenerPolicySpec {
	vc := l.args.VirtualClusters[i]
	return eventgateway.EventGatewayListenerPolicySpec{
		EventGatewayListenerRef: eventgateway.RefByName(l.names.VirtualClusters[i].Listener),
		APISpec: eventgateway.ListenerPolicyAPISpec{
			Type: eventgateway.ListenerPolicyForwardToVirtualCluster,
			ForwardToVirtualCluster: &eventgateway.ForwardToVirtualClusterPolicy{
				ListenerPolicyInfo: eventgateway.ListenerPolicyInfo{Name: forwardPolicyName},
				Config: eventgateway.ForwardToVirtualClusterConfig{
					Type: eventgateway.ForwardPortMapping,
					PortMapping: &eventgateway.PortMappingConfig{
						AdvertisedHost: l.args.AdvertisedHost,
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
	dataPlane := l.args.dataPlane()
	return eventgateway.KegDataPlaneSpec{
		ControlPlaneRef: eventgateway.ControlPlaneRefByName(l.names.Gateway),
		Deployment:      dataPlaneDeployment(dataPlane),
		Network: &eventgateway.DataPlaneNetwork{Services: &eventgateway.DataPlaneServices{
			Kafka: &eventgateway.KafkaServiceOptions{
				Type:                  eventgateway.ServiceTypeLoadBalancer,
				Annotations:           dataPlane.ServiceAnnotations,
				ExternalTrafficPolicy: dataPlane.ExternalTrafficPolicy,
				Ports:                 servicePorts(l.blocks),
			},
		}},
		Config: dataPlane.Config,
	}
}

// dataPlaneDeployment turns replicas, image and resources into the KegDataPlane's deployment options, or nil when
// none is set.
func dataPlaneDeployment(dataPlane DataPlaneArgs) *eventgateway.DataPlaneDeployment {
	if dataPlane.Replicas == nil && dataPlane.Image == "" && dataPlane.Resources == nil {
		return nil
	}
	deployment := &eventgateway.DataPlaneDeployment{Replicas: dataPlane.Replicas}
	if dataPlane.Image == "" && dataPlane.Resources == nil {
		return deployment
	}
	container := corev1.Container{Name: eventgateway.DataPlaneContainerName, Image: dataPlane.Image}
	if dataPlane.Resources != nil {
		container.Resources = corev1.ResourceRequirements{
			Requests: resourceList(dataPlane.Resources.Requests),
			Limits:   resourceList(dataPlane.Resources.Limits),
		}
	}
	deployment.PodTemplateSpec = &corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: []corev1.Container{container}}}
	return deployment
}

// resourceList parses validated quantities.
func resourceList(quantities map[string]string) corev1.ResourceList {
	if len(quantities) == 0 {
		return nil
	}
	list := corev1.ResourceList{}
	for name, quantity := range quantities {
		list[corev1.ResourceName(name)] = resource.MustParse(quantity)
	}
	return list
}
