package konnect

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/secrets"
)

// SchemaRegistry is a schema registry that schema-validation policies check records against.
type SchemaRegistry struct {
	kind[SchemaRegistryArgs, SchemaRegistryState]
}

var _ resource[SchemaRegistryArgs, SchemaRegistryState] = (*SchemaRegistry)(nil)

// SchemaRegistryArgs are the inputs of a SchemaRegistry.
type SchemaRegistryArgs struct {
	GatewayID   string               `pulumi:"gatewayId" api:"-"`
	Name        string               `pulumi:"name" api:"name"`
	Description *string              `pulumi:"description,optional" api:"description,omitempty"`
	Type        string               `pulumi:"type,optional" api:"type"`
	Config      SchemaRegistryConfig `pulumi:"config" api:"config"`
	Labels      map[string]string    `pulumi:"labels,optional" api:"labels,omitempty"`
}

// SchemaRegistryConfig is how to reach a Confluent-compatible schema registry.
type SchemaRegistryConfig struct {
	// `avro` or `json`.
	SchemaType RegistrySchemaType `pulumi:"schemaType" api:"schema_type"`
	// URL of the registry.
	Endpoint string `pulumi:"endpoint" api:"endpoint"`
	// Request timeout in seconds (at least 1; default 10).
	TimeoutSeconds *int `pulumi:"timeoutSeconds,optional" api:"timeout_seconds,omitempty"`
	// Basic authentication to the registry.
	Authentication *SchemaRegistryAuthentication `pulumi:"authentication,optional" api:"authentication,omitempty"`
}

// SchemaRegistryAuthentication is HTTP basic authentication to the registry.
type SchemaRegistryAuthentication struct {
	Type     string `pulumi:"type,optional" api:"type"`
	Username string `pulumi:"username" api:"username"`
	Password string `pulumi:"password" api:"password" provider:"secret"`
}

// SchemaRegistryState is the state of a SchemaRegistry. The password is not kept; its hash is.
type SchemaRegistryState struct {
	SchemaRegistryArgs
	Timestamps
	secrets.Sealed
}

// Annotate describes the resource.
func (s *SchemaRegistry) Annotate(a infer.Annotator) {
	a.Describe(s, "A schema registry that `schema_validation` policies check records against. "+
		"Import it with the ID `<gatewayId>/<schemaRegistryId>`.")
}

// Annotate describes the inputs.
func (s *SchemaRegistryArgs) Annotate(a infer.Annotator) {
	a.Describe(&s.GatewayID, "ID of the event gateway; changing it replaces the registry.")
	a.Describe(&s.Name, "Name, unique within the gateway (1-255 characters).")
	a.Describe(&s.Description, "Description (at most 512 characters).")
	a.Describe(&s.Type, "Registry type; only `confluent` exists.")
	a.SetDefault(&s.Type, "confluent")
	a.Describe(&s.Config, "Connection settings.")
	a.Describe(&s.Labels, "Labels: at most 50; keys 1-63 characters not starting with kong, konnect, mesh, kic or _.")
}

// Annotate describes basic authentication.
func (s *SchemaRegistryAuthentication) Annotate(a infer.Annotator) {
	a.Describe(&s.Type, "Authentication type; only `basic` exists.")
	a.SetDefault(&s.Type, "basic")
	a.Describe(&s.Username, "User name (literal or `${vault...}` reference).")
	a.Describe(&s.Password, "Password (literal or `${vault...}` reference).")
}

func (s *SchemaRegistryArgs) applyDefaults() {
	if s.Config.TimeoutSeconds == nil {
		s.Config.TimeoutSeconds = new(10)
	}
}

func (s *SchemaRegistryArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", s.Name, str(s.Description), "labels", s.Labels)
	problems.Check("type", validate.OneOf(s.Type, "confluent"))
	problems.Check("config.schemaType", validate.Enum(s.Config.SchemaType))
	if t := s.Config.TimeoutSeconds; t != nil {
		problems.Check("config.timeoutSeconds", validate.AtLeast(*t, 1))
	}
	if auth := s.Config.Authentication; auth != nil {
		problems.Check("config.authentication.type", validate.OneOf(auth.Type, "basic"))
	}
}

var schemaRegistries = kind[SchemaRegistryArgs, SchemaRegistryState]{
	idFormat: "<gatewayId>/<schemaRegistryId>",
	parents:  func(a *SchemaRegistryArgs) []parent { return gatewayParent(&a.GatewayID) },
	args:     func(s *SchemaRegistryState) *SchemaRegistryArgs { return &s.SchemaRegistryArgs },
	sealed:   func(s *SchemaRegistryState) *secrets.Sealed { return &s.Sealed },
	diff:     diffOptions{immutable: []string{"type"}},
	create: func(ctx context.Context, c *client.Client, a SchemaRegistryArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := sdkModel[components.SchemaRegistryCreate](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewaySchemaRegistries.CreateEventGatewaySchemaRegistry(ctx, a.GatewayID, &body, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a SchemaRegistryArgs) (json.RawMessage, error) {
		items, err := client.All(ctx, func(ctx context.Context, after *string) (*http.Response, error) {
			res, err := c.SDK.EventGatewaySchemaRegistries.ListEventGatewaySchemaRegistries(ctx, operations.ListEventGatewaySchemaRegistriesRequest{
				GatewayID: a.GatewayID, PageSize: pageSize, PageAfter: after, Filter: nameFilter(a.Name),
			})
			return rawResponse(res, err)
		})
		return pick(items, err, a.Name, "")
	},
	get: func(ctx context.Context, c *client.Client, a SchemaRegistryArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewaySchemaRegistries.GetEventGatewaySchemaRegistry(ctx, a.GatewayID, id)
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a SchemaRegistryArgs, id string) (*http.Response, error) {
		body, err := sdkModel[components.SchemaRegistryUpdate](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewaySchemaRegistries.UpdateEventGatewaySchemaRegistry(ctx, operations.UpdateEventGatewaySchemaRegistryRequest{
			GatewayID: a.GatewayID, SchemaRegistryID: id, SchemaRegistryUpdate: &body,
		})
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a SchemaRegistryArgs, id string) error {
		_, err := c.SDK.EventGatewaySchemaRegistries.DeleteEventGatewaySchemaRegistry(ctx, a.GatewayID, id)
		return err
	},
}
