package konnect

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/secrets"
)

// BackendCluster is a Kafka cluster an event gateway proxies to.
type BackendCluster struct {
	kind[BackendClusterArgs, BackendClusterState]
}

var _ resource[BackendClusterArgs, BackendClusterState] = (*BackendCluster)(nil)

// BackendClusterArgs are the inputs of a BackendCluster.
type BackendClusterArgs struct {
	// ID of the event gateway; changing it replaces the backend cluster.
	GatewayID string `pulumi:"gatewayId" api:"-"`
	// Name, unique within the gateway (1-255 characters).
	Name string `pulumi:"name" api:"name"`
	// Description (at most 512 characters).
	Description *string `pulumi:"description,optional" api:"description,omitempty"`
	// Kafka bootstrap servers as `host:port`.
	BootstrapServers []string `pulumi:"bootstrapServers" api:"bootstrap_servers"`
	// How the gateway authenticates to the cluster.
	Authentication BackendClusterAuthenticationScheme `pulumi:"authentication" api:"authentication"`
	// TLS settings of the connection to the cluster.
	TLS BackendClusterTLSConfig `pulumi:"tls" api:"tls"`
	// Let virtual clusters with anonymous authentication use this cluster. Not recommended in production.
	InsecureAllowAnonymousVirtualClusterAuth *bool `pulumi:"insecureAllowAnonymousVirtualClusterAuth,optional" api:"insecure_allow_anonymous_virtual_cluster_auth,omitempty"`
	// How often the gateway refreshes the cluster metadata (1-43200 s; default 60).
	MetadataUpdateIntervalSeconds *int `pulumi:"metadataUpdateIntervalSeconds,optional" api:"metadata_update_interval_seconds,omitempty"`
	// Labels: at most 50; keys 1-63 characters not starting with kong, konnect, mesh, kic or _.
	Labels map[string]string `pulumi:"labels,optional" api:"labels,omitempty"`
}

// BackendClusterAuthenticationScheme is how the gateway authenticates to the Kafka cluster.
type BackendClusterAuthenticationScheme struct {
	// `anonymous`, `sasl_plain` or `sasl_scram`.
	Type BackendClusterAuthenticationType `pulumi:"type" api:"type"`
	// SASL user name (literal or `${vault...}` reference); required for SASL.
	Username *string `pulumi:"username,optional" api:"username,omitempty"`
	// SASL password (literal or `${vault...}` reference); required for SASL.
	Password *string `pulumi:"password,optional" api:"password,omitempty" provider:"secret"`
	// SCRAM algorithm, `sha256` or `sha512`; required for `sasl_scram`.
	Algorithm *string `pulumi:"algorithm,optional" api:"algorithm,omitempty"`
}

// BackendClusterTLSConfig is the TLS configuration of the connection to the Kafka cluster.
type BackendClusterTLSConfig struct {
	// Whether to connect with TLS.
	Enabled bool `pulumi:"enabled" api:"enabled"`
	// Skip verifying the cluster's certificate.
	InsecureSkipVerify *bool `pulumi:"insecureSkipVerify,optional" api:"insecure_skip_verify,omitempty"`
	// PEM CA bundle to verify the cluster's certificate with.
	CABundle *string `pulumi:"caBundle,optional" api:"ca_bundle,omitempty"`
	// Allowed TLS versions, `tls12` and/or `tls13`; Konnect's default is both.
	TLSVersions []BackendTLSVersion `pulumi:"tlsVersions,optional" api:"tls_versions,omitempty"`
	// Client certificate for mutual TLS (runtime 1.1 or later).
	ClientIdentity *ClientIdentity `pulumi:"clientIdentity,optional" api:"client_identity,omitempty"`
}

// ClientIdentity is a client certificate and its private key.
type ClientIdentity struct {
	// PEM client certificate (literal or `${vault...}` reference).
	Certificate string `pulumi:"certificate" api:"certificate"`
	// PEM private key of the certificate (literal or `${vault...}` reference).
	Key string `pulumi:"key" api:"key" provider:"secret"`
}

// BackendClusterState is the state of a BackendCluster. Secret inputs are not kept; their hashes are.
type BackendClusterState struct {
	BackendClusterArgs
	Timestamps
	secrets.Sealed
}

// Annotate describes the resource.
func (b *BackendCluster) Annotate(a infer.Annotator) {
	a.Describe(b, "A Kafka cluster an event gateway proxies to. Import it with the ID `<gatewayId>/<backendClusterId>`.")
}

func (b *BackendClusterArgs) applyDefaults() {
	if b.MetadataUpdateIntervalSeconds == nil {
		b.MetadataUpdateIntervalSeconds = new(60)
	}
	if len(b.TLS.TLSVersions) == 0 {
		b.TLS.TLSVersions = []BackendTLSVersion{"tls12", "tls13"}
	}
}

func (b *BackendClusterArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", b.Name, str(b.Description), "labels", b.Labels)
	problems.Check("bootstrapServers", validate.NotEmpty(len(b.BootstrapServers)))
	for i, server := range b.BootstrapServers {
		problems.Check(validate.Path("bootstrapServers").Index(i), validate.HostPort(server))
	}
	auth := b.Authentication
	if problems.Check("authentication.type", validate.Enum(auth.Type)) &&
		auth.Type != "" {
		credentials := auth.Type != "anonymous"
		problems.Check("authentication.username", validate.Member(auth.Username != nil, credentials, "type", string(auth.Type)))
		problems.Check("authentication.password", validate.Member(auth.Password != nil, credentials, "type", string(auth.Type)))
		problems.Check("authentication.algorithm",
			validate.Member(auth.Algorithm != nil, auth.Type == "sasl_scram", "type", string(auth.Type)),
			validate.OneOf(str(auth.Algorithm), "sha256", "sha512"))
	}
	for i, version := range b.TLS.TLSVersions {
		problems.Check(validate.Path("tls.tlsVersions").Index(i), validate.Enum(version))
	}
	if seconds := b.MetadataUpdateIntervalSeconds; seconds != nil {
		problems.Check("metadataUpdateIntervalSeconds", validate.Between(*seconds, 1, 43200))
	}
}

var backendClusters = kind[BackendClusterArgs, BackendClusterState]{
	idFormat: "<gatewayId>/<backendClusterId>",
	parents:  func(a *BackendClusterArgs) []parent { return gatewayParent(&a.GatewayID) },
	args:     func(s *BackendClusterState) *BackendClusterArgs { return &s.BackendClusterArgs },
	sealed:   func(s *BackendClusterState) *secrets.Sealed { return &s.Sealed },
	create: func(ctx context.Context, c *client.Client, a BackendClusterArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := sdkModel[components.CreateBackendClusterRequest](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayBackendClusters.CreateEventGatewayBackendCluster(ctx, a.GatewayID, &body, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a BackendClusterArgs) (json.RawMessage, error) {
		items, err := client.All(ctx, func(ctx context.Context, after *string) (*http.Response, error) {
			res, err := c.SDK.EventGatewayBackendClusters.ListEventGatewayBackendClusters(ctx, operations.ListEventGatewayBackendClustersRequest{
				GatewayID: a.GatewayID, PageSize: pageSize, PageAfter: after, Filter: nameFilter(a.Name),
			})
			return rawResponse(res, err)
		})
		return pick(items, err, a.Name, "")
	},
	get: func(ctx context.Context, c *client.Client, a BackendClusterArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayBackendClusters.GetEventGatewayBackendCluster(ctx, a.GatewayID, id)
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a BackendClusterArgs, id string) (*http.Response, error) {
		body, err := sdkModel[components.UpdateBackendClusterRequest](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayBackendClusters.UpdateEventGatewayBackendCluster(ctx, operations.UpdateEventGatewayBackendClusterRequest{
			GatewayID: a.GatewayID, BackendClusterID: id, UpdateBackendClusterRequest: &body,
		})
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a BackendClusterArgs, id string) error {
		_, err := c.SDK.EventGatewayBackendClusters.DeleteEventGatewayBackendCluster(ctx, a.GatewayID, id)
		return err
	},
}
