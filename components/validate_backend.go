package components

import (
	"maps"
	"slices"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// validateBackendCluster checks the upstream cluster, its authentication and its TLS; validateCounts checks its
// brokers.
func validateBackendCluster(p *validate.Problems, backend BackendClusterArgs) {
	p.KonnectEntity("backendCluster", backend.Name, backend.Description, "konnectLabels", backend.KonnectLabels)
	servers := validate.Path("backendCluster.bootstrapServers")
	p.Check(servers, validate.NotEmpty(len(backend.BootstrapServers)))
	for i, server := range backend.BootstrapServers {
		p.Check(servers.Index(i), validate.Required(server), validate.HostPort(server))
	}
	if seconds := backend.MetadataUpdateIntervalSeconds; seconds != 0 {
		p.Check("backendCluster.metadataUpdateIntervalSeconds", validate.Between(seconds, 1, 43200))
	}
	validateBackendAuthentication(p, "backendCluster.authentication", backend.authentication())
	validateBackendTLS(p, "backendCluster.tls", backend.tls())
}

// validateBackendAuthentication checks the union and the credentials of its member.
func validateBackendAuthentication(p *validate.Problems, path validate.Path,
	auth eventgateway.BackendClusterAuthentication,
) {
	checkUnion(p, path, auth.Type, map[string]bool{
		"anonymous": auth.Anonymous != nil || auth.Type == eventgateway.BackendClusterAuthAnonymous,
		"saslPlain": auth.SaslPlain != nil,
		"saslScram": auth.SaslScram != nil,
	})
	if plain := auth.SaslPlain; plain != nil {
		checkCredentials(p, path.Field("saslPlain"), plain.Username, plain.Password)
	}
	if scram := auth.SaslScram; scram != nil {
		p.Check(path.Field("saslScram.algorithm"), validate.Required(scram.Algorithm),
			validate.OneOf(scram.Algorithm, eventgateway.SaslScramSHA256, eventgateway.SaslScramSHA512))
		checkCredentials(p, path.Field("saslScram"), scram.Username, scram.Password)
	}
}

// validateBackendTLS checks the TLS switch, versions, CA bundle and client identity.
func validateBackendTLS(p *validate.Problems, path validate.Path, tls eventgateway.BackendClusterTLS) {
	p.Check(path.Field("enabled"), validate.Required(tls.Enabled),
		validate.OneOf(tls.Enabled, eventgateway.Enabled, eventgateway.Disabled))
	p.Check(path.Field("insecureSkipVerify"),
		validate.OneOf(tls.InsecureSkipVerify, eventgateway.Enabled, eventgateway.Disabled))
	p.Check(path.Field("caBundle"), validate.MaxLength(tls.CABundle, 4096))
	for i, version := range tls.TLSVersions {
		p.Check(path.Field("tlsVersions").Index(i), validate.Required(version),
			validate.OneOf(version, eventgateway.TLSVersion12, eventgateway.TLSVersion13))
	}
	if identity := tls.ClientIdentity; identity != nil {
		checkSensitiveDataSource(p, path.Field("clientIdentity.certificate"), identity.Certificate)
		checkSensitiveDataSource(p, path.Field("clientIdentity.key"), identity.Key)
	}
}

// checkSensitiveDataSource checks that a source holds an inline value or names a Secret key, as its type says.
func checkSensitiveDataSource(p *validate.Problems, path validate.Path, source eventgateway.SensitiveDataSource) {
	if !p.Check(path.Field("type"), validate.Required(source.Type),
		validate.OneOf(source.Type, eventgateway.SensitiveDataInline, eventgateway.SensitiveDataSecretRef)) {
		return
	}
	inline, typ := source.Type == eventgateway.SensitiveDataInline, string(source.Type)
	p.Check(path.Field("value"), validate.Member(source.Value != "", inline, "type", typ),
		validate.MaxLength(source.Value, 4096))
	if p.Check(path.Field("secretRef"), validate.Member(source.SecretRef != nil, !inline, "type", typ)) && !inline {
		p.Check(path.Field("secretRef.name"), validate.Required(source.SecretRef.Name))
		p.Check(path.Field("secretRef.key"), validate.Required(source.SecretRef.Key))
	}
}

// checkUnion checks a union whose members (each mapped to whether it is set) are named like its types: that its
// type names a member, and that exactly that member is set. It returns whether the type names a member.
func checkUnion[T, K ~string](p *validate.Problems, path validate.Path, typ T, members map[K]bool) bool {
	names := slices.Sorted(maps.Keys(members))
	if !p.Check(path.Field("type"), validate.Required(typ), validate.OneOf(K(typ), names...)) {
		return false
	}
	for _, member := range names {
		p.Check(path.Field(string(member)), validate.Member(members[member], string(member) == string(typ), "type", string(typ)))
	}
	return true
}

// checkCredentials checks a username and password of 1-253 characters, never echoing the password.
func checkCredentials(p *validate.Problems, path validate.Path, username, password string) {
	p.Check(path.Field("username"), validate.Required(username), validate.MaxLength(username, 253))
	p.Check(path.Field("password"), validate.Required(password), validate.MaxLength(password, 253))
}
