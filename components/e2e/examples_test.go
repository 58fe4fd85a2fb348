package e2e

import (
	"os"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/examples/portmapped-go/portmapped"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/examples/sni-go/sni"
)

// TestPortMappedExample runs the portmapped-go example's program in its own namespace.
func TestPortMappedExample(t *testing.T) {
	ctx := testContext(t)
	const ns = "e2e-example-portmapped"
	createNamespace(t, ctx, ns)
	args := portmapped.Args(pulumi.String(token))
	args.Namespace = ns
	wait := false
	args.WaitForProgrammed = &wait
	stack, err := local.Env.Stack(ctx, "e2e-example-portmapped", "dev", func(ctx *pulumi.Context) error {
		return portmapped.Deploy(ctx, args)
	})
	require.NoError(t, err)

	up, err := stack.Up(ctx)
	require.NoError(t, err, up.Stdout)
	assert.Equal(t, map[string]any{"example_virtual_cluster": "10.0.1.1:9092"}, up.Outputs["bootstrapServers"].Value)
	assert.Equal(t, map[string]any{"example_virtual_cluster": []any{"10.0.1.1:9093", "10.0.1.1:9094", "10.0.1.1:9095"}},
		up.Outputs["brokerAddresses"].Value)
	dataPlane := get(t, ctx, dataPlaneKind, ns, "example-dp")
	assert.Equal(t, []int64{9092, 9093, 9094, 9095}, servicePorts(t, dataPlane))
	assert.Equal(t, map[string]any{"metallb.io/loadBalancerIPs": "10.0.1.1"},
		field(t, dataPlane, "spec", "network", "services", "kafka", "annotations"))

	_, err = stack.Destroy(ctx)
	require.NoError(t, err)
	requireEmpty(t, ctx, ns)
}

// TestSniExample runs the sni-go example's program in its own namespace, playing the Gateway controller, and
// compares the stored forwarding policy with the one on Kong's page.
func TestSniExample(t *testing.T) {
	ctx := testContext(t)
	const ns, address = "e2e-example-sni", "198.51.100.20"
	createNamespace(t, ctx, ns)
	args := sni.Args(pulumi.String(token), "kong", "letsencrypt")
	args.Namespace = ns
	wait := false
	args.WaitForProgrammed = &wait
	stack, err := local.Env.Stack(ctx, "e2e-example-sni", "dev", func(ctx *pulumi.Context) error {
		return sni.Deploy(ctx, args)
	})
	require.NoError(t, err)

	controller := playGatewayController(ctx, ns, "sni-edge", address)
	up, err := stack.Up(ctx)
	require.NoError(t, err, up.Stdout)
	require.NoError(t, <-controller)
	assert.Equal(t, map[string]any{"vc_tls_1": "bootstrap.vc-tls-1.keg.example.com:9092"},
		up.Outputs["bootstrapServers"].Value)
	assert.Equal(t, map[string]any{"vc_tls_1": []any{
		"broker-0.vc-tls-1.keg.example.com:9092",
		"broker-1.vc-tls-1.keg.example.com:9092",
		"broker-2.vc-tls-1.keg.example.com:9092",
	}}, up.Outputs["brokerAddresses"].Value)
	assert.Equal(t, []any{"*.vc-tls-1.keg.example.com"}, up.Outputs["certificateDnsNames"].Value)
	assert.Equal(t, []any{"*.vc-tls-1.keg.example.com"}, up.Outputs["dnsRecordNames"].Value)
	assert.Equal(t, address, up.Outputs["gatewayAddress"].Value)

	raw, err := os.ReadFile("../testdata/seed-sni-listener-policy.yaml")
	require.NoError(t, err)
	var seed map[string]any
	require.NoError(t, yaml.Unmarshal(raw, &seed))
	stored := get(t, ctx, policyKind, ns, "sni-forward")
	assert.Equal(t, normalize(t, seed["spec"]), normalize(t, stored.Object["spec"]),
		"the API server holds Kong's SNI policy, field for field")

	_, err = stack.Destroy(ctx)
	require.NoError(t, err)
	requireEmpty(t, ctx, ns)
}

// normalize round-trips a value through JSON so numbers compare alike.
func normalize(t *testing.T, value any) any {
	t.Helper()
	raw, err := yaml.Marshal(value)
	require.NoError(t, err)
	var normalized any
	require.NoError(t, yaml.Unmarshal(raw, &normalized))
	return normalized
}
