package components

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// validateEdge checks that exactly one Gateway is chosen, its references, port and address.
func validateEdge(p *validate.Problems, edge EdgeArgs) {
	existing := edge.ExistingGateway
	p.Check("edge", validate.ExactlyOne("gatewayClassName", edge.GatewayClassName != "",
		"existingGateway", existing != nil))
	switch {
	case existing != nil:
		p.Check("edge.existingGateway.name", validate.Required(existing.Name), validate.DNSSubdomain(existing.Name))
		p.Check("edge.existingGateway.namespace", validate.DNSLabel(existing.Namespace))
		p.Check("edge.existingGateway.sectionName", validate.Required(existing.SectionName),
			validate.DNSSubdomain(existing.SectionName))
		if edge.Port == 0 {
			p.Add("edge.port", "is required with existingGateway: the port of its listener %q, which brokers are "+
				"advertised on", existing.SectionName)
		}
		if len(edge.GatewayAnnotations) > 0 {
			p.Add("edge.gatewayAnnotations", "apply only to a Gateway the component creates")
		}
	case edge.GatewayClassName != "":
		p.Check("edge.gatewayClassName", validate.DNSSubdomain(edge.GatewayClassName))
	}
	if port := edge.advertisedPort(); port != 0 {
		p.Check("edge.port", validate.Port(port))
	}
	if net.ParseIP(edge.Address) == nil && validate.DNSSubdomain(edge.Address) != "" {
		p.Add("edge.address", "%q must be an IP address or a lowercase host name", edge.Address)
	}
	p.Check("edge.routeAPIVersion", validate.OneOf(edge.RouteAPIVersion,
		eventgateway.TLSRouteV1, eventgateway.TLSRouteV1Alpha3, eventgateway.TLSRouteV1Alpha2))
	p.QualifiedNames("edge.gatewayAnnotations", edge.GatewayAnnotations)
}

// validateTLS checks that exactly one certificate source is chosen, its references, and that declared certificate
// names cover every advertised host name when that is required.
func validateTLS(p *validate.Problems, tls SniTLSArgs, hosts []string) {
	p.Check("tls", validate.ExactlyOne("secretName", tls.SecretName != "", "issuer", tls.Issuer != nil))
	switch {
	case tls.Issuer != nil:
		validateIssuer(p, *tls.Issuer)
		if len(tls.CertificateDNSNames) > 0 {
			p.Add("tls.certificateDnsNames", "describe a certificate in secretName; with issuer the component "+
				"computes the names")
		}
	case tls.SecretName != "":
		p.Check("tls.secretName", validate.DNSSubdomain(tls.SecretName))
	}
	for i, name := range tls.CertificateDNSNames {
		p.Check(validate.Path("tls.certificateDnsNames").Index(i), validate.Required(name),
			validate.GatewayHostname(name))
	}
	if tls.RequireCertificateCoverage != nil && *tls.RequireCertificateCoverage && len(tls.CertificateDNSNames) == 0 {
		p.Add("tls.requireCertificateCoverage", "needs tls.certificateDnsNames to check the certificate against")
	}
	if tls.SecretName != "" && tls.coverageRequired() {
		if uncovered := uncoveredHosts(hosts, tls.CertificateDNSNames); len(uncovered) > 0 {
			p.Add("tls.certificateDnsNames", "do not cover %s: add %s, or set requireCertificateCoverage to false",
				strings.Join(uncovered, ", "), strings.Join(certificateNames(uncovered), ", "))
		}
	}
	if versions := tls.Versions; versions != nil {
		p.Check("tls.versions.min", validate.OneOf(versions.Min, eventgateway.TLSv12, eventgateway.TLSv13))
		p.Check("tls.versions.max", validate.OneOf(versions.Max, eventgateway.TLSv12, eventgateway.TLSv13))
	}
}

// validateIssuer checks a cert-manager issuer reference; kinds are known only for cert-manager's own group.
func validateIssuer(p *validate.Problems, issuer IssuerArgs) {
	p.Check("tls.issuer.name", validate.Required(issuer.Name), validate.DNSSubdomain(issuer.Name))
	if issuer.Group == "" || issuer.Group == eventgateway.CertManagerGroup {
		p.Check("tls.issuer.kind", validate.OneOf(issuer.Kind,
			eventgateway.IssuerKindIssuer, eventgateway.IssuerKindClusterIssuer))
		return
	}
	p.Check("tls.issuer.group", validate.DNSSubdomain(issuer.Group))
	if issuer.Kind == "" {
		p.Add("tls.issuer.kind", "is required for an external issuer of group %q", issuer.Group)
	}
}

// validateMutualTLS checks client authentication: its mode, and trust bundles of unique names holding PEM CA
// certificates.
func validateMutualTLS(p *validate.Problems, auth ClientAuthenticationArgs) {
	const path validate.Path = "tls.clientAuthentication"
	p.Check(path.Field("mode"), validate.OneOf(auth.Mode, eventgateway.ClientAuthRequired, eventgateway.ClientAuthRequested))
	p.Check(path.Field("trustBundles"), validate.NotEmpty(len(auth.TrustBundles)))
	seen := validate.Seen{}
	for i, b := range auth.TrustBundles {
		bundle := path.Field("trustBundles").Index(i)
		p.Check(bundle.Field("name"), validate.Required(b.Name), seen.Repeated(b.Name, bundle.Field("name")))
		p.KonnectEntity(bundle, b.Name, "", "", nil)
		p.Check(bundle.Field("trustedCA"), validate.Required(b.TrustedCA), pemCertificates(b.TrustedCA))
	}
}

// pemCertificates reports a value that holds no PEM certificate, or one that does not parse.
func pemCertificates(v string) string {
	if v == "" {
		return ""
	}
	rest, found := []byte(v), 0
	for {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		if _, err := x509.ParseCertificate(block.Bytes); err != nil {
			return fmt.Sprintf("certificate %d does not parse: %v", found+1, err)
		}
		found++
	}
	if found == 0 {
		return "must hold PEM-encoded CA certificates (-----BEGIN CERTIFICATE-----)"
	}
	return ""
}
