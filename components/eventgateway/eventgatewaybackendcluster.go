package eventgateway

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var eventGatewayBackendClusterKind = kind{ConfigurationAPIVersion, "EventGatewayBackendCluster", ConditionProgrammed}

// EventGatewayBackendClusterSpec is the spec of an EventGatewayBackendCluster: the upstream Kafka cluster.
type EventGatewayBackendClusterSpec struct {
	// GatewayRef points at the KonnectEventGateway.
	GatewayRef ObjectRef             `json:"gatewayRef" pulumi:"gatewayRef"`
	APISpec    BackendClusterAPISpec `json:"apiSpec" pulumi:"apiSpec"`
}

// BackendClusterAPISpec is the Konnect body of a backend cluster.
type BackendClusterAPISpec struct {
	Name        string            `json:"name" pulumi:"name"`
	Description string            `json:"description,omitempty" pulumi:"description,optional"`
	Labels      map[string]string `json:"labels,omitempty" pulumi:"labels,optional"`
	// BootstrapServers are the Kafka brokers to bootstrap from, each host:port.
	BootstrapServers []string                     `json:"bootstrapServers" pulumi:"bootstrapServers"`
	Authentication   BackendClusterAuthentication `json:"authentication" pulumi:"authentication"`
	TLS              BackendClusterTLS            `json:"tls" pulumi:"tls"`
	// InsecureAllowAnonymousVirtualClusterAuth must be Enabled before a virtual cluster may use anonymous auth.
	InsecureAllowAnonymousVirtualClusterAuth EnabledState `json:"insecureAllowAnonymousVirtualClusterAuth,omitempty" pulumi:"insecureAllowAnonymousVirtualClusterAuth,optional"`
	// MetadataUpdateIntervalSeconds is 1-43200; Konnect uses 60 when it is 0.
	MetadataUpdateIntervalSeconds int `json:"metadataUpdateIntervalSeconds,omitempty" pulumi:"metadataUpdateIntervalSeconds,optional"`
}

// BackendClusterAuthType is how the gateway authenticates to the backend cluster.
type BackendClusterAuthType string

// Values of BackendClusterAuthType.
const (
	BackendClusterAuthAnonymous BackendClusterAuthType = "anonymous"
	BackendClusterAuthSaslPlain BackendClusterAuthType = "saslPlain"
	BackendClusterAuthSaslScram BackendClusterAuthType = "saslScram"
)

// BackendClusterAuthentication is a union on Type; set the member Type names.
type BackendClusterAuthentication struct {
	// Type is anonymous, saslPlain or saslScram; set the member of the same name.
	Type BackendClusterAuthType `json:"type" pulumi:"type"`
	// Anonymous connects without credentials; set it (empty) when type is anonymous.
	Anonymous *EmptyObject `json:"anonymous,omitempty" pulumi:"anonymous,optional"`
	// SaslPlain holds the SASL/PLAIN credentials when type is saslPlain.
	SaslPlain *BackendClusterSaslPlain `json:"saslPlain,omitempty" pulumi:"saslPlain,optional"`
	// SaslScram holds the SASL/SCRAM credentials when type is saslScram.
	SaslScram *BackendClusterSaslScram `json:"saslScram,omitempty" pulumi:"saslScram,optional"`
}

// AnonymousBackendAuth returns authentication without credentials.
func AnonymousBackendAuth() BackendClusterAuthentication {
	return BackendClusterAuthentication{Type: BackendClusterAuthAnonymous, Anonymous: &EmptyObject{}}
}

// BackendClusterSaslPlain holds SASL/PLAIN credentials. Both take a literal or a Konnect secret template; the
// password is stored as a Pulumi secret.
type BackendClusterSaslPlain struct {
	// Username is a literal or a Konnect secret template, at most 253 characters.
	Username string `json:"username" pulumi:"username"`
	// Password is a literal or a Konnect secret template, at most 253 characters; Konnect omits a literal from its
	// responses.
	Password string `json:"password" pulumi:"password" provider:"secret"`
}

// BackendClusterSaslScram holds SASL/SCRAM credentials; the password is stored as a Pulumi secret.
type BackendClusterSaslScram struct {
	// Algorithm is sha256 or sha512.
	Algorithm SaslScramAlgorithm `json:"algorithm" pulumi:"algorithm"`
	// Username is a literal or a Konnect secret template, at most 253 characters.
	Username string `json:"username" pulumi:"username"`
	// Password is a literal or a Konnect secret template, at most 253 characters; Konnect omits a literal from its
	// responses.
	Password string `json:"password" pulumi:"password" provider:"secret"`
}

// TLSVersion is a TLS protocol version a backend connection may use.
type TLSVersion string

// Values of TLSVersion.
const (
	TLSVersion12 TLSVersion = "tls12"
	TLSVersion13 TLSVersion = "tls13"
)

// BackendClusterTLS configures TLS from the gateway to the backend cluster.
type BackendClusterTLS struct {
	// Enabled is Enabled or Disabled: whether the gateway connects to the brokers over TLS.
	Enabled EnabledState `json:"enabled" pulumi:"enabled"`
	// InsecureSkipVerify is Enabled or Disabled (default); Enabled skips verifying the brokers' certificates and is
	// not for production.
	InsecureSkipVerify EnabledState `json:"insecureSkipVerify,omitempty" pulumi:"insecureSkipVerify,optional"`
	// CABundle is PEM, at most 4096 characters.
	CABundle string `json:"caBundle,omitempty" pulumi:"caBundle,optional"`
	// TLSVersions lists the allowed versions, tls12 and tls13 (the CRD does not check them).
	TLSVersions []TLSVersion `json:"tlsVersions,omitempty" pulumi:"tlsVersions,optional"`
	// ClientIdentity is the client certificate for mutual TLS (data plane 1.1 or later).
	ClientIdentity *CertificateKeyPair `json:"clientIdentity,omitempty" pulumi:"clientIdentity,optional"`
}

// NewEventGatewayBackendCluster registers an EventGatewayBackendCluster (configuration.konghq.com/v1alpha1).
func NewEventGatewayBackendCluster(ctx *pulumi.Context, name string, meta Metadata,
	spec EventGatewayBackendClusterSpec, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, eventGatewayBackendClusterKind, meta, spec, opts...)
}
