package client

import (
	"errors"
	"net/http"

	"github.com/Kong/sdk-konnect-go/models/sdkerrors"
)

// IsNotFound reports whether err is the API's answer that the object does not exist.
func IsNotFound(err error) bool {
	var nf *sdkerrors.NotFoundError
	if errors.As(err, &nf) {
		return true
	}
	var se *sdkerrors.SDKError
	return errors.As(err, &se) && se.StatusCode == http.StatusNotFound
}

// outcome classifies a failed create.
type outcome int

const (
	// rejected: the API refused the request; retrying cannot help.
	rejected outcome = iota
	// conflict: the API refused the request because the object exists (409), possibly made by an earlier
	// attempt whose answer was lost.
	conflict
	// throttled: the request was not processed (429); it is safe to send again.
	throttled
	// ambiguous: the object may or may not exist now (5xx, dropped connection, timeout).
	ambiguous
)

// classify tells how a create failed.
//
// The SDK maps most 4xx answers to typed errors without a status code, 500/503 with a problem document to
// BaseError, and every other status to SDKError; anything that is not an SDK error got no answer
// (connection dropped, per-attempt timeout), so the object may have been created. The caller checks its own
// context before classifying.
func classify(err error) outcome {
	var se *sdkerrors.SDKError
	if errors.As(err, &se) {
		switch {
		case se.StatusCode == http.StatusTooManyRequests:
			return throttled
		case se.StatusCode >= 500:
			return ambiguous
		case se.StatusCode == http.StatusConflict:
			return conflict
		default:
			return rejected
		}
	}
	var (
		base         *sdkerrors.BaseError
		badRequest   *sdkerrors.BadRequestError
		unauthorized *sdkerrors.UnauthorizedError
		forbidden    *sdkerrors.ForbiddenError
		notFound     *sdkerrors.NotFoundError
		conflictErr  *sdkerrors.ConflictError
	)
	switch {
	case errors.As(err, &base):
		return ambiguous
	case errors.As(err, &conflictErr):
		return conflict
	case errors.As(err, &badRequest), errors.As(err, &unauthorized), errors.As(err, &forbidden), errors.As(err, &notFound):
		return rejected
	default:
		return ambiguous
	}
}
