package konnect

import (
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// The closed sets of the Konnect API, as schema enums (infer.Enum): every SDK types them, and validation checks a
// value against the same list (validate.Enum).

// enum is a string enum of the schema.
type enum[T ~string] interface {
	~string
	Values() []infer.EnumValue[T]
}

// optionalOneOf reports a set optional value outside its enum.
func optionalOneOf[T enum[T]](v *T) string {
	if v == nil {
		return ""
	}
	return validate.Enum(*v)
}

// enumStrings lists the values of enum T.
func enumStrings[T enum[T]]() []string {
	var zero T
	var values []string
	for _, e := range zero.Values() {
		values = append(values, string(e.Value))
	}
	return values
}

// enumValue is one value of an enum, named in the SDKs by name.
func enumValue[T ~string](name string, value T, description string) infer.EnumValue[T] {
	return infer.EnumValue[T]{Name: name, Value: value, Description: description}
}

// ACLMode says how a virtual cluster applies ACLs.
type ACLMode string

// Values lists the ACL modes.
func (ACLMode) Values() []infer.EnumValue[ACLMode] {
	return []infer.EnumValue[ACLMode]{
		enumValue[ACLMode]("EnforceOnGateway", "enforce_on_gateway", "The gateway enforces the cluster policies' ACLs; without any, access is denied."),
		enumValue[ACLMode]("Passthrough", "passthrough", "The backend cluster's own ACLs apply."),
	}
}

// VirtualClusterAuthenticationType is a way clients authenticate to a virtual cluster.
type VirtualClusterAuthenticationType string

// Values lists the client authentication types.
func (VirtualClusterAuthenticationType) Values() []infer.EnumValue[VirtualClusterAuthenticationType] {
	return []infer.EnumValue[VirtualClusterAuthenticationType]{
		enumValue[VirtualClusterAuthenticationType]("Anonymous", "anonymous", "No authentication."),
		enumValue[VirtualClusterAuthenticationType]("SaslPlain", "sasl_plain", "SASL/PLAIN."),
		enumValue[VirtualClusterAuthenticationType]("SaslScram", "sasl_scram", "SASL/SCRAM."),
		enumValue[VirtualClusterAuthenticationType]("OauthBearer", "oauth_bearer", "SASL/OAUTHBEARER with JWT validation."),
		enumValue[VirtualClusterAuthenticationType]("ClientCertificate", "client_certificate", "Mutual TLS."),
	}
}

// BackendClusterAuthenticationType is how the gateway authenticates to the Kafka cluster.
type BackendClusterAuthenticationType string

// Values lists the backend authentication types.
func (BackendClusterAuthenticationType) Values() []infer.EnumValue[BackendClusterAuthenticationType] {
	return []infer.EnumValue[BackendClusterAuthenticationType]{
		enumValue[BackendClusterAuthenticationType]("Anonymous", "anonymous", "No authentication."),
		enumValue[BackendClusterAuthenticationType]("SaslPlain", "sasl_plain", "SASL/PLAIN."),
		enumValue[BackendClusterAuthenticationType]("SaslScram", "sasl_scram", "SASL/SCRAM."),
	}
}

// BackendTLSVersion is a TLS version the gateway may use towards the Kafka cluster.
type BackendTLSVersion string

// Values lists the TLS versions.
func (BackendTLSVersion) Values() []infer.EnumValue[BackendTLSVersion] {
	return []infer.EnumValue[BackendTLSVersion]{
		enumValue[BackendTLSVersion]("Tls12", "tls12", "TLS 1.2."),
		enumValue[BackendTLSVersion]("Tls13", "tls13", "TLS 1.3."),
	}
}

// ListenerPolicyType is the kind of a listener policy.
type ListenerPolicyType string

// Values lists the listener policy types.
func (ListenerPolicyType) Values() []infer.EnumValue[ListenerPolicyType] {
	return []infer.EnumValue[ListenerPolicyType]{
		enumValue[ListenerPolicyType]("TlsServer", "tls_server", "Terminates TLS."),
		enumValue[ListenerPolicyType]("ForwardToVirtualCluster", "forward_to_virtual_cluster", "Routes connections to virtual clusters."),
	}
}

// ConsumePolicyKind is the kind of a consume policy.
type ConsumePolicyKind string

// Values lists the consume policy types.
func (ConsumePolicyKind) Values() []infer.EnumValue[ConsumePolicyKind] {
	return []infer.EnumValue[ConsumePolicyKind]{
		enumValue[ConsumePolicyKind]("ModifyHeaders", "modify_headers", "Sets or removes record headers."),
		enumValue[ConsumePolicyKind]("SchemaValidation", "schema_validation", "Validates records against a schema."),
		enumValue[ConsumePolicyKind]("Decrypt", "decrypt", "Decrypts record keys or values."),
		enumValue[ConsumePolicyKind]("SkipRecord", "skip_record", "Drops records."),
		enumValue[ConsumePolicyKind]("DecryptFields", "decrypt_fields", "Decrypts fields of records, under a parent policy."),
	}
}

// ProducePolicyKind is the kind of a produce policy.
type ProducePolicyKind string

// Values lists the produce policy types.
func (ProducePolicyKind) Values() []infer.EnumValue[ProducePolicyKind] {
	return []infer.EnumValue[ProducePolicyKind]{
		enumValue[ProducePolicyKind]("ModifyHeaders", "modify_headers", "Sets or removes record headers."),
		enumValue[ProducePolicyKind]("SchemaValidation", "schema_validation", "Validates records against a schema."),
		enumValue[ProducePolicyKind]("Encrypt", "encrypt", "Encrypts record keys or values."),
		enumValue[ProducePolicyKind]("EncryptFields", "encrypt_fields", "Encrypts fields of records, under a parent policy."),
	}
}

// ForwardType is how a listener routes connections to virtual clusters.
type ForwardType string

// Values lists the forwarding types.
func (ForwardType) Values() []infer.EnumValue[ForwardType] {
	return []infer.EnumValue[ForwardType]{
		enumValue[ForwardType]("PortMapping", "port_mapping", "A port per broker."),
		enumValue[ForwardType]("Sni", "sni", "TLS server names; needs a tls_server policy first."),
	}
}

// BootstrapPort says whether a port-mapped virtual cluster has a bootstrap port.
type BootstrapPort string

// Values lists the bootstrap port choices.
func (BootstrapPort) Values() []infer.EnumValue[BootstrapPort] {
	return []infer.EnumValue[BootstrapPort]{
		enumValue[BootstrapPort]("AtStart", "at_start", "The first listener port bootstraps; one port per broker follows."),
		enumValue[BootstrapPort]("None", "none", "Every port is a broker's."),
	}
}

// BrokerHostFormatType is the SNI host-name scheme of brokers.
type BrokerHostFormatType string

// Values lists the broker host-name schemes.
func (BrokerHostFormatType) Values() []infer.EnumValue[BrokerHostFormatType] {
	return []infer.EnumValue[BrokerHostFormatType]{
		enumValue[BrokerHostFormatType]("PerClusterSuffix", "per_cluster_suffix", "bootstrap.<dnsLabel><suffix> and broker-<id>.<dnsLabel><suffix>."),
		enumValue[BrokerHostFormatType]("SharedSuffix", "shared_suffix", "bootstrap-<dnsLabel><suffix> and broker-<id>-<dnsLabel><suffix>."),
	}
}

// ClientAuthMode says whether clients must present a certificate.
type ClientAuthMode string

// Values lists the client certificate modes.
func (ClientAuthMode) Values() []infer.EnumValue[ClientAuthMode] {
	return []infer.EnumValue[ClientAuthMode]{
		enumValue[ClientAuthMode]("Required", "required", "Clients must present a certificate."),
		enumValue[ClientAuthMode]("Requested", "requested", "Clients may present a certificate."),
	}
}

// EncryptionKeyType is where encryption keys live.
type EncryptionKeyType string

// Values lists the key types.
func (EncryptionKeyType) Values() []infer.EnumValue[EncryptionKeyType] {
	return []infer.EnumValue[EncryptionKeyType]{
		enumValue[EncryptionKeyType]("Aws", "aws", "AWS KMS."),
		enumValue[EncryptionKeyType]("Static", "static", "Konnect static keys (StaticKey resources)."),
	}
}

// RegistrySchemaType is the schema language of a registry.
type RegistrySchemaType string

// Values lists the schema languages.
func (RegistrySchemaType) Values() []infer.EnumValue[RegistrySchemaType] {
	return []infer.EnumValue[RegistrySchemaType]{
		enumValue[RegistrySchemaType]("Avro", "avro", "Apache Avro."),
		enumValue[RegistrySchemaType]("Json", "json", "JSON Schema."),
	}
}

// PolicyChainType names a chain of policies.
type PolicyChainType string

// Values lists the chains.
func (PolicyChainType) Values() []infer.EnumValue[PolicyChainType] {
	return []infer.EnumValue[PolicyChainType]{
		enumValue[PolicyChainType]("Listener", "listener", "A listener's policies (set listenerId)."),
		enumValue[PolicyChainType]("Cluster", "cluster", "A virtual cluster's cluster policies (set virtualClusterId)."),
		enumValue[PolicyChainType]("Consume", "consume", "A virtual cluster's consume policies (set virtualClusterId)."),
		enumValue[PolicyChainType]("Produce", "produce", "A virtual cluster's produce policies (set virtualClusterId)."),
	}
}
