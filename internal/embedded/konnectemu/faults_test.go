package konnectemu

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFault429(t *testing.T) {
	emu := newEmulator(t)
	emu.InjectFault(Fault{Method: http.MethodPost, PathPattern: "/v1/event-gateways", Times: 1, Kind: Fault429, RetryAfter: 2 * time.Second})

	status, body, header := rawWithHeader(t, emu, http.MethodPost, "/v1/event-gateways", gatewayBody("gw"))
	assert.Equal(t, http.StatusTooManyRequests, status, string(body))
	assert.Equal(t, "2", header.Get("Retry-After"))
	assert.Zero(t, emu.Count(), "the operation was not performed")

	mustCreate(t, emu, "/v1/event-gateways", gatewayBody("gw"))
	assert.Equal(t, 2, emu.Calls()["POST /v1/event-gateways"])
}

// TestFaultStatus: a 5xx answers with its status, a Retry-After only when asked for, in seconds or as an HTTP date.
func TestFaultStatus(t *testing.T) {
	emu := newEmulator(t)
	emu.InjectFault(Fault{Method: http.MethodPost, Times: 1, Kind: FaultStatus(http.StatusBadGateway)})
	emu.InjectFault(Fault{Method: http.MethodPost, Times: 1, Kind: FaultStatus(http.StatusServiceUnavailable),
		RetryAfter: 3 * time.Second, RetryAfterDate: true})

	status, body, header := rawWithHeader(t, emu, http.MethodPost, "/v1/event-gateways", gatewayBody("gw"))
	assert.Equal(t, http.StatusBadGateway, status, string(body))
	assert.Empty(t, header.Get("Retry-After"))

	status, body, header = rawWithHeader(t, emu, http.MethodPost, "/v1/event-gateways", gatewayBody("gw"))
	assert.Equal(t, http.StatusServiceUnavailable, status, string(body))
	at, err := http.ParseTime(header.Get("Retry-After"))
	require.NoError(t, err)
	assert.WithinRange(t, at, time.Now().Add(2*time.Second), time.Now().Add(4*time.Second))
	assert.Zero(t, emu.Count(), "the operation was not performed")
}

func TestFault500MatchesTemplateOrPath(t *testing.T) {
	emu := newEmulator(t)
	gw := mustCreate(t, emu, "/v1/event-gateways", gatewayBody("gw"))
	emu.InjectFault(Fault{PathPattern: "/v1/event-gateways/{gatewayId}", Times: 1, Kind: Fault500})
	emu.InjectFault(Fault{Method: http.MethodGet, PathPattern: "/v1/event-gateways/" + gw + "/listeners", Kind: Fault500})

	status, _ := raw(t, emu, http.MethodGet, "/v1/event-gateways/"+gw, nil)
	assert.Equal(t, http.StatusInternalServerError, status)
	status, _ = raw(t, emu, http.MethodGet, "/v1/event-gateways/"+gw, nil)
	assert.Equal(t, http.StatusOK, status, "Times: 1 is used up")
	for range 2 {
		status, _ = raw(t, emu, http.MethodGet, "/v1/event-gateways/"+gw+"/listeners", nil)
		assert.Equal(t, http.StatusInternalServerError, status, "Times: 0 hits every request")
	}
	emu.ClearFaults()
	status, _ = raw(t, emu, http.MethodGet, "/v1/event-gateways/"+gw+"/listeners", nil)
	assert.Equal(t, http.StatusOK, status)
}

func TestFaultCommitThenDrop(t *testing.T) {
	emu := newEmulator(t)
	emu.InjectFault(Fault{Method: http.MethodPost, PathPattern: "/v1/event-gateways", Times: 1, Kind: FaultCommitThenDrop})

	resp, err := rawRequest(t, emu, http.MethodPost, "/v1/event-gateways", gatewayBody("gw"))
	if resp != nil {
		resp.Body.Close()
	}
	require.Error(t, err, "the connection is closed without a response")
	require.Equal(t, 1, emu.Count(), "but the gateway was created")

	// The retry conflicts; the client finds the object by name.
	status, _ := raw(t, emu, http.MethodPost, "/v1/event-gateways", gatewayBody("gw"))
	assert.Equal(t, http.StatusConflict, status)
	status, list := raw(t, emu, http.MethodGet, "/v1/event-gateways?filter[name][contains]=gw", nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Len(t, list.(obj)["data"], 1)
}

func TestFaultLatency(t *testing.T) {
	emu := newEmulator(t)
	emu.InjectFault(Fault{Method: http.MethodGet, Times: 1, Kind: FaultLatency(50 * time.Millisecond)})

	start := time.Now()
	status, _ := raw(t, emu, http.MethodGet, "/v1/event-gateways", nil)
	assert.Equal(t, http.StatusOK, status)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
}

// TestFaultCommitLate: a create whose client gave up before the answer still lands, after the delay.
func TestFaultCommitLate(t *testing.T) {
	emu := newEmulator(t)
	emu.InjectFault(Fault{Method: http.MethodPost, PathPattern: "/v1/event-gateways", Times: 1,
		Kind: FaultCommitLate(300 * time.Millisecond)})
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, emu.URL()+"/v1/event-gateways",
		strings.NewReader(`{"name":"late"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+emu.Token())
	req.Header.Set("Content-Type", "application/json")
	_, err = http.DefaultClient.Do(req)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the client gave up")
	assert.Zero(t, emu.Count(), "not committed yet")
	assert.Eventually(t, func() bool { return emu.Count() == 1 }, 2*time.Second, 20*time.Millisecond,
		"committed after the client gave up")
}
