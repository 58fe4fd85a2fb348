package eventgateway

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var eventGatewayVirtualClusterKind = kind{ConfigurationAPIVersion, "EventGatewayVirtualCluster", ConditionProgrammed}

// EventGatewayVirtualClusterSpec is the spec of an EventGatewayVirtualCluster: the cluster Kafka clients see. Its
// gateway is the backend cluster's.
type EventGatewayVirtualClusterSpec struct {
	EventGatewayBackendClusterRef ObjectRef             `json:"eventGatewayBackendClusterRef" pulumi:"eventGatewayBackendClusterRef"`
	APISpec                       VirtualClusterAPISpec `json:"apiSpec" pulumi:"apiSpec"`
}

// VirtualClusterAPISpec is the Konnect body of a virtual cluster.
type VirtualClusterAPISpec struct {
	// Name is the virtual cluster's name in Konnect; listener policies route to it by this name.
	Name        string            `json:"name" pulumi:"name"`
	Description string            `json:"description,omitempty" pulumi:"description,optional"`
	Labels      map[string]string `json:"labels,omitempty" pulumi:"labels,optional"`
	// DNSLabel is an RFC 1035 label, 1-63 characters; SNI routing matches <dnsLabel><sniSuffix>.
	DNSLabel string  `json:"dnsLabel" pulumi:"dnsLabel"`
	ACLMode  ACLMode `json:"aclMode" pulumi:"aclMode"`
	// Authentication lists the schemes clients may use, tried in order.
	Authentication []VirtualClusterAuthentication `json:"authentication" pulumi:"authentication"`
	Namespace      *VirtualClusterNamespace       `json:"namespace,omitempty" pulumi:"namespace,optional"`
	// TopicAliases need data plane 1.2 or later.
	TopicAliases []TopicAlias `json:"topicAliases,omitempty" pulumi:"topicAliases,optional"`
}

// ACLMode says where topic and group access is decided.
type ACLMode string

// Values of ACLMode.
const (
	// ACLModeEnforceOnGateway applies the virtual cluster's ACL policies; without any, all access is denied.
	ACLModeEnforceOnGateway ACLMode = "enforce_on_gateway"
	// ACLModePassthrough leaves access control to the backend cluster.
	ACLModePassthrough ACLMode = "passthrough"
)

// VirtualClusterAuthType is an authentication scheme a virtual cluster offers its clients.
type VirtualClusterAuthType string

// Values of VirtualClusterAuthType.
const (
	VirtualClusterAuthAnonymous         VirtualClusterAuthType = "anonymous"
	VirtualClusterAuthClientCertificate VirtualClusterAuthType = "clientCertificate"
	VirtualClusterAuthOAuthBearer       VirtualClusterAuthType = "oauthBearer"
	VirtualClusterAuthSaslPlain         VirtualClusterAuthType = "saslPlain"
	VirtualClusterAuthSaslScram         VirtualClusterAuthType = "saslScram"
)

// VirtualClusterAuthentication is a union on Type; set the member Type names (anonymous needs none).
type VirtualClusterAuthentication struct {
	// Type is anonymous, clientCertificate, oauthBearer, saslPlain or saslScram; set the member of the same name.
	Type VirtualClusterAuthType `json:"type" pulumi:"type"`
	// Anonymous admits clients without credentials; the backend cluster must enable
	// insecureAllowAnonymousVirtualClusterAuth.
	Anonymous *EmptyObject `json:"anonymous,omitempty" pulumi:"anonymous,optional"`
	// ClientCertificate configures type clientCertificate: clients authenticate with their TLS certificate.
	ClientCertificate *ClientCertificateAuth `json:"clientCertificate,omitempty" pulumi:"clientCertificate,optional"`
	// OAuthBearer configures type oauthBearer: clients authenticate with SASL/OAUTHBEARER tokens.
	OAuthBearer *OAuthBearerAuth `json:"oauthBearer,omitempty" pulumi:"oauthBearer,optional"`
	// SaslPlain configures type saslPlain.
	SaslPlain *VirtualClusterSaslPlain `json:"saslPlain,omitempty" pulumi:"saslPlain,optional"`
	// SaslScram configures type saslScram.
	SaslScram *VirtualClusterSaslScram `json:"saslScram,omitempty" pulumi:"saslScram,optional"`
}

// AnonymousClientAuth returns the scheme that lets clients in without credentials. The backend cluster must set
// InsecureAllowAnonymousVirtualClusterAuth.
func AnonymousClientAuth() VirtualClusterAuthentication {
	return VirtualClusterAuthentication{Type: VirtualClusterAuthAnonymous}
}

// ClientCertificateAuth authenticates clients by their TLS certificate.
type ClientCertificateAuth struct {
	// FetchKongIdentityPrincipal looks up, in Kong Identity, the principal the listener's tlsServer policy mapped
	// from the certificate (data plane 1.2 or later).
	FetchKongIdentityPrincipal *FetchKongIdentityPrincipal `json:"fetchKongIdentityPrincipal,omitempty" pulumi:"fetchKongIdentityPrincipal,optional"`
}

// FetchKongIdentityPrincipal looks the principal up in a Kong Identity directory by a metadata key (saslPlain,
// saslScram and clientCertificate; data plane 1.2 or later).
type FetchKongIdentityPrincipal struct {
	// Directory is the Kong Identity directory to search, 1-253 characters.
	Directory string `json:"directory" pulumi:"directory"`
	// FailureMode is error (authentication fails when the lookup fails) or ignore (continue without principal
	// metadata).
	FailureMode PrincipalFailureMode `json:"failureMode" pulumi:"failureMode"`
	// FetchBy names the metadata key the client's identity is matched against.
	FetchBy PrincipalFetchBy `json:"fetchBy" pulumi:"fetchBy"`
}

// FetchOAuthPrincipal looks the principal up in a Kong Identity directory by the token's iss and sub claims
// (oauthBearer; data plane 1.2 or later).
type FetchOAuthPrincipal struct {
	// Directory is the Kong Identity directory to search, 1-253 characters.
	Directory string `json:"directory" pulumi:"directory"`
	// FailureMode is error (authentication fails when the lookup fails) or ignore (continue without principal
	// metadata).
	FailureMode PrincipalFailureMode `json:"failureMode" pulumi:"failureMode"`
}

// PrincipalFailureMode says what happens when the principal lookup fails.
type PrincipalFailureMode string

// Values of PrincipalFailureMode.
const (
	PrincipalFailureModeError  PrincipalFailureMode = "error"
	PrincipalFailureModeIgnore PrincipalFailureMode = "ignore"
)

// PrincipalFetchBy names the key a principal is looked up by.
type PrincipalFetchBy struct {
	// Key is the Kong Identity metadata key matched against the client's identity: the username for saslPlain and
	// saslScram, the mapped principal for clientCertificate.
	Key string `json:"key" pulumi:"key"`
}

// OAuthBearerMediation says what the gateway does with an OAuth bearer token.
type OAuthBearerMediation string

// Values of OAuthBearerMediation.
const (
	OAuthBearerPassthrough     OAuthBearerMediation = "passthrough"
	OAuthBearerValidateForward OAuthBearerMediation = "validate_forward"
	OAuthBearerTerminate       OAuthBearerMediation = "terminate"
)

// OAuthBearerAuth authenticates clients with SASL/OAUTHBEARER.
type OAuthBearerAuth struct {
	// Mediation is passthrough (forward the token unchecked), validate_forward (validate it, then forward it) or
	// terminate (authenticate at the gateway, which uses the backend cluster's own authentication).
	Mediation OAuthBearerMediation `json:"mediation" pulumi:"mediation"`
	// JWKS is where the gateway fetches the keys that verify token signatures.
	JWKS *JWKS `json:"jwks,omitempty" pulumi:"jwks,optional"`
	// Validate sets the audiences and issuer a token must carry.
	Validate *OAuthBearerValidation `json:"validate,omitempty" pulumi:"validate,optional"`
	// ClaimsMapping names the claims carrying the subject and scope when they are not sub and scope.
	ClaimsMapping *ClaimsMapping `json:"claimsMapping,omitempty" pulumi:"claimsMapping,optional"`
	// FetchKongIdentityPrincipal looks the principal up in Kong Identity by the token's iss and sub claims (data
	// plane 1.2 or later).
	FetchKongIdentityPrincipal *FetchOAuthPrincipal `json:"fetchKongIdentityPrincipal,omitempty" pulumi:"fetchKongIdentityPrincipal,optional"`
}

// JWKS is where token signing keys are fetched from; Timeout and CacheExpiration are durations such as "10s".
type JWKS struct {
	// Endpoint is the URL of the JSON Web Key Set.
	Endpoint string `json:"endpoint" pulumi:"endpoint"`
	// Timeout bounds a JWKS request, from connecting to receiving the response; Konnect default 10s.
	Timeout string `json:"timeout,omitempty" pulumi:"timeout,optional"`
	// CacheExpiration is how long fetched keys are cached before the gateway fetches them again; Konnect default
	// 1h.
	CacheExpiration string `json:"cacheExpiration,omitempty" pulumi:"cacheExpiration,optional"`
}

// OAuthBearerValidation lists the claims a token must carry.
type OAuthBearerValidation struct {
	// Audiences are the accepted audiences; the token's audience claim must match one of them.
	Audiences []Audience `json:"audiences,omitempty" pulumi:"audiences,optional"`
	// Issuer is the issuer the token must name.
	Issuer string `json:"issuer,omitempty" pulumi:"issuer,optional"`
}

// Audience is one accepted token audience.
type Audience struct {
	// Name is the audience value, 1-253 characters.
	Name string `json:"name" pulumi:"name"`
}

// ClaimsMapping renames the token claims that carry the subject and the scope.
type ClaimsMapping struct {
	// Sub names the claim that carries the subject.
	Sub string `json:"sub,omitempty" pulumi:"sub,optional"`
	// Scope names the claim that carries the scope.
	Scope string `json:"scope,omitempty" pulumi:"scope,optional"`
}

// SaslPlainMediation says whether the gateway terminates SASL/PLAIN or passes it to the backend.
type SaslPlainMediation string

// Values of SaslPlainMediation.
const (
	SaslPlainPassthrough SaslPlainMediation = "passthrough"
	SaslPlainTerminate   SaslPlainMediation = "terminate"
)

// VirtualClusterSaslPlain authenticates clients with SASL/PLAIN.
type VirtualClusterSaslPlain struct {
	// Mediation is passthrough (forward the client's credentials to the backend) or terminate (check them against
	// principals; the gateway uses the backend cluster's own authentication).
	Mediation SaslPlainMediation `json:"mediation" pulumi:"mediation"`
	// Principals are the accepted users when the gateway terminates SASL/PLAIN.
	Principals []Principal `json:"principals,omitempty" pulumi:"principals,optional"`
	// FetchKongIdentityPrincipal looks the username up in Kong Identity (data plane 1.2 or later).
	FetchKongIdentityPrincipal *FetchKongIdentityPrincipal `json:"fetchKongIdentityPrincipal,omitempty" pulumi:"fetchKongIdentityPrincipal,optional"`
}

// Principal is a user a virtual cluster accepts; the password (literal or Konnect secret template) is stored as a
// Pulumi secret.
type Principal struct {
	// Username is a literal or a Konnect secret template, at most 253 characters.
	Username string `json:"username" pulumi:"username"`
	// Password is a literal or a Konnect secret template, at most 253 characters; Konnect omits a literal from its
	// responses.
	Password string `json:"password" pulumi:"password" provider:"secret"`
}

// VirtualClusterSaslScram authenticates clients with SASL/SCRAM.
type VirtualClusterSaslScram struct {
	// Algorithm is sha256 or sha512.
	Algorithm SaslScramAlgorithm `json:"algorithm" pulumi:"algorithm"`
	// FetchKongIdentityPrincipal looks the username up in Kong Identity (data plane 1.2 or later).
	FetchKongIdentityPrincipal *FetchKongIdentityPrincipal `json:"fetchKongIdentityPrincipal,omitempty" pulumi:"fetchKongIdentityPrincipal,optional"`
}

// NamespaceMode says how a virtual cluster's prefix applies to backend topics and groups.
type NamespaceMode string

// Values of NamespaceMode.
const (
	// NamespaceHidePrefix shows clients the names without the prefix.
	NamespaceHidePrefix NamespaceMode = "hide_prefix"
	// NamespaceEnforcePrefix makes clients use the prefixed names.
	NamespaceEnforcePrefix NamespaceMode = "enforce_prefix"
)

// VirtualClusterNamespace limits a virtual cluster to backend topics and groups that start with Prefix.
type VirtualClusterNamespace struct {
	// Mode is hide_prefix (clients see names without the prefix; what they create gets it on the backend) or
	// enforce_prefix (clients see the prefix and must use it).
	Mode NamespaceMode `json:"mode" pulumi:"mode"`
	// Prefix is the backend prefix of the virtual cluster's topics, consumer group IDs and transactional IDs, such
	// as analytics_; other names are hidden unless additional exposes them.
	Prefix string `json:"prefix" pulumi:"prefix"`
	// Additional exposes backend topics and consumer groups without the prefix.
	Additional *NamespaceAdditional `json:"additional,omitempty" pulumi:"additional,optional"`
}

// NamespaceAdditional exposes backend topics and consumer groups outside the prefix.
type NamespaceAdditional struct {
	// Topics selects backend topics to expose as they are; the prefix mode does not apply to them and clients
	// cannot create topics they match.
	Topics []TopicSelector `json:"topics,omitempty" pulumi:"topics,optional"`
	// ConsumerGroups selects consumer group IDs to expose even without the prefix.
	ConsumerGroups []ConsumerGroupSelector `json:"consumerGroups,omitempty" pulumi:"consumerGroups,optional"`
}

// SelectorType says how a selector matches names.
type SelectorType string

// Values of SelectorType.
const (
	SelectorGlob      SelectorType = "glob"
	SelectorExactList SelectorType = "exactList"
)

// ConflictMode says what happens when an exposed name clashes with a prefixed one.
type ConflictMode string

// Values of ConflictMode.
const (
	ConflictWarn   ConflictMode = "warn"
	ConflictIgnore ConflictMode = "ignore"
)

// TopicSelector is a union on Type selecting backend topics.
type TopicSelector struct {
	// Type is glob or exactList; set the member of the same name.
	Type SelectorType `json:"type" pulumi:"type"`
	// Glob selects topics by pattern when type is glob.
	Glob *TopicGlob `json:"glob,omitempty" pulumi:"glob,optional"`
	// ExactList selects named topics when type is exactList.
	ExactList *TopicExactList `json:"exactList,omitempty" pulumi:"exactList,optional"`
}

// TopicGlob selects topics matching Glob (characters A-Z a-z 0-9 . _ ? * -).
type TopicGlob struct {
	// Glob is a pattern such as operations_data_*, 1-253 characters.
	Glob string `json:"glob" pulumi:"glob"`
	// Conflict is warn (log it and set the knep_namespace_topic_conflict metric) or ignore, for backend topics that
	// map to the same virtual name.
	Conflict ConflictMode `json:"conflict,omitempty" pulumi:"conflict,optional"`
}

// TopicExactList selects the listed backend topics.
type TopicExactList struct {
	// ExactList names the backend topics.
	ExactList []BackendTopic `json:"exactList" pulumi:"exactList"`
	// Conflict is warn (log it and set the knep_namespace_topic_conflict metric) or ignore, for backend topics that
	// map to the same virtual name.
	Conflict ConflictMode `json:"conflict,omitempty" pulumi:"conflict,optional"`
}

// BackendTopic names one backend topic.
type BackendTopic struct {
	// Backend is the backend topic's name, 1-253 characters.
	Backend string `json:"backend" pulumi:"backend"`
}

// ConsumerGroupSelector is a union on Type selecting consumer groups.
type ConsumerGroupSelector struct {
	// Type is glob or exactList; set the member of the same name.
	Type SelectorType `json:"type" pulumi:"type"`
	// Glob selects consumer groups by pattern when type is glob.
	Glob *ConsumerGroupGlob `json:"glob,omitempty" pulumi:"glob,optional"`
	// ExactList selects named consumer groups when type is exactList.
	ExactList *ConsumerGroupExactList `json:"exactList,omitempty" pulumi:"exactList,optional"`
}

// ConsumerGroupGlob selects consumer groups matching Glob.
type ConsumerGroupGlob struct {
	// Glob is a pattern such as my_id_* (characters A-Z a-z 0-9 . _ ? * -), 1-253 characters.
	Glob string `json:"glob" pulumi:"glob"`
}

// ConsumerGroupExactList selects the listed consumer groups.
type ConsumerGroupExactList struct {
	// ExactList names the consumer groups.
	ExactList []ConsumerGroupName `json:"exactList" pulumi:"exactList"`
}

// ConsumerGroupName names one consumer group.
type ConsumerGroupName struct {
	// Value is the consumer group ID, 1-253 characters.
	Value string `json:"value" pulumi:"value"`
}

// TopicAlias shows the backend Topic to clients as Alias.
type TopicAlias struct {
	// Alias is the topic name clients see.
	Alias string `json:"alias" pulumi:"alias"`
	// Topic is the namespace-visible topic the alias resolves to.
	Topic string `json:"topic" pulumi:"topic"`
	// Condition is a CEL expression on the connection's auth context; when empty the alias applies to every
	// connection.
	Condition string `json:"condition,omitempty" pulumi:"condition,optional"`
	// Conflict is warn (activate the alias, log a warning and set the conflict metric) or ignore (activate it
	// silently) when the alias shadows a topic.
	Conflict ConflictMode `json:"conflict,omitempty" pulumi:"conflict,optional"`
}

// NewEventGatewayVirtualCluster registers an EventGatewayVirtualCluster (configuration.konghq.com/v1alpha1).
func NewEventGatewayVirtualCluster(ctx *pulumi.Context, name string, meta Metadata,
	spec EventGatewayVirtualClusterSpec, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, eventGatewayVirtualClusterKind, meta, spec, opts...)
}
