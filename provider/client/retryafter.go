package client

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/Kong/sdk-konnect-go/retry"
)

// retryAfterKey carries a *retryAfterSlot in a request's context.
type retryAfterKey struct{}

// retryAfterSlot receives the wait the last response to a request asked for. The SDK decodes some 5xx answers
// into errors without their response, so the transport keeps the header for Create.
type retryAfterSlot struct{ wait atomic.Int64 }

// withRetryAfterSlot returns ctx carrying a new slot for the Retry-After of the requests sent with it.
func withRetryAfterSlot(ctx context.Context) (context.Context, *retryAfterSlot) {
	slot := &retryAfterSlot{}
	return context.WithValue(ctx, retryAfterKey{}, slot), slot
}

// get returns the wait the last response asked for, 0 when it asked for none.
func (s *retryAfterSlot) get() time.Duration { return time.Duration(s.wait.Load()) }

// boundRetryAfter is a transport that stores each response's Retry-After in the slot of the request's context,
// for Create to weigh against its budget, and lowers a longer one than max to max, so the SDK's own retries of
// reads, updates and deletes never sleep longer than one backoff step at a time.
type boundRetryAfter struct {
	next http.RoundTripper
	max  time.Duration
}

func (t boundRetryAfter) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.next.RoundTrip(req)
	if res == nil {
		return res, err
	}
	wait := retryAfter(res)
	if slot, ok := req.Context().Value(retryAfterKey{}).(*retryAfterSlot); ok {
		slot.wait.Store(int64(wait))
	}
	if wait > t.max {
		res.Header.Del("retry-after-ms")
		res.Header.Set("Retry-After", strconv.Itoa(int(t.max.Seconds())))
	}
	return res, err
}

// withBoundRetryAfter returns a copy of hc whose transport records and bounds Retry-After headers.
func withBoundRetryAfter(hc *http.Client, limit time.Duration) *http.Client {
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	bounded := *hc
	bounded.Transport = boundRetryAfter{next: next, max: max(limit, time.Second)}
	return &bounded
}

// retryAfter parses Retry-After (seconds or an HTTP date) and retry-after-ms the way the SDK's retry loop does.
func retryAfter(res *http.Response) time.Duration {
	var t *retry.TemporaryError
	if errors.As(retry.TemporaryFromResponse("", res), &t) {
		return t.RetryAfter()
	}
	return 0
}
