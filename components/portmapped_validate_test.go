package components

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

func TestInvalidArgumentsRegisterNothing(t *testing.T) {
	for _, tc := range []struct {
		name      string
		component string
		mutate    func(*PortMappedGatewayArgs)
		want      []string
	}{
		{
			name:   "no virtual cluster",
			mutate: func(a *PortMappedGatewayArgs) { a.VirtualClusters = nil },
			want:   []string{"virtualClusters: must have at least one entry"},
		},
		{
			name: "duplicate virtual cluster names",
			mutate: func(a *PortMappedGatewayArgs) {
				a.VirtualClusters = []VirtualClusterArgs{{Name: "a", DNSLabel: "a1"}, {Name: "a", DNSLabel: "a2"}}
			},
			want: []string{`virtualClusters[1].name: "a" is also the value of virtualClusters[0].name`},
		},
		{
			name: "duplicate dnsLabels",
			mutate: func(a *PortMappedGatewayArgs) {
				a.VirtualClusters = []VirtualClusterArgs{{Name: "a", DNSLabel: "same"}, {Name: "b", DNSLabel: "same"}}
			},
			want: []string{`virtualClusters[1].dnsLabel: "same" is also the value of virtualClusters[0].dnsLabel`},
		},
		{
			name: "dnsLabel breaking the CRD pattern",
			mutate: func(a *PortMappedGatewayArgs) {
				a.VirtualClusters = append(a.VirtualClusters, VirtualClusterArgs{Name: "b", DNSLabel: "Bad_Label"})
			},
			want: []string{`virtualClusters[1].dnsLabel: "Bad_Label" must be a DNS label: at most 63 lowercase letters, digits and ` +
				`'-', starting and ending with a letter or digit`},
		},
		{
			name: "virtual cluster names colliding as Kubernetes names",
			mutate: func(a *PortMappedGatewayArgs) {
				a.VirtualClusters = []VirtualClusterArgs{{Name: "foo_bar", DNSLabel: "x"}, {Name: "foo-bar", DNSLabel: "y"}}
			},
			want: []string{`virtualClusters[1].name: "foo-bar" gives the Kubernetes name "example-foo-bar", as ` +
				`virtualClusters[0].name does`},
		},
		{
			name: "Konnect label value breaking the CRD pattern",
			mutate: func(a *PortMappedGatewayArgs) {
				a.Gateway = &GatewayArgs{KonnectLabels: map[string]string{"env": "bad value!"}}
			},
			want: []string{`gateway.konnectLabels["env"]: "bad value!" must be at most 63 letters, digits, '-', '_' and '.'`},
		},
		{
			name: "reserved Konnect label key",
			mutate: func(a *PortMappedGatewayArgs) {
				a.VirtualClusters[0].KonnectLabels = map[string]string{"kong-team": "a"}
			},
			want: []string{`virtualClusters[0].konnectLabels["kong-team"]: key "kong-team" must be 1-63 characters, not ` +
				`starting with "kong", "konnect", "mesh", "kic", "_"`},
		},
		{
			name:   "Kubernetes label value with a space",
			mutate: func(a *PortMappedGatewayArgs) { a.Labels = map[string]string{"app": "has space"} },
			want:   []string{`labels["app"]: "has space" must be at most 63 letters, digits`},
		},
		{
			name:   "no broker",
			mutate: func(a *PortMappedGatewayArgs) { a.BackendCluster.BrokerCount = 0 },
			want:   []string{"backendCluster.brokerCount: 0 must be at least 1"},
		},
		{
			name:   "base port outside 1-65535",
			mutate: func(a *PortMappedGatewayArgs) { a.BasePort = 70000 },
			want:   []string{"basePort: 70000 must be between 1 and 65535"},
		},
		{
			name:   "listener ports running past 65535",
			mutate: func(a *PortMappedGatewayArgs) { a.BasePort = 65534 },
			want:   []string{"virtualClusters[0].port: listener ports 65534-65537 fall outside 1-65535"},
		},
		{
			name: "overlapping listener ports",
			mutate: func(a *PortMappedGatewayArgs) {
				a.VirtualClusters = append(a.VirtualClusters, VirtualClusterArgs{Name: "b", Port: 9094})
			},
			want: []string{"virtualClusters[1].port: listener ports 9094-9097 overlap virtualClusters[0] ports 9092-9095"},
		},
		{
			name: "principal lookups missing what the CRD requires",
			mutate: func(a *PortMappedGatewayArgs) {
				a.VirtualClusters[0].Authentication = []eventgateway.VirtualClusterAuthentication{
					{Type: eventgateway.VirtualClusterAuthSaslScram, SaslScram: &eventgateway.VirtualClusterSaslScram{
						Algorithm: eventgateway.SaslScramSHA512,
						FetchKongIdentityPrincipal: &eventgateway.FetchKongIdentityPrincipal{
							Directory: "people", FailureMode: eventgateway.PrincipalFailureModeError,
						},
					}},
					{Type: eventgateway.VirtualClusterAuthClientCertificate, ClientCertificate: &eventgateway.ClientCertificateAuth{
						FetchKongIdentityPrincipal: &eventgateway.FetchKongIdentityPrincipal{
							FetchBy: eventgateway.PrincipalFetchBy{Key: "cn"},
						},
					}},
					{Type: eventgateway.VirtualClusterAuthOAuthBearer, OAuthBearer: &eventgateway.OAuthBearerAuth{
						Mediation:                  eventgateway.OAuthBearerPassthrough,
						FetchKongIdentityPrincipal: &eventgateway.FetchOAuthPrincipal{Directory: "people", FailureMode: "retry"},
					}},
				}
			},
			want: []string{
				"virtualClusters[0].authentication[0].saslScram.fetchKongIdentityPrincipal.fetchBy.key: is required",
				"virtualClusters[0].authentication[1].clientCertificate.fetchKongIdentityPrincipal.directory: is required",
				"virtualClusters[0].authentication[1].clientCertificate.fetchKongIdentityPrincipal.failureMode: is required",
				`virtualClusters[0].authentication[2].oauthBearer.fetchKongIdentityPrincipal.failureMode: "retry" must be one of`,
			},
		},
		{
			name: "two virtual clusters without port",
			mutate: func(a *PortMappedGatewayArgs) {
				a.VirtualClusters = append(a.VirtualClusters, VirtualClusterArgs{Name: "b"})
			},
			want: []string{"virtualClusters[1].port: required: only one virtual cluster takes basePort (9092, " +
				"example_virtual_cluster), so that no cluster's ports depend on the others; set port: 9096 (where " +
				"earlier versions placed b)"},
		},
		{
			name:   "listener ports taking the health port",
			mutate: func(a *PortMappedGatewayArgs) { a.BasePort = 8078 },
			want:   []string{"virtualClusters[0].port: listener ports 8078-8081 include the data plane's health port 8080"},
		},
		{
			name: "more ports than a Service takes",
			mutate: func(a *PortMappedGatewayArgs) {
				a.VirtualClusters = nil
				for i := range 17 {
					a.VirtualClusters = append(a.VirtualClusters,
						VirtualClusterArgs{Name: fmt.Sprintf("vc%d", i), Port: 10000 + 4*i})
				}
			},
			want: []string{"virtualClusters: need 68 Service ports; a KegDataPlane Service takes at most 64"},
		},
		{
			name:   "bootstrap server without port",
			mutate: func(a *PortMappedGatewayArgs) { a.BackendCluster.BootstrapServers = []string{"kafka:9092", "kafka"} },
			want:   []string{`backendCluster.bootstrapServers[1]: "kafka" must be host:port with a port between 1 and 65535`},
		},
		{
			name:   "no bootstrap server",
			mutate: func(a *PortMappedGatewayArgs) { a.BackendCluster.BootstrapServers = nil },
			want:   []string{"backendCluster.bootstrapServers: must have at least one entry"},
		},
		{
			name: "TLS version outside tls12 and tls13",
			mutate: func(a *PortMappedGatewayArgs) {
				a.BackendCluster.TLS = &eventgateway.BackendClusterTLS{
					Enabled: eventgateway.Enabled, TLSVersions: []eventgateway.TLSVersion{"tls11"},
				}
			},
			want: []string{`backendCluster.tls.tlsVersions[0]: "tls11" must be one of "tls12", "tls13"`},
		},
		{
			name: "client identity without Secret key",
			mutate: func(a *PortMappedGatewayArgs) {
				a.BackendCluster.TLS = &eventgateway.BackendClusterTLS{
					Enabled: eventgateway.Enabled,
					ClientIdentity: &eventgateway.CertificateKeyPair{
						Certificate: eventgateway.FromSecretKey("client", "tls.crt"),
						Key:         eventgateway.FromSecretKey("client", ""),
					},
				}
			},
			want: []string{"backendCluster.tls.clientIdentity.key.secretRef.key: is required"},
		},
		{
			name: "SASL/PLAIN without credentials",
			mutate: func(a *PortMappedGatewayArgs) {
				a.BackendCluster.Authentication = &eventgateway.BackendClusterAuthentication{
					Type: eventgateway.BackendClusterAuthSaslPlain,
				}
			},
			want: []string{`backendCluster.authentication.saslPlain: is required when type is "saslPlain"`},
		},
		{
			name: "principal without password",
			mutate: func(a *PortMappedGatewayArgs) {
				a.VirtualClusters[0].Authentication = []eventgateway.VirtualClusterAuthentication{{
					Type: eventgateway.VirtualClusterAuthSaslPlain,
					SaslPlain: &eventgateway.VirtualClusterSaslPlain{
						Mediation: eventgateway.SaslPlainTerminate, Principals: []eventgateway.Principal{{Username: "alice"}},
					},
				}}
			},
			want: []string{"virtualClusters[0].authentication[0].saslPlain.principals[0].password: is required"},
		},
		{
			name:   "ACL mode outside the enum",
			mutate: func(a *PortMappedGatewayArgs) { a.VirtualClusters[0].ACLMode = "deny_all" },
			want:   []string{`virtualClusters[0].aclMode: "deny_all" must be one of "enforce_on_gateway", "passthrough"`},
		},
		{
			name:   "token without kpat_ or spat_",
			mutate: func(a *PortMappedGatewayArgs) { a.Konnect.Token = pulumi.String("ghp_not-a-konnect-token") },
			want:   []string{"konnect.token: must start with kpat_ or spat_ (a Konnect personal or system account access token)"},
		},
		{
			name:   "no token",
			mutate: func(a *PortMappedGatewayArgs) { a.Konnect.Token = pulumi.String("") },
			want:   []string{"konnect.token: is required"},
		},
		{
			name:   "server URL over http",
			mutate: func(a *PortMappedGatewayArgs) { a.Konnect.ServerURL = "http://eu.api.konghq.com" },
			want:   []string{`konnect.serverURL: "http://eu.api.konghq.com" must be a Konnect API host starting with its region`},
		},
		{
			name:   "server URL without region",
			mutate: func(a *PortMappedGatewayArgs) { a.Konnect.ServerURL = "api.konghq.com" },
			want:   []string{`konnect.serverURL: "api.konghq.com" must be a Konnect API host starting with its region`},
		},
		{
			name:   "server URL that is no host name",
			mutate: func(a *PortMappedGatewayArgs) { a.Konnect.ServerURL = "eu api" },
			want:   []string{`konnect.serverURL: "eu api" must be a Konnect API host`},
		},
		{
			name:   "advertised host breaking the API pattern",
			mutate: func(a *PortMappedGatewayArgs) { a.AdvertisedHost = "Kafka.Example.com" },
			want:   []string{`advertisedHost: "Kafka.Example.com" must be a lowercase host name or IPv4 address`},
		},
		{
			name:   "no advertised host",
			mutate: func(a *PortMappedGatewayArgs) { a.AdvertisedHost = "" },
			want:   []string{"advertisedHost: is required"},
		},
		{
			name:   "namespace that is no DNS label",
			mutate: func(a *PortMappedGatewayArgs) { a.Namespace = "Kong" },
			want:   []string{`namespace: "Kong" must be a DNS label`},
		},
		{
			name:      "component name giving no Service name",
			component: "1-gateway",
			mutate:    func(*PortMappedGatewayArgs) {},
			want:      []string{`name: "1-gateway" must give Kubernetes names starting with a letter`},
		},
		{
			name: "resource quantity that does not parse",
			mutate: func(a *PortMappedGatewayArgs) {
				a.DataPlane = &DataPlaneArgs{Resources: &ContainerResources{Requests: map[string]string{"cpu": "lots"}}}
			},
			want: []string{`dataPlane.resources.requests["cpu"]: "lots" is not a quantity`},
		},
		{
			name:   "minimum runtime version breaking the CRD pattern",
			mutate: func(a *PortMappedGatewayArgs) { a.Gateway = &GatewayArgs{MinRuntimeVersion: "v1.2"} },
			want:   []string{`gateway.minRuntimeVersion: "v1.2" must be major.minor, such as 1.2`},
		},
		{
			name: "every problem reported at once",
			mutate: func(a *PortMappedGatewayArgs) {
				a.AdvertisedHost = ""
				a.BackendCluster.BrokerCount = -1
				a.VirtualClusters[0].DNSLabel = "-x"
			},
			want: []string{
				"advertisedHost: is required",
				"backendCluster.brokerCount: -1 must be at least 1",
				`virtualClusters[0].dnsLabel: "-x" must be a DNS label`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := seedArgs()
			tc.mutate(&args)
			component := tc.component
			if component == "" {
				component = "example"
			}
			recorder, err := pulumimock.Run(func(ctx *pulumi.Context) error {
				_, err := NewPortMappedGateway(ctx, component, args)
				return err
			})
			require.Error(t, err)
			for _, want := range tc.want {
				assert.Contains(t, err.Error(), want)
			}
			if token, _ := args.Konnect.Token.(pulumi.String); token != "" {
				assert.NotContains(t, err.Error(), string(token), "the token is never echoed")
			}
			assert.Empty(t, recorder.Resources(), "invalid arguments register nothing")
		})
	}
}

func TestDerivedDNSLabelProblemSaysWhereItCameFrom(t *testing.T) {
	args := seedArgs()
	args.VirtualClusters = []VirtualClusterArgs{{Name: "a"}, {Name: "日本"}}
	_, err := pulumimock.Run(func(ctx *pulumi.Context) error {
		_, err := NewPortMappedGateway(ctx, "example", args)
		return err
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "virtualClusters[1].dnsLabel: is required (derived from name; set dnsLabel)")
	assert.Contains(t, err.Error(), `virtualClusters[1].name: "日本" has no letter or digit`)
}
