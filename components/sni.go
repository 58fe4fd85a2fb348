package components

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// SniGatewayType is the Pulumi type token of SniGateway.
const SniGatewayType = "kong-event-gateway:index:SniGateway"

// SniGateway deploys Kong Event Gateway with the SNI pattern: Konnect authentication, a KonnectEventGateway, a
// backend cluster, virtual clusters told apart by dnsLabel, one listener whose tlsServer policy terminates TLS and
// whose sni policy routes by server name, a KegDataPlane behind a ClusterIP Service, and at the Kubernetes edge a
// TLS Passthrough Gateway listener with one TLSRoute per virtual cluster, a cert-manager Certificate when asked
// for, and ExternalDNS records when asked for. Brokers are advertised on the Gateway listener's port.
type SniGateway struct {
	pulumi.ResourceState

	// Namespace holds every object.
	Namespace pulumi.StringOutput `pulumi:"namespace"`
	// BootstrapServers maps each virtual cluster's Konnect name to its clients' bootstrap.servers, such as
	// bootstrap.vc-tls-1.keg.example.com:9092.
	BootstrapServers pulumi.StringMapOutput `pulumi:"bootstrapServers"`
	// BrokerAddresses maps each virtual cluster's Konnect name to its advertised broker addresses in broker-id order.
	BrokerAddresses pulumi.StringArrayMapOutput `pulumi:"brokerAddresses"`
	// AdvertisedPort is the Gateway listener port brokers are advertised on.
	AdvertisedPort pulumi.IntOutput `pulumi:"advertisedPort"`
	// ListenPort is the data plane's listener port behind the Gateway.
	ListenPort pulumi.IntOutput `pulumi:"listenPort"`
	// GatewayAddress is where the advertised names must resolve: edge.address, else the first address the created
	// Gateway's controller reported when Pulumi last read it ("" when none yet, or for an existing Gateway).
	GatewayAddress pulumi.StringOutput `pulumi:"gatewayAddress"`
	// RouteHostnames maps each virtual cluster's Konnect name to its TLSRoute's host names.
	RouteHostnames pulumi.StringArrayMapOutput `pulumi:"routeHostnames"`
	// CertificateDNSNames are the names the certificate covers: requested from cert-manager, or as declared.
	CertificateDNSNames pulumi.StringArrayOutput `pulumi:"certificateDnsNames"`
	// DNSRecordNames are the names to point at GatewayAddress; with dns set the component publishes them.
	DNSRecordNames pulumi.StringArrayOutput `pulumi:"dnsRecordNames"`
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
	// ListenerName is the EventGatewayListener.
	ListenerName pulumi.StringOutput `pulumi:"listenerName"`
	// TLSServerPolicyName is the listener's tlsServer EventGatewayListenerPolicy.
	TLSServerPolicyName pulumi.StringOutput `pulumi:"tlsServerPolicyName"`
	// ForwardPolicyName is the listener's sni forwarding EventGatewayListenerPolicy.
	ForwardPolicyName pulumi.StringOutput `pulumi:"forwardPolicyName"`
	// DataPlaneName is the KegDataPlane, and the operator's data-plane Deployment.
	DataPlaneName pulumi.StringOutput `pulumi:"dataPlaneName"`
	// DataPlaneServiceName is the ClusterIP Service the operator creates and the TLSRoutes target.
	DataPlaneServiceName pulumi.StringOutput `pulumi:"dataPlaneServiceName"`
	// EdgeGatewayName is the Gateway API Gateway clients connect to, created or existing.
	EdgeGatewayName pulumi.StringOutput `pulumi:"edgeGatewayName"`
	// EdgeGatewayNamespace is the namespace of the edge Gateway.
	EdgeGatewayNamespace pulumi.StringOutput `pulumi:"edgeGatewayNamespace"`
	// TLSRouteNames maps each virtual cluster's Konnect name to its TLSRoute.
	TLSRouteNames pulumi.StringMapOutput `pulumi:"tlsRouteNames"`
	// TLSSecretName is the Secret holding the listener's key pair.
	TLSSecretName pulumi.StringOutput `pulumi:"tlsSecretName"`
	// CertificateName is the cert-manager Certificate, or "" with a Secret of yours.
	CertificateName pulumi.StringOutput `pulumi:"certificateName"`
	// DNSEndpointNames maps each virtual cluster's Konnect name to its DNSEndpoint; empty without dns.
	DNSEndpointNames pulumi.StringMapOutput `pulumi:"dnsEndpointNames"`
}

// NewSniGateway validates args and registers the component with all its children. Invalid arguments register
// nothing and return every problem, each naming its field. Pass the Kubernetes provider in opts
// (pulumi.Providers); the children inherit it. A declared certificate that misses advertised names is a warning
// when tls.requireCertificateCoverage is false.
func NewSniGateway(ctx *pulumi.Context, name string, args SniGatewayArgs, opts ...pulumi.ResourceOption,
) (*SniGateway, error) {
	if err := args.Validate(name); err != nil {
		return nil, fmt.Errorf("SniGateway %q: invalid arguments:\n%w", name, err)
	}
	layout := newSNILayout(name, args)
	gateway := &SniGateway{}
	if err := ctx.RegisterComponentResource(SniGatewayType, name, gateway, opts...); err != nil {
		return nil, err
	}
	if len(args.TLS.CertificateDNSNames) > 0 {
		if uncovered := uncoveredHosts(layout.advertisedHosts(), args.TLS.CertificateDNSNames); len(uncovered) > 0 {
			message := "tls.certificateDnsNames do not cover " + strings.Join(uncovered, ", ") +
				": clients verifying the certificate cannot connect to them"
			if err := ctx.Log.Warn(message, &pulumi.LogArgs{Resource: gateway}); err != nil {
				return nil, err
			}
		}
	}
	address, err := layout.register(ctx, gateway)
	if err != nil {
		return nil, err
	}
	layout.setOutputs(gateway, address)
	return gateway, ctx.RegisterResourceOutputs(gateway, outputsOf(gateway))
}
