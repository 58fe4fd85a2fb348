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

// EventGateway is a Konnect event gateway: the control plane that Kong Event Gateway data planes connect to.
type EventGateway struct {
	kind[EventGatewayArgs, EventGatewayState]
}

var _ resource[EventGatewayArgs, EventGatewayState] = (*EventGateway)(nil)

// EventGatewayArgs are the inputs of an EventGateway.
type EventGatewayArgs struct {
	// Name of the event gateway (1-255 characters).
	Name string `pulumi:"name" api:"name"`
	// Description (at most 512 characters).
	Description *string `pulumi:"description,optional" api:"description,omitempty"`
	// Oldest data-plane runtime version (`major.minor`) the configuration must work with. When unset, Konnect pins the
	// latest release and the provider keeps that value.
	MinRuntimeVersion *string `pulumi:"minRuntimeVersion,optional" api:"min_runtime_version,omitempty"`
	// Labels: at most 50; keys 1-63 characters not starting with kong, konnect, mesh, kic or _.
	Labels map[string]string `pulumi:"labels,optional" api:"labels,omitempty"`
}

// EventGatewayState is the state of an EventGateway.
type EventGatewayState struct {
	EventGatewayArgs
	Timestamps
	// Version Konnect reports for the gateway.
	GatewayVersion string `pulumi:"gatewayVersion" api:"version"`
	// Number of data-plane nodes connected to the gateway when last read.
	NodesTotal int `pulumi:"nodesTotal" api:"nodes_total"`
	// Number of virtual clusters when last read.
	VirtualClustersTotal int `pulumi:"virtualClustersTotal" api:"virtual_clusters_total"`
}

// Annotate describes the resource.
func (g *EventGateway) Annotate(a infer.Annotator) {
	a.Describe(g, "A Konnect event gateway: the control plane that Kong Event Gateway data planes connect to. "+
		"Import it by its ID.")
}

func (g *EventGatewayArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", g.Name, str(g.Description), "labels", g.Labels)
	problems.Check("minRuntimeVersion", validate.Version(str(g.MinRuntimeVersion)))
}

var eventGateways = kind[EventGatewayArgs, EventGatewayState]{
	idFormat: "<gatewayId>",
	parents:  func(*EventGatewayArgs) []parent { return nil },
	args:     func(s *EventGatewayState) *EventGatewayArgs { return &s.EventGatewayArgs },
	diff:     diffOptions{computed: []string{"minRuntimeVersion"}},
	create: func(ctx context.Context, c *client.Client, a EventGatewayArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := sdkModel[components.CreateGatewayRequest](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGateways.CreateEventGateway(ctx, body, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a EventGatewayArgs) (json.RawMessage, error) {
		items, err := listGateways(ctx, c, a.Name)
		return pick(items, err, a.Name, "")
	},
	get: func(ctx context.Context, c *client.Client, _ EventGatewayArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGateways.GetEventGateway(ctx, id)
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a EventGatewayArgs, id string) (*http.Response, error) {
		body, err := sdkModel[components.UpdateGatewayRequest](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGateways.UpdateEventGateway(ctx, id, body)
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, _ EventGatewayArgs, id string) error {
		_, err := c.SDK.EventGateways.DeleteEventGateway(ctx, id)
		return err
	},
}

// listGateways lists the gateways whose name contains name.
func listGateways(ctx context.Context, c *client.Client, name string) ([]json.RawMessage, error) {
	return client.All(ctx, func(ctx context.Context, after *string) (*http.Response, error) {
		res, err := c.SDK.EventGateways.ListEventGateways(ctx, operations.ListEventGatewaysRequest{
			PageSize: pageSize, PageAfter: after, Filter: nameFilter(name),
		})
		return rawResponse(res, err)
	})
}
