package automation

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/Kong/sdk-konnect-go/models/sdkerrors"
	"github.com/Kong/sdk-konnect-go/retry"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// baseURL turns a Konnect host such as eu.api.konghq.com into a base URL.
func baseURL(host string) string {
	if strings.Contains(host, "://") {
		return host
	}
	return "https://" + host
}

// checkTokenPrefix refuses, without sending it anywhere, a token that is no Konnect access token; source says where
// it came from. The token itself is never quoted.
func checkTokenPrefix(token, source string) error {
	if problem := validate.KonnectToken(token); problem != "" {
		return &KonnectAuthError{Reason: "the token from " + source + " " + problem + "; it was not sent"}
	}
	return nil
}

// retryPolicy bounds a network wait: attempts of at most timeout each, pause apart.
type retryPolicy struct {
	attempts       int
	timeout, pause time.Duration
}

// deadline is the longest the attempts and pauses take together.
func (p retryPolicy) deadline() time.Duration {
	return time.Duration(p.attempts)*p.timeout + time.Duration(p.attempts-1)*p.pause
}

// tokenCheckRetry bounds the token check: five attempts of four seconds, a second apart (24 s in all), so the first
// progress line comes within 5 s.
var tokenCheckRetry = retryPolicy{attempts: 5, timeout: 4 * time.Second, pause: time.Second}

// checkKonnectToken asks the Konnect at url (its regional API, as Kong Operator does) which organization the token
// belongs to (GET /v3/organizations/me), each attempt bounded by tokenCheckRetry; progress reports each failed
// attempt. httpClient may be nil; the emulator passes one that reaches it whatever the host.
func checkKonnectToken(ctx context.Context, url, token string, httpClient *http.Client, progress func(string)) error {
	c, err := client.New(client.Options{ServerURL: url, Token: token, HTTPClient: httpClient})
	if err != nil {
		return &KonnectAuthError{Reason: "client", Err: err}
	}
	policy := tokenCheckRetry
	for attempt := 1; ; attempt++ {
		attemptCtx, cancel := context.WithTimeout(ctx, policy.timeout)
		_, err := c.SDK.Me.GetOrganizationsMe(attemptCtx, operations.WithServerURL(url),
			operations.WithRetries(retry.Config{Strategy: "none"}))
		cancel()
		var apiErr *sdkerrors.SDKError
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case rejected(err):
			return &KonnectAuthError{Reason: "the token was rejected by " + url, Err: err}
		case errors.As(err, &apiErr) && apiErr.StatusCode < 500 && apiErr.StatusCode != http.StatusTooManyRequests,
			attempt == policy.attempts:
			return &KonnectUnreachableError{URL: url, Attempts: attempt, Deadline: policy.deadline(), Err: err}
		}
		progress(fmt.Sprintf("Konnect at %s not answering (%s), retrying %d/%d", url, reason(err, policy), attempt,
			policy.attempts-1))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(policy.pause):
		}
	}
}

// rejected reports an answer that refuses the token: the SDK's typed 401 error, or a 401 or 403 it did not type.
func rejected(err error) bool {
	var unauthorized *sdkerrors.UnauthorizedError
	var apiErr *sdkerrors.SDKError
	return errors.As(err, &unauthorized) ||
		errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusUnauthorized || apiErr.StatusCode == http.StatusForbidden)
}

// reason says in a few words why an attempt of policy failed.
func reason(err error, policy retryPolicy) string {
	var apiErr *sdkerrors.SDKError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "no answer in " + policy.timeout.String()
	case errors.As(err, &apiErr):
		return fmt.Sprintf("HTTP %d", apiErr.StatusCode)
	}
	return err.Error()
}

// KonnectUnreachableError says Konnect did not answer the token check.
type KonnectUnreachableError struct {
	// URL is the Konnect API asked.
	URL string
	// Attempts were made within Deadline.
	Attempts int
	Deadline time.Duration
	Err      error
}

func (e *KonnectUnreachableError) Error() string {
	return fmt.Sprintf("Konnect at %s did not answer the token check (%d attempts, at most %s): %v", e.URL,
		e.Attempts, e.Deadline, e.Err)
}

func (e *KonnectUnreachableError) Unwrap() error { return e.Err }
