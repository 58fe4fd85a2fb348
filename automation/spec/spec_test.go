package spec

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
)

const validSpec = `
stack: ci
local: true
gateways:
  - name: pm
    portMapped:
      advertisedHost: 10.0.1.1
      backendCluster:
        bootstrapServers: [kafka:9092]
        brokerCount: 3
      virtualClusters:
        - name: team_a
`

func TestParseValid(t *testing.T) {
	p, err := Parse("valid.yaml", []byte(validSpec))
	require.NoError(t, err)
	require.Equal(t, "ci", p.Stack)
	require.Equal(t, "kong-event-gateway", p.Project)
	require.Len(t, p.Gateways, 1)
	gw := p.Gateways[0]
	require.Equal(t, "pm", gw.Name)
	require.Equal(t, "10.0.1.1", gw.PortMapped.AdvertisedHost)
	require.Equal(t, 3, gw.PortMapped.BackendCluster.BrokerCount)
	require.Equal(t, []string{"kafka:9092"}, gw.PortMapped.BackendCluster.BootstrapServers)
	require.Equal(t, "team_a", gw.PortMapped.VirtualClusters[0].Name)
	require.True(t, p.Local)
}

func TestDefaultSpecParses(t *testing.T) {
	p := Default()
	require.NotEmpty(t, p.Gateways)
}

// TestParseRejects checks that each bad spec fails with the line and field
// of the problem.
func TestParseRejects(t *testing.T) {
	cases := []struct {
		name, yaml string
		line       int
		field, msg string
	}{
		{"unknown top-level field", "stak: dev\ngateways: []\n", 1, "stak", "unknown field"},
		{"no gateways", "stack: dev\ngateways: []\n", 2, "gateways", "must have at least one entry"},
		{"gateways not a list", "gateways: pm\n", 1, "gateways", "want a list"},
		{"unknown nested field", "gateways:\n  - name: pm\n    portMapped:\n      advertisedHst: x\n", 4, "gateways[0].portMapped.advertisedHst", "unknown field"},
		{"wrong scalar type", "gateways:\n  - name: pm\n    portMapped:\n      backendCluster:\n        brokerCount: three\n", 5, "gateways[0].portMapped.backendCluster.brokerCount", "want an integer"},
		{"mapping where a string goes", "gateways:\n  - name: {a: b}\n", 2, "gateways[0].name", "want a string"},
		{"bad gateway name", "gateways:\n  - name: Bad_Name\n    portMapped: {}\n", 2, "gateways[0].name", `"Bad_Name" must be a DNS label`},
		{"duplicate gateway name", "gateways:\n  - name: pm\n    portMapped: {}\n  - name: pm\n    portMapped: {}\n", 4, "gateways[1].name", `"pm" is also the value of gateways[0].name`},
		{"no pattern", "gateways:\n  - name: pm\n", 2, "gateways[0]", "set exactly one of portMapped and sni"},
		{"list where a mapping goes", "gateways:\n  - name: pm\n    portMapped: [1]\n", 3, "gateways[0].portMapped", "want a mapping"},
		{"unknown kubernetes field", "kubernetes:\n  kubeconf: x\ngateways: []\n", 2, "kubernetes.kubeconf", "unknown field"},
		{"bool where int goes", "gateways:\n  - name: pm\n    portMapped:\n      basePort: true\n", 4, "gateways[0].portMapped.basePort", "want an integer"},
		{"fraction where int goes", "gateways:\n  - name: pm\n    portMapped:\n      backendCluster:\n        brokerCount: 3.5\n", 5, "gateways[0].portMapped.backendCluster.brokerCount", `want an integer, got "3.5"`},
		{"duplicate field", "gateways:\n  - name: pm\n    name: other\n    portMapped: {}\n", 3, "gateways[0].name", "duplicate key (first at line 2)"},
		{"near field suggested", "local: true\ngateways:\n  - name: pm\n    portMaped: {}\n", 4, "gateways[0].portMaped", "unknown field; did you mean portMapped? (known: name, portMapped, sni)"},
		{"field in another case suggested", "konnect:\n  serverUrl: eu.api.konghq.com\ngateways: []\n", 2, "konnect.serverUrl", "unknown field; did you mean serverURL? (known: apiURL, serverURL, tokenEnv, tokenFile)"},
		{"nested near field suggested", "local: true\ngateways:\n  - name: pm\n    sni:\n      tls:\n        isuer: {name: x}\n", 6, "gateways[0].sni.tls.isuer", "unknown field; did you mean issuer?"},
		{"no field near", "local: true\nkubernetes:\n  cluster: x\ngateways: []\n", 3, "kubernetes.cluster", "unknown field (known: context, kubeconfig)"},
		{"konnect per gateway", "local: true\ngateways:\n  - name: pm\n    portMapped:\n      konnect: {token: kpat_x}\n", 5, "gateways[0].portMapped.konnect", "not set per gateway: every gateway uses the top-level konnect section"},
		{"duplicate map key", "gateways:\n  - name: pm\n    portMapped:\n      labels:\n        team: a\n        team: b\n", 6, `gateways[0].portMapped.labels["team"]`, "duplicate key (first at line 5)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("bad.yaml", []byte(tc.yaml))
			var invalid *InvalidError
			require.True(t, errors.As(err, &invalid), "want *InvalidError, got %v", err)
			require.Contains(t, err.Error(), "bad.yaml")
			found := false
			for _, fe := range invalid.Errors {
				if fe.Field == tc.field {
					found = true
					require.Equal(t, tc.line, fe.Line, fe.Error())
					require.Contains(t, fe.Message, tc.msg)
				}
			}
			require.True(t, found, "no error for %s in %v", tc.field, err)
		})
	}
}

func TestParseRejectsBrokenYAML(t *testing.T) {
	_, err := Parse("broken.yaml", []byte("gateways:\n  - name: [unclosed\n"))
	var invalid *InvalidError
	require.True(t, errors.As(err, &invalid))
	require.Contains(t, err.Error(), "line")
}

// policiesFile gives a virtual cluster an ACL, a produce policy validating against a schema registry whose password
// comes from $REGISTRY_PASSWORD, and a consume policy decrypting with static keys.
const policiesFile = "testdata/policies.yaml"

func TestParsePoliciesAndSecretSources(t *testing.T) {
	t.Setenv("REGISTRY_PASSWORD", "registry-secret")
	data, err := os.ReadFile(policiesFile)
	require.NoError(t, err)
	policySpec := string(data)
	p, err := Parse("policies.yaml", data)
	require.NoError(t, err)
	args := p.Gateways[0].PortMapped
	require.Equal(t, pulumi.String("registry-secret"), args.SchemaRegistries[0].Password, "read from the variable")
	vc := args.VirtualClusters[0]
	require.Equal(t, "orders.*", vc.ACLs[0].ResourceNames.Stat[0].Match)
	require.Equal(t, "orders", vc.ProducePolicies[0].SchemaValidation.Config.ConfluentSchemaRegistry.SchemaRegistry.Name.Name)
	require.Len(t, vc.ConsumePolicies, 1)

	file := filepath.Join(t.TempDir(), "password")
	require.NoError(t, os.WriteFile(file, []byte("from-file\n"), 0o600))
	p, err = Parse("policies.yaml", []byte(strings.Replace(policySpec, "{env: REGISTRY_PASSWORD}", "{file: "+file+"}", 1)))
	require.NoError(t, err)
	require.Equal(t, pulumi.String("from-file"), p.Gateways[0].PortMapped.SchemaRegistries[0].Password, "read from the file")

	for source, want := range map[string]string{
		"{env: NO_SUCH_VARIABLE_KEG}":    "$NO_SUCH_VARIABLE_KEG is not set",
		"{}":                             "set exactly one of env and file",
		"s3cret":                         "want a mapping",
		"{env: REGISTRY_PASSWORD, x: 1}": "unknown field",
	} {
		_, err := Parse("policies.yaml", []byte(strings.Replace(policySpec, "{env: REGISTRY_PASSWORD}", source, 1)))
		require.ErrorContains(t, err, "gateways[0].portMapped.schemaRegistries[0].password", source)
		require.ErrorContains(t, err, want, source)
	}
	_, err = Parse("policies.yaml", []byte(strings.Replace(policySpec, "name: {name: orders}", "name: {name: payments}", 1)))
	require.ErrorContains(t, err, `"payments" is no schema registry of the gateway`)

	withKey := strings.Replace(policySpec, "      schemaRegistries:", "      staticKeys: [{name: k, value: {env: REGISTRY_PASSWORD}}]\n      schemaRegistries:", 1)
	_, err = Parse("policies.yaml", []byte(withKey))
	require.ErrorContains(t, err, "gateways[0].portMapped.staticKeys: need Kong Operator to report the gateway's Konnect ID, "+
		"and local: true runs no operator")

	fromLoadBalancer := strings.Replace(policySpec, "advertisedHost: 10.0.1.1", "advertisedHostFromLoadBalancer: {}", 1)
	_, err = Parse("policies.yaml", []byte(fromLoadBalancer))
	require.ErrorContains(t, err, "gateways[0].portMapped.advertisedHostFromLoadBalancer: needs Kong Operator and a "+
		"cloud load balancer, and local: true has neither")
}

func TestLocalSpecsRefuseWhatNeedsAnOperator(t *testing.T) {
	const sni = `
local: true
gateways:
  - name: sni
    sni:
      sniSuffix: .keg.example.com
      backendCluster: {bootstrapServers: [kafka:9092], brokerCount: 1}
      virtualClusters: [{name: orders}]
      edge: {gatewayClassName: kong}
      tls:
        secretName: keg-tls
        clientAuthentication: {trustBundles: [{name: clients, trustedCA: "not PEM"}]}
`
	_, err := Parse("sni.yaml", []byte(sni))
	require.ErrorContains(t, err, "gateways[0].sni.tls.clientAuthentication: needs Kong Operator to report the gateway's "+
		"Konnect ID for its trust bundles, and local: true runs no operator")
}
