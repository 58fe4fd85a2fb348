package components

import "github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"

// SniGatewayArgs configures an SniGateway. Every field is a plain value known at preview.
type SniGatewayArgs struct {
	// Konnect holds the access token and the regional API server.
	Konnect KonnectArgs `pulumi:"konnect"`
	// SNISuffix follows each virtual cluster's dnsLabel in its host names, such as ".keg.example.com"; it starts
	// with "." or "-".
	SNISuffix string `pulumi:"sniSuffix"`
	// BrokerHostFormat is per_cluster_suffix (default: bootstrap.<dnsLabel><suffix> and
	// broker-<id>.<dnsLabel><suffix>) or shared_suffix (bootstrap-<dnsLabel><suffix> and
	// broker-<id>-<dnsLabel><suffix>, so one wildcard certificate covers every cluster; data plane 1.1 or later).
	BrokerHostFormat eventgateway.BrokerHostFormatType `pulumi:"brokerHostFormat,optional"`
	// BackendCluster is the upstream Kafka cluster; its broker count and lowest broker id give the broker names.
	BackendCluster BackendClusterArgs `pulumi:"backendCluster"`
	// SchemaRegistries are the schema registries the virtual clusters' schemaValidation policies name.
	SchemaRegistries []SchemaRegistryArgs `pulumi:"schemaRegistries,optional"`
	// StaticKeys are the gateway's static encryption keys, which encrypt policies name. Kong Operator cannot create
	// them: the kong-event-gateway provider does, under the gateway the operator reports.
	StaticKeys []StaticKeyArgs `pulumi:"staticKeys,optional"`
	// VirtualClusters are the clusters clients see, each under its own dnsLabel behind the one listener.
	VirtualClusters []SniVirtualClusterArgs `pulumi:"virtualClusters"`
	// Edge is the Kubernetes Gateway clients connect to.
	Edge EdgeArgs `pulumi:"edge"`
	// TLS is the certificate the data plane presents; the Gateway passes TLS through.
	TLS SniTLSArgs `pulumi:"tls"`
	// DNS publishes the advertised names through ExternalDNS; without it, the dnsRecordNames output lists the
	// names to point at the Gateway yourself.
	DNS *DNSArgs `pulumi:"dns,optional"`
	// ListenPort is the data plane's listener port, the port of its ClusterIP Service and of the TLSRoutes'
	// backend. Defaults to 19092.
	ListenPort int `pulumi:"listenPort,optional"`
	// AdvertisedPort is the port brokers are advertised on. It is always the Gateway listener port (edge.port);
	// set it only to have that checked.
	AdvertisedPort int `pulumi:"advertisedPort,optional"`
	// Namespace holds every object; it must exist. Defaults to "kong".
	Namespace string `pulumi:"namespace,optional"`
	// Labels are Kubernetes labels added to the metadata of every object created.
	Labels map[string]string `pulumi:"labels,optional"`
	// Gateway describes the Event Gateway control plane in Konnect.
	Gateway *GatewayArgs `pulumi:"gateway,optional"`
	// DataPlane shapes the KegDataPlane and its ClusterIP Service (externalTrafficPolicy does not apply).
	DataPlane *DataPlaneArgs `pulumi:"dataPlane,optional"`
	// WaitForProgrammed makes Pulumi wait until the operator (and cert-manager) report each object ready before
	// creating the objects that depend on it. Defaults to true; turn it off when no operator runs.
	WaitForProgrammed *bool `pulumi:"waitForProgrammed,optional"`
}

// SniVirtualClusterArgs describes one virtual cluster reached by SNI.
type SniVirtualClusterArgs struct {
	// Name is the virtual cluster's name in Konnect. Outputs are keyed by it.
	Name string `pulumi:"name"`
	// DNSLabel is an RFC 1035 label naming the cluster in its hosts. Defaults to Name lowercased with other
	// characters replaced by "-".
	DNSLabel string `pulumi:"dnsLabel,optional"`
	// Description is the virtual cluster's description in Konnect, at most 512 characters.
	Description string `pulumi:"description,optional"`
	// KonnectLabels are labels of the virtual cluster in Konnect.
	KonnectLabels map[string]string `pulumi:"konnectLabels,optional"`
	// ACLMode defaults to passthrough.
	ACLMode eventgateway.ACLMode `pulumi:"aclMode,optional"`
	// Authentication lists the schemes clients may use. Defaults to anonymous; the backend cluster then allows
	// anonymous virtual-cluster auth.
	Authentication []eventgateway.VirtualClusterAuthentication `pulumi:"authentication,optional"`
	// Namespace limits the cluster to backend topics and groups with a prefix.
	Namespace *eventgateway.VirtualClusterNamespace `pulumi:"namespace,optional"`
	// TopicAliases need data plane 1.2 or later.
	TopicAliases []eventgateway.TopicAlias `pulumi:"topicAliases,optional"`
	// ACLs are the rules of the virtual cluster's ACL policy (an EventGatewayVirtualClusterPolicy). They apply when
	// aclMode is enforce_on_gateway, where a cluster without rules denies every client.
	ACLs []eventgateway.ACLRule `pulumi:"acls,optional"`
	// ConsumePolicies process the records the cluster's clients consume, in the listed order: policy i is the
	// EventGatewayVirtualClusterConsumePolicy <cluster>-consume-<i>, so the list order is the evaluation order.
	ConsumePolicies []eventgateway.ConsumePolicyAPISpec `pulumi:"consumePolicies,optional"`
	// ProducePolicies process the records the cluster's clients produce, in the listed order: policy i is the
	// EventGatewayVirtualClusterProducePolicy <cluster>-produce-<i>.
	ProducePolicies []eventgateway.ProducePolicyAPISpec `pulumi:"producePolicies,optional"`
}

// EdgeArgs says which Kubernetes Gateway clients connect to: one the component creates (GatewayClassName) or one
// that exists (ExistingGateway). Set exactly one.
type EdgeArgs struct {
	// GatewayClassName creates a Gateway of this class with one TLS Passthrough listener on Port.
	GatewayClassName string `pulumi:"gatewayClassName,optional"`
	// ExistingGateway attaches the TLSRoutes to a TLS Passthrough listener of a Gateway managed elsewhere; it
	// must allow TLSRoutes from the component's namespace.
	ExistingGateway *ExistingGatewayArgs `pulumi:"existingGateway,optional"`
	// Port is the Gateway listener's port: the port clients connect to and the one brokers are advertised on.
	// Defaults to 9092 for a created Gateway; required with ExistingGateway.
	Port int `pulumi:"port,optional"`
	// Address is the Gateway's public IP address or host name, which DNS records point at. Defaults to the first
	// address the Gateway controller reports for a created Gateway (Pulumi waits for it when DNS is set).
	Address string `pulumi:"address,optional"`
	// RouteAPIVersion is the TLSRoute version the Gateway controller serves: v1 (default), v1alpha3 or v1alpha2.
	RouteAPIVersion eventgateway.TLSRouteVersion `pulumi:"routeAPIVersion,optional"`
	// GatewayAnnotations go on the created Gateway, such as load-balancer options of its controller.
	GatewayAnnotations map[string]string `pulumi:"gatewayAnnotations,optional"`
}

// ExistingGatewayArgs names a Gateway listener managed elsewhere.
type ExistingGatewayArgs struct {
	// Name is the Gateway API Gateway's name.
	Name string `pulumi:"name"`
	// Namespace defaults to the component's namespace.
	Namespace string `pulumi:"namespace,optional"`
	// SectionName is the name of its TLS Passthrough listener; EdgeArgs.Port must be that listener's port.
	SectionName string `pulumi:"sectionName"`
}

// SniTLSArgs says where the data plane's certificate comes from: a Secret of yours (SecretName) or cert-manager
// (Issuer). Set exactly one.
type SniTLSArgs struct {
	// SecretName is a kubernetes.io/tls Secret (keys tls.crt and tls.key) in the component's namespace. It must
	// carry the label konghq.com/secret: "true", or Kong Operator cannot read it.
	SecretName string `pulumi:"secretName,optional"`
	// CertificateDNSNames lists the names the certificate in SecretName covers, precise or "*." wildcards; the
	// component checks them against every advertised host name.
	CertificateDNSNames []string `pulumi:"certificateDnsNames,optional"`
	// RequireCertificateCoverage fails validation when CertificateDNSNames miss an advertised host name; otherwise
	// it is a warning. Defaults to true when CertificateDNSNames is set.
	RequireCertificateCoverage *bool `pulumi:"requireCertificateCoverage,optional"`
	// Issuer has cert-manager issue the certificate for names the component computes, into a Secret labelled for
	// Kong Operator.
	Issuer *IssuerArgs `pulumi:"issuer,optional"`
	// Versions bounds the TLS versions clients may use (Konnect default 1.2 to 1.3).
	Versions *eventgateway.TLSServerVersions `pulumi:"versions,optional"`
	// ClientAuthentication has the data plane verify client certificates (mutual TLS).
	ClientAuthentication *ClientAuthenticationArgs `pulumi:"clientAuthentication,optional"`
}

// ClientAuthenticationArgs has the data plane verify client certificates against CA certificates kept in Konnect TLS
// trust bundles. No CRD can create a trust bundle: the kong-event-gateway provider creates them under the gateway
// the operator reports, as for staticKeys, and the tlsServer policy names them by Konnect ID.
type ClientAuthenticationArgs struct {
	// Mode is required (default: clients must present a certificate) or requested.
	Mode eventgateway.ClientAuthMode `pulumi:"mode,optional"`
	// TrustBundles are the CA certificates client certificates are verified against.
	TrustBundles []TrustBundleArgs `pulumi:"trustBundles"`
	// PrincipalMapping is an expression mapping a client certificate to a principal name.
	PrincipalMapping string `pulumi:"principalMapping,optional"`
}

// TrustBundleArgs is one Konnect TLS trust bundle.
type TrustBundleArgs struct {
	// Name is the bundle's name in Konnect, unique within the gateway.
	Name string `pulumi:"name"`
	// TrustedCA holds the PEM-encoded CA certificates.
	TrustedCA string `pulumi:"trustedCA"`
}

// IssuerArgs names a cert-manager issuer.
type IssuerArgs struct {
	// Name is the name of the Issuer or ClusterIssuer.
	Name string `pulumi:"name"`
	// Kind is Issuer (default, in the component's namespace) or ClusterIssuer; external issuers name their own.
	Kind eventgateway.IssuerKind `pulumi:"kind,optional"`
	// Group defaults to cert-manager.io; set it for an external issuer.
	Group string `pulumi:"group,optional"`
}

// DNSArgs publishes the advertised names through ExternalDNS (its crd source): one DNSEndpoint per virtual
// cluster pointing them at the Gateway address, as an A or AAAA record for an IP address and a CNAME otherwise.
type DNSArgs struct {
	// TTL of each record in seconds; 0 leaves it to ExternalDNS.
	TTL int `pulumi:"ttl,optional"`
	// Labels go on the DNSEndpoints besides the component's labels, such as what ExternalDNS's --label-filter
	// selects.
	Labels map[string]string `pulumi:"labels,optional"`
}
