package konnect

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// Listener is a set of addresses and ports an event gateway's data planes listen on.
type Listener struct {
	kind[ListenerArgs, ListenerState]
}

var _ resource[ListenerArgs, ListenerState] = (*Listener)(nil)

// ListenerArgs are the inputs of a Listener.
type ListenerArgs struct {
	// ID of the event gateway; changing it replaces the listener.
	GatewayID string `pulumi:"gatewayId" api:"-"`
	// Name, unique within the gateway (1-255 characters).
	Name string `pulumi:"name" api:"name"`
	// Description (at most 512 characters).
	Description *string `pulumi:"description,optional" api:"description,omitempty"`
	// Addresses to listen on, e.g. `0.0.0.0`; `0.0.0.0` and `::` must be the only entry.
	Addresses []string `pulumi:"addresses" api:"addresses"`
	// Ports and port ranges to listen on, e.g. `9092` or `9093-9095`. With port mapping, the bootstrap port comes first
	// and each broker needs one more port.
	Ports []string `pulumi:"ports" api:"-"`
	// Labels: at most 50; keys 1-63 characters not starting with kong, konnect, mesh, kic or _.
	Labels map[string]string `pulumi:"labels,optional" api:"labels,omitempty"`
}

// ListenerState is the state of a Listener.
type ListenerState struct {
	ListenerArgs
	Timestamps
}

// Annotate describes the resource.
func (l *Listener) Annotate(a infer.Annotator) {
	a.Describe(l, "Addresses and ports the data planes of an event gateway listen on. Listener policies decide "+
		"what happens to the connections. Import it with the ID `<gatewayId>/<listenerId>`.")
}

func (l *ListenerArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", l.Name, str(l.Description), "labels", l.Labels)
	problems.Check("addresses", validate.NotEmpty(len(l.Addresses)))
	for i, addr := range l.Addresses {
		if (addr == "0.0.0.0" || addr == "::") && len(l.Addresses) > 1 {
			problems.Add(validate.Path("addresses").Index(i), "%q must be the only address", addr)
		}
	}
	problems.Check("ports", validate.NotEmpty(len(l.Ports)))
	for i, port := range l.Ports {
		problems.Check(validate.Path("ports").Index(i), validate.PortRange(port))
	}
}

// listenerBody is the API shape of a listener: ports are strings or numbers.
type listenerBody struct {
	ListenerArgs
	Ports []json.RawMessage `api:"ports"`
}

// listenerJSON returns a's API body; ports are sent as strings, which the API accepts for single ports too.
func listenerJSON(a ListenerArgs) listenerBody {
	b := listenerBody{ListenerArgs: a}
	for _, p := range a.Ports {
		b.Ports = append(b.Ports, json.RawMessage(strconv.Quote(p)))
	}
	return b
}

// decodeListener decodes a listener, turning numeric ports into strings.
func decodeListener(raw json.RawMessage) (string, ListenerState, error) {
	id, state, err := decodeObject[ListenerState](raw)
	if err != nil {
		return "", state, err
	}
	var body struct {
		Ports []json.RawMessage `api:"ports"`
	}
	if err := apiJSON.Unmarshal(raw, &body); err != nil {
		return "", state, fmt.Errorf("decoding listener ports: %w", err)
	}
	for _, p := range body.Ports {
		var s string
		if apiJSON.Unmarshal(p, &s) != nil {
			s = string(p)
		}
		state.Ports = append(state.Ports, s)
	}
	return id, state, nil
}

var listeners = kind[ListenerArgs, ListenerState]{
	idFormat: "<gatewayId>/<listenerId>",
	parents:  func(a *ListenerArgs) []parent { return gatewayParent(&a.GatewayID) },
	args:     func(s *ListenerState) *ListenerArgs { return &s.ListenerArgs },
	decode:   decodeListener,
	create: func(ctx context.Context, c *client.Client, a ListenerArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := sdkModel[components.CreateEventGatewayListenerRequest](listenerJSON(a))
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayListeners.CreateEventGatewayListener(ctx, a.GatewayID, &body, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a ListenerArgs) (json.RawMessage, error) {
		items, err := client.All(ctx, func(ctx context.Context, after *string) (*http.Response, error) {
			res, err := c.SDK.EventGatewayListeners.ListEventGatewayListeners(ctx, operations.ListEventGatewayListenersRequest{
				GatewayID: a.GatewayID, PageSize: pageSize, PageAfter: after,
				Filter: &components.EventGatewayListenersFilter{Name: &components.StringFieldContainsFilter{Contains: a.Name}},
			})
			return rawResponse(res, err)
		})
		return pick(items, err, a.Name, "")
	},
	get: func(ctx context.Context, c *client.Client, a ListenerArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayListeners.GetEventGatewayListener(ctx, a.GatewayID, id)
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a ListenerArgs, id string) (*http.Response, error) {
		body, err := sdkModel[components.UpdateEventGatewayListenerRequest](listenerJSON(a))
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayListeners.UpdateEventGatewayListener(ctx, operations.UpdateEventGatewayListenerRequest{
			GatewayID: a.GatewayID, EventGatewayListenerID: id, UpdateEventGatewayListenerRequest: &body,
		})
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a ListenerArgs, id string) error {
		_, err := c.SDK.EventGatewayListeners.DeleteEventGatewayListener(ctx, a.GatewayID, id)
		return err
	},
}
