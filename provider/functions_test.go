package provider_test

import (
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
)

func (h *harness) invoke(fn string, args map[string]any) (map[string]any, error) {
	h.t.Helper()
	res, err := h.s.Invoke(p.InvokeRequest{Token: tokens.Type("kong-event-gateway:konnect:" + fn), Args: props(args)})
	if err != nil {
		return nil, err
	}
	require.Empty(h.t, res.Failures)
	return plain(res.Return), nil
}

func TestGetEventGateway(t *testing.T) {
	e := newEnv(t)
	got, err := e.h.invoke("getEventGateway", map[string]any{"name": e.gatewayName})
	require.NoError(t, err)
	assert.Equal(t, e.gatewayID, got["gatewayId"])
	assert.Equal(t, e.gatewayName, got["name"])
	assert.Equal(t, float64(1), got["virtualClustersTotal"])

	_, err = e.h.invoke("getEventGateway", map[string]any{"name": e.gatewayName[:len(e.gatewayName)-1]})
	assert.ErrorContains(t, err, "no event gateway is named", "names match exactly, not by the API's contains filter")
}

func TestGetDataPlaneNodes(t *testing.T) {
	e := newEnv(t)
	got, err := e.h.invoke("getDataPlaneNodes", map[string]any{"gatewayId": e.gatewayID})
	require.NoError(t, err)
	assert.Empty(t, got["nodes"])

	healthy, err := emu.SeedNode(e.gatewayID, konnectemu.Node{Version: "1.1.2"})
	require.NoError(t, err)
	broken, err := emu.SeedNode(e.gatewayID, konnectemu.Node{
		Errors: []konnectemu.NodeError{{Name: "invalid_config", Message: "virtual cluster vc: unknown backend"}},
	})
	require.NoError(t, err)
	got, err = e.h.invoke("getDataPlaneNodes", map[string]any{"gatewayId": e.gatewayID})
	require.NoError(t, err)
	nodes := map[string]map[string]any{}
	for _, n := range got["nodes"].([]any) {
		node := n.(map[string]any)
		nodes[node["id"].(string)] = node
	}
	require.Len(t, nodes, 2)
	assert.Equal(t, "1.1.2", nodes[healthy]["version"])
	assert.NotEmpty(t, nodes[healthy]["configVersion"])
	assert.NotEmpty(t, nodes[healthy]["lastSeenAt"])
	assert.Empty(t, nodes[healthy]["errors"])
	assert.Equal(t, []any{map[string]any{"name": "invalid_config", "message": "virtual cluster vc: unknown backend"}},
		nodes[broken]["errors"])
}
