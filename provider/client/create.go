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
// A 429 or 5xx is retried after the server's Retry-After (seconds or an HTTP date), or the backoff's interval
// when it sends none; a Retry-After beyond the budget left (MaxElapsed) ends the create at once. After an
// ambiguous failure (5xx, dropped connection, timeout) the server may have committed the object, so find runs
// before any new attempt and its result is adopted; a failing find is retried rather than risking a duplicate.
// A 409 after an ambiguous failure means the earlier attempt may have landed late, so find decides then too; a
// 409 otherwise is an *ExistsError when find sees the object. When ctx ends during a request, which the server
// may still commit, find runs once on its own short deadline and a found object is returned. Other rejections
// (4xx) are returned as is. Retrying stops when ctx ends or the backoff's MaxElapsed has passed.
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
			actx, asked := withRetryAfterSlot(ctx)
			res, err := create(actx, noRetries)
			if err == nil {
				return Body(res)
			}
			lastErr = err
			if ctx.Err() != nil {
				return findAfterCancel(ctx, find, err)
			}
			kind := classify(err)
			wait = asked.get()
			switch {
			case kind == ambiguous:
				mustFind, wasAmbiguous = true, true
			case kind == conflict:
				// The object exists. After a lost answer an earlier attempt may have made it; otherwise it is
				// not this create's, and the caller says how to adopt it.
				found, ferr := find(ctx)
				switch {
				case ferr != nil || found == nil:
					return nil, err
				case wasAmbiguous:
					return found, nil
				default:
					return nil, &ExistsError{Object: found, Err: err}
				}
			case kind != throttled:
				return nil, err
			}
		}
		elapsed := time.Since(start)
		if elapsed >= c.backoff.MaxElapsed {
			return nil, fmt.Errorf("gave up after %d attempts in %s (the retry budget is %s): %w", attempt+1,
				elapsed.Round(time.Millisecond), c.backoff.MaxElapsed, lastErr)
		}
		if remaining := c.backoff.MaxElapsed - elapsed; wait > remaining {
			return nil, fmt.Errorf("gave up after %d attempts in %s: Konnect asked to retry after %s (Retry-After), "+
				"beyond the %s left of the retry budget of %s: %w", attempt+1, elapsed.Round(time.Millisecond),
				wait.Round(time.Second), remaining.Round(time.Millisecond), c.backoff.MaxElapsed, lastErr)
		}
		if wait <= 0 {
			wait = c.backoff.interval(attempt)
		}
		if err := sleep(ctx, wait); err != nil {
			err = fmt.Errorf("%w (last error: %w)", err, lastErr)
			if mustFind {
				return findAfterCancel(ctx, find, err)
			}
			return nil, err
		}
	}
}

// cancelledFindTimeout bounds the lookup after a create cancelled mid-request.
const cancelledFindTimeout = 10 * time.Second

// findAfterCancel looks, past the ended ctx, for the object a cancelled create request may have made: returned,
// it is recorded in the state instead of left behind for the next create to collide with.
func findAfterCancel(ctx context.Context, find FindFunc, err error) (json.RawMessage, error) {
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cancelledFindTimeout)
	defer cancel()
	if found, ferr := find(fctx); ferr == nil && found != nil {
		return found, nil
	}
	return nil, err
}

// ExistsError says a create was refused because an object of that name exists that this create did not make.
type ExistsError struct {
	// Object is the existing object's JSON.
	Object json.RawMessage
	// Err is the API's refusal.
	Err error
}

func (e *ExistsError) Error() string { return e.Err.Error() }

// Unwrap returns the API's refusal.
func (e *ExistsError) Unwrap() error { return e.Err }

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
