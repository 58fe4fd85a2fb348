package konnectemu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain loads the spec once for the package; every emulator of the tests shares it.
func TestMain(m *testing.M) {
	spec, err := LoadSpec()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("Konnect spec from %s loaded in %s\n", spec.Source, spec.LoadTime)
	os.Exit(m.Run())
}

// newEmulator starts an emulator that fails the test if it ever answers off-spec.
func newEmulator(t *testing.T) *Server {
	t.Helper()
	emu, err := New()
	require.NoError(t, err)
	t.Cleanup(func() {
		emu.Close()
		assert.Empty(t, emu.ResponseValidationErrors(), "emulator responses must match the spec")
	})
	return emu
}

// raw sends a JSON request with the emulator's token and returns the status and decoded body.
func raw(t *testing.T, emu *Server, method, path string, body any) (int, any) {
	t.Helper()
	status, data, _ := rawWithHeader(t, emu, method, path, body)
	var decoded any
	if len(data) > 0 {
		require.NoError(t, json.Unmarshal(data, &decoded), string(data))
	}
	return status, decoded
}

func rawWithHeader(t *testing.T, emu *Server, method, path string, body any) (int, []byte, http.Header) {
	t.Helper()
	resp, err := rawRequest(t, emu, method, path, body)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, data, resp.Header
}

func rawRequest(t *testing.T, emu *Server, method, path string, body any) (*http.Response, error) {
	t.Helper()
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		require.NoError(t, err)
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, emu.URL()+path, reader)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+emu.Token())
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return http.DefaultClient.Do(req)
}

// mustCreate posts body and returns the created entity's id.
func mustCreate(t *testing.T, emu *Server, path string, body any) string {
	t.Helper()
	status, got := raw(t, emu, http.MethodPost, path, body)
	require.Equal(t, http.StatusCreated, status, "%v", got)
	return got.(map[string]any)["id"].(string)
}

// obj is shorthand for JSON objects in tests.
type obj = map[string]any

func gatewayBody(name string) obj { return obj{"name": name} }

func backendClusterBody(name string) obj {
	return obj{
		"name":              name,
		"authentication":    obj{"type": "sasl_plain", "username": "user", "password": "s3cret"},
		"bootstrap_servers": []any{"kafka:9092"},
		"tls":               obj{"enabled": false},
		"insecure_allow_anonymous_virtual_cluster_auth": true,
	}
}

func virtualClusterBody(name string, destination obj) obj {
	return obj{
		"name":           name,
		"destination":    destination,
		"authentication": []any{obj{"type": "anonymous"}},
		"acl_mode":       "passthrough",
		"dns_label":      name,
	}
}

func listenerBody(name string) obj {
	return obj{"name": name, "addresses": []any{"0.0.0.0"}, "ports": []any{"9092-9095"}}
}

func forwardPolicyBody(name string, destination obj) obj {
	return obj{
		"type": "forward_to_virtual_cluster",
		"name": name,
		"config": obj{
			"type": "port_mapping", "destination": destination, "advertised_host": "localhost", "bootstrap_port": "at_start",
		},
	}
}

func modifyHeadersBody(name string) obj {
	return obj{
		"type":   "modify_headers",
		"name":   name,
		"config": obj{"actions": []any{obj{"op": "set", "key": "x-env", "value": "test"}}},
	}
}
