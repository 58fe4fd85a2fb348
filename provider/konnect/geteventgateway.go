package konnect

import (
	"context"
	"fmt"

	"github.com/pulumi/pulumi-go-provider/infer"
)

// GetEventGateway looks an event gateway up by its exact name.
type GetEventGateway struct{}

var (
	_ infer.Fn[GetEventGatewayArgs, GetEventGatewayResult] = (*GetEventGateway)(nil)
	_ infer.Annotated                                      = (*GetEventGateway)(nil)
)

// GetEventGatewayArgs are the inputs of getEventGateway.
type GetEventGatewayArgs struct {
	// Exact name of the event gateway.
	Name string `pulumi:"name"`
}

// GetEventGatewayResult is the gateway getEventGateway found.
type GetEventGatewayResult struct {
	// ID of the event gateway.
	ID string `pulumi:"gatewayId" api:"id"`
	EventGatewayState
}

// Annotate describes the function.
func (g *GetEventGateway) Annotate(a infer.Annotator) {
	a.Describe(g, "Looks up a Konnect event gateway by its exact name, e.g. one created outside this stack.")
}

// Invoke finds the gateway; it fails unless exactly one gateway has the name.
func (GetEventGateway) Invoke(ctx context.Context, req infer.FunctionRequest[GetEventGatewayArgs]) (infer.FunctionResponse[GetEventGatewayResult], error) {
	c, err := clientOf(ctx)
	if err != nil {
		return infer.FunctionResponse[GetEventGatewayResult]{}, err
	}
	items, err := listGateways(ctx, c, req.Input.Name)
	found, err := pick(items, err, req.Input.Name, "")
	if err != nil {
		return infer.FunctionResponse[GetEventGatewayResult]{}, err
	}
	if found == nil {
		return infer.FunctionResponse[GetEventGatewayResult]{}, fmt.Errorf("no event gateway is named %q", req.Input.Name)
	}
	id, state, err := decodeObject[EventGatewayState](found)
	return infer.FunctionResponse[GetEventGatewayResult]{Output: GetEventGatewayResult{ID: id, EventGatewayState: state}}, err
}
