package components

import (
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// validateVirtualClusters checks each virtual cluster and that names and DNS labels are unique.
func validateVirtualClusters(p *problems, virtualClusters []VirtualClusterArgs) {
	if len(virtualClusters) == 0 {
		p.add("virtualClusters", "needs at least one virtual cluster")
	}
	nameUsedBy, labelUsedBy := map[string]int{}, map[string]int{}
	for i, vc := range virtualClusters {
		prefix := field("virtualClusters[%d]", i)
		if checkRequired(p, prefix+".name", vc.Name) {
			checkLength(p, prefix+".name", vc.Name, 255)
			if kubernetesName(vc.Name) == "" {
				p.add(prefix+".name", "%q has no letter or digit to build Kubernetes names from", vc.Name)
			}
			if j, used := nameUsedBy[vc.Name]; used {
				p.add(prefix+".name", "%q is also the name of virtualClusters[%d]", vc.Name, j)
			} else {
				nameUsedBy[vc.Name] = i
			}
		}
		label := vc.dnsLabel()
		if !dnsLabelPattern.MatchString(label) || len(label) > 63 {
			derived := ""
			if vc.DNSLabel == "" {
				derived = " (derived from name; set dnsLabel)"
			}
			p.add(prefix+".dnsLabel", "%q must match %s and be at most 63 characters%s", label, dnsLabelPattern, derived)
		} else if j, used := labelUsedBy[label]; used {
			p.add(prefix+".dnsLabel", "%q is also the dnsLabel of virtualClusters[%d]", label, j)
		} else {
			labelUsedBy[label] = i
		}
		validateVirtualCluster(p, prefix, vc)
	}
}

// validateVirtualCluster checks one virtual cluster's Konnect fields.
func validateVirtualCluster(p *problems, prefix string, vc VirtualClusterArgs) {
	checkLength(p, prefix+".description", vc.Description, 512)
	checkKonnectLabels(p, prefix+".konnectLabels", vc.KonnectLabels)
	checkEnum(p, prefix+".aclMode", vc.ACLMode, true, eventgateway.ACLModeEnforceOnGateway, eventgateway.ACLModePassthrough)
	checkEnum(p, prefix+".bootstrapPort", vc.BootstrapPort, true, eventgateway.BootstrapPortAtStart, eventgateway.BootstrapPortNone)
	for i, auth := range vc.authentication() {
		validateClientAuthentication(p, prefix+fieldIndex(".authentication", i), auth)
	}
	if vc.Namespace != nil {
		validateTopicNamespace(p, prefix+".namespace", *vc.Namespace)
	}
	for i, alias := range vc.TopicAliases {
		aliasField := prefix + fieldIndex(".topicAliases", i)
		checkRequired(p, aliasField+".alias", alias.Alias)
		checkRequired(p, aliasField+".topic", alias.Topic)
		checkEnum(p, aliasField+".conflict", alias.Conflict, true, eventgateway.ConflictWarn, eventgateway.ConflictIgnore)
	}
}

// validateClientAuthentication checks one authentication scheme of a virtual cluster.
func validateClientAuthentication(p *problems, field string, auth eventgateway.VirtualClusterAuthentication) {
	checkEnum(p, field+".type", auth.Type, false, eventgateway.VirtualClusterAuthAnonymous,
		eventgateway.VirtualClusterAuthClientCertificate, eventgateway.VirtualClusterAuthOAuthBearer,
		eventgateway.VirtualClusterAuthSaslPlain, eventgateway.VirtualClusterAuthSaslScram)
	checkUnionMembers(p, field, string(auth.Type), map[string]bool{
		"anonymous":         auth.Anonymous != nil || auth.Type == eventgateway.VirtualClusterAuthAnonymous,
		"clientCertificate": auth.ClientCertificate != nil || auth.Type == eventgateway.VirtualClusterAuthClientCertificate,
		"oauthBearer":       auth.OAuthBearer != nil,
		"saslPlain":         auth.SaslPlain != nil,
		"saslScram":         auth.SaslScram != nil,
	})
	if plain := auth.SaslPlain; plain != nil {
		checkEnum(p, field+".saslPlain.mediation", plain.Mediation, false,
			eventgateway.SaslPlainPassthrough, eventgateway.SaslPlainTerminate)
		for i, principal := range plain.Principals {
			checkCredentials(p, field+fieldIndex(".saslPlain.principals", i), principal.Username, principal.Password)
		}
	}
	if scram := auth.SaslScram; scram != nil {
		checkEnum(p, field+".saslScram.algorithm", scram.Algorithm, false,
			eventgateway.SaslScramSHA256, eventgateway.SaslScramSHA512)
	}
	if oauth := auth.OAuthBearer; oauth != nil {
		checkEnum(p, field+".oauthBearer.mediation", oauth.Mediation, false, eventgateway.OAuthBearerPassthrough,
			eventgateway.OAuthBearerValidateForward, eventgateway.OAuthBearerTerminate)
		if oauth.JWKS != nil {
			checkRequired(p, field+".oauthBearer.jwks.endpoint", oauth.JWKS.Endpoint)
		}
	}
}

// validateTopicNamespace checks a virtual cluster's topic and group namespace.
func validateTopicNamespace(p *problems, field string, namespace eventgateway.VirtualClusterNamespace) {
	checkEnum(p, field+".mode", namespace.Mode, false, eventgateway.NamespaceHidePrefix, eventgateway.NamespaceEnforcePrefix)
	if checkRequired(p, field+".prefix", namespace.Prefix) {
		checkLength(p, field+".prefix", namespace.Prefix, 253)
	}
	if namespace.Additional == nil {
		return
	}
	for i, topics := range namespace.Additional.Topics {
		selector := field + fieldIndex(".additional.topics", i)
		checkEnum(p, selector+".type", topics.Type, false, eventgateway.SelectorGlob, eventgateway.SelectorExactList)
		checkUnionMembers(p, selector, string(topics.Type), map[string]bool{
			"glob": topics.Glob != nil, "exactList": topics.ExactList != nil,
		})
		if topics.Glob != nil {
			checkPattern(p, selector+".glob.glob", topics.Glob.Glob, globPattern)
		}
	}
	for i, groups := range namespace.Additional.ConsumerGroups {
		selector := field + fieldIndex(".additional.consumerGroups", i)
		checkEnum(p, selector+".type", groups.Type, false, eventgateway.SelectorGlob, eventgateway.SelectorExactList)
		checkUnionMembers(p, selector, string(groups.Type), map[string]bool{
			"glob": groups.Glob != nil, "exactList": groups.ExactList != nil,
		})
		if groups.Glob != nil {
			checkPattern(p, selector+".glob.glob", groups.Glob.Glob, globPattern)
		}
	}
}
