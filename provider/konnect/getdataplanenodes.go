package konnect

import (
	"context"
	"net/http"

	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// GetDataPlaneNodes lists the data-plane nodes connected to an event gateway, with their status and errors.
type GetDataPlaneNodes struct{}

var (
	_ infer.Fn[GetDataPlaneNodesArgs, GetDataPlaneNodesResult] = (*GetDataPlaneNodes)(nil)
	_ infer.Annotated                                          = (*GetDataPlaneNodes)(nil)
)

// GetDataPlaneNodesArgs are the inputs of getDataPlaneNodes.
type GetDataPlaneNodesArgs struct {
	// ID of the event gateway.
	GatewayID string `pulumi:"gatewayId"`
}

// GetDataPlaneNodesResult lists the nodes.
type GetDataPlaneNodesResult struct {
	// The nodes.
	Nodes []DataPlaneNode `pulumi:"nodes"`
}

// DataPlaneNode is a data-plane node as Konnect last saw it.
type DataPlaneNode struct {
	// Node ID.
	ID string `pulumi:"id" api:"id"`
	// Runtime version of the node.
	Version string `pulumi:"version" api:"version"`
	// When the node last contacted Konnect (RFC 3339).
	LastSeenAt string `pulumi:"lastSeenAt" api:"last_seen_at"`
	// When the node first connected (RFC 3339).
	CreatedAt string `pulumi:"createdAt" api:"created_at"`
	// When the node record last changed (RFC 3339).
	UpdatedAt string `pulumi:"updatedAt" api:"updated_at"`
	// When the node last applied its configuration (RFC 3339).
	ConfigAppliedAt *string `pulumi:"configAppliedAt,optional" api:"config_applied_at,omitempty"`
	// Version of the configuration the node applied.
	ConfigVersion *string `pulumi:"configVersion,optional" api:"config_version,omitempty"`
	// Errors the node reports; empty when it is healthy.
	Errors []DataPlaneNodeError `pulumi:"errors" api:"-"`
}

// DataPlaneNodeError is an error a node reported, e.g. a configuration it could not apply.
type DataPlaneNodeError struct {
	// Error name.
	Name string `pulumi:"name" api:"name"`
	// Error message.
	Message string `pulumi:"message" api:"message"`
}

// Annotate describes the function.
func (g *GetDataPlaneNodes) Annotate(a infer.Annotator) {
	a.Describe(g, "Lists the data-plane nodes connected to an event gateway with their configuration status and "+
		"reported errors, e.g. to check a deployment once it is up.")
}

// Invoke lists the nodes, then reads each node's status and errors.
func (GetDataPlaneNodes) Invoke(ctx context.Context, req infer.FunctionRequest[GetDataPlaneNodesArgs]) (infer.FunctionResponse[GetDataPlaneNodesResult], error) {
	type resp = infer.FunctionResponse[GetDataPlaneNodesResult]
	c, err := clientOf(ctx)
	if err != nil {
		return resp{}, err
	}
	gw := req.Input.GatewayID
	items, err := client.All(ctx, func(ctx context.Context, after *string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayNodes.ListEventGatewayNodes(ctx, operations.ListEventGatewayNodesRequest{
			GatewayID: gw, PageSize: pageSize, PageAfter: after,
		})
		return rawResponse(res, err)
	})
	if err != nil {
		return resp{}, err
	}
	nodes := make([]DataPlaneNode, len(items))
	for i, item := range items {
		n := &nodes[i]
		if err := apiJSON.Unmarshal(item, n); err != nil {
			return resp{}, err
		}
		status, err := rawResponse(c.SDK.EventGatewayNodes.GetEventGatewayNodeStatus(ctx, gw, n.ID))
		if err == nil {
			err = decodeBody(status, n)
		}
		if err != nil {
			return resp{}, err
		}
		res, err := rawResponse(c.SDK.EventGatewayNodes.ListEventGatewayNodeErrors(ctx, gw, n.ID))
		var errs struct {
			Data []DataPlaneNodeError `api:"data"`
		}
		if err == nil {
			err = decodeBody(res, &errs)
		}
		if err != nil {
			return resp{}, err
		}
		n.Errors = append([]DataPlaneNodeError{}, errs.Data...)
	}
	return resp{Output: GetDataPlaneNodesResult{Nodes: nodes}}, nil
}
