package components

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// setOutputs sets the component's outputs, all plain values known at preview.
func (l portMappedLayout) setOutputs(g *PortMappedGateway) {
	bootstrapServers, listenerPorts, virtualClusters := map[string]string{}, map[string]string{}, map[string]string{}
	listeners, listenerPolicies, brokerAddresses := map[string]string{}, map[string]string{}, map[string][]string{}
	for i, vc := range l.args.VirtualClusters {
		block := l.blocks[i]
		bootstrapServers[vc.Name] = block.bootstrapServers(l.args.AdvertisedHost)
		brokerAddresses[vc.Name] = block.brokerAddresses(l.args.AdvertisedHost)
		listenerPorts[vc.Name] = string(block.listenerPort())
		virtualClusters[vc.Name] = l.names.VirtualClusters[i]
		listeners[vc.Name] = l.names.ClusterListener(i)
		listenerPolicies[vc.Name] = l.names.ClusterForwardPolicy(i)
	}
	var ports []int
	for _, port := range servicePorts(l.blocks) {
		ports = append(ports, port.Port)
	}
	g.Namespace = pulumi.String(l.namespace).ToStringOutput()
	g.BootstrapServers = pulumi.ToStringMap(bootstrapServers).ToStringMapOutput()
	g.BrokerAddresses = pulumi.ToStringArrayMap(brokerAddresses).ToStringArrayMapOutput()
	g.ListenerPorts = pulumi.ToStringMap(listenerPorts).ToStringMapOutput()
	g.ServicePorts = pulumi.ToIntArray(ports).ToIntArrayOutput()
	g.KonnectTokenSecretName = pulumi.String(l.names.TokenSecret).ToStringOutput()
	g.AuthConfigurationName = pulumi.String(l.names.AuthConfiguration).ToStringOutput()
	g.GatewayName = pulumi.String(l.names.Gateway).ToStringOutput()
	g.BackendClusterName = pulumi.String(l.names.BackendCluster).ToStringOutput()
	g.VirtualClusterNames = pulumi.ToStringMap(virtualClusters).ToStringMapOutput()
	g.ListenerNames = pulumi.ToStringMap(listeners).ToStringMapOutput()
	g.ListenerPolicyNames = pulumi.ToStringMap(listenerPolicies).ToStringMapOutput()
	g.DataPlaneName = pulumi.String(l.names.DataPlane).ToStringOutput()
	g.DataPlaneServiceName = pulumi.String(l.names.DataPlaneService()).ToStringOutput()
}
