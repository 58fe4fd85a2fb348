package konnect

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"

	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/secrets"
)

// VirtualCluster is the Kafka cluster clients see: a view of a backend cluster with its own authentication,
// namespace and ACLs.
type VirtualCluster struct {
	kind[VirtualClusterArgs, VirtualClusterState]
}

var _ resource[VirtualClusterArgs, VirtualClusterState] = (*VirtualCluster)(nil)

// VirtualClusterArgs are the inputs of a VirtualCluster.
type VirtualClusterArgs struct {
	// ID of the event gateway; changing it replaces the virtual cluster.
	GatewayID string `pulumi:"gatewayId" api:"-"`
	// Name, unique within the gateway (1-255 characters).
	Name string `pulumi:"name" api:"name"`
	// Description (at most 512 characters).
	Description *string `pulumi:"description,optional" api:"description,omitempty"`
	// The backend cluster, by ID or name.
	Destination Ref `pulumi:"destination" api:"destination"`
	// Accepted client authentication methods, tried in order.
	Authentication []VirtualClusterAuthenticationScheme `pulumi:"authentication" api:"authentication"`
	// Maps the virtual cluster's topics and consumer groups onto a prefix of the backend's.
	Namespace *VirtualClusterNamespaceConfig `pulumi:"namespace,optional" api:"namespace,omitempty"`
	// Extra names for backend topics (runtime 1.2 or later).
	TopicAliases []VirtualClusterTopicAlias `pulumi:"topicAliases,optional" api:"topic_aliases,omitempty"`
	// `enforce_on_gateway` (cluster policies decide; none means no access) or `passthrough`.
	ACLMode ACLMode `pulumi:"aclMode" api:"acl_mode"`
	// DNS label (RFC 1035) used in SNI host names: `<dnsLabel><sniSuffix>`.
	DNSLabel string `pulumi:"dnsLabel" api:"dns_label"`
	// Labels: at most 50; keys 1-63 characters not starting with kong, konnect, mesh, kic or _.
	Labels map[string]string `pulumi:"labels,optional" api:"labels,omitempty"`
}

// VirtualClusterAuthenticationScheme is one way clients may authenticate; the fields used depend on type.
type VirtualClusterAuthenticationScheme struct {
	// `anonymous`, `sasl_plain`, `sasl_scram`, `oauth_bearer` or `client_certificate`.
	Type VirtualClusterAuthenticationType `pulumi:"type" api:"type"`
	// For `sasl_plain`: `passthrough` or `terminate`; for `oauth_bearer`: `passthrough`, `validate_forward` or
	// `terminate`.
	Mediation *string `pulumi:"mediation,optional" api:"mediation,omitempty"`
	// For `sasl_plain` with `terminate`: the accepted users.
	Principals []AuthenticationPrincipal `pulumi:"principals,optional" api:"principals,omitempty"`
	// For `sasl_scram`: `sha256` or `sha512`.
	Algorithm *string `pulumi:"algorithm,optional" api:"algorithm,omitempty"`
	// For `oauth_bearer`: claim names to read the subject and scope from.
	ClaimsMapping *OAuthClaimsMapping `pulumi:"claimsMapping,optional" api:"claims_mapping,omitempty"`
	// For `oauth_bearer`: where to fetch the token-signing keys.
	JWKS *OAuthJWKS `pulumi:"jwks,optional" api:"jwks,omitempty"`
	// For `oauth_bearer`: audience and issuer checks.
	Validate *OAuthValidation `pulumi:"validate,optional" api:"validate,omitempty"`
	// Look the principal up in Kong Identity (not for `anonymous`; runtime 1.2 or later).
	FetchKongIdentityPrincipal *FetchKongIdentityPrincipalConfig `pulumi:"fetchKongIdentityPrincipal,optional" api:"fetch_kong_identity_principal,omitempty"`
}

// AuthenticationPrincipal is a SASL/PLAIN user the gateway authenticates itself.
type AuthenticationPrincipal struct {
	// User name (literal or `${vault...}` reference).
	Username string `pulumi:"username" api:"username"`
	// Password (literal or `${vault...}` reference).
	Password string `pulumi:"password" api:"password" provider:"secret"`
}

// OAuthClaimsMapping renames the JWT claims the gateway reads.
type OAuthClaimsMapping struct {
	// Claim holding the subject.
	Sub *string `pulumi:"sub,optional" api:"sub,omitempty"`
	// Claim holding the scopes.
	Scope *string `pulumi:"scope,optional" api:"scope,omitempty"`
}

// OAuthJWKS is where the gateway fetches the keys that verify OAuth tokens.
type OAuthJWKS struct {
	// JWKS URL.
	Endpoint string `pulumi:"endpoint" api:"endpoint"`
	// Fetch timeout (default `10s`).
	Timeout *string `pulumi:"timeout,optional" api:"timeout,omitempty"`
	// How long fetched keys are cached (default `1h`).
	CacheExpiration *string `pulumi:"cacheExpiration,optional" api:"cache_expiration,omitempty"`
}

// OAuthValidation restricts the accepted OAuth tokens.
type OAuthValidation struct {
	// Accepted audiences.
	Audiences []OAuthAudience `pulumi:"audiences,optional" api:"audiences,omitempty"`
	// Required issuer.
	Issuer *string `pulumi:"issuer,optional" api:"issuer,omitempty"`
}

// OAuthAudience is an accepted token audience.
type OAuthAudience struct {
	// Audience value.
	Name string `pulumi:"name" api:"name"`
}

// FetchKongIdentityPrincipalConfig looks the authenticated principal up in a Kong Identity directory.
type FetchKongIdentityPrincipalConfig struct {
	// Kong Identity directory.
	Directory string `pulumi:"directory" api:"directory"`
	// Principal attribute to look up (not for `oauth_bearer`, where it is required otherwise).
	FetchBy *FetchBy `pulumi:"fetchBy,optional" api:"fetch_by,omitempty"`
	// `error` or `ignore` when the lookup fails.
	FailureMode string `pulumi:"failureMode" api:"failure_mode"`
}

// FetchBy says which principal attribute to look up.
type FetchBy struct {
	// Attribute to look the principal up by.
	Key string `pulumi:"key" api:"key"`
}

// VirtualClusterNamespaceConfig maps the virtual cluster's topics and groups onto a prefix of the backend's.
type VirtualClusterNamespaceConfig struct {
	// `hide_prefix` (clients see names without the prefix) or `enforce_prefix` (clients must use it).
	Mode string `pulumi:"mode" api:"mode"`
	// Prefix of the backend topics and groups that belong to the virtual cluster.
	Prefix string `pulumi:"prefix" api:"prefix"`
	// Backend topics and consumer groups outside the prefix to expose as well.
	Additional *VirtualClusterNamespaceAdditional `pulumi:"additional,optional" api:"additional,omitempty"`
}

// VirtualClusterNamespaceAdditional exposes backend topics and consumer groups outside the prefix.
type VirtualClusterNamespaceAdditional struct {
	// Extra backend topics.
	Topics []NamespaceTopicSelector `pulumi:"topics,optional" api:"topics,omitempty"`
	// Extra consumer groups.
	ConsumerGroups []GroupSelector `pulumi:"consumerGroups,optional" api:"consumer_groups,omitempty"`
}

// NamespaceTopicSelector selects backend topics by glob or exact list.
type NamespaceTopicSelector struct {
	// `glob` or `exact_list`.
	Type string `pulumi:"type" api:"type"`
	// For `glob`: a pattern of `A-Za-z0-9._?*-`.
	Glob *string `pulumi:"glob,optional" api:"glob,omitempty"`
	// For `exact_list`: the topics.
	ExactList []ExactTopic `pulumi:"exactList,optional" api:"exact_list,omitempty"`
	// `warn` (default) or `ignore` when a selected topic clashes with a namespaced one.
	Conflict *string `pulumi:"conflict,optional" api:"conflict,omitempty"`
}

// ExactTopic is one backend topic.
type ExactTopic struct {
	// Backend topic name.
	Backend string `pulumi:"backend" api:"backend"`
}

// GroupSelector selects consumer groups by glob or exact list.
type GroupSelector struct {
	// `glob` or `exact_list`.
	Type string `pulumi:"type" api:"type"`
	// For `glob`: a pattern of `A-Za-z0-9._?*-`.
	Glob *string `pulumi:"glob,optional" api:"glob,omitempty"`
	// For `exact_list`: the groups.
	ExactList []ExactGroup `pulumi:"exactList,optional" api:"exact_list,omitempty"`
}

// ExactGroup is one consumer group.
type ExactGroup struct {
	// Consumer group name.
	Value string `pulumi:"value" api:"value"`
}

// VirtualClusterTopicAlias exposes a topic under another name.
type VirtualClusterTopicAlias struct {
	// Name clients use.
	Alias string `pulumi:"alias" api:"alias"`
	// Topic it stands for (as seen inside the namespace).
	Topic string `pulumi:"topic" api:"topic"`
	// Expression limiting when the alias applies.
	Condition *string `pulumi:"condition,optional" api:"condition,omitempty"`
	// `warn` (default) or `ignore` when the alias clashes with a topic.
	Conflict *string `pulumi:"conflict,optional" api:"conflict,omitempty"`
}

// VirtualClusterState is the state of a VirtualCluster. Principal passwords are not kept; their hashes are.
type VirtualClusterState struct {
	VirtualClusterArgs
	Timestamps
	secrets.Sealed
}

// Annotate describes the resource.
func (v *VirtualCluster) Annotate(a infer.Annotator) {
	a.Describe(v, "The Kafka cluster clients connect to: a view of a backend cluster with its own authentication, "+
		"namespace and ACL mode. Import it with the ID `<gatewayId>/<virtualClusterId>`.")
}

func (v *VirtualClusterArgs) applyDefaults() {
	for i := range v.Authentication {
		if j := v.Authentication[i].JWKS; j != nil {
			if j.Timeout == nil {
				j.Timeout = new("10s")
			}
			if j.CacheExpiration == nil {
				j.CacheExpiration = new("1h")
			}
		}
	}
	if v.Namespace != nil && v.Namespace.Additional != nil {
		for i := range v.Namespace.Additional.Topics {
			if t := &v.Namespace.Additional.Topics[i]; t.Conflict == nil {
				t.Conflict = new("warn")
			}
		}
	}
	for i := range v.TopicAliases {
		if t := &v.TopicAliases[i]; t.Conflict == nil {
			t.Conflict = new("warn")
		}
	}
}

func (v *VirtualClusterArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", v.Name, str(v.Description), "labels", v.Labels)
	checkRef(problems, "destination", &v.Destination)
	problems.Check("dnsLabel", validate.DNSLabel(v.DNSLabel))
	problems.Check("aclMode", validate.Enum(v.ACLMode))
	problems.Check("authentication", validate.NotEmpty(len(v.Authentication)))
	for i, auth := range v.Authentication {
		auth.validate(problems, validate.Path("authentication").Index(i))
	}
	if ns := v.Namespace; ns != nil {
		problems.Check("namespace.mode", validate.OneOf(ns.Mode, "hide_prefix", "enforce_prefix"))
		if add := ns.Additional; add != nil {
			for i, t := range add.Topics {
				path := validate.Path("namespace.additional.topics").Index(i)
				checkSelector(problems, path, t.Type, t.Glob, len(t.ExactList))
				problems.Check(path.Field("conflict"), validate.OneOf(str(t.Conflict), "warn", "ignore"))
			}
			for i, g := range add.ConsumerGroups {
				checkSelector(problems, validate.Path("namespace.additional.consumerGroups").Index(i), g.Type, g.Glob,
					len(g.ExactList))
			}
		}
	}
	for i, t := range v.TopicAliases {
		problems.Check(validate.Path("topicAliases").Index(i).Field("conflict"),
			validate.OneOf(str(t.Conflict), "warn", "ignore"))
	}
}

// checkSelector checks a glob-or-exact-list selector.
func checkSelector(problems *validate.Problems, path validate.Path, typ string, glob *string, exact int) {
	if !problems.Check(path.Field("type"), validate.OneOf(typ, "glob", "exact_list")) || typ == "" {
		return
	}
	problems.Check(path.Field("glob"), validate.Member(glob != nil, typ == "glob", "type", typ),
		validate.Glob(str(glob)))
	problems.Check(path.Field("exactList"), validate.Member(exact > 0, typ == "exact_list", "type", typ))
}

func (v VirtualClusterAuthenticationScheme) validate(problems *validate.Problems, path validate.Path) {
	if !problems.Check(path.Field("type"), validate.Enum(v.Type)) || v.Type == "" {
		return
	}
	// member checks a member that the types allow and, if required, need.
	member := func(field string, set, required bool, types ...VirtualClusterAuthenticationType) {
		wanted := slices.Contains(types, v.Type) && (set || required)
		problems.Check(path.Field(field), validate.Member(set, wanted, "type", string(v.Type)))
	}
	member("mediation", v.Mediation != nil, true, "sasl_plain", "oauth_bearer")
	member("principals", len(v.Principals) > 0, false, "sasl_plain")
	member("algorithm", v.Algorithm != nil, true, "sasl_scram")
	member("claimsMapping", v.ClaimsMapping != nil, false, "oauth_bearer")
	member("jwks", v.JWKS != nil, false, "oauth_bearer")
	member("validate", v.Validate != nil, false, "oauth_bearer")
	member("fetchKongIdentityPrincipal", v.FetchKongIdentityPrincipal != nil, false,
		"sasl_plain", "sasl_scram", "oauth_bearer", "client_certificate")
	switch v.Type {
	case "sasl_plain":
		problems.Check(path.Field("mediation"), validate.OneOf(str(v.Mediation), "passthrough", "terminate"))
	case "oauth_bearer":
		problems.Check(path.Field("mediation"),
			validate.OneOf(str(v.Mediation), "passthrough", "validate_forward", "terminate"))
	case "sasl_scram":
		problems.Check(path.Field("algorithm"), validate.OneOf(str(v.Algorithm), "sha256", "sha512"))
	}
	if f := v.FetchKongIdentityPrincipal; f != nil {
		fetch := path.Field("fetchKongIdentityPrincipal")
		problems.Check(fetch.Field("failureMode"), validate.OneOf(f.FailureMode, "error", "ignore"))
		problems.Check(fetch.Field("fetchBy"),
			validate.Member(f.FetchBy != nil, v.Type != "oauth_bearer", "type", string(v.Type)))
	}
}

var virtualClusters = kind[VirtualClusterArgs, VirtualClusterState]{
	idFormat: "<gatewayId>/<virtualClusterId>",
	parents:  func(a *VirtualClusterArgs) []parent { return gatewayParent(&a.GatewayID) },
	args:     func(s *VirtualClusterState) *VirtualClusterArgs { return &s.VirtualClusterArgs },
	sealed:   func(s *VirtualClusterState) *secrets.Sealed { return &s.Sealed },
	create: func(ctx context.Context, c *client.Client, a VirtualClusterArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := sdkModel[components.CreateVirtualClusterRequest](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayVirtualClusters.CreateEventGatewayVirtualCluster(ctx, a.GatewayID, &body, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a VirtualClusterArgs) (json.RawMessage, error) {
		items, err := client.All(ctx, func(ctx context.Context, after *string) (*http.Response, error) {
			res, err := c.SDK.EventGatewayVirtualClusters.ListEventGatewayVirtualClusters(ctx, operations.ListEventGatewayVirtualClustersRequest{
				GatewayID: a.GatewayID, PageSize: pageSize, PageAfter: after,
				Filter: &operations.Filter{Name: &components.StringFieldContainsFilter{Contains: a.Name}},
			})
			return rawResponse(res, err)
		})
		return pick(items, err, a.Name, "")
	},
	get: func(ctx context.Context, c *client.Client, a VirtualClusterArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayVirtualClusters.GetEventGatewayVirtualCluster(ctx, a.GatewayID, id)
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a VirtualClusterArgs, id string) (*http.Response, error) {
		body, err := sdkModel[components.UpdateVirtualClusterRequest](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayVirtualClusters.UpdateEventGatewayVirtualCluster(ctx, operations.UpdateEventGatewayVirtualClusterRequest{
			GatewayID: a.GatewayID, VirtualClusterID: id, UpdateVirtualClusterRequest: &body,
		})
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a VirtualClusterArgs, id string) error {
		_, err := c.SDK.EventGatewayVirtualClusters.DeleteEventGatewayVirtualCluster(ctx, a.GatewayID, id)
		return err
	},
}
