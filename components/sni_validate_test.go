package components

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

func TestInvalidSNIArgumentsRegisterNothing(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		name   string
		mutate func(*SniGatewayArgs)
		want   []string
	}{
		{
			name: "duplicate dnsLabels",
			mutate: func(a *SniGatewayArgs) {
				a.VirtualClusters = []SniVirtualClusterArgs{{Name: "a", DNSLabel: "same"}, {Name: "b", DNSLabel: "same"}}
			},
			want: []string{`virtualClusters[1].dnsLabel: "same" is also the value of virtualClusters[0].dnsLabel`},
		},
		{
			name:   "suffix without a leading dot or dash",
			mutate: func(a *SniGatewayArgs) { a.SNISuffix = "keg.example.com" },
			want:   []string{`sniSuffix: "keg.example.com" must start with "." or "-" followed by lowercase DNS labels`},
		},
		{
			name:   "no suffix",
			mutate: func(a *SniGatewayArgs) { a.SNISuffix = "" },
			want:   []string{"sniSuffix: is required"},
		},
		{
			name:   "unknown host format",
			mutate: func(a *SniGatewayArgs) { a.BrokerHostFormat = "flat" },
			want:   []string{`brokerHostFormat: "flat" must be one of "per_cluster_suffix", "shared_suffix"`},
		},
		{
			name: "host name label past 63 characters",
			mutate: func(a *SniGatewayArgs) {
				a.BrokerHostFormat = eventgateway.BrokerHostSharedSuffix
				a.VirtualClusters[0].DNSLabel = strings.Repeat("a", 60)
			},
			want: []string{`virtualClusters[0].dnsLabel: gives the host name "bootstrap-aaaa`,
				"longer than DNS allows (63 characters a label, 253 in all)"},
		},
		{
			name:   "advertisedPort other than the created Gateway's listener port",
			mutate: func(a *SniGatewayArgs) { a.AdvertisedPort = 19092 },
			want: []string{"advertisedPort: 19092 differs from edge.port 9092, the Gateway listener's port clients " +
				"connect to"},
		},
		{
			name: "advertisedPort other than an attached Gateway listener's port",
			mutate: func(a *SniGatewayArgs) {
				a.Edge = EdgeArgs{ExistingGateway: &ExistingGatewayArgs{Name: "edge", SectionName: "tls"}, Port: 19092}
				a.AdvertisedPort = 9092
			},
			want: []string{`advertisedPort: 9092 differs from edge.port 19092, the port of Gateway listener "tls"`},
		},
		{
			name: "attached Gateway without its listener port",
			mutate: func(a *SniGatewayArgs) {
				a.Edge = EdgeArgs{ExistingGateway: &ExistingGatewayArgs{Name: "edge", SectionName: "tls"}}
			},
			want: []string{`edge.port: is required with existingGateway: the port of its listener "tls"`},
		},
		{
			name:   "neither a Gateway class nor an existing Gateway",
			mutate: func(a *SniGatewayArgs) { a.Edge.GatewayClassName = "" },
			want:   []string{"edge: set exactly one of gatewayClassName and existingGateway"},
		},
		{
			name:   "Gateway class that is no object name",
			mutate: func(a *SniGatewayArgs) { a.Edge.GatewayClassName = "Kong_Class" },
			want:   []string{`edge.gatewayClassName: "Kong_Class" must be a DNS subdomain`},
		},
		{
			name:   "address that is neither IP nor host name",
			mutate: func(a *SniGatewayArgs) { a.Edge.Address = "not an address" },
			want:   []string{`edge.address: "not an address" must be an IP address or a lowercase host name`},
		},
		{
			name:   "unknown TLSRoute version",
			mutate: func(a *SniGatewayArgs) { a.Edge.RouteAPIVersion = "v2" },
			want:   []string{`edge.routeAPIVersion: "v2" must be one of "v1", "v1alpha3", "v1alpha2"`},
		},
		{
			name:   "no TLS source",
			mutate: func(a *SniGatewayArgs) { a.TLS = SniTLSArgs{} },
			want:   []string{"tls: set exactly one of secretName and issuer"},
		},
		{
			name: "both TLS sources",
			mutate: func(a *SniGatewayArgs) {
				a.TLS.Issuer = &IssuerArgs{Name: "ca"}
			},
			want: []string{"tls: set exactly one of secretName and issuer"},
		},
		{
			name: "certificate whose wildcard cannot cover the brokers",
			mutate: func(a *SniGatewayArgs) {
				a.TLS.CertificateDNSNames = []string{"*.keg.example.com"}
			},
			want: []string{"tls.certificateDnsNames: do not cover bootstrap.vc-tls-1.keg.example.com, " +
				"broker-0.vc-tls-1.keg.example.com, broker-1.vc-tls-1.keg.example.com, " +
				"broker-2.vc-tls-1.keg.example.com: add *.vc-tls-1.keg.example.com"},
		},
		{
			name: "coverage required without declared names",
			mutate: func(a *SniGatewayArgs) {
				a.TLS.RequireCertificateCoverage = &yes
			},
			want: []string{"tls.requireCertificateCoverage: needs tls.certificateDnsNames"},
		},
		{
			name: "issuer of an unknown cert-manager kind",
			mutate: func(a *SniGatewayArgs) {
				a.TLS = SniTLSArgs{Issuer: &IssuerArgs{Name: "ca", Kind: "Vault"}}
			},
			want: []string{`tls.issuer.kind: "Vault" must be one of "Issuer", "ClusterIssuer"`},
		},
		{
			name: "issuer without a name",
			mutate: func(a *SniGatewayArgs) {
				a.TLS = SniTLSArgs{Issuer: &IssuerArgs{}}
			},
			want: []string{"tls.issuer.name: is required"},
		},
		{
			name: "declared names with cert-manager",
			mutate: func(a *SniGatewayArgs) {
				a.TLS = SniTLSArgs{Issuer: &IssuerArgs{Name: "ca"}, CertificateDNSNames: []string{"*.keg.example.com"},
					RequireCertificateCoverage: &no}
			},
			want: []string{"tls.certificateDnsNames: describe a certificate in secretName"},
		},
		{
			name: "DNS for an existing Gateway without its address",
			mutate: func(a *SniGatewayArgs) {
				a.Edge = EdgeArgs{ExistingGateway: &ExistingGatewayArgs{Name: "edge", SectionName: "tls"}, Port: 9092}
				a.DNS = &DNSArgs{}
			},
			want: []string{"edge.address: is required with dns and existingGateway"},
		},
		{
			name:   "negative TTL",
			mutate: func(a *SniGatewayArgs) { a.DNS = &DNSArgs{TTL: -1} },
			want:   []string{"dns.ttl: -1 must be at least 0"},
		},
		{
			name:   "listen port on the health port",
			mutate: func(a *SniGatewayArgs) { a.ListenPort = 8080 },
			want:   []string{"listenPort: 8080 is the data plane's health port"},
		},
		{
			name: "external traffic policy on a ClusterIP Service",
			mutate: func(a *SniGatewayArgs) {
				a.DataPlane = &DataPlaneArgs{ExternalTrafficPolicy: eventgateway.TrafficPolicyLocal}
			},
			want: []string{"dataPlane.externalTrafficPolicy: does not apply"},
		},
		{
			name: "every problem reported at once",
			mutate: func(a *SniGatewayArgs) {
				a.Konnect.Token = pulumi.String("bad")
				a.SNISuffix = "example.com"
				a.TLS = SniTLSArgs{}
				a.Edge = EdgeArgs{}
			},
			want: []string{"konnect.token: must start with kpat_ or spat_ (a Konnect personal or system account access token)", "sniSuffix:", "tls: set", "edge: set"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := seedSNIArgs()
			tc.mutate(&args)
			recorder, err := pulumimock.Run(func(ctx *pulumi.Context) error {
				_, err := NewSniGateway(ctx, "sni", args)
				return err
			})
			require.Error(t, err)
			for _, want := range tc.want {
				assert.Contains(t, err.Error(), want)
			}
			assert.NotContains(t, err.Error(), seedToken, "the token is never echoed")
			assert.Empty(t, recorder.Resources(), "invalid arguments register nothing")
		})
	}
}

func TestCoverageWarningOnlyWhenNotRequired(t *testing.T) {
	args := seedSNIArgs()
	no := false
	args.TLS.CertificateDNSNames = []string{"*.keg.example.com"}
	args.TLS.RequireCertificateCoverage = &no
	require.NoError(t, args.Validate("sni"))

	args.TLS.CertificateDNSNames = []string{"*.vc-tls-1.keg.example.com"}
	args.TLS.RequireCertificateCoverage = nil
	require.NoError(t, args.Validate("sni"), "the per-cluster wildcard covers every advertised name")
}
