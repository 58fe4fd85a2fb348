package components

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// setOutputs sets the component's outputs: plain values known at preview, except the client addresses, which follow
// host (known at preview unless it comes from the LoadBalancer).
func (l portMappedLayout) setOutputs(g *PortMappedGateway, host pulumi.StringOutput) {
	listenerPorts, virtualClusters := map[string]string{}, map[string]string{}
	listeners, listenerPolicies := map[string]string{}, map[string]string{}
	for i, vc := range l.args.VirtualClusters {
		listenerPorts[vc.Name] = string(l.blocks[i].listenerPort())
		virtualClusters[vc.Name] = l.names.VirtualClusters[i]
		listeners[vc.Name] = l.names.ClusterListener(i)
		listenerPolicies[vc.Name] = l.names.ClusterForwardPolicy(i)
	}
	g.AdvertisedHost = host
	g.BootstrapServers = host.ApplyT(func(host string) map[string]string {
		servers := map[string]string{}
		for i, vc := range l.args.VirtualClusters {
			servers[vc.Name] = l.blocks[i].bootstrapServers(host)
		}
		return servers
	}).(pulumi.StringMapOutput)
	g.BrokerAddresses = host.ApplyT(func(host string) map[string][]string {
		addresses := map[string][]string{}
		for i, vc := range l.args.VirtualClusters {
			addresses[vc.Name] = l.blocks[i].brokerAddresses(host)
		}
		return addresses
	}).(pulumi.StringArrayMapOutput)
	var ports []int
	for _, port := range servicePorts(l.blocks) {
		ports = append(ports, port.Port)
	}
	g.Namespace = pulumi.String(l.namespace).ToStringOutput()
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
