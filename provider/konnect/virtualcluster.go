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
	GatewayID      string                         `pulumi:"gatewayId" api:"-"`
	Name           string                         `pulumi:"name" api:"name"`
	Description    *string                        `pulumi:"description,optional" api:"description,omitempty"`
	Destination    Ref                            `pulumi:"destination" api:"destination"`
	Authentication []VirtualClusterAuthentication `pulumi:"authentication" api:"authentication"`
	Namespace      *VirtualClusterNamespace       `pulumi:"namespace,optional" api:"namespace,omitempty"`
	TopicAliases   []TopicAlias                   `pulumi:"topicAliases,optional" api:"topic_aliases,omitempty"`
	ACLMode        string                         `pulumi:"aclMode" api:"acl_mode"`
	DNSLabel       string                         `pulumi:"dnsLabel" api:"dns_label"`
	Labels         map[string]string              `pulumi:"labels,optional" api:"labels,omitempty"`
}

// VirtualClusterAuthentication is one way clients may authenticate; the fields used depend on type.
type VirtualClusterAuthentication struct {
	Type                       string                      `pulumi:"type" api:"type"`
	Mediation                  *string                     `pulumi:"mediation,optional" api:"mediation,omitempty"`
	Principals                 []Principal                 `pulumi:"principals,optional" api:"principals,omitempty"`
	Algorithm                  *string                     `pulumi:"algorithm,optional" api:"algorithm,omitempty"`
	ClaimsMapping              *ClaimsMapping              `pulumi:"claimsMapping,optional" api:"claims_mapping,omitempty"`
	JWKS                       *JWKS                       `pulumi:"jwks,optional" api:"jwks,omitempty"`
	Validate                   *OAuthValidation            `pulumi:"validate,optional" api:"validate,omitempty"`
	FetchKongIdentityPrincipal *FetchKongIdentityPrincipal `pulumi:"fetchKongIdentityPrincipal,optional" api:"fetch_kong_identity_principal,omitempty"`
}

// Principal is a SASL/PLAIN user the gateway authenticates itself.
type Principal struct {
	Username string `pulumi:"username" api:"username"`
	Password string `pulumi:"password" api:"password" provider:"secret"`
}

// ClaimsMapping renames the JWT claims the gateway reads.
type ClaimsMapping struct {
	Sub   *string `pulumi:"sub,optional" api:"sub,omitempty"`
	Scope *string `pulumi:"scope,optional" api:"scope,omitempty"`
}

// JWKS is where the gateway fetches the keys that verify OAuth tokens.
type JWKS struct {
	Endpoint        string  `pulumi:"endpoint" api:"endpoint"`
	Timeout         *string `pulumi:"timeout,optional" api:"timeout,omitempty"`
	CacheExpiration *string `pulumi:"cacheExpiration,optional" api:"cache_expiration,omitempty"`
}

// OAuthValidation restricts the accepted OAuth tokens.
type OAuthValidation struct {
	Audiences []Audience `pulumi:"audiences,optional" api:"audiences,omitempty"`
	Issuer    *string    `pulumi:"issuer,optional" api:"issuer,omitempty"`
}

// Audience is an accepted token audience.
type Audience struct {
	Name string `pulumi:"name" api:"name"`
}

// FetchKongIdentityPrincipal looks the authenticated principal up in a Kong Identity directory.
type FetchKongIdentityPrincipal struct {
	Directory   string   `pulumi:"directory" api:"directory"`
	FetchBy     *FetchBy `pulumi:"fetchBy,optional" api:"fetch_by,omitempty"`
	FailureMode string   `pulumi:"failureMode" api:"failure_mode"`
}

// FetchBy says which principal attribute to look up.
type FetchBy struct {
	Key string `pulumi:"key" api:"key"`
}

// VirtualClusterNamespace maps the virtual cluster's topics and groups onto a prefix of the backend's.
type VirtualClusterNamespace struct {
	Mode       string               `pulumi:"mode" api:"mode"`
	Prefix     string               `pulumi:"prefix" api:"prefix"`
	Additional *NamespaceAdditional `pulumi:"additional,optional" api:"additional,omitempty"`
}

// NamespaceAdditional exposes backend topics and consumer groups outside the prefix.
type NamespaceAdditional struct {
	Topics         []TopicSelector `pulumi:"topics,optional" api:"topics,omitempty"`
	ConsumerGroups []GroupSelector `pulumi:"consumerGroups,optional" api:"consumer_groups,omitempty"`
}

// TopicSelector selects backend topics by glob or exact list.
type TopicSelector struct {
	Type      string       `pulumi:"type" api:"type"`
	Glob      *string      `pulumi:"glob,optional" api:"glob,omitempty"`
	ExactList []ExactTopic `pulumi:"exactList,optional" api:"exact_list,omitempty"`
	Conflict  *string      `pulumi:"conflict,optional" api:"conflict,omitempty"`
}

// ExactTopic is one backend topic.
type ExactTopic struct {
	Backend string `pulumi:"backend" api:"backend"`
}

// GroupSelector selects consumer groups by glob or exact list.
type GroupSelector struct {
	Type      string       `pulumi:"type" api:"type"`
	Glob      *string      `pulumi:"glob,optional" api:"glob,omitempty"`
	ExactList []ExactGroup `pulumi:"exactList,optional" api:"exact_list,omitempty"`
}

// ExactGroup is one consumer group.
type ExactGroup struct {
	Value string `pulumi:"value" api:"value"`
}

// TopicAlias exposes a topic under another name.
type TopicAlias struct {
	Alias     string  `pulumi:"alias" api:"alias"`
	Topic     string  `pulumi:"topic" api:"topic"`
	Condition *string `pulumi:"condition,optional" api:"condition,omitempty"`
	Conflict  *string `pulumi:"conflict,optional" api:"conflict,omitempty"`
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

// Annotate describes the inputs.
func (v *VirtualClusterArgs) Annotate(a infer.Annotator) {
	a.Describe(&v.GatewayID, "ID of the event gateway; changing it replaces the virtual cluster.")
	a.Describe(&v.Name, "Name, unique within the gateway (1-255 characters).")
	a.Describe(&v.Description, "Description (at most 512 characters).")
	a.Describe(&v.Destination, "The backend cluster, by ID or name.")
	a.Describe(&v.Authentication, "Accepted client authentication methods, tried in order.")
	a.Describe(&v.Namespace, "Maps the virtual cluster's topics and consumer groups onto a prefix of the backend's.")
	a.Describe(&v.TopicAliases, "Extra names for backend topics (runtime 1.2 or later).")
	a.Describe(&v.ACLMode, "`enforce_on_gateway` (cluster policies decide; none means no access) or `passthrough`.")
	a.Describe(&v.DNSLabel, "DNS label (RFC 1035) used in SNI host names: `<dnsLabel><sniSuffix>`.")
	a.Describe(&v.Labels, "Labels: at most 50; keys 1-63 characters not starting with kong, konnect, mesh, kic or _.")
}

// Annotate describes an authentication method.
func (v *VirtualClusterAuthentication) Annotate(a infer.Annotator) {
	a.Describe(&v.Type, "`anonymous`, `sasl_plain`, `sasl_scram`, `oauth_bearer` or `client_certificate`.")
	a.Describe(&v.Mediation, "For `sasl_plain`: `passthrough` or `terminate`; for `oauth_bearer`: `passthrough`, "+
		"`validate_forward` or `terminate`.")
	a.Describe(&v.Principals, "For `sasl_plain` with `terminate`: the accepted users.")
	a.Describe(&v.Algorithm, "For `sasl_scram`: `sha256` or `sha512`.")
	a.Describe(&v.ClaimsMapping, "For `oauth_bearer`: claim names to read the subject and scope from.")
	a.Describe(&v.JWKS, "For `oauth_bearer`: where to fetch the token-signing keys.")
	a.Describe(&v.Validate, "For `oauth_bearer`: audience and issuer checks.")
	a.Describe(&v.FetchKongIdentityPrincipal, "Look the principal up in Kong Identity (not for `anonymous`; runtime 1.2 or later).")
}

// Annotate describes a principal.
func (p *Principal) Annotate(a infer.Annotator) {
	a.Describe(&p.Username, "User name (literal or `${vault...}` reference).")
	a.Describe(&p.Password, "Password (literal or `${vault...}` reference).")
}

// Annotate describes a claims mapping.
func (m *ClaimsMapping) Annotate(a infer.Annotator) {
	a.Describe(&m.Sub, "Claim holding the subject.")
	a.Describe(&m.Scope, "Claim holding the scopes.")
}

// Annotate describes a JWKS source.
func (j *JWKS) Annotate(a infer.Annotator) {
	a.Describe(&j.Endpoint, "JWKS URL.")
	a.Describe(&j.Timeout, "Fetch timeout (default `10s`).")
	a.Describe(&j.CacheExpiration, "How long fetched keys are cached (default `1h`).")
}

// Annotate describes OAuth validation.
func (v *OAuthValidation) Annotate(a infer.Annotator) {
	a.Describe(&v.Audiences, "Accepted audiences.")
	a.Describe(&v.Issuer, "Required issuer.")
}

// Annotate describes an audience.
func (v *Audience) Annotate(a infer.Annotator) { a.Describe(&v.Name, "Audience value.") }

// Annotate describes a Kong Identity lookup.
func (f *FetchKongIdentityPrincipal) Annotate(a infer.Annotator) {
	a.Describe(&f.Directory, "Kong Identity directory.")
	a.Describe(&f.FetchBy, "Principal attribute to look up (not for `oauth_bearer`, where it is required otherwise).")
	a.Describe(&f.FailureMode, "`error` or `ignore` when the lookup fails.")
}

// Annotate describes a lookup key.
func (f *FetchBy) Annotate(a infer.Annotator) {
	a.Describe(&f.Key, "Attribute to look the principal up by.")
}

// Annotate describes a namespace.
func (n *VirtualClusterNamespace) Annotate(a infer.Annotator) {
	a.Describe(&n.Mode, "`hide_prefix` (clients see names without the prefix) or `enforce_prefix` (clients must use it).")
	a.Describe(&n.Prefix, "Prefix of the backend topics and groups that belong to the virtual cluster.")
	a.Describe(&n.Additional, "Backend topics and consumer groups outside the prefix to expose as well.")
}

// Annotate describes additional namespace selections.
func (n *NamespaceAdditional) Annotate(a infer.Annotator) {
	a.Describe(&n.Topics, "Extra backend topics.")
	a.Describe(&n.ConsumerGroups, "Extra consumer groups.")
}

// Annotate describes a topic selector.
func (s *TopicSelector) Annotate(a infer.Annotator) {
	a.Describe(&s.Type, "`glob` or `exact_list`.")
	a.Describe(&s.Glob, "For `glob`: a pattern of `A-Za-z0-9._?*-`.")
	a.Describe(&s.ExactList, "For `exact_list`: the topics.")
	a.Describe(&s.Conflict, "`warn` (default) or `ignore` when a selected topic clashes with a namespaced one.")
}

// Annotate describes an exact topic.
func (e *ExactTopic) Annotate(a infer.Annotator) { a.Describe(&e.Backend, "Backend topic name.") }

// Annotate describes a group selector.
func (s *GroupSelector) Annotate(a infer.Annotator) {
	a.Describe(&s.Type, "`glob` or `exact_list`.")
	a.Describe(&s.Glob, "For `glob`: a pattern of `A-Za-z0-9._?*-`.")
	a.Describe(&s.ExactList, "For `exact_list`: the groups.")
}

// Annotate describes an exact group.
func (e *ExactGroup) Annotate(a infer.Annotator) { a.Describe(&e.Value, "Consumer group name.") }

// Annotate describes a topic alias.
func (t *TopicAlias) Annotate(a infer.Annotator) {
	a.Describe(&t.Alias, "Name clients use.")
	a.Describe(&t.Topic, "Topic it stands for (as seen inside the namespace).")
	a.Describe(&t.Condition, "Expression limiting when the alias applies.")
	a.Describe(&t.Conflict, "`warn` (default) or `ignore` when the alias clashes with a topic.")
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
	problems.Check("aclMode", validate.OneOf(v.ACLMode, "enforce_on_gateway", "passthrough"))
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

func (v VirtualClusterAuthentication) validate(problems *validate.Problems, path validate.Path) {
	if !problems.Check(path.Field("type"), validate.OneOf(v.Type,
		"anonymous", "sasl_plain", "sasl_scram", "oauth_bearer", "client_certificate")) || v.Type == "" {
		return
	}
	// member checks a member that the types allow and, if required, need.
	member := func(field string, set, required bool, types ...string) {
		wanted := slices.Contains(types, v.Type) && (set || required)
		problems.Check(path.Field(field), validate.Member(set, wanted, "type", v.Type))
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
			validate.Member(f.FetchBy != nil, v.Type != "oauth_bearer", "type", v.Type))
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
