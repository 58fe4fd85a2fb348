package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// SchemaRegistryArgs describes a Confluent-compatible schema registry of the gateway (an EventGatewaySchemaRegistry).
// Policies name it: a consume policy's schemaRegistry.name and a produce policy's schemaRegistry.name.name are
// this Name.
type SchemaRegistryArgs struct {
	// Name is the registry's name in Konnect, unique within the gateway; policies refer to it by this name.
	Name string `pulumi:"name"`
	// Description is the registry's description in Konnect, at most 512 characters.
	Description string `pulumi:"description,optional"`
	// SchemaType is the schema language: avro or json.
	SchemaType eventgateway.SchemaType `pulumi:"schemaType"`
	// Endpoint is the registry's http(s) URL.
	Endpoint string `pulumi:"endpoint"`
	// TimeoutSeconds is at least 1; Konnect uses 10 when it is 0.
	TimeoutSeconds int `pulumi:"timeoutSeconds,optional"`
	// Username enables HTTP basic authentication towards the registry, with Password.
	Username string `pulumi:"username,optional"`
	// Password is the basic-authentication password; it may be a secret or another resource's output. It is
	// stored only in a Kubernetes Secret the registry's custom resource references, as a Pulumi secret.
	Password pulumi.StringInput `pulumi:"password,optional" provider:"secret"`
}
