package eventgateway

import (
	"reflect"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var eventGatewayListenerPolicyKind = kind{ConfigurationAPIVersion, "EventGatewayListenerPolicy", ConditionProgrammed}

// EventGatewayListenerPolicySpec is the spec of an EventGatewayListenerPolicy. The operator appends each policy to
// its listener's chain in creation order, so create a tlsServer policy before the forwardToVirtualCluster one.
type EventGatewayListenerPolicySpec struct {
	EventGatewayListenerRef ObjectRef             `json:"eventGatewayListenerRef" pulumi:"eventGatewayListenerRef"`
	APISpec                 ListenerPolicyAPISpec `json:"apiSpec" pulumi:"apiSpec"`
}

// ListenerPolicyType is the kind of a listener policy.
type ListenerPolicyType string

// Values of ListenerPolicyType.
const (
	ListenerPolicyForwardToVirtualCluster ListenerPolicyType = "forwardToVirtualCluster"
	ListenerPolicyTLSServer               ListenerPolicyType = "tlsServer"
)

// ListenerPolicyAPISpec is a union on Type; set the member Type names.
type ListenerPolicyAPISpec struct {
	Type                    ListenerPolicyType             `json:"type" pulumi:"type"`
	ForwardToVirtualCluster *ForwardToVirtualClusterPolicy `json:"forwardToVirtualCluster,omitempty" pulumi:"forwardToVirtualCluster,optional"`
	TLSServer               *TLSServerPolicy               `json:"tlsServer,omitempty" pulumi:"tlsServer,optional"`
}

// ListenerPolicyInfo holds the fields every listener policy has besides its config.
type ListenerPolicyInfo struct {
	Name        string `json:"name,omitempty" pulumi:"name,optional"`
	Description string `json:"description,omitempty" pulumi:"description,optional"`
	// Enabled defaults to Enabled in Konnect.
	Enabled EnabledState      `json:"enabled,omitempty" pulumi:"enabled,optional"`
	Labels  map[string]string `json:"labels,omitempty" pulumi:"labels,optional"`
}

// ForwardToVirtualClusterPolicy routes a listener's connections to a virtual cluster.
type ForwardToVirtualClusterPolicy struct {
	ListenerPolicyInfo
	Config ForwardToVirtualClusterConfig `json:"config" pulumi:"config"`
}

// ForwardType is how a forwarding policy tells brokers apart.
type ForwardType string

// Values of ForwardType.
const (
	// ForwardPortMapping gives every broker its own listener port.
	ForwardPortMapping ForwardType = "portMapping"
	// ForwardSNI gives every broker its own TLS server name on one port.
	ForwardSNI ForwardType = "sni"
)

// ForwardToVirtualClusterConfig is a union on Type; set the member Type names.
type ForwardToVirtualClusterConfig struct {
	Type        ForwardType        `json:"type" pulumi:"type"`
	PortMapping *PortMappingConfig `json:"portMapping,omitempty" pulumi:"portMapping,optional"`
	SNI         *SNIConfig         `json:"sni,omitempty" pulumi:"sni,optional"`
}

// BootstrapPort says whether the first listener port is a bootstrap port.
type BootstrapPort string

// Values of BootstrapPort.
const (
	// BootstrapPortAtStart makes the first listener port the bootstrap port; broker ports follow it.
	BootstrapPortAtStart BootstrapPort = "at_start"
	// BootstrapPortNone maps the first listener port to the first broker.
	BootstrapPortNone BootstrapPort = "none"
)

// PortMappingConfig maps listener ports to brokers: broker id minBrokerID+n gets the n-th broker port.
type PortMappingConfig struct {
	// AdvertisedHost is the lowercase DNS name or IP clients reach the listener on; brokers are advertised on it.
	AdvertisedHost string `json:"advertisedHost" pulumi:"advertisedHost"`
	// Destination is the virtual cluster's Konnect name or ID, not a Kubernetes reference.
	Destination   KonnectRef    `json:"destination" pulumi:"destination"`
	BootstrapPort BootstrapPort `json:"bootstrapPort,omitempty" pulumi:"bootstrapPort,optional"`
	// MinBrokerID is the lowest backend broker id (Konnect default 0).
	MinBrokerID int `json:"minBrokerID,omitempty" pulumi:"minBrokerID,optional"`
}

// SNIConfig routes by TLS server name: bootstrap.<dnsLabel><sniSuffix> and broker-<id>.<dnsLabel><sniSuffix>.
type SNIConfig struct {
	// SNISuffix starts with "." or "-", such as ".keg.example.com".
	SNISuffix string `json:"sniSuffix,omitempty" pulumi:"sniSuffix,optional"`
	// AdvertisedPort is advertised to clients instead of the listen port.
	AdvertisedPort   int               `json:"advertisedPort,omitempty" pulumi:"advertisedPort,optional"`
	BrokerHostFormat *BrokerHostFormat `json:"brokerHostFormat,omitempty" pulumi:"brokerHostFormat,optional"`
}

// BrokerHostFormatType says how broker host names are built under SNI routing.
type BrokerHostFormatType string

// Values of BrokerHostFormatType.
const (
	// BrokerHostPerClusterSuffix gives broker-<id>.<dnsLabel><sniSuffix>.
	BrokerHostPerClusterSuffix BrokerHostFormatType = "per_cluster_suffix"
	// BrokerHostSharedSuffix gives broker-<id>-<dnsLabel><sniSuffix>, so one wildcard covers every cluster.
	BrokerHostSharedSuffix BrokerHostFormatType = "shared_suffix"
)

// BrokerHostFormat selects the broker host name format.
type BrokerHostFormat struct {
	Type BrokerHostFormatType `json:"type" pulumi:"type"`
}

// TLSServerPolicy terminates TLS on a listener.
type TLSServerPolicy struct {
	ListenerPolicyInfo
	Config TLSServerConfig `json:"config" pulumi:"config"`
}

// TLSServerConfig is the server side of TLS termination.
type TLSServerConfig struct {
	// Certificates holds exactly one certificate and key.
	Certificates         []CertificateKeyPair  `json:"certificates" pulumi:"certificates"`
	Versions             *TLSServerVersions    `json:"versions,omitempty" pulumi:"versions,optional"`
	AllowPlaintext       EnabledState          `json:"allowPlaintext,omitempty" pulumi:"allowPlaintext,optional"`
	ClientAuthentication *ClientAuthentication `json:"clientAuthentication,omitempty" pulumi:"clientAuthentication,optional"`
}

// TLSProtocolVersion is a TLS version a server accepts.
type TLSProtocolVersion string

// Values of TLSProtocolVersion.
const (
	TLSv12 TLSProtocolVersion = "TLSv1.2"
	TLSv13 TLSProtocolVersion = "TLSv1.3"
)

// TLSServerVersions bounds the accepted TLS versions (Konnect default 1.2 to 1.3).
type TLSServerVersions struct {
	// Min is the lowest accepted version, TLSv1.2 (Konnect default) or TLSv1.3.
	Min TLSProtocolVersion `json:"min,omitempty" pulumi:"min,optional"`
	// Max is the highest accepted version, TLSv1.2 or TLSv1.3 (Konnect default).
	Max TLSProtocolVersion `json:"max,omitempty" pulumi:"max,optional"`
}

// ClientAuthMode says whether clients must present a certificate.
type ClientAuthMode string

// Values of ClientAuthMode.
const (
	ClientAuthRequired  ClientAuthMode = "required"
	ClientAuthRequested ClientAuthMode = "requested"
)

// ClientAuthentication verifies client certificates against Konnect TLS trust bundles, which have no CRD.
type ClientAuthentication struct {
	Mode             ClientAuthMode `json:"mode" pulumi:"mode"`
	TLSTrustBundles  []KonnectRef   `json:"tlsTrustBundles" pulumi:"tlsTrustBundles"`
	PrincipalMapping string         `json:"principalMapping,omitempty" pulumi:"principalMapping,optional"`
}

// NewEventGatewayListenerPolicy registers an EventGatewayListenerPolicy (configuration.konghq.com/v1alpha1).
func NewEventGatewayListenerPolicy(ctx *pulumi.Context, name string, meta Metadata,
	spec EventGatewayListenerPolicySpec, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, eventGatewayListenerPolicyKind, meta, spec, opts...)
}

// ListenerPolicySpecOutput is an EventGatewayListenerPolicySpec known once other resources report what it needs,
// such as the address a LoadBalancer gets: build it with ApplyT on that output.
type ListenerPolicySpecOutput struct{ *pulumi.OutputState }

// ElementType is EventGatewayListenerPolicySpec.
func (ListenerPolicySpecOutput) ElementType() reflect.Type {
	return reflect.TypeFor[EventGatewayListenerPolicySpec]()
}

func init() {
	pulumi.RegisterOutputType(ListenerPolicySpecOutput{})
}

// NewEventGatewayListenerPolicyFromOutput registers an EventGatewayListenerPolicy once spec resolves. The spec must
// hold no secret (a tlsServer key): inside an output it cannot stay a secret of its own.
func NewEventGatewayListenerPolicyFromOutput(ctx *pulumi.Context, name string, meta Metadata,
	spec ListenerPolicySpecOutput, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return registerResolved(ctx, name, eventGatewayListenerPolicyKind, meta, spec, opts...)
}
