package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const gatewayJSON = `{"id":"0b8f3a57-2f7e-4d55-9a3c-6a1d2f0e4b11","name":"gw","created_at":"2026-01-01T00:00:00Z",
"updated_at":"2026-01-01T00:00:00Z","nodes_total":0,"virtual_clusters_total":0,"min_runtime_version":"1.1","version":"1"}`

// answer is one scripted response of the fake Konnect.
type answer func(w http.ResponseWriter)

func status(code int, header ...string) answer {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(code)
		_, _ = fmt.Fprintf(w, `{"status":%d,"title":"scripted"}`, code)
	}
}

func created(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_, _ = w.Write([]byte(gatewayJSON))
}

// dropped closes the connection without an answer.
func dropped(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// fakeKonnect answers POSTs from script, in order (the last answer repeats), and counts them.
func fakeKonnect(t *testing.T, script ...answer) (*Client, *atomic.Int32) {
	t.Helper()
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(posts.Add(1)) - 1
		script[min(n, len(script)-1)](w)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Options{ServerURL: srv.URL, Token: "kpat_test",
		Retry: Backoff{Initial: 10 * time.Millisecond, Max: 50 * time.Millisecond, Exponent: 2, MaxElapsed: 10 * time.Second}})
	require.NoError(t, err)
	return c, &posts
}

func createGateway(c *Client) CreateFunc {
	return func(ctx context.Context, opts ...operations.Option) (*http.Response, error) {
		res, err := c.SDK.EventGateways.CreateEventGateway(ctx, components.CreateGatewayRequest{Name: "gw"}, opts...)
		if err != nil {
			return nil, err
		}
		return res.RawResponse, nil
	}
}

// findScript returns a FindFunc answering from results in order and counting calls.
func findScript(results ...func() (json.RawMessage, error)) (FindFunc, *int) {
	calls := 0
	return func(context.Context) (json.RawMessage, error) {
		calls++
		return results[min(calls, len(results))-1]()
	}, &calls
}

func none() (json.RawMessage, error)  { return nil, nil }
func found() (json.RawMessage, error) { return json.RawMessage(gatewayJSON), nil }
func failing() (json.RawMessage, error) {
	return nil, errors.New("list failed")
}

func TestCreateHonoursRetryAfter(t *testing.T) {
	c, posts := fakeKonnect(t, status(http.StatusTooManyRequests, "Retry-After", "1"), created)
	find, finds := findScript(none)
	start := time.Now()
	raw, err := c.Create(t.Context(), createGateway(c), find)
	require.NoError(t, err)
	assert.JSONEq(t, gatewayJSON, string(raw))
	assert.GreaterOrEqual(t, time.Since(start), time.Second)
	assert.EqualValues(t, 2, posts.Load())
	assert.Zero(t, *finds, "a 429 is not ambiguous")
}

// TestCreateHonoursRetryAfterOnServerErrors: a 503, which the SDK decodes without its response, is retried after
// its Retry-After given as an HTTP date, and looked for first since it may have committed.
func TestCreateHonoursRetryAfterOnServerErrors(t *testing.T) {
	c, posts := fakeKonnect(t, func(w http.ResponseWriter) {
		status(http.StatusServiceUnavailable, "Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))(w)
	}, created)
	find, finds := findScript(none)
	start := time.Now()
	raw, err := c.Create(t.Context(), createGateway(c), find)
	require.NoError(t, err)
	assert.JSONEq(t, gatewayJSON, string(raw))
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "the date is whole seconds away, at least 1")
	assert.EqualValues(t, 2, posts.Load())
	assert.Equal(t, 1, *finds)
}

// TestCreateGivesUpOnARetryAfterBeyondItsBudget: a Retry-After longer than the budget left ends the create at once,
// saying so, instead of sleeping past the budget.
func TestCreateGivesUpOnARetryAfterBeyondItsBudget(t *testing.T) {
	c, posts := fakeKonnect(t, status(http.StatusTooManyRequests, "Retry-After", "3600"))
	find, _ := findScript(none)
	start := time.Now()
	_, err := c.Create(t.Context(), createGateway(c), find)
	require.ErrorContains(t, err, "gave up after 1 attempts")
	require.ErrorContains(t, err, "Konnect asked to retry after 1h0m0s (Retry-After), beyond the")
	require.ErrorContains(t, err, "left of the retry budget of 10s")
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.EqualValues(t, 1, posts.Load())
}

// TestSDKRetriesWaitAtMostOneBackoffStep: the SDK's own retries of a read sleep at most Backoff.Max, whatever
// Retry-After asks.
func TestSDKRetriesWaitAtMostOneBackoffStep(t *testing.T) {
	var gets atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gets.Add(1) == 1 {
			status(http.StatusTooManyRequests, "Retry-After", "3600")(w)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(gatewayJSON))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Options{ServerURL: srv.URL, Token: "kpat_test",
		Retry: Backoff{Initial: 10 * time.Millisecond, Max: time.Second, Exponent: 2, MaxElapsed: 10 * time.Second}})
	require.NoError(t, err)
	start := time.Now()
	_, err = c.SDK.EventGateways.GetEventGateway(t.Context(), "0b8f3a57-2f7e-4d55-9a3c-6a1d2f0e4b11")
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 3*time.Second)
	assert.EqualValues(t, 2, gets.Load())
}

func TestCreateStopsWhenTheContextEnds(t *testing.T) {
	c, _ := fakeKonnect(t, status(http.StatusTooManyRequests, "Retry-After", "5"))
	find, _ := findScript(none)
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Create(ctx, createGateway(c), find)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestCreateAdoptsAfterADroppedAnswer(t *testing.T) {
	c, posts := fakeKonnect(t, dropped)
	find, finds := findScript(found)
	raw, err := c.Create(t.Context(), createGateway(c), find)
	require.NoError(t, err)
	assert.JSONEq(t, gatewayJSON, string(raw))
	assert.EqualValues(t, 1, posts.Load())
	assert.Equal(t, 1, *finds)
}

func TestCreateAdoptsALateCommit(t *testing.T) {
	// The first attempt's answer is lost and the object is not visible yet; it lands before the second
	// attempt, which gets a 409.
	c, posts := fakeKonnect(t, status(http.StatusBadGateway), status(http.StatusConflict))
	find, finds := findScript(none, found)
	raw, err := c.Create(t.Context(), createGateway(c), find)
	require.NoError(t, err)
	assert.JSONEq(t, gatewayJSON, string(raw))
	assert.EqualValues(t, 2, posts.Load())
	assert.Equal(t, 2, *finds)
}

func TestCreateNeverRecreatesWhileTheLookupFails(t *testing.T) {
	c, posts := fakeKonnect(t, status(http.StatusInternalServerError), created)
	find, finds := findScript(failing, failing, none)
	_, err := c.Create(t.Context(), createGateway(c), find)
	require.NoError(t, err)
	assert.EqualValues(t, 2, posts.Load())
	assert.Equal(t, 3, *finds)
}

func TestCreateReturnsRejections(t *testing.T) {
	for _, code := range []int{http.StatusBadRequest, http.StatusUnauthorized} {
		c, posts := fakeKonnect(t, status(code))
		find, finds := findScript(found)
		_, err := c.Create(t.Context(), createGateway(c), find)
		assert.Error(t, err, "%d", code)
		assert.EqualValues(t, 1, posts.Load(), "%d", code)
		assert.Zero(t, *finds, "%d", code)
	}
}

// TestCreateReportsAnExistingObject: a 409 that no lost answer explains is an *ExistsError carrying the object
// that holds the name, when the lookup finds it; the API's refusal as is when it does not.
func TestCreateReportsAnExistingObject(t *testing.T) {
	c, posts := fakeKonnect(t, status(http.StatusConflict))
	find, finds := findScript(found)
	_, err := c.Create(t.Context(), createGateway(c), find)
	var exists *ExistsError
	require.ErrorAs(t, err, &exists)
	assert.JSONEq(t, gatewayJSON, string(exists.Object))
	assert.EqualValues(t, 1, posts.Load())
	assert.Equal(t, 1, *finds)

	find, _ = findScript(none)
	_, err = c.Create(t.Context(), createGateway(c), find)
	require.Error(t, err)
	assert.NotErrorAs(t, err, &exists)
}

// TestCreateFindsAfterCancellation: a create cancelled while its request is in flight (the server accepts it and
// never answers) looks once more, past the cancellation, for the object the server may have committed.
func TestCreateFindsAfterCancellation(t *testing.T) {
	hang := make(chan struct{})
	c, posts := fakeKonnect(t, func(http.ResponseWriter) { <-hang })
	t.Cleanup(func() { close(hang) }) // before the server's Close, which waits for its handlers
	for _, tc := range []struct {
		name string
		find func() (json.RawMessage, error)
	}{{"committed", found}, {"not committed", none}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			time.AfterFunc(200*time.Millisecond, cancel)
			find, finds := findScript(tc.find)
			raw, err := c.Create(ctx, createGateway(c), find)
			if tc.name == "committed" {
				require.NoError(t, err)
				assert.JSONEq(t, gatewayJSON, string(raw))
			} else {
				assert.ErrorIs(t, err, context.Canceled)
			}
			assert.Equal(t, 1, *finds)
		})
	}
	assert.EqualValues(t, 2, posts.Load(), "no second request")
}

func TestCursor(t *testing.T) {
	next := "/v1/event-gateways?page%5Bafter%5D=abc&page%5Bsize%5D=100"
	after, err := cursor(&next)
	require.NoError(t, err)
	assert.Equal(t, "abc", *after)
	after, err = cursor(nil)
	assert.NoError(t, err)
	assert.Nil(t, after)
}
