package components

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// portMappedOutputs are a PortMappedGateway's outputs as plain values, all known at preview.
type portMappedOutputs struct {
	namespace, tokenSecret, authConfiguration, gateway, backendCluster, dataPlane, dataPlaneService string

	bootstrapServers, listenerPorts, virtualClusters, listeners, listenerPolicies map[string]string
	brokerAddresses                                                               map[string][]string
	servicePorts                                                                  []int
}

// outputs derives the outputs from the layout.
func (l portMappedLayout) outputs() portMappedOutputs {
	out := portMappedOutputs{
		namespace:         l.namespace,
		tokenSecret:       l.names.TokenSecret,
		authConfiguration: l.names.AuthConfiguration,
		gateway:           l.names.Gateway,
		backendCluster:    l.names.BackendCluster,
		dataPlane:         l.names.DataPlane,
		dataPlaneService:  l.names.DataPlaneService(),
		bootstrapServers:  map[string]string{},
		listenerPorts:     map[string]string{},
		virtualClusters:   map[string]string{},
		listeners:         map[string]string{},
		listenerPolicies:  map[string]string{},
		brokerAddresses:   map[string][]string{},
	}
	for i, vc := range l.args.VirtualClusters {
		block := l.blocks[i]
		out.bootstrapServers[vc.Name] = block.bootstrapServers(l.args.AdvertisedHost)
		out.brokerAddresses[vc.Name] = block.brokerAddresses(l.args.AdvertisedHost)
		out.listenerPorts[vc.Name] = string(block.listenerPort())
		out.virtualClusters[vc.Name] = l.names.VirtualClusters[i]
		out.listeners[vc.Name] = l.names.ClusterListener(i)
		out.listenerPolicies[vc.Name] = l.names.ClusterForwardPolicy(i)
	}
	for _, port := range servicePorts(l.blocks) {
		out.servicePorts = append(out.servicePorts, port.Port)
	}
	return out
}

// setOutputs fills the component's output fields.
func (g *PortMappedGateway) setOutputs(out portMappedOutputs) {
	g.Namespace = pulumi.String(out.namespace).ToStringOutput()
	g.BootstrapServers = pulumi.ToStringMap(out.bootstrapServers).ToStringMapOutput()
	g.BrokerAddresses = pulumi.ToStringArrayMap(out.brokerAddresses).ToStringArrayMapOutput()
	g.ListenerPorts = pulumi.ToStringMap(out.listenerPorts).ToStringMapOutput()
	g.ServicePorts = pulumi.ToIntArray(out.servicePorts).ToIntArrayOutput()
	g.KonnectTokenSecretName = pulumi.String(out.tokenSecret).ToStringOutput()
	g.AuthConfigurationName = pulumi.String(out.authConfiguration).ToStringOutput()
	g.GatewayName = pulumi.String(out.gateway).ToStringOutput()
	g.BackendClusterName = pulumi.String(out.backendCluster).ToStringOutput()
	g.VirtualClusterNames = pulumi.ToStringMap(out.virtualClusters).ToStringMapOutput()
	g.ListenerNames = pulumi.ToStringMap(out.listeners).ToStringMapOutput()
	g.ListenerPolicyNames = pulumi.ToStringMap(out.listenerPolicies).ToStringMapOutput()
	g.DataPlaneName = pulumi.String(out.dataPlane).ToStringOutput()
	g.DataPlaneServiceName = pulumi.String(out.dataPlaneService).ToStringOutput()
}

// toMap lists the outputs under their pulumi names for RegisterResourceOutputs.
func (out portMappedOutputs) toMap() pulumi.Map {
	return pulumi.Map{
		"namespace":              pulumi.String(out.namespace),
		"bootstrapServers":       pulumi.ToStringMap(out.bootstrapServers),
		"brokerAddresses":        pulumi.ToStringArrayMap(out.brokerAddresses),
		"listenerPorts":          pulumi.ToStringMap(out.listenerPorts),
		"servicePorts":           pulumi.ToIntArray(out.servicePorts),
		"konnectTokenSecretName": pulumi.String(out.tokenSecret),
		"authConfigurationName":  pulumi.String(out.authConfiguration),
		"gatewayName":            pulumi.String(out.gateway),
		"backendClusterName":     pulumi.String(out.backendCluster),
		"virtualClusterNames":    pulumi.ToStringMap(out.virtualClusters),
		"listenerNames":          pulumi.ToStringMap(out.listeners),
		"listenerPolicyNames":    pulumi.ToStringMap(out.listenerPolicies),
		"dataPlaneName":          pulumi.String(out.dataPlane),
		"dataPlaneServiceName":   pulumi.String(out.dataPlaneService),
	}
}
