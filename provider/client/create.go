package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/Kong/sdk-konnect-go/retry"
)

// CreateFunc sends one create request with the given per-operation SDK options and returns the raw HTTP
// response of a successful call.
type CreateFunc func(ctx context.Context, opts ...operations.Option) (*http.Response, error)

// FindFunc looks for the object a create may already have made (by name and kind) and returns its JSON, or
// nil when there is none.
type FindFunc func(ctx context.Context) (json.RawMessage, error)

// noRetries turns off the SDK's retry loop for one call: it would resend a POST after a 5xx or a client
// timeout and could create the object twice.
var noRetries = operations.WithRetries(retry.Config{Strategy: "none"})

// Create creates an object exactly once and returns its JSON.
//
// A 429 is retried after the server's Retry-After. After an ambiguous failure (5xx, dropped connection,
// timeout) the server may have committed the object, so find runs before any new attempt and its result is
// adopted; a failing find is retried rather than risking a duplicate. A 409 after an ambiguous failure means
// the earlier attempt may have landed late, so find decides then too. Other rejections (4xx) are returned as
// is. Retrying stops when ctx ends or the backoff's MaxElapsed has passed.
func (c *Client) Create(ctx context.Context, create CreateFunc, find FindFunc) (json.RawMessage, error) {
	start := time.Now()
	var (
		lastErr error
		// mustFind: the last attempt may have committed, so look before creating again.
		mustFind bool
		// wasAmbiguous: some attempt may have committed.
		wasAmbiguous bool
	)
	for attempt := 0; ; attempt++ {
		var wait time.Duration
		if mustFind {
			found, err := find(ctx)
			switch {
			case err != nil:
				lastErr = fmt.Errorf("looking for an object a failed create may have made: %w", err)
			case found != nil:
				return found, nil
			default:
				mustFind = false
			}
		}
		if !mustFind {
			res, err := create(ctx, noRetries)
			if err == nil {
				return Body(res)
			}
			lastErr = err
			if ctx.Err() != nil {
				return nil, err
			}
			var kind outcome
			kind, wait = classify(err)
			switch {
			case kind == ambiguous:
				mustFind, wasAmbiguous = true, true
			case kind == conflict && wasAmbiguous:
				// The object exists: an earlier attempt whose answer was lost may have made it after all.
				if found, ferr := find(ctx); ferr == nil && found != nil {
					return found, nil
				}
				return nil, err
			case kind != throttled:
				return nil, err
			}
		}
		if time.Since(start) >= c.backoff.MaxElapsed {
			return nil, fmt.Errorf("gave up after %d attempts in %s: %w", attempt+1, time.Since(start).Round(time.Millisecond), lastErr)
		}
		if wait <= 0 {
			wait = c.backoff.interval(attempt)
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("%w (last error: %w)", err, lastErr)
		}
	}
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
