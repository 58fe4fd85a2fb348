package components

import (
	"os"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

// seedToken is a syntactically valid Konnect token for tests.
const seedToken = "kpat_0123456789abcdef"

// seedArgs are the inputs of Kong's port-mapping example: advertised host 10.0.1.1, three brokers and the virtual
// cluster example_virtual_cluster.
func seedArgs() PortMappedGatewayArgs {
	return PortMappedGatewayArgs{
		Konnect:        KonnectArgs{Token: pulumi.String(seedToken), ServerURL: "eu.api.konghq.com"},
		AdvertisedHost: "10.0.1.1",
		BackendCluster: BackendClusterArgs{
			BootstrapServers: []string{"kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"},
			BrokerCount:      3,
		},
		VirtualClusters: []VirtualClusterArgs{{Name: "example_virtual_cluster"}},
	}
}

// render builds a PortMappedGateway called name with the mock monitor and returns it with what was registered.
func render(t *testing.T, name string, args PortMappedGatewayArgs) (*pulumimock.Recorder, *PortMappedGateway) {
	t.Helper()
	var gateway *PortMappedGateway
	recorder, err := pulumimock.Run(func(ctx *pulumi.Context) error {
		var err error
		gateway, err = NewPortMappedGateway(ctx, name, args)
		return err
	})
	require.NoError(t, err)
	return recorder, gateway
}

// mustNamed returns the resource called name or fails the test.
func mustNamed(t *testing.T, recorder *pulumimock.Recorder, name string) pulumimock.Resource {
	t.Helper()
	registered, ok := recorder.Named(name)
	require.True(t, ok, "no resource called %s", name)
	return registered
}

// await returns the resolved value of output.
func await(t *testing.T, output pulumi.Output) any {
	t.Helper()
	result, err := internals.UnsafeAwaitOutput(t.Context(), output)
	require.NoError(t, err)
	require.True(t, result.Known)
	return result.Value
}

// readYAML parses a YAML file into plain Go values.
func readYAML(t *testing.T, path string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	var document map[string]any
	require.NoError(t, yaml.Unmarshal(raw, &document))
	return document
}

// at walks object keys down a plain Go value.
func at(value any, keys ...string) any {
	for _, key := range keys {
		object, _ := value.(map[string]any)
		value = object[key]
	}
	return value
}
