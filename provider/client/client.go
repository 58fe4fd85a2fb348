// Package client builds the Konnect API client the provider uses and adds what the generated SDK lacks:
// create calls that survive throttling and ambiguous failures without duplicating objects, lossless
// response decoding, and cursor pagination.
package client

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	sdkkonnectgo "github.com/Kong/sdk-konnect-go"
	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/retry"
)

// Regions maps each Konnect region to the base URL of its API.
var Regions = map[string]string{
	"us":     "https://us.api.konghq.com",
	"eu":     "https://eu.api.konghq.com",
	"au":     "https://au.api.konghq.com",
	"global": "https://global.api.konghq.com",
}

// DefaultRequestTimeout bounds a single HTTP attempt when Options.HTTPClient is nil.
const DefaultRequestTimeout = 30 * time.Second

// Backoff is an exponential retry policy. A Retry-After (or retry-after-ms) header overrides the computed
// interval: Create gives up at once when it exceeds the budget left; the SDK's own retries wait at most Max.
type Backoff struct {
	// Initial is the wait before the first retry.
	Initial time.Duration
	// Max caps a single computed wait.
	Max time.Duration
	// Exponent multiplies the wait after each attempt.
	Exponent float64
	// MaxElapsed stops retrying once this much time has passed since the first attempt.
	MaxElapsed time.Duration
}

// DefaultBackoff is the policy used when Options.Retry is zero.
var DefaultBackoff = Backoff{Initial: 500 * time.Millisecond, Max: 30 * time.Second, Exponent: 1.5, MaxElapsed: 5 * time.Minute}

// interval returns the computed wait before retry number attempt (0-based).
func (b Backoff) interval(attempt int) time.Duration {
	d := float64(b.Initial)
	for range attempt {
		d *= b.Exponent
	}
	if d > float64(b.Max) {
		return b.Max
	}
	return time.Duration(d)
}

// Options configure a Client.
type Options struct {
	// ServerURL is the regional Konnect API base URL, e.g. https://eu.api.konghq.com.
	ServerURL string
	// Token is a Konnect personal (kpat_) or system-account (spat_) access token.
	Token string
	// HTTPClient sends the requests; nil means an http.Client with RequestTimeout per attempt.
	HTTPClient *http.Client
	// RequestTimeout bounds one attempt of the default HTTPClient; zero means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// Retry is the retry policy; the zero value means DefaultBackoff.
	Retry Backoff
}

// Client is a Konnect SDK client plus the provider's create policy.
type Client struct {
	// SDK is the generated Konnect client. Its own retries (429, 5xx with Retry-After, and connection
	// errors of idempotent requests) are enabled; Create disables them for POSTs and retries itself.
	SDK     *sdkkonnectgo.SDK
	backoff Backoff
}

// New returns a Client for o. It fails when the server URL or the token is missing.
func New(o Options) (*Client, error) {
	if o.ServerURL == "" {
		return nil, fmt.Errorf("konnect server URL is required")
	}
	if o.Token == "" {
		return nil, fmt.Errorf("konnect token is required")
	}
	if o.Retry == (Backoff{}) {
		o.Retry = DefaultBackoff
	}
	if o.HTTPClient == nil {
		// A per-attempt timeout: the SDK's WithTimeout would bound the whole retry loop instead.
		if o.RequestTimeout == 0 {
			o.RequestTimeout = DefaultRequestTimeout
		}
		o.HTTPClient = &http.Client{Timeout: o.RequestTimeout}
	}
	security := components.Security{PersonalAccessToken: &o.Token}
	if strings.HasPrefix(o.Token, "spat_") {
		security = components.Security{SystemAccountAccessToken: &o.Token}
	}
	sdk := sdkkonnectgo.New(
		sdkkonnectgo.WithServerURL(strings.TrimRight(o.ServerURL, "/")),
		sdkkonnectgo.WithSecurity(security),
		sdkkonnectgo.WithClient(withBoundRetryAfter(o.HTTPClient, o.Retry.Max)),
		sdkkonnectgo.WithRetryConfig(retry.Config{
			Strategy: "backoff",
			Backoff: &retry.BackoffStrategy{
				InitialInterval: int(o.Retry.Initial.Milliseconds()),
				MaxInterval:     int(o.Retry.Max.Milliseconds()),
				Exponent:        o.Retry.Exponent,
				MaxElapsedTime:  int(o.Retry.MaxElapsed.Milliseconds()),
			},
			RetryConnectionErrors: true,
		}),
	)
	return &Client{SDK: sdk, backoff: o.Retry}, nil
}
