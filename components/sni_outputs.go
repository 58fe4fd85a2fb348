package components

import (
	"net"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// sniOutputs are an SniGateway's outputs; all but the Gateway address are plain values known at preview.
type sniOutputs struct {
	namespace, tokenSecret, authConfiguration, gateway, backendCluster, listener, tlsServerPolicy, forwardPolicy,
	dataPlane, dataPlaneService, edgeGateway, edgeGatewayNamespace, tlsSecret, certificate string

	advertisedPort, listenPort int

	bootstrapServers, virtualClusters, routes, dnsEndpoints map[string]string
	brokerAddresses, routeHostnames                         map[string][]string
	certificateDNSNames, dnsRecordNames                     []string

	gatewayAddress pulumi.StringOutput
}

// outputs derives the outputs from the layout and the Gateway address.
func (l sniLayout) outputs(gatewayAddress pulumi.StringOutput) sniOutputs {
	port := l.args.Edge.advertisedPort()
	out := sniOutputs{
		namespace:            l.namespace,
		tokenSecret:          l.names.TokenSecret,
		authConfiguration:    l.names.AuthConfiguration,
		gateway:              l.names.Gateway,
		backendCluster:       l.names.BackendCluster,
		listener:             l.names.Listener(),
		tlsServerPolicy:      l.names.TLSServerPolicy(),
		forwardPolicy:        l.names.ForwardPolicy(),
		dataPlane:            l.names.DataPlane,
		dataPlaneService:     l.names.DataPlaneService(),
		edgeGateway:          l.names.EdgeGateway(),
		edgeGatewayNamespace: l.namespace,
		tlsSecret:            l.tlsSecretName(),
		advertisedPort:       port,
		listenPort:           l.args.listenPort(),
		bootstrapServers:     map[string]string{},
		virtualClusters:      map[string]string{},
		routes:               map[string]string{},
		dnsEndpoints:         map[string]string{},
		brokerAddresses:      map[string][]string{},
		routeHostnames:       map[string][]string{},
		certificateDNSNames:  l.certificateNames(),
		gatewayAddress:       gatewayAddress,
	}
	if existing := l.args.Edge.ExistingGateway; existing != nil {
		out.edgeGateway = existing.Name
		out.edgeGatewayNamespace = valueOr(existing.Namespace, l.namespace)
	}
	if l.args.TLS.Issuer != nil {
		out.certificate = l.names.Certificate()
	}
	for i, vc := range l.args.VirtualClusters {
		hosts := l.hosts[i]
		out.bootstrapServers[vc.Name] = hostPort(hosts.Bootstrap, port)
		for _, broker := range hosts.Brokers {
			out.brokerAddresses[vc.Name] = append(out.brokerAddresses[vc.Name], hostPort(broker, port))
		}
		out.virtualClusters[vc.Name] = l.names.VirtualClusters[i]
		out.routes[vc.Name] = l.names.ClusterRoute(i)
		out.routeHostnames[vc.Name] = hosts.routed()
		out.dnsRecordNames = append(out.dnsRecordNames, hosts.routed()...)
		if l.args.DNS != nil {
			out.dnsEndpoints[vc.Name] = l.names.ClusterDNSEndpoint(i)
		}
	}
	return out
}

// hostPort joins a host name and a port.
func hostPort(host string, port int) string {
	return net.JoinHostPort(host, strconv.Itoa(port))
}

// setOutputs fills the component's output fields.
func (g *SniGateway) setOutputs(out sniOutputs) {
	g.Namespace = pulumi.String(out.namespace).ToStringOutput()
	g.BootstrapServers = pulumi.ToStringMap(out.bootstrapServers).ToStringMapOutput()
	g.BrokerAddresses = pulumi.ToStringArrayMap(out.brokerAddresses).ToStringArrayMapOutput()
	g.AdvertisedPort = pulumi.Int(out.advertisedPort).ToIntOutput()
	g.ListenPort = pulumi.Int(out.listenPort).ToIntOutput()
	g.GatewayAddress = out.gatewayAddress
	g.RouteHostnames = pulumi.ToStringArrayMap(out.routeHostnames).ToStringArrayMapOutput()
	g.CertificateDNSNames = pulumi.ToStringArray(out.certificateDNSNames).ToStringArrayOutput()
	g.DNSRecordNames = pulumi.ToStringArray(out.dnsRecordNames).ToStringArrayOutput()
	g.KonnectTokenSecretName = pulumi.String(out.tokenSecret).ToStringOutput()
	g.AuthConfigurationName = pulumi.String(out.authConfiguration).ToStringOutput()
	g.GatewayName = pulumi.String(out.gateway).ToStringOutput()
	g.BackendClusterName = pulumi.String(out.backendCluster).ToStringOutput()
	g.VirtualClusterNames = pulumi.ToStringMap(out.virtualClusters).ToStringMapOutput()
	g.ListenerName = pulumi.String(out.listener).ToStringOutput()
	g.TLSServerPolicyName = pulumi.String(out.tlsServerPolicy).ToStringOutput()
	g.ForwardPolicyName = pulumi.String(out.forwardPolicy).ToStringOutput()
	g.DataPlaneName = pulumi.String(out.dataPlane).ToStringOutput()
	g.DataPlaneServiceName = pulumi.String(out.dataPlaneService).ToStringOutput()
	g.EdgeGatewayName = pulumi.String(out.edgeGateway).ToStringOutput()
	g.EdgeGatewayNamespace = pulumi.String(out.edgeGatewayNamespace).ToStringOutput()
	g.TLSRouteNames = pulumi.ToStringMap(out.routes).ToStringMapOutput()
	g.TLSSecretName = pulumi.String(out.tlsSecret).ToStringOutput()
	g.CertificateName = pulumi.String(out.certificate).ToStringOutput()
	g.DNSEndpointNames = pulumi.ToStringMap(out.dnsEndpoints).ToStringMapOutput()
}

// toMap lists the outputs under their pulumi names for RegisterResourceOutputs.
func (out sniOutputs) toMap() pulumi.Map {
	return pulumi.Map{
		"namespace":              pulumi.String(out.namespace),
		"bootstrapServers":       pulumi.ToStringMap(out.bootstrapServers),
		"brokerAddresses":        pulumi.ToStringArrayMap(out.brokerAddresses),
		"advertisedPort":         pulumi.Int(out.advertisedPort),
		"listenPort":             pulumi.Int(out.listenPort),
		"gatewayAddress":         out.gatewayAddress,
		"routeHostnames":         pulumi.ToStringArrayMap(out.routeHostnames),
		"certificateDnsNames":    pulumi.ToStringArray(out.certificateDNSNames),
		"dnsRecordNames":         pulumi.ToStringArray(out.dnsRecordNames),
		"konnectTokenSecretName": pulumi.String(out.tokenSecret),
		"authConfigurationName":  pulumi.String(out.authConfiguration),
		"gatewayName":            pulumi.String(out.gateway),
		"backendClusterName":     pulumi.String(out.backendCluster),
		"virtualClusterNames":    pulumi.ToStringMap(out.virtualClusters),
		"listenerName":           pulumi.String(out.listener),
		"tlsServerPolicyName":    pulumi.String(out.tlsServerPolicy),
		"forwardPolicyName":      pulumi.String(out.forwardPolicy),
		"dataPlaneName":          pulumi.String(out.dataPlane),
		"dataPlaneServiceName":   pulumi.String(out.dataPlaneService),
		"edgeGatewayName":        pulumi.String(out.edgeGateway),
		"edgeGatewayNamespace":   pulumi.String(out.edgeGatewayNamespace),
		"tlsRouteNames":          pulumi.ToStringMap(out.routes),
		"tlsSecretName":          pulumi.String(out.tlsSecret),
		"certificateName":        pulumi.String(out.certificate),
		"dnsEndpointNames":       pulumi.ToStringMap(out.dnsEndpoints),
	}
}
