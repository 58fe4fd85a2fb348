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

// StaticKey is a symmetric key that encrypt and decrypt policies use. Konnect cannot update static keys, so
// every change, including a rotated value, replaces the key.
type StaticKey struct {
	kind[StaticKeyArgs, StaticKeyState]
}

var _ resource[StaticKeyArgs, StaticKeyState] = (*StaticKey)(nil)

// StaticKeyArgs are the inputs of a StaticKey.
type StaticKeyArgs struct {
	GatewayID   string            `pulumi:"gatewayId" api:"-"`
	Name        string            `pulumi:"name" api:"name"`
	Description *string           `pulumi:"description,optional" api:"description,omitempty"`
	Value       string            `pulumi:"value" api:"value" provider:"secret"`
	Labels      map[string]string `pulumi:"labels,optional" api:"labels,omitempty"`
}

// StaticKeyState is the state of a StaticKey. The value is not kept; its hash is.
type StaticKeyState struct {
	StaticKeyArgs
	Timestamps
	secrets.Sealed
}

// Annotate describes the resource.
func (k *StaticKey) Annotate(a infer.Annotator) {
	a.Describe(k, "A static encryption key for `encrypt`/`decrypt` policies. Konnect cannot update static keys: any "+
		"change, including a new value (detected by its hash), replaces the key. Import it with the ID "+
		"`<gatewayId>/<staticKeyId>`; the first update afterwards only records the value's hash.")
}

// Annotate describes the inputs.
func (k *StaticKeyArgs) Annotate(a infer.Annotator) {
	a.Describe(&k.GatewayID, "ID of the event gateway.")
	a.Describe(&k.Name, "Name, unique within the gateway (1-255 characters); policies may reference the key by it.")
	a.Describe(&k.Description, "Description (at most 512 characters).")
	a.Describe(&k.Value, "The key material (literal or `${vault...}` reference).")
	a.Describe(&k.Labels, "Labels: at most 50; keys 1-63 characters not starting with kong, konnect, mesh, kic or _.")
}

func (k *StaticKeyArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", k.Name, str(k.Description), "labels", k.Labels)
}

var staticKeys = kind[StaticKeyArgs, StaticKeyState]{
	idFormat: "<gatewayId>/<staticKeyId>",
	parents:  func(a *StaticKeyArgs) []parent { return gatewayParent(&a.GatewayID) },
	args:     func(s *StaticKeyState) *StaticKeyArgs { return &s.StaticKeyArgs },
	sealed:   func(s *StaticKeyState) *secrets.Sealed { return &s.Sealed },
	diff:     diffOptions{replaceAll: true},
	create: func(ctx context.Context, c *client.Client, a StaticKeyArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := sdkModel[components.EventGatewayStaticKeyCreate](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayStaticKeys.CreateEventGatewayStaticKey(ctx, a.GatewayID, &body, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a StaticKeyArgs) (json.RawMessage, error) {
		items, err := client.All(ctx, func(ctx context.Context, after *string) (*http.Response, error) {
			res, err := c.SDK.EventGatewayStaticKeys.ListEventGatewayStaticKeys(ctx, operations.ListEventGatewayStaticKeysRequest{
				GatewayID: a.GatewayID, PageSize: pageSize, PageAfter: after, Filter: nameFilter(a.Name),
			})
			return rawResponse(res, err)
		})
		return pick(items, err, a.Name, "")
	},
	get: func(ctx context.Context, c *client.Client, a StaticKeyArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayStaticKeys.GetEventGatewayStaticKey(ctx, a.GatewayID, id)
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a StaticKeyArgs, id string) error {
		_, err := c.SDK.EventGatewayStaticKeys.DeleteEventGatewayStaticKey(ctx, a.GatewayID, id)
		return err
	},
}
