package components

import (
	"net"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// setOutputs sets the component's outputs; all but the Gateway address are plain values known at preview.
func (l sniLayout) setOutputs(g *SniGateway, gatewayAddress pulumi.StringOutput) {
	port := l.args.Edge.advertisedPort()
	bootstrapServers, virtualClusters := map[string]string{}, map[string]string{}
	routes, dnsEndpoints := map[string]string{}, map[string]string{}
	brokerAddresses, routeHostnames := map[string][]string{}, map[string][]string{}
	var dnsRecordNames []string
	for i, vc := range l.args.VirtualClusters {
		hosts := l.hosts[i]
		bootstrapServers[vc.Name] = hostPort(hosts.Bootstrap, port)
		for _, broker := range hosts.Brokers {
			brokerAddresses[vc.Name] = append(brokerAddresses[vc.Name], hostPort(broker, port))
		}
		virtualClusters[vc.Name] = l.names.VirtualClusters[i]
		routes[vc.Name] = l.names.ClusterRoute(i)
		routeHostnames[vc.Name] = hosts.routed()
		dnsRecordNames = append(dnsRecordNames, hosts.routed()...)
		if l.args.DNS != nil {
			dnsEndpoints[vc.Name] = l.names.ClusterDNSEndpoint(i)
		}
	}
	edgeGateway, edgeGatewayNamespace, certificate := l.names.EdgeGateway(), l.namespace, ""
	if existing := l.args.Edge.ExistingGateway; existing != nil {
		edgeGateway, edgeGatewayNamespace = existing.Name, valueOr(existing.Namespace, l.namespace)
	}
	if l.args.TLS.Issuer != nil {
		certificate = l.names.Certificate()
	}
	g.Namespace = pulumi.String(l.namespace).ToStringOutput()
	g.BootstrapServers = pulumi.ToStringMap(bootstrapServers).ToStringMapOutput()
	g.BrokerAddresses = pulumi.ToStringArrayMap(brokerAddresses).ToStringArrayMapOutput()
	g.AdvertisedPort = pulumi.Int(port).ToIntOutput()
	g.ListenPort = pulumi.Int(l.args.listenPort()).ToIntOutput()
	g.GatewayAddress = gatewayAddress
	g.RouteHostnames = pulumi.ToStringArrayMap(routeHostnames).ToStringArrayMapOutput()
	g.CertificateDNSNames = pulumi.ToStringArray(l.certificateNames()).ToStringArrayOutput()
	g.DNSRecordNames = pulumi.ToStringArray(dnsRecordNames).ToStringArrayOutput()
	g.KonnectTokenSecretName = pulumi.String(l.names.TokenSecret).ToStringOutput()
	g.AuthConfigurationName = pulumi.String(l.names.AuthConfiguration).ToStringOutput()
	g.GatewayName = pulumi.String(l.names.Gateway).ToStringOutput()
	g.BackendClusterName = pulumi.String(l.names.BackendCluster).ToStringOutput()
	g.VirtualClusterNames = pulumi.ToStringMap(virtualClusters).ToStringMapOutput()
	g.ListenerName = pulumi.String(l.names.Listener()).ToStringOutput()
	g.TLSServerPolicyName = pulumi.String(l.names.TLSServerPolicy()).ToStringOutput()
	g.ForwardPolicyName = pulumi.String(l.names.ForwardPolicy()).ToStringOutput()
	g.DataPlaneName = pulumi.String(l.names.DataPlane).ToStringOutput()
	g.DataPlaneServiceName = pulumi.String(l.names.DataPlaneService()).ToStringOutput()
	g.EdgeGatewayName = pulumi.String(edgeGateway).ToStringOutput()
	g.EdgeGatewayNamespace = pulumi.String(edgeGatewayNamespace).ToStringOutput()
	g.TLSRouteNames = pulumi.ToStringMap(routes).ToStringMapOutput()
	g.TLSSecretName = pulumi.String(l.tlsSecretName()).ToStringOutput()
	g.CertificateName = pulumi.String(certificate).ToStringOutput()
	g.DNSEndpointNames = pulumi.ToStringMap(dnsEndpoints).ToStringMapOutput()
}

// hostPort joins a host name and a port.
func hostPort(host string, port int) string {
	return net.JoinHostPort(host, strconv.Itoa(port))
}
