package e2e

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
)

// token is the Konnect token of every test stack; it must never reach the state in plain text.
const token = "kpat_e2e0123456789abcdef"

// portMappedArgs are Kong's port-mapping example in namespace, without waiting for an operator.
func portMappedArgs(namespace string) components.PortMappedGatewayArgs {
	wait := false
	return components.PortMappedGatewayArgs{
		Konnect:        components.KonnectArgs{Token: pulumi.String(token), ServerURL: "eu.api.konghq.com"},
		AdvertisedHost: "10.0.1.1",
		Namespace:      namespace,
		BackendCluster: components.BackendClusterArgs{
			BootstrapServers: []string{"kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"},
			BrokerCount:      3,
		},
		VirtualClusters:   []components.VirtualClusterArgs{{Name: "example_virtual_cluster"}},
		WaitForProgrammed: &wait,
	}
}

// TestPortMappedGatewayLifecycle is the port-mapping acceptance: the API server accepts every object, a second up
// changes nothing, more brokers update only the listener and the data plane, adding and removing virtual clusters
// never moves another's ports, and destroy leaves nothing behind.
func TestPortMappedGatewayLifecycle(t *testing.T) {
	ctx := testContext(t)
	const ns = "e2e-portmapped"
	createNamespace(t, ctx, ns)
	args := portMappedArgs(ns)
	stack, err := local.Env.Stack(ctx, "e2e-portmapped", "dev", func(ctx *pulumi.Context) error {
		gateway, err := components.NewPortMappedGateway(ctx, "pm", args)
		if err != nil {
			return err
		}
		ctx.Export("bootstrapServers", gateway.BootstrapServers)
		ctx.Export("listenerPorts", gateway.ListenerPorts)
		ctx.Export("brokerAddresses", gateway.BrokerAddresses)
		return nil
	})
	require.NoError(t, err)

	up, steps := upSteps(t, ctx, stack)
	require.Equal(t, []string{"default_4_32_0"}, providers(steps), "one Kubernetes provider for every resource")
	requireObjects(t, ctx, ns, []object{
		{secretKind, "pm-konnect-token"}, {authKind, "pm-konnect-auth"}, {konnectGatewayKind, "pm-gateway"},
		{backendKind, "pm-backend"}, {virtualClusterKind, "pm-example-virtual-cluster"},
		{listenerKind, "pm-example-virtual-cluster-listener"}, {policyKind, "pm-example-virtual-cluster-forward"},
		{dataPlaneKind, "pm-dp"},
	})
	assert.Equal(t, map[string]any{"example_virtual_cluster": "10.0.1.1:9092"}, up.Outputs["bootstrapServers"].Value)
	assert.Equal(t, []any{"9092-9095"}, field(t, get(t, ctx, listenerKind, ns, "pm-example-virtual-cluster-listener"),
		"spec", "apiSpec", "ports"))

	again, steps := upSteps(t, ctx, stack)
	for _, step := range steps {
		assert.Equal(t, apitype.OpSame, step.Op, "a no-op up has no step of any kind, providers included: %s", step.URN)
	}
	assert.Zero(t, again.Creates+again.Updates+again.Deletes+again.Replaces, again.Stdout)

	args.BackendCluster.BrokerCount = 5
	grown, err := stack.Up(ctx)
	require.NoError(t, err, grown.Stdout)
	assert.Equal(t, 2, grown.Updates, "the listener's range and the data plane's Service ports: %s", grown.Stdout)
	assert.Zero(t, grown.Creates+grown.Deletes+grown.Replaces, grown.Stdout)
	assert.Equal(t, []any{"9092-9097"}, field(t, get(t, ctx, listenerKind, ns, "pm-example-virtual-cluster-listener"),
		"spec", "apiSpec", "ports"))
	assert.Equal(t, []int64{9092, 9093, 9094, 9095, 9096, 9097}, servicePorts(t, get(t, ctx, dataPlaneKind, ns, "pm-dp")))

	// Day 2: a team added first in the list, then another team removed, leaves every other team's listener ports,
	// Service ports and advertised broker addresses where they were.
	args.VirtualClusters = append([]components.VirtualClusterArgs{{Name: "team_b", Port: 9098}}, args.VirtualClusters...)
	added, err := stack.Up(ctx)
	require.NoError(t, err, added.Stdout)
	assert.Equal(t, 3, added.Creates, "virtual cluster, listener and policy: %s", added.Stdout)
	assert.Equal(t, 1, added.Updates, "the data plane's Service ports: %s", added.Stdout)
	assert.Zero(t, added.Deletes+added.Replaces, added.Stdout)
	assert.Equal(t, []any{"9098-9103"}, field(t, get(t, ctx, listenerKind, ns, "pm-team-b-listener"),
		"spec", "apiSpec", "ports"))
	assert.Equal(t, []any{"9092-9097"}, field(t, get(t, ctx, listenerKind, ns, "pm-example-virtual-cluster-listener"),
		"spec", "apiSpec", "ports"), "kept")
	assert.Equal(t, map[string]any{"example_virtual_cluster": "9092-9097", "team_b": "9098-9103"},
		added.Outputs["listenerPorts"].Value)
	assert.Equal(t, grown.Outputs["brokerAddresses"].Value.(map[string]any)["example_virtual_cluster"],
		added.Outputs["brokerAddresses"].Value.(map[string]any)["example_virtual_cluster"], "kept")

	placed := args.VirtualClusters
	args.VirtualClusters = append(placed, components.VirtualClusterArgs{Name: "team_c"})
	_, err = stack.Preview(ctx)
	require.ErrorContains(t, err, "virtualClusters[2].port: required: only one virtual cluster takes basePort (9092, "+
		"example_virtual_cluster)", "a second cluster without port fails at preview")

	args.VirtualClusters = placed[:1]
	removed, err := stack.Up(ctx)
	require.NoError(t, err, removed.Stdout)
	assert.Equal(t, 3, removed.Deletes, removed.Stdout)
	assert.Equal(t, []any{"9098-9103"}, field(t, get(t, ctx, listenerKind, ns, "pm-team-b-listener"),
		"spec", "apiSpec", "ports"), "kept")
	assert.Equal(t, []int64{9098, 9099, 9100, 9101, 9102, 9103}, servicePorts(t, get(t, ctx, dataPlaneKind, ns, "pm-dp")))
	assert.Equal(t, added.Outputs["brokerAddresses"].Value.(map[string]any)["team_b"],
		removed.Outputs["brokerAddresses"].Value.(map[string]any)["team_b"], "kept")

	export, err := stack.ExportJSON(ctx)
	require.NoError(t, err)
	requireNoPlainSecrets(t, export, token)

	_, err = stack.Destroy(ctx)
	require.NoError(t, err)
	requireEmpty(t, ctx, ns)
}

// servicePorts reads the port numbers of a KegDataPlane's Service options.
func servicePorts(t *testing.T, dataPlane *unstructured.Unstructured) []int64 {
	t.Helper()
	var numbers []int64
	for _, port := range field(t, dataPlane, "spec", "network", "services", "kafka", "ports").([]any) {
		numbers = append(numbers, port.(map[string]any)["port"].(int64))
	}
	return numbers
}
