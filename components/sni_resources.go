package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// register creates the children of parent in dependency order and returns the Gateway address DNS points at.
// After the Konnect chain come the listener, the certificate (with cert-manager), the tlsServer policy, then the
// sni forwarding policy, which the operator appends to the listener's chain after the tlsServer one, and the
// KegDataPlane, so the data plane starts with its configuration in place. The edge follows: the Gateway (unless one
// exists), one TLSRoute per virtual cluster, and with DNS one DNSEndpoint per virtual cluster once its route is in.
func (l sniLayout) register(ctx *pulumi.Context, parent pulumi.Resource) (pulumi.StringOutput, error) {
	var address pulumi.StringOutput
	chain, err := l.registerKonnectChain(ctx, parent)
	if err != nil {
		return address, err
	}
	child := pulumi.Parent(parent)
	listener, err := eventgateway.NewEventGatewayListener(ctx, l.names.Listener(), l.metadata(l.names.Listener()),
		l.listenerSpec(), child, after(chain.gateway))
	if err != nil {
		return address, err
	}
	tlsDependencies := []pulumi.Resource{listener}
	if l.args.TLS.Issuer != nil {
		certificate, err := eventgateway.NewCertificate(ctx, l.names.Certificate(),
			l.metadata(l.names.Certificate()), l.certificateSpec(), child)
		if err != nil {
			return address, err
		}
		tlsDependencies = append(tlsDependencies, certificate)
	}
	var bundleIDs []any
	for _, b := range l.trustBundles {
		bundleIDs = append(bundleIDs, chain.objects.trustBundles[b.Name])
	}
	tlsServerSpec := pulumi.All(bundleIDs...).ApplyT(func(ids []any) eventgateway.EventGatewayListenerPolicySpec {
		bundles := make([]string, len(ids))
		for i, id := range ids {
			bundles[i] = id.(string)
		}
		return l.tlsServerPolicySpec(bundles)
	}).(eventgateway.ListenerPolicySpecOutput)
	tlsServer, err := eventgateway.NewEventGatewayListenerPolicyFromOutput(ctx, l.names.TLSServerPolicy(),
		l.metadata(l.names.TLSServerPolicy()), tlsServerSpec, child, after(tlsDependencies...))
	if err != nil {
		return address, err
	}
	forward, err := eventgateway.NewEventGatewayListenerPolicy(ctx, l.names.ForwardPolicy(),
		l.metadata(l.names.ForwardPolicy()), l.forwardPolicySpec(), child,
		after(append([]pulumi.Resource{tlsServer}, chain.virtualClusters...)...))
	if err != nil {
		return address, err
	}
	dataPlane, err := eventgateway.NewKegDataPlane(ctx, l.names.DataPlane, l.metadata(l.names.DataPlane),
		l.dataPlaneSpec(), child, after(chain.gateway, tlsServer, forward))
	if err != nil {
		return address, err
	}
	return l.registerEdge(ctx, child, dataPlane)
}

// registerEdge creates the Gateway unless one exists, then each virtual cluster's TLSRoute and, with DNS, its
// DNSEndpoint. It returns the Gateway address: the one given, else the one the created Gateway reports.
func (l sniLayout) registerEdge(ctx *pulumi.Context, child pulumi.ResourceOption, dataPlane pulumi.Resource,
) (pulumi.StringOutput, error) {
	address := pulumi.String(l.args.Edge.Address).ToStringOutput()
	routeDependencies := []pulumi.Resource{dataPlane}
	if l.createsGateway() {
		gateway, err := eventgateway.NewGateway(ctx, l.names.EdgeGateway(), l.edgeGatewayMetadata(),
			l.edgeGatewaySpec(), child)
		if err != nil {
			return address, err
		}
		routeDependencies = append(routeDependencies, gateway)
		if l.args.Edge.Address == "" {
			address = eventgateway.GatewayAddress(gateway)
		}
	}
	for i := range l.names.VirtualClusters {
		route, err := eventgateway.NewTLSRoute(ctx, l.names.ClusterRoute(i), l.args.Edge.routeAPIVersion(),
			l.metadata(l.names.ClusterRoute(i)), l.routeSpec(i), child, after(routeDependencies...))
		if err != nil {
			return address, err
		}
		if l.args.DNS == nil {
			continue
		}
		spec := address.ApplyT(func(target string) eventgateway.DNSEndpointSpec {
			return l.dnsEndpointSpec(i, target)
		}).(eventgateway.DNSEndpointSpecOutput)
		_, err = eventgateway.NewDNSEndpoint(ctx, l.names.ClusterDNSEndpoint(i),
			l.dnsEndpointMetadata(l.names.ClusterDNSEndpoint(i)), spec, child, after(route))
		if err != nil {
			return address, err
		}
	}
	return address, nil
}
