package eventgateway

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var eventGatewaySchemaRegistryKind = kind{ConfigurationAPIVersion, "EventGatewaySchemaRegistry", ConditionProgrammed}

// EventGatewaySchemaRegistrySpec is the spec of an EventGatewaySchemaRegistry, which consume policies validate
// records against.
type EventGatewaySchemaRegistrySpec struct {
	GatewayRef ObjectRef             `json:"gatewayRef" pulumi:"gatewayRef"`
	APISpec    SchemaRegistryAPISpec `json:"apiSpec" pulumi:"apiSpec"`
}

// SchemaRegistryType is the kind of schema registry.
type SchemaRegistryType string

// SchemaRegistryConfluent is the only SchemaRegistryType.
const SchemaRegistryConfluent SchemaRegistryType = "confluent"

// SchemaRegistryAPISpec is a union on Type.
type SchemaRegistryAPISpec struct {
	Type      SchemaRegistryType       `json:"type" pulumi:"type"`
	Confluent *ConfluentSchemaRegistry `json:"confluent,omitempty" pulumi:"confluent,optional"`
}

// ConfluentSchemaRegistry is a Confluent-compatible schema registry.
type ConfluentSchemaRegistry struct {
	Name        string                        `json:"name" pulumi:"name"`
	Description string                        `json:"description,omitempty" pulumi:"description,optional"`
	Labels      map[string]string             `json:"labels,omitempty" pulumi:"labels,optional"`
	Config      ConfluentSchemaRegistryConfig `json:"config" pulumi:"config"`
}

// SchemaType is the schema language of a registry.
type SchemaType string

// Values of SchemaType.
const (
	SchemaTypeAvro SchemaType = "avro"
	SchemaTypeJSON SchemaType = "json"
)

// ConfluentSchemaRegistryConfig says where the registry is and how to reach it.
type ConfluentSchemaRegistryConfig struct {
	SchemaType SchemaType `json:"schemaType" pulumi:"schemaType"`
	// Endpoint is the registry URL.
	Endpoint string `json:"endpoint" pulumi:"endpoint"`
	// TimeoutSeconds is at least 1; Konnect uses 10 when it is 0.
	TimeoutSeconds int                           `json:"timeoutSeconds,omitempty" pulumi:"timeoutSeconds,optional"`
	Authentication *SchemaRegistryAuthentication `json:"authentication,omitempty" pulumi:"authentication,optional"`
}

// SchemaRegistryAuthType is how the gateway authenticates to a registry.
type SchemaRegistryAuthType string

// SchemaRegistryAuthBasic is the only SchemaRegistryAuthType.
const SchemaRegistryAuthBasic SchemaRegistryAuthType = "basic"

// SchemaRegistryAuthentication is a union on Type.
type SchemaRegistryAuthentication struct {
	Type  SchemaRegistryAuthType `json:"type" pulumi:"type"`
	Basic *BasicAuth             `json:"basic,omitempty" pulumi:"basic,optional"`
}

// BasicAuth is HTTP basic authentication; the password may come from a Secret.
type BasicAuth struct {
	Username string              `json:"username" pulumi:"username"`
	Password SensitiveDataSource `json:"password" pulumi:"password"`
}

// NewEventGatewaySchemaRegistry registers an EventGatewaySchemaRegistry (configuration.konghq.com/v1alpha1).
func NewEventGatewaySchemaRegistry(ctx *pulumi.Context, name string, meta Metadata,
	spec EventGatewaySchemaRegistrySpec, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, eventGatewaySchemaRegistryKind, meta, spec, opts...)
}
