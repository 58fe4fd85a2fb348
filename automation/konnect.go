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

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// baseURL turns a Konnect host such as eu.api.konghq.com into a base URL.
func baseURL(host string) string {
	if strings.Contains(host, "://") {
		return host
	}
	return "https://" + host
}

// tokenPrefixes start every Konnect access token: personal (kpat_) and system account (spat_).
var tokenPrefixes = []string{"kpat_", "spat_"}

// checkTokenPrefix refuses, without sending it anywhere, a token that is no Konnect access token; source says where
// it came from. The token itself is never quoted.
func checkTokenPrefix(token, source string) error {
	for _, prefix := range tokenPrefixes {
		if strings.HasPrefix(token, prefix) {
			return nil
		}
	}
	return &KonnectAuthError{Reason: "the token from " + source + " does not start with kpat_ or spat_, so it is " +
		"no Konnect personal or system account access token; it was not sent"}
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

// tokenCheckRetry bounds the token check: five attempts of five seconds, a second apart (29 s in all).
var tokenCheckRetry = retryPolicy{attempts: 5, timeout: 5 * time.Second, pause: time.Second}

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
		case isStatus(err, http.StatusUnauthorized, http.StatusForbidden):
			return &KonnectAuthError{Reason: "the token was rejected by " + url, Err: err}
		case errors.As(err, &apiErr) && apiErr.StatusCode < 500 && apiErr.StatusCode != http.StatusTooManyRequests,
			attempt == policy.attempts:
			return &KonnectUnreachableError{URL: url, Attempts: attempt, Deadline: policy.deadline(), Err: err}
		}
		progress(fmt.Sprintf("Konnect at %s not answering (%s), retrying %d/%d", url, reason(err), attempt,
			policy.attempts-1))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(policy.pause):
		}
	}
}

// isStatus reports an SDK error of one of the HTTP statuses.
func isStatus(err error, statuses ...int) bool {
	var unauthorized *sdkerrors.UnauthorizedError
	if errors.As(err, &unauthorized) {
		return true
	}
	var apiErr *sdkerrors.SDKError
	if !errors.As(err, &apiErr) {
		return false
	}
	for _, status := range statuses {
		if apiErr.StatusCode == status {
			return true
		}
	}
	return false
}

// reason says in a few words why an attempt failed.
func reason(err error) string {
	var apiErr *sdkerrors.SDKError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "no answer in " + tokenCheckRetry.timeout.String()
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
