package components

import (
	"cmp"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// validateVirtualClusters checks each virtual cluster with its policies (against the gateway's declared registries
// and keys) and that names and DNS labels are unique.
func validateVirtualClusters(p *validate.Problems, virtualClusters []VirtualClusterArgs, refs declared) {
	p.Check("virtualClusters", validate.NotEmpty(len(virtualClusters)))
	names, labels := validate.Seen{}, validate.Seen{}
	for i, vc := range virtualClusters {
		path := validate.Path("virtualClusters").Index(i)
		checkObjectName(p, path.Field("name"), vc.Name, names)
		label, labelPath := vc.dnsLabel(), path.Field("dnsLabel")
		problem := cmp.Or(validate.Required(label), validate.DNSLabel(label))
		if problem != "" && vc.DNSLabel == "" {
			problem += " (derived from name; set dnsLabel)"
		}
		p.Check(labelPath, problem, labels.Repeated(label, labelPath))
		validateVirtualCluster(p, path, vc)
		validatePolicies(p, path, vc, refs)
	}
}

// validateVirtualCluster checks one virtual cluster's Konnect fields.
func validateVirtualCluster(p *validate.Problems, path validate.Path, vc VirtualClusterArgs) {
	p.KonnectEntity(path, vc.Name, vc.Description, "konnectLabels", vc.KonnectLabels)
	p.Check(path.Field("aclMode"),
		validate.OneOf(vc.ACLMode, eventgateway.ACLModeEnforceOnGateway, eventgateway.ACLModePassthrough))
	p.Check(path.Field("bootstrapPort"),
		validate.OneOf(vc.BootstrapPort, eventgateway.BootstrapPortAtStart, eventgateway.BootstrapPortNone))
	for i, auth := range vc.authentication() {
		validateClientAuthentication(p, path.Field("authentication").Index(i), auth)
	}
	if vc.Namespace != nil {
		validateTopicNamespace(p, path.Field("namespace"), *vc.Namespace)
	}
	for i, alias := range vc.TopicAliases {
		aliasPath := path.Field("topicAliases").Index(i)
		p.Check(aliasPath.Field("alias"), validate.Required(alias.Alias))
		p.Check(aliasPath.Field("topic"), validate.Required(alias.Topic))
		p.Check(aliasPath.Field("conflict"),
			validate.OneOf(alias.Conflict, eventgateway.ConflictWarn, eventgateway.ConflictIgnore))
	}
}

// validateClientAuthentication checks one authentication scheme of a virtual cluster.
func validateClientAuthentication(p *validate.Problems, path validate.Path,
	auth eventgateway.VirtualClusterAuthentication,
) {
	checkUnion(p, path, auth.Type, map[string]bool{
		"anonymous":         auth.Anonymous != nil || auth.Type == eventgateway.VirtualClusterAuthAnonymous,
		"clientCertificate": auth.ClientCertificate != nil || auth.Type == eventgateway.VirtualClusterAuthClientCertificate,
		"oauthBearer":       auth.OAuthBearer != nil,
		"saslPlain":         auth.SaslPlain != nil,
		"saslScram":         auth.SaslScram != nil,
	})
	if plain := auth.SaslPlain; plain != nil {
		p.Check(path.Field("saslPlain.mediation"), validate.Required(plain.Mediation),
			validate.OneOf(plain.Mediation, eventgateway.SaslPlainPassthrough, eventgateway.SaslPlainTerminate))
		for i, principal := range plain.Principals {
			checkCredentials(p, path.Field("saslPlain.principals").Index(i), principal.Username, principal.Password)
		}
		validatePrincipalLookup(p, path.Field("saslPlain.fetchKongIdentityPrincipal"), plain.FetchKongIdentityPrincipal)
	}
	if scram := auth.SaslScram; scram != nil {
		p.Check(path.Field("saslScram.algorithm"), validate.Required(scram.Algorithm),
			validate.OneOf(scram.Algorithm, eventgateway.SaslScramSHA256, eventgateway.SaslScramSHA512))
		validatePrincipalLookup(p, path.Field("saslScram.fetchKongIdentityPrincipal"), scram.FetchKongIdentityPrincipal)
	}
	if cert := auth.ClientCertificate; cert != nil {
		validatePrincipalLookup(p, path.Field("clientCertificate.fetchKongIdentityPrincipal"),
			cert.FetchKongIdentityPrincipal)
	}
	if oauth := auth.OAuthBearer; oauth != nil {
		p.Check(path.Field("oauthBearer.mediation"), validate.Required(oauth.Mediation),
			validate.OneOf(oauth.Mediation, eventgateway.OAuthBearerPassthrough, eventgateway.OAuthBearerValidateForward,
				eventgateway.OAuthBearerTerminate))
		if oauth.JWKS != nil {
			p.Check(path.Field("oauthBearer.jwks.endpoint"), validate.Required(oauth.JWKS.Endpoint),
				validate.HTTPURL(oauth.JWKS.Endpoint))
		}
		if lookup := oauth.FetchKongIdentityPrincipal; lookup != nil {
			validateDirectory(p, path.Field("oauthBearer.fetchKongIdentityPrincipal"), lookup.Directory,
				lookup.FailureMode)
		}
	}
}

// validatePrincipalLookup checks a Kong Identity principal lookup by metadata key, as the CRD requires it.
func validatePrincipalLookup(p *validate.Problems, path validate.Path, lookup *eventgateway.FetchKongIdentityPrincipal) {
	if lookup == nil {
		return
	}
	validateDirectory(p, path, lookup.Directory, lookup.FailureMode)
	p.Check(path.Field("fetchBy.key"), validate.Required(lookup.FetchBy.Key), validate.MaxLength(lookup.FetchBy.Key, 253))
}

// validateDirectory checks the directory and failure mode every Kong Identity principal lookup names.
func validateDirectory(p *validate.Problems, path validate.Path, directory string,
	failureMode eventgateway.PrincipalFailureMode,
) {
	p.Check(path.Field("directory"), validate.Required(directory), validate.MaxLength(directory, 253))
	p.Check(path.Field("failureMode"), validate.Required(failureMode),
		validate.OneOf(failureMode, eventgateway.PrincipalFailureModeError, eventgateway.PrincipalFailureModeIgnore))
}

// validateTopicNamespace checks a virtual cluster's topic and group namespace.
func validateTopicNamespace(p *validate.Problems, path validate.Path, namespace eventgateway.VirtualClusterNamespace) {
	p.Check(path.Field("mode"), validate.Required(namespace.Mode),
		validate.OneOf(namespace.Mode, eventgateway.NamespaceHidePrefix, eventgateway.NamespaceEnforcePrefix))
	p.Check(path.Field("prefix"), validate.Required(namespace.Prefix), validate.MaxLength(namespace.Prefix, 253))
	if namespace.Additional == nil {
		return
	}
	for i, topics := range namespace.Additional.Topics {
		var glob *string
		if topics.Glob != nil {
			glob = &topics.Glob.Glob
		}
		validateSelector(p, path.Field("additional.topics").Index(i), topics.Type, glob, topics.ExactList != nil)
	}
	for i, groups := range namespace.Additional.ConsumerGroups {
		var glob *string
		if groups.Glob != nil {
			glob = &groups.Glob.Glob
		}
		validateSelector(p, path.Field("additional.consumerGroups").Index(i), groups.Type, glob,
			groups.ExactList != nil)
	}
}

// validateSelector checks a topic or group selector: a glob or an exact list, as its type says.
func validateSelector(p *validate.Problems, path validate.Path, typ eventgateway.SelectorType, glob *string,
	exactList bool,
) {
	checkUnion(p, path, typ, map[string]bool{"glob": glob != nil, "exactList": exactList})
	if glob != nil {
		p.Check(path.Field("glob.glob"), validate.Required(*glob), validate.Glob(*glob))
	}
}

// checkObjectName checks a name the component builds object names from: set, unique among its kind (seen), and
// holding a letter or digit.
func checkObjectName(p *validate.Problems, path validate.Path, name string, seen validate.Seen) {
	if p.Check(path, validate.Required(name), seen.Repeated(name, path)) && kubernetesName(name) == "" {
		p.Add(path, "%q has no letter or digit to build Kubernetes names from", name)
	}
}
