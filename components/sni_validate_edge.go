package components

import (
	"net"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// validateEdge checks that exactly one Gateway is chosen, its references, port and address.
func validateEdge(p *problems, edge EdgeArgs) {
	switch existing := edge.ExistingGateway; {
	case edge.GatewayClassName == "" && existing == nil:
		p.add("edge", "set gatewayClassName to create a Gateway, or existingGateway to attach to one")
	case edge.GatewayClassName != "" && existing != nil:
		p.add("edge", "set gatewayClassName or existingGateway, not both")
	case existing != nil:
		checkObjectName(p, "edge.existingGateway.name", existing.Name)
		if existing.Namespace != "" {
			checkLength(p, "edge.existingGateway.namespace", existing.Namespace, 63)
			checkPattern(p, "edge.existingGateway.namespace", existing.Namespace, dnsLabelPattern)
		}
		checkObjectName(p, "edge.existingGateway.sectionName", existing.SectionName)
		if edge.Port == 0 {
			p.add("edge.port", "is required with existingGateway: the port of its listener %q, which brokers are "+
				"advertised on", existing.SectionName)
		}
		if len(edge.GatewayAnnotations) > 0 {
			p.add("edge.gatewayAnnotations", "apply only to a Gateway the component creates")
		}
	default:
		checkObjectName(p, "edge.gatewayClassName", edge.GatewayClassName)
	}
	if port := edge.advertisedPort(); port != 0 {
		checkPort(p, "edge.port", port)
	}
	if edge.Address != "" && net.ParseIP(edge.Address) == nil &&
		(len(edge.Address) > 253 || !dns1123SubdomainPattern.MatchString(edge.Address)) {
		p.add("edge.address", "%q must be an IP address or a lowercase host name", edge.Address)
	}
	checkEnum(p, "edge.routeAPIVersion", edge.RouteAPIVersion, true,
		eventgateway.TLSRouteV1, eventgateway.TLSRouteV1Alpha3, eventgateway.TLSRouteV1Alpha2)
	checkAnnotationKeys(p, "edge.gatewayAnnotations", edge.GatewayAnnotations)
}

// validateTLS checks that exactly one certificate source is chosen, its references, and that declared certificate
// names cover every advertised host name when that is required.
func validateTLS(p *problems, tls SniTLSArgs, hosts []string) {
	switch {
	case tls.SecretName == "" && tls.Issuer == nil:
		p.add("tls", "set secretName (a kubernetes.io/tls Secret labelled konghq.com/secret: \"true\") or issuer "+
			"(a cert-manager issuer)")
	case tls.SecretName != "" && tls.Issuer != nil:
		p.add("tls", "set secretName or issuer, not both")
	case tls.Issuer != nil:
		validateIssuer(p, *tls.Issuer)
		if len(tls.CertificateDNSNames) > 0 {
			p.add("tls.certificateDnsNames", "describe a certificate in secretName; with issuer the component "+
				"computes the names")
		}
	default:
		checkObjectName(p, "tls.secretName", tls.SecretName)
	}
	for i, name := range tls.CertificateDNSNames {
		checkPattern(p, fieldIndex("tls.certificateDnsNames", i), name, gatewayHostnamePattern)
	}
	if tls.RequireCertificateCoverage != nil && *tls.RequireCertificateCoverage && len(tls.CertificateDNSNames) == 0 {
		p.add("tls.requireCertificateCoverage", "needs tls.certificateDnsNames to check the certificate against")
	}
	if tls.SecretName != "" && tls.coverageRequired() {
		if uncovered := uncoveredHosts(hosts, tls.CertificateDNSNames); len(uncovered) > 0 {
			p.add("tls.certificateDnsNames", "do not cover %s: add %s, or set requireCertificateCoverage to false",
				strings.Join(uncovered, ", "), strings.Join(certificateNames(uncovered), ", "))
		}
	}
	if versions := tls.Versions; versions != nil {
		checkEnum(p, "tls.versions.min", versions.Min, true, eventgateway.TLSv12, eventgateway.TLSv13)
		checkEnum(p, "tls.versions.max", versions.Max, true, eventgateway.TLSv12, eventgateway.TLSv13)
	}
}

// validateIssuer checks a cert-manager issuer reference; kinds are known only for cert-manager's own group.
func validateIssuer(p *problems, issuer IssuerArgs) {
	checkObjectName(p, "tls.issuer.name", issuer.Name)
	if issuer.Group == "" || issuer.Group == eventgateway.CertManagerGroup {
		checkEnum(p, "tls.issuer.kind", issuer.Kind, true,
			eventgateway.IssuerKindIssuer, eventgateway.IssuerKindClusterIssuer)
		return
	}
	checkLength(p, "tls.issuer.group", issuer.Group, 253)
	checkPattern(p, "tls.issuer.group", issuer.Group, dns1123SubdomainPattern)
	if issuer.Kind == "" {
		p.add("tls.issuer.kind", "is required for an external issuer of group %q", issuer.Group)
	}
}
