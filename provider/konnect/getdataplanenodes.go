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
	GatewayID string `pulumi:"gatewayId"`
}

// GetDataPlaneNodesResult lists the nodes.
type GetDataPlaneNodesResult struct {
	Nodes []DataPlaneNode `pulumi:"nodes"`
}

// DataPlaneNode is a data-plane node as Konnect last saw it.
type DataPlaneNode struct {
	ID              string               `pulumi:"id" api:"id"`
	Version         string               `pulumi:"version" api:"version"`
	LastSeenAt      string               `pulumi:"lastSeenAt" api:"last_seen_at"`
	CreatedAt       string               `pulumi:"createdAt" api:"created_at"`
	UpdatedAt       string               `pulumi:"updatedAt" api:"updated_at"`
	ConfigAppliedAt *string              `pulumi:"configAppliedAt,optional" api:"config_applied_at,omitempty"`
	ConfigVersion   *string              `pulumi:"configVersion,optional" api:"config_version,omitempty"`
	Errors          []DataPlaneNodeError `pulumi:"errors" api:"-"`
}

// DataPlaneNodeError is an error a node reported, e.g. a configuration it could not apply.
type DataPlaneNodeError struct {
	Name    string `pulumi:"name" api:"name"`
	Message string `pulumi:"message" api:"message"`
}

// Annotate describes the function.
func (g *GetDataPlaneNodes) Annotate(a infer.Annotator) {
	a.Describe(g, "Lists the data-plane nodes connected to an event gateway with their configuration status and "+
		"reported errors, e.g. to check a deployment once it is up.")
}

// Annotate describes the inputs.
func (g *GetDataPlaneNodesArgs) Annotate(a infer.Annotator) {
	a.Describe(&g.GatewayID, "ID of the event gateway.")
}

// Annotate describes the result.
func (g *GetDataPlaneNodesResult) Annotate(a infer.Annotator) {
	a.Describe(&g.Nodes, "The nodes.")
}

// Annotate describes a node.
func (n *DataPlaneNode) Annotate(a infer.Annotator) {
	a.Describe(&n.ID, "Node ID.")
	a.Describe(&n.Version, "Runtime version of the node.")
	a.Describe(&n.LastSeenAt, "When the node last contacted Konnect (RFC 3339).")
	a.Describe(&n.CreatedAt, "When the node first connected (RFC 3339).")
	a.Describe(&n.UpdatedAt, "When the node record last changed (RFC 3339).")
	a.Describe(&n.ConfigAppliedAt, "When the node last applied its configuration (RFC 3339).")
	a.Describe(&n.ConfigVersion, "Version of the configuration the node applied.")
	a.Describe(&n.Errors, "Errors the node reports; empty when it is healthy.")
}

// Annotate describes a node error.
func (e *DataPlaneNodeError) Annotate(a infer.Annotator) {
	a.Describe(&e.Name, "Error name.")
	a.Describe(&e.Message, "Error message.")
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
