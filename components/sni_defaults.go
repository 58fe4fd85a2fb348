package components

import "github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"

// Defaults of SniGatewayArgs.
const (
	// DefaultSNIListenPort is the data plane's listener port, as in Kong's own SNI tests.
	DefaultSNIListenPort = 19092
	// DefaultEdgePort is the created Gateway's listener port, the Kafka port clients connect to.
	DefaultEdgePort = 9092
	// edgeListenerName is the section name of the created Gateway's listener.
	edgeListenerName = "kafka"
)

// The methods below give each optional argument's effective value; validation and construction both use them.

func (a SniGatewayArgs) namespace() string { return valueOr(a.Namespace, DefaultNamespace) }

func (a SniGatewayArgs) waitForProgrammed() bool { return derefOr(a.WaitForProgrammed, true) }

func (a SniGatewayArgs) gateway() GatewayArgs { return derefOr(a.Gateway, GatewayArgs{}) }

func (a SniGatewayArgs) dataPlane() DataPlaneArgs { return derefOr(a.DataPlane, DataPlaneArgs{}) }

func (a SniGatewayArgs) listenPort() int { return valueOr(a.ListenPort, DefaultSNIListenPort) }

func (a SniGatewayArgs) brokerHostFormat() eventgateway.BrokerHostFormatType {
	return valueOr(a.BrokerHostFormat, eventgateway.BrokerHostPerClusterSuffix)
}

// virtualClusters are the virtual clusters as the port-mapping pattern describes them, without ports.
func (a SniGatewayArgs) virtualClusters() []VirtualClusterArgs {
	converted := make([]VirtualClusterArgs, len(a.VirtualClusters))
	for i, vc := range a.VirtualClusters {
		converted[i] = VirtualClusterArgs{
			Name:            vc.Name,
			DNSLabel:        vc.DNSLabel,
			Description:     vc.Description,
			KonnectLabels:   vc.KonnectLabels,
			ACLMode:         vc.ACLMode,
			Authentication:  vc.Authentication,
			Namespace:       vc.Namespace,
			TopicAliases:    vc.TopicAliases,
			ACLs:            vc.ACLs,
			ConsumePolicies: vc.ConsumePolicies,
			ProducePolicies: vc.ProducePolicies,
		}
	}
	return converted
}

// advertisedPort is the Gateway listener port, where clients connect and brokers are advertised.
func (e EdgeArgs) advertisedPort() int {
	if e.ExistingGateway != nil {
		return e.Port
	}
	return valueOr(e.Port, DefaultEdgePort)
}

func (e EdgeArgs) routeAPIVersion() eventgateway.TLSRouteVersion {
	return valueOr(e.RouteAPIVersion, eventgateway.TLSRouteV1)
}

// parentRef is the Gateway listener the TLSRoutes attach to; created is the name of the Gateway the component
// creates.
func (e EdgeArgs) parentRef(created string) eventgateway.ParentReference {
	if existing := e.ExistingGateway; existing != nil {
		return eventgateway.ParentReference{
			Name: existing.Name, Namespace: existing.Namespace, SectionName: existing.SectionName,
		}
	}
	return eventgateway.ParentReference{Name: created, SectionName: edgeListenerName}
}

// coverageRequired says whether declared certificate names must cover every advertised host name.
func (t SniTLSArgs) coverageRequired() bool {
	return derefOr(t.RequireCertificateCoverage, len(t.CertificateDNSNames) > 0)
}

// issuerRef is the cert-manager issuer reference, with its kind defaulted.
func (i IssuerArgs) issuerRef() eventgateway.IssuerRef {
	return eventgateway.IssuerRef{Name: i.Name, Kind: valueOr(i.Kind, eventgateway.IssuerKindIssuer), Group: i.Group}
}

// trustBundles are the trust bundles of client authentication, if any.
func (t SniTLSArgs) trustBundles() []TrustBundleArgs {
	if t.ClientAuthentication == nil {
		return nil
	}
	return t.ClientAuthentication.TrustBundles
}

// clientAuthMode is the client authentication mode, required unless set.
func (c ClientAuthenticationArgs) clientAuthMode() eventgateway.ClientAuthMode {
	return valueOr(c.Mode, eventgateway.ClientAuthRequired)
}
