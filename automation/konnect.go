package automation

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/Kong/sdk-konnect-go/models/sdkerrors"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// baseURL turns a Konnect host such as eu.api.konghq.com into a base URL.
func baseURL(host string) string {
	if strings.Contains(host, "://") {
		return host
	}
	return "https://" + host
}

// checkKonnectToken asks Konnect which organization the token belongs to
// (GET /v3/organizations/me), the call Kong Operator makes to validate it.
// httpClient may be nil; the emulator passes one that reaches it whatever the
// host (the SDK sends this call to the global API host).
func checkKonnectToken(ctx context.Context, url, token string, httpClient *http.Client) error {
	c, err := client.New(client.Options{ServerURL: url, Token: token, HTTPClient: httpClient})
	if err != nil {
		return &KonnectAuthError{Reason: "client", Err: err}
	}
	if _, err := c.SDK.Me.GetOrganizationsMe(ctx); err != nil {
		var unauthorized *sdkerrors.UnauthorizedError
		if errors.As(err, &unauthorized) {
			return &KonnectAuthError{Reason: "the token was rejected by " + url, Err: err}
		}
		return &KonnectUnreachableError{URL: url, Err: err}
	}
	return nil
}

// KonnectUnreachableError says Konnect did not answer the token check.
type KonnectUnreachableError struct {
	URL string
	Err error
}

func (e *KonnectUnreachableError) Error() string {
	return "could not reach Konnect at " + e.URL + ": " + e.Err.Error()
}

func (e *KonnectUnreachableError) Unwrap() error { return e.Err }
