package spec_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/cmd/gen-spec-schema/specschema"
)

const schemaFile = "keg-spec.schema.json"

// TestSchemaIsCurrent fails when a spec type or doc comment changed without `go generate ./automation/spec`.
func TestSchemaIsCurrent(t *testing.T) {
	want, err := specschema.Generate()
	require.NoError(t, err)
	got, err := os.ReadFile(schemaFile)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "automation/spec/%s is stale: run `go generate ./automation/spec`",
		schemaFile)
}

// realSpec sets a field of every section: a real cluster and Konnect, and both patterns with nested options.
const realSpec = `
project: keg
stack: prod
backend: s3://state-bucket
secretsProvider: passphrase
kubernetes: {kubeconfig: kubeconfig.yaml, context: prod}
konnect: {serverURL: eu.api.konghq.com, tokenFile: token.txt}
gateways:
  - name: pm
    portMapped:
      namespace: kafka
      advertisedHost: kafka.example.com
      labels: {team: a}
      basePort: 19092
      waitForProgrammed: false
      gateway: {name: prod, konnectLabels: {env: prod}}
      dataPlane:
        replicas: 2
        resources: {requests: {cpu: 500m}, limits: {memory: 512Mi}}
        externalTrafficPolicy: Local
      backendCluster:
        bootstrapServers: [kafka-0:9092, kafka-1:9092]
        brokerCount: 2
        minBrokerID: 1
        authentication:
          type: saslPlain
          saslPlain: {username: keg, password: secret}
      virtualClusters:
        - name: team_a
          aclMode: enforce_on_gateway
          authentication: [{type: anonymous}]
  - name: sni
    sni:
      sniSuffix: .keg.example.com
      backendCluster: {bootstrapServers: [kafka-0:9092], brokerCount: 1}
      virtualClusters: [{name: vc, dnsLabel: vc}]
      edge: {existingGateway: {name: edge, namespace: gateways, sectionName: tls}, port: 443}
      tls:
        secretName: keg-tls
        certificateDnsNames: ["*.vc.keg.example.com", bootstrap.vc.keg.example.com]
        requireCertificateCoverage: true
`

// TestSchemaAcceptsValidSpecs validates specs the decoder accepts against the committed schema.
func TestSchemaAcceptsValidSpecs(t *testing.T) {
	defaultSpec, err := os.ReadFile("default.yaml")
	require.NoError(t, err)
	policies, err := os.ReadFile("testdata/policies.yaml")
	require.NoError(t, err)
	t.Setenv("REGISTRY_PASSWORD", "registry-secret")
	schema := compileSchema(t)
	for name, text := range map[string]string{
		"default.yaml":  string(defaultSpec),
		"policies.yaml": string(policies),
		"real":          realSpec,
		"minimal":       "local: true\ngateways:\n  - {name: pm, portMapped: {advertisedHost: 10.0.1.1, backendCluster: {bootstrapServers: [k:9092], brokerCount: 1}, virtualClusters: [{name: a}]}}\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := spec.Parse(name, []byte(text))
			require.NoError(t, err)
			require.NoError(t, schema.Validate(instance(t, text)))
		})
	}
}

// TestSchemaRejects checks that the schema, like the decoder, refuses unknown fields and wrong types, each with a
// problem at its instance location.
func TestSchemaRejects(t *testing.T) {
	schema := compileSchema(t)
	for _, tc := range []struct{ name, yaml, problem string }{
		{"unknown top-level field", "local: true\nstak: dev\ngateways: [{name: pm, portMapped: {}}]\n", ": additionalProperties 'stak' not allowed"},
		{"unknown nested field", "local: true\ngateways:\n  - name: pm\n    portMaped: {}\n", "/gateways/0: additionalProperties 'portMaped' not allowed"},
		{"konnect per gateway", "local: true\ngateways:\n  - name: pm\n    sni: {konnect: {serverURL: eu.api.konghq.com}}\n", "/gateways/0/sni: additionalProperties 'konnect' not allowed"},
		{"string where an integer goes", "local: true\ngateways:\n  - name: pm\n    portMapped: {backendCluster: {brokerCount: three}}\n", "/gateways/0/portMapped/backendCluster/brokerCount: expected integer, but got string"},
		{"integer where a bool goes", "local: 1\ngateways: [{name: pm, portMapped: {}}]\n", "/local: expected boolean, but got number"},
		{"mapping where a string goes", "local: true\ngateways:\n  - name: {a: b}\n", "/gateways/0/name: expected string, but got object"},
		{"string where a list goes", "local: true\ngateways: pm\n", "/gateways: expected array, but got string"},
		{"required field missing", "local: true\n", ": missing properties: 'gateways'"},
		{"list where a mapping goes", "local: true\ngateways:\n  - name: pm\n    portMapped: {labels: [a]}\n", "/gateways/0/portMapped/labels: expected object, but got array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := spec.Parse("bad.yaml", []byte(tc.yaml))
			require.Error(t, err, "the decoder accepts it")
			err = schema.Validate(instance(t, tc.yaml))
			var invalid *jsonschema.ValidationError
			require.ErrorAs(t, err, &invalid, "the schema accepts it")
			require.Contains(t, leafProblems(invalid), tc.problem)
		})
	}
}

// leafProblems are the innermost causes of err, one per problem found, each "instance location: message".
func leafProblems(err *jsonschema.ValidationError) []string {
	if len(err.Causes) == 0 {
		return []string{err.InstanceLocation + ": " + err.Message}
	}
	var problems []string
	for _, cause := range err.Causes {
		problems = append(problems, leafProblems(cause)...)
	}
	return problems
}

// compileSchema compiles the committed schema.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	file, err := os.Open(schemaFile)
	require.NoError(t, err)
	defer file.Close()
	compiler := jsonschema.NewCompiler()
	require.NoError(t, compiler.AddResource(specschema.ID, file))
	schema, err := compiler.Compile(specschema.ID)
	require.NoError(t, err)
	return schema
}

// instance is YAML text as the JSON value a validator takes.
func instance(t *testing.T, text string) any {
	t.Helper()
	raw, err := yaml.YAMLToJSON([]byte(text))
	require.NoError(t, err)
	var v any
	require.NoError(t, json.Unmarshal(raw, &v))
	return v
}
