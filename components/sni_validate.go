package components

import (
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// Validate checks every argument of the SniGateway called name, the names derived from them and the advertised
// host names, as NewSniGateway does before registering anything. It returns nil, or every problem joined with
// errors.Join, each a *FieldError naming its field.
func (a SniGatewayArgs) Validate(name string) error {
	var p problems
	virtualClusters := a.virtualClusters()
	validateNames(&p, name, virtualClusters, longestSNIVC)
	validateKonnect(&p, a.Konnect)
	validateNamespace(&p, a.namespace())
	checkKubernetesLabels(&p, "labels", a.Labels)
	validateGateway(&p, a.gateway())
	validateBackendCluster(&p, a.BackendCluster)
	validateVirtualClusters(&p, virtualClusters)
	layout := newSNILayout(name, a)
	validateRouting(&p, a, layout.hosts)
	validatePortsSNI(&p, a)
	validateEdge(&p, a.Edge)
	validateTLS(&p, a.TLS, layout.advertisedHosts())
	validateDNS(&p, a)
	validateDataPlane(&p, a.dataPlane())
	if a.dataPlane().ExternalTrafficPolicy != "" {
		p.add("dataPlane.externalTrafficPolicy", "does not apply: the SNI data plane sits behind a ClusterIP Service")
	}
	return p.err()
}

// validateRouting checks the SNI suffix, the host format and that every advertised name is a valid host name.
func validateRouting(p *problems, a SniGatewayArgs, hosts []clusterHosts) {
	checkEnum(p, "brokerHostFormat", a.BrokerHostFormat, true,
		eventgateway.BrokerHostPerClusterSuffix, eventgateway.BrokerHostSharedSuffix)
	if !checkRequired(p, "sniSuffix", a.SNISuffix) {
		return
	}
	if !sniSuffixPattern.MatchString(a.SNISuffix) {
		p.add("sniSuffix", "%q must start with \".\" or \"-\" followed by lowercase DNS labels, such as "+
			"\".keg.example.com\" (pattern %s)", a.SNISuffix, sniSuffixPattern)
		return
	}
	for i, clusterHosts := range hosts {
		for _, host := range clusterHosts.all() {
			if problem := hostNameProblem(host); problem != "" {
				p.add(field("virtualClusters[%d].dnsLabel", i), "gives the host name %q, %s", host, problem)
				break
			}
		}
	}
}

// hostNameProblem says why host is no valid DNS name, or returns "".
func hostNameProblem(host string) string {
	if len(host) > 253 {
		return "longer than 253 characters"
	}
	for label := range strings.SplitSeq(host, ".") {
		if len(label) > 63 {
			return "whose label " + quote(label) + " is longer than 63 characters"
		}
	}
	return ""
}

// validatePortsSNI checks the listen port and that advertisedPort, when given, is the Gateway listener port.
func validatePortsSNI(p *problems, a SniGatewayArgs) {
	listenPort := a.listenPort()
	checkPort(p, "listenPort", listenPort)
	if healthPort, ok := a.dataPlane().healthPort(); ok && healthPort == listenPort {
		p.add("listenPort", "%d is the data plane's health port", listenPort)
	}
	if a.AdvertisedPort == 0 {
		return
	}
	checkPort(p, "advertisedPort", a.AdvertisedPort)
	if edgePort := a.Edge.advertisedPort(); edgePort != 0 && a.AdvertisedPort != edgePort {
		listener := "the Gateway listener's port"
		if existing := a.Edge.ExistingGateway; existing != nil {
			listener = "the port of Gateway listener " + quote(existing.SectionName)
		}
		p.add("advertisedPort", "%d differs from edge.port %d, %s clients connect to; leave advertisedPort unset "+
			"to derive it", a.AdvertisedPort, edgePort, listener)
	}
}

// validateDNS checks the DNS options and that the Gateway address is known to point records at.
func validateDNS(p *problems, a SniGatewayArgs) {
	if a.DNS == nil {
		return
	}
	if a.DNS.TTL < 0 {
		p.add("dns.ttl", "%d must not be negative", a.DNS.TTL)
	}
	checkKubernetesLabels(p, "dns.labels", a.DNS.Labels)
	if a.Edge.ExistingGateway != nil && a.Edge.Address == "" {
		p.add("edge.address", "is required with dns and existingGateway: the address of a Gateway managed "+
			"elsewhere is not read")
	}
}
