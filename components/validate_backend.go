package components

import (
	"strconv"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// validateBackendCluster checks the upstream cluster, its authentication and its TLS.
func validateBackendCluster(p *problems, backend BackendClusterArgs) {
	checkLength(p, "backendCluster.name", backend.Name, 255)
	checkLength(p, "backendCluster.description", backend.Description, 512)
	checkKonnectLabels(p, "backendCluster.konnectLabels", backend.KonnectLabels)
	if len(backend.BootstrapServers) == 0 {
		p.add("backendCluster.bootstrapServers", "needs at least one host:port")
	}
	for i, server := range backend.BootstrapServers {
		validateBootstrapServer(p, field("backendCluster.bootstrapServers[%d]", i), server)
	}
	if backend.BrokerCount < 1 {
		p.add("backendCluster.brokerCount", "%d must be at least 1", backend.BrokerCount)
	}
	if backend.MinBrokerID < 0 {
		p.add("backendCluster.minBrokerID", "%d must not be negative", backend.MinBrokerID)
	}
	if seconds := backend.MetadataUpdateIntervalSeconds; seconds < 0 || seconds > 43200 {
		p.add("backendCluster.metadataUpdateIntervalSeconds", "%d is outside 1-43200", seconds)
	}
	validateBackendAuthentication(p, "backendCluster.authentication", backend.authentication())
	validateBackendTLS(p, "backendCluster.tls", backend.tls())
}

// validateBootstrapServer checks one host:port.
func validateBootstrapServer(p *problems, field, server string) {
	if !bootstrapServerPattern.MatchString(server) {
		p.add(field, "%q must be host:port", server)
		return
	}
	port, _ := strconv.Atoi(server[strings.LastIndex(server, ":")+1:])
	checkPort(p, field, port)
}

// validateBackendAuthentication checks the union and the credentials of its member.
func validateBackendAuthentication(p *problems, field string, auth eventgateway.BackendClusterAuthentication) {
	checkEnum(p, field+".type", auth.Type, false, eventgateway.BackendClusterAuthAnonymous,
		eventgateway.BackendClusterAuthSaslPlain, eventgateway.BackendClusterAuthSaslScram)
	checkUnionMembers(p, field, string(auth.Type), map[string]bool{
		"anonymous": auth.Anonymous != nil || auth.Type == eventgateway.BackendClusterAuthAnonymous,
		"saslPlain": auth.SaslPlain != nil,
		"saslScram": auth.SaslScram != nil,
	})
	if plain := auth.SaslPlain; plain != nil {
		checkCredentials(p, field+".saslPlain", plain.Username, plain.Password)
	}
	if scram := auth.SaslScram; scram != nil {
		checkEnum(p, field+".saslScram.algorithm", scram.Algorithm, false,
			eventgateway.SaslScramSHA256, eventgateway.SaslScramSHA512)
		checkCredentials(p, field+".saslScram", scram.Username, scram.Password)
	}
}

// validateBackendTLS checks the TLS switch, versions, CA bundle and client identity.
func validateBackendTLS(p *problems, field string, tls eventgateway.BackendClusterTLS) {
	checkEnum(p, field+".enabled", tls.Enabled, false, eventgateway.Enabled, eventgateway.Disabled)
	checkEnum(p, field+".insecureSkipVerify", tls.InsecureSkipVerify, true, eventgateway.Enabled, eventgateway.Disabled)
	checkLength(p, field+".caBundle", tls.CABundle, 4096)
	for i, version := range tls.TLSVersions {
		checkEnum(p, field+fieldIndex(".tlsVersions", i), version, false,
			eventgateway.TLSVersion12, eventgateway.TLSVersion13)
	}
	if identity := tls.ClientIdentity; identity != nil {
		checkSensitiveDataSource(p, field+".clientIdentity.certificate", identity.Certificate)
		checkSensitiveDataSource(p, field+".clientIdentity.key", identity.Key)
	}
}
