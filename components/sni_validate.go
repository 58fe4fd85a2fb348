package components

import (
	"strconv"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// Validate checks every argument of the SniGateway called name, the names derived from them and the advertised
// host names, as NewSniGateway does before registering anything. It returns nil, or every problem joined with
// errors.Join, each a *FieldError naming its field.
func (a SniGatewayArgs) Validate(name string) error {
	var p validate.Problems
	if !validateCounts(&p, a.BackendCluster, len(a.VirtualClusters)) {
		return p.Err()
	}
	virtualClusters := a.virtualClusters()
	validateNames(&p, name, virtualClusters, longestSNIVC)
	validateKonnect(&p, a.Konnect)
	p.Check("namespace", validate.DNSLabel(a.namespace()))
	p.KubernetesLabels("labels", a.Labels)
	validateGateway(&p, a.gateway())
	validateBackendCluster(&p, a.BackendCluster)
	validateVirtualClusters(&p, virtualClusters, declared{
		registries: validateSchemaRegistries(&p, a.SchemaRegistries), staticKeys: validateStaticKeys(&p, a.StaticKeys),
	})
	layout := newSNILayout(name, a)
	validateRouting(&p, a, virtualClusters, layout.hosts)
	validatePortsSNI(&p, a)
	validateEdge(&p, a.Edge)
	validateTLS(&p, a.TLS, layout.advertisedHosts())
	if auth := a.TLS.ClientAuthentication; auth != nil {
		validateMutualTLS(&p, *auth)
	}
	validateDNS(&p, a)
	validateDataPlane(&p, a.dataPlane())
	if a.dataPlane().ExternalTrafficPolicy != "" {
		p.Add("dataPlane.externalTrafficPolicy", "does not apply: the SNI data plane sits behind a ClusterIP Service")
	}
	return p.Err()
}

// validateRouting checks the SNI suffix, the host format and that the advertised names of every virtual cluster
// with a valid DNS label are valid host names.
func validateRouting(p *validate.Problems, a SniGatewayArgs, virtualClusters []VirtualClusterArgs,
	hosts []clusterHosts,
) {
	p.Check("brokerHostFormat", validate.OneOf(a.BrokerHostFormat,
		eventgateway.BrokerHostPerClusterSuffix, eventgateway.BrokerHostSharedSuffix))
	if !p.Check("sniSuffix", validate.Required(a.SNISuffix), validate.SNISuffix(a.SNISuffix)) {
		return
	}
	for i, clusterHosts := range hosts {
		if label := virtualClusters[i].dnsLabel(); label == "" || validate.DNSLabel(label) != "" {
			continue
		}
		for _, host := range clusterHosts.all() {
			if validate.AdvertisedHost(host) != "" {
				p.Add(validate.Path("virtualClusters").Index(i).Field("dnsLabel"), "gives the host name %q, longer "+
					"than DNS allows (63 characters a label, 253 in all)", host)
				break
			}
		}
	}
}

// validatePortsSNI checks the listen port and that advertisedPort, when given, is the Gateway listener port.
func validatePortsSNI(p *validate.Problems, a SniGatewayArgs) {
	listenPort := a.listenPort()
	p.Check("listenPort", validate.Port(listenPort))
	if healthPort, ok := a.dataPlane().healthPort(); ok && healthPort == listenPort {
		p.Add("listenPort", "%d is the data plane's health port", listenPort)
	}
	if a.AdvertisedPort == 0 {
		return
	}
	p.Check("advertisedPort", validate.Port(a.AdvertisedPort))
	if edgePort := a.Edge.advertisedPort(); edgePort != 0 && a.AdvertisedPort != edgePort {
		listener := "the Gateway listener's port"
		if existing := a.Edge.ExistingGateway; existing != nil {
			listener = "the port of Gateway listener " + strconv.Quote(existing.SectionName)
		}
		p.Add("advertisedPort", "%d differs from edge.port %d, %s clients connect to; leave advertisedPort unset "+
			"to derive it", a.AdvertisedPort, edgePort, listener)
	}
}

// validateDNS checks the DNS options and that the Gateway address is known to point records at.
func validateDNS(p *validate.Problems, a SniGatewayArgs) {
	if a.DNS == nil {
		return
	}
	p.Check("dns.ttl", validate.AtLeast(a.DNS.TTL, 0))
	p.KubernetesLabels("dns.labels", a.DNS.Labels)
	if a.Edge.ExistingGateway != nil && a.Edge.Address == "" {
		p.Add("edge.address", "is required with dns and existingGateway: the address of a Gateway managed "+
			"elsewhere is not read")
	}
}
