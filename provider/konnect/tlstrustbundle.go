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
)

// TLSTrustBundle is a set of CA certificates a tls_server listener policy verifies client certificates with.
type TLSTrustBundle struct {
	kind[TLSTrustBundleArgs, TLSTrustBundleState]
}

var _ resource[TLSTrustBundleArgs, TLSTrustBundleState] = (*TLSTrustBundle)(nil)

// TLSTrustBundleArgs are the inputs of a TLSTrustBundle.
type TLSTrustBundleArgs struct {
	// ID of the event gateway; changing it replaces the bundle.
	GatewayID string `pulumi:"gatewayId" api:"-"`
	// Name, unique within the gateway (1-255 characters).
	Name string `pulumi:"name" api:"name"`
	// Description (at most 512 characters).
	Description *string `pulumi:"description,optional" api:"description,omitempty"`
	// The trusted certificates.
	Config TLSTrustBundleConfig `pulumi:"config" api:"config"`
	// Labels: at most 50; keys 1-63 characters not starting with kong, konnect, mesh, kic or _.
	Labels map[string]string `pulumi:"labels,optional" api:"labels,omitempty"`
}

// TLSTrustBundleConfig holds the trusted CA certificates.
type TLSTrustBundleConfig struct {
	// PEM CA certificates.
	TrustedCA string `pulumi:"trustedCa" api:"trusted_ca"`
}

// TLSTrustBundleState is the state of a TLSTrustBundle.
type TLSTrustBundleState struct {
	TLSTrustBundleArgs
	Timestamps
}

// Annotate describes the resource.
func (t *TLSTrustBundle) Annotate(a infer.Annotator) {
	a.Describe(t, "CA certificates that a `tls_server` listener policy verifies client certificates with. "+
		"Import it with the ID `<gatewayId>/<tlsTrustBundleId>`.")
}

func (t *TLSTrustBundleArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", t.Name, str(t.Description), "labels", t.Labels)
}

var tlsTrustBundles = kind[TLSTrustBundleArgs, TLSTrustBundleState]{
	idFormat: "<gatewayId>/<tlsTrustBundleId>",
	parents:  func(a *TLSTrustBundleArgs) []parent { return gatewayParent(&a.GatewayID) },
	args:     func(s *TLSTrustBundleState) *TLSTrustBundleArgs { return &s.TLSTrustBundleArgs },
	create: func(ctx context.Context, c *client.Client, a TLSTrustBundleArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := sdkModel[components.CreateTLSTrustBundleRequest](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayTLSTrustBundles.CreateEventGatewayTLSTrustBundle(ctx, a.GatewayID, body, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a TLSTrustBundleArgs) (json.RawMessage, error) {
		items, err := client.All(ctx, func(ctx context.Context, after *string) (*http.Response, error) {
			res, err := c.SDK.EventGatewayTLSTrustBundles.ListEventGatewayTLSTrustBundles(ctx, operations.ListEventGatewayTLSTrustBundlesRequest{
				GatewayID: a.GatewayID, PageSize: pageSize, PageAfter: after, Filter: nameFilter(a.Name),
			})
			return rawResponse(res, err)
		})
		return pick(items, err, a.Name, "")
	},
	get: func(ctx context.Context, c *client.Client, a TLSTrustBundleArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayTLSTrustBundles.GetEventGatewayTLSTrustBundle(ctx, a.GatewayID, id)
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a TLSTrustBundleArgs, id string) (*http.Response, error) {
		body, err := sdkModel[components.UpdateTLSTrustBundleRequest](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayTLSTrustBundles.UpdateEventGatewayTLSTrustBundle(ctx, operations.UpdateEventGatewayTLSTrustBundleRequest{
			GatewayID: a.GatewayID, TLSTrustBundleID: id, UpdateTLSTrustBundleRequest: body,
		})
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a TLSTrustBundleArgs, id string) error {
		_, err := c.SDK.EventGatewayTLSTrustBundles.DeleteEventGatewayTLSTrustBundle(ctx, a.GatewayID, id)
		return err
	},
}
