package client

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExplain: Konnect's error answers, typed by the SDK or not, read as status, title, detail, the fields named and
// a hint; other errors pass unchanged.
func TestExplain(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{
		{http.StatusBadRequest, `{"status":400,"title":"Bad Request","detail":"Invalid parameters",` +
			`"invalid_parameters":[{"field":"name","rule":"required","reason":"is required"}]}`,
			"Konnect answered 400 Bad Request: Invalid parameters (name: is required)"},
		{http.StatusUnauthorized, `{"status":401,"title":"Unauthorized","detail":"Invalid token"}`,
			"Konnect answered 401 Unauthorized: Invalid token. The Konnect token is missing, invalid or expired"},
		{http.StatusNotFound, `{"status":404,"title":"Not Found","detail":"gateway not found"}`,
			"Konnect answered 404 Not Found: gateway not found. The object, or the gateway or virtual cluster it " +
				"belongs to, no longer exists in Konnect"},
		{http.StatusConflict, `{"status":409,"title":"Conflict","detail":"static-key k is referenced by produce-policy p"}`,
			"Konnect answered 409 Conflict: static-key k is referenced by produce-policy p. An object of this name " +
				"exists already, or another object still refers to this one"},
		{http.StatusTeapot, `not json`, "Konnect answered 418 I'm a teapot"},
	} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/problem+json")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			}))
			t.Cleanup(srv.Close)
			c, err := New(Options{ServerURL: srv.URL, Token: "kpat_test",
				Retry: Backoff{Initial: time.Millisecond, Max: time.Millisecond, Exponent: 1, MaxElapsed: time.Millisecond}})
			require.NoError(t, err)
			_, err = c.SDK.EventGateways.GetEventGateway(t.Context(), "0b8f3a57-2f7e-4d55-9a3c-6a1d2f0e4b11")
			require.Error(t, err)
			explained := Explain(err)
			var apiErr *APIError
			require.ErrorAs(t, explained, &apiErr)
			assert.Equal(t, tc.status, apiErr.Status)
			assert.Contains(t, explained.Error(), tc.want)
			assert.Same(t, explained, Explain(explained), "explaining twice changes nothing")
			assert.Equal(t, tc.status == http.StatusNotFound, IsNotFound(explained))
		})
	}
	plain := fmt.Errorf("dial tcp: connection refused")
	assert.Same(t, plain, Explain(plain))
}
