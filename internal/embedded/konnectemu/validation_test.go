package konnectemu

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInvalidBodyIsRejectedAndRecorded(t *testing.T) {
	emu := newEmulator(t)
	gw := mustCreate(t, emu, "/v1/event-gateways", gatewayBody("gw"))

	status, body := raw(t, emu, http.MethodPost, "/v1/event-gateways/"+gw+"/listeners", obj{
		"name": "lis", "addresses": []any{"0.0.0.0"}, "ports": []any{"9092"}, "bogus": true,
	})

	assert.Equal(t, http.StatusBadRequest, status)
	problem := body.(obj)
	assert.Equal(t, 400.0, problem["status"])
	assert.Equal(t, "Bad Request", problem["title"])
	assert.True(t, strings.HasPrefix(problem["instance"].(string), "kong:trace:"))
	require.NotEmpty(t, problem["invalid_parameters"])
	param := problem["invalid_parameters"].([]any)[0].(obj)
	assert.Equal(t, "body", param["source"])
	assert.Contains(t, param["reason"], "bogus")
	require.Len(t, emu.ValidationErrors(), 1)
	assert.Contains(t, emu.ValidationErrors()[0], "POST /v1/event-gateways/"+gw+"/listeners")
	assert.Equal(t, 1, emu.Count(), "only the gateway exists")
}

func TestInvalidParametersAreRejected(t *testing.T) {
	emu := newEmulator(t)
	gw := mustCreate(t, emu, "/v1/event-gateways", gatewayBody("gw"))

	for name, path := range map[string]string{
		"path id is not a uuid":  "/v1/event-gateways/not-a-uuid",
		"filter not in the spec": "/v1/event-gateways/" + gw + "/backend-clusters?filter[name][eq]=x",
	} {
		t.Run(name, func(t *testing.T) {
			status, _ := raw(t, emu, http.MethodGet, path, nil)
			assert.Equal(t, http.StatusBadRequest, status)
		})
	}
	assert.Len(t, emu.ValidationErrors(), 2)
}

func TestMissingBodyIsRejected(t *testing.T) {
	emu := newEmulator(t)
	gw := mustCreate(t, emu, "/v1/event-gateways", gatewayBody("gw"))

	status, _ := raw(t, emu, http.MethodPost, "/v1/event-gateways/"+gw+"/backend-clusters", nil)

	assert.Equal(t, http.StatusBadRequest, status)
	assert.Len(t, emu.ValidationErrors(), 1)
}

func TestUnknownOperationIsRecorded(t *testing.T) {
	emu := newEmulator(t)
	gw := mustCreate(t, emu, "/v1/event-gateways", gatewayBody("gw"))

	status, _ := raw(t, emu, http.MethodGet, "/v1/event-gateways/"+gw+"/nope", nil)
	assert.Equal(t, http.StatusNotFound, status)
	status, _ = raw(t, emu, http.MethodPatch, "/v1/event-gateways/"+gw+"/listeners/"+gw, obj{"name": "x"})
	assert.Equal(t, http.StatusMethodNotAllowed, status)
	assert.Len(t, emu.ValidationErrors(), 2)
}

func TestAuthentication(t *testing.T) {
	emu, err := New(WithToken("kpat_custom"))
	require.NoError(t, err)
	t.Cleanup(emu.Close)

	for _, header := range []string{"", "Bearer kpat_wrong", "Basic kpat_custom"} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, emu.URL()+"/v1/event-gateways", nil)
		require.NoError(t, err)
		if header != "" {
			req.Header.Set("Authorization", header)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, header)
		assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
	}
	status, _ := raw(t, emu, http.MethodGet, "/v1/event-gateways", nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Empty(t, emu.ResponseValidationErrors())
}

func TestResponseValidationCatchesOffSpecAnswers(t *testing.T) {
	emu, err := New()
	require.NoError(t, err)
	t.Cleanup(emu.Close)
	req := httptest.NewRequest(http.MethodGet, "/v1/event-gateways/9524ec7d-36d9-465d-a8c5-83a3c9390458", nil)

	emu.checkResponse(kindsByName[KindGateway], req, http.StatusOK, "application/json", []byte(`{"id": 1}`))

	require.Len(t, emu.ResponseValidationErrors(), 1)
	assert.Contains(t, emu.ResponseValidationErrors()[0], "GET /v1/event-gateways/9524ec7d-36d9-465d-a8c5-83a3c9390458 -> 200")
}

// TestUndeclaredStatusesAreRecorded: an answer whose status the operation does not declare is recorded, unless it
// is one real Konnect gives anywhere (400, 404, 409) or an injected fault's throttling or server error.
func TestUndeclaredStatusesAreRecorded(t *testing.T) {
	emu, err := New()
	require.NoError(t, err)
	t.Cleanup(emu.Close)
	rt := route{method: http.MethodGet, path: "/v1/event-gateways/{gatewayId}"}
	req := httptest.NewRequest(http.MethodGet, "/v1/event-gateways/9524ec7d-36d9-465d-a8c5-83a3c9390458", nil)

	for _, status := range []int{http.StatusOK, http.StatusNotFound, http.StatusConflict, http.StatusBadRequest} {
		emu.checkStatus(rt, req, status, false)
	}
	emu.checkStatus(rt, req, http.StatusBadGateway, true)
	assert.Empty(t, emu.ResponseValidationErrors())

	emu.checkStatus(rt, req, http.StatusBadGateway, false)
	emu.checkStatus(rt, req, http.StatusAccepted, true)
	require.Len(t, emu.ResponseValidationErrors(), 2)
	assert.Contains(t, emu.ResponseValidationErrors()[0], "-> 502: the spec declares no such status for get-event-gateway")
	assert.Contains(t, emu.ResponseValidationErrors()[1], "-> 202: the spec declares no such status for get-event-gateway")
}

// TestEveryOperationIsRouted checks the routing table against the spec, both ways.
func TestEveryOperationIsRouted(t *testing.T) {
	spec, err := LoadSpec()
	require.NoError(t, err)
	var inSpec, routed []string
	for p, item := range spec.Model.Paths.PathItems.FromOldest() {
		for method := range item.GetOperations().KeysFromOldest() {
			inSpec = append(inSpec, strings.ToUpper(method)+" "+p)
		}
	}
	for _, rt := range routes() {
		routed = append(routed, rt.pattern())
	}
	slices.Sort(inSpec)
	slices.Sort(routed)
	assert.Equal(t, inSpec, routed)
	assert.Len(t, routed, 81, "80 event gateway operations and the organization")
}
