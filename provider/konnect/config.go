package konnect

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// ClientFactory builds the Konnect client from the resolved provider configuration. Tests inject one to
// point the provider at an emulator or to shorten the retry policy.
type ClientFactory func(ctx context.Context, opts client.Options) (*client.Client, error)

// defaultRegion is used when neither serverUrl nor region is configured.
const defaultRegion = "us"

// Config is the provider configuration.
type Config struct {
	ServerURL *string `pulumi:"serverUrl,optional"`
	Region    *string `pulumi:"region,optional"`
	Token     string  `pulumi:"token,optional" provider:"secret"`
	// RequestTimeoutSeconds bounds one HTTP attempt.
	RequestTimeoutSeconds *int `pulumi:"requestTimeoutSeconds,optional"`

	factory ClientFactory
	client  *client.Client
}

var (
	_ infer.CustomConfigure = (*Config)(nil)
	_ infer.Annotated       = (*Config)(nil)
)

// NewConfig returns a configuration whose client is built by factory; nil means client.New.
func NewConfig(factory ClientFactory) *Config {
	if factory == nil {
		factory = func(_ context.Context, o client.Options) (*client.Client, error) { return client.New(o) }
	}
	return &Config{factory: factory}
}

// Annotate describes the configuration.
func (c *Config) Annotate(a infer.Annotator) {
	a.Describe(&c.ServerURL, "Base URL of the Konnect API, e.g. `https://eu.api.konghq.com`. "+
		"A bare host name gets `https://`. Takes precedence over `region`.")
	a.Describe(&c.Region, "Konnect region: `us`, `eu`, `au` or `global`; selects `https://<region>.api.konghq.com`. "+
		"Defaults to `us` when `serverUrl` is not set either.")
	a.Describe(&c.Token, "Konnect personal (`kpat_`) or system-account (`spat_`) access token. "+
		"Defaults to the `KONNECT_TOKEN` environment variable.")
	a.SetDefault(&c.Token, nil, "KONNECT_TOKEN")
	a.Describe(&c.RequestTimeoutSeconds, fmt.Sprintf("Seconds one HTTP request to Konnect may take (1-%d) before it "+
		"is abandoned and retried; a create that times out first looks for the object the server may have made. "+
		"Default %d.", int(maxRequestTimeout/time.Second), int(client.DefaultRequestTimeout/time.Second)))
}

// maxRequestTimeout bounds requestTimeoutSeconds.
const maxRequestTimeout = 10 * time.Minute

// errNoToken is what Konnect resources and functions report when the provider has no token; the components
// need none, so a program using only them configures the provider without one.
var errNoToken = fmt.Errorf("token: a Konnect access token is required (set kong-event-gateway:token or KONNECT_TOKEN)")

// Configure resolves the server URL and, given a token, builds the Konnect client.
func (c *Config) Configure(ctx context.Context) error {
	serverURL, err := c.serverURL()
	if err != nil || c.Token == "" {
		return err
	}
	o := client.Options{ServerURL: serverURL, Token: c.Token}
	if c.RequestTimeoutSeconds != nil {
		if problem := validate.Between(*c.RequestTimeoutSeconds, 1, int(maxRequestTimeout/time.Second)); problem != "" {
			return &validate.FieldError{Field: "requestTimeoutSeconds", Message: problem}
		}
		o.RequestTimeout = time.Duration(*c.RequestTimeoutSeconds) * time.Second
	}
	c.client, err = c.factory(ctx, o)
	return err
}

// serverURL returns the API base URL from serverUrl or region.
func (c *Config) serverURL() (string, error) {
	var fromRegion string
	if c.Region != nil && *c.Region != "" {
		if problem := validate.OneOf(*c.Region, slices.Sorted(maps.Keys(client.Regions))...); problem != "" {
			return "", &validate.FieldError{Field: "region", Message: problem}
		}
		fromRegion = client.Regions[*c.Region]
	}
	if c.ServerURL == nil || *c.ServerURL == "" {
		if fromRegion == "" {
			fromRegion = client.Regions[defaultRegion]
		}
		return fromRegion, nil
	}
	raw := *c.ServerURL
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("serverUrl: %q is not an http(s) URL", *c.ServerURL)
	}
	s := strings.TrimRight(u.String(), "/")
	if fromRegion != "" && fromRegion != s {
		return "", fmt.Errorf("serverUrl %q and region %q disagree; set only one", s, *c.Region)
	}
	return s, nil
}

// clientOf returns the configured Konnect client.
func clientOf(ctx context.Context) (*client.Client, error) {
	cfg := infer.GetConfig[*Config](ctx)
	if cfg.client == nil {
		return nil, errNoToken
	}
	return cfg.client, nil
}
