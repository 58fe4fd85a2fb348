package components

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

func TestListenerBlocks(t *testing.T) {
	args := seedArgs()
	args.BackendCluster.MinBrokerID = 10
	args.VirtualClusters = []VirtualClusterArgs{
		{Name: "a"},
		{Name: "b", BootstrapPort: eventgateway.BootstrapPortNone, Port: 9096},
		{Name: "c", Port: 30000},
	}
	blocks := newListenerBlocks(args)

	var ranges []eventgateway.ListenerPort
	for _, block := range blocks {
		ranges = append(ranges, block.listenerPort())
	}
	assert.Equal(t, []eventgateway.ListenerPort{"9092-9095", "9096-9098", "30000-30003"}, ranges)
	assert.Equal(t, []string{"h:9093", "h:9094", "h:9095"}, blocks[0].brokerAddresses("h"))
	assert.Equal(t, "h:9092", blocks[0].bootstrapServers("h"))
	assert.Equal(t, "h:9096,h:9097,h:9098", blocks[1].bootstrapServers("h"))

	var names []string
	for _, port := range servicePorts([]listenerBlock{blocks[1], blocks[0]}) {
		names = append(names, port.Name)
		assert.Equal(t, port.Port, port.TargetPort.IntValue())
	}
	assert.Equal(t, []string{"kafka", "broker-9093", "broker-9094", "broker-9095",
		"broker-9096", "broker-9097", "broker-9098"}, names, "in port order, whatever the order of the clusters")
}

// TestListenerBlocksDependOnlyOnTheirCluster: every virtual cluster keeps its block, Service ports and broker
// addresses when another is added first, removed, or the list is reordered.
func TestListenerBlocksDependOnlyOnTheirCluster(t *testing.T) {
	orders := VirtualClusterArgs{Name: "orders"}
	payments := VirtualClusterArgs{Name: "payments", Port: 9100}
	audit := VirtualClusterArgs{Name: "audit", Port: 9200, BootstrapPort: eventgateway.BootstrapPortNone}
	layout := func(vcs ...VirtualClusterArgs) map[string][]string {
		args := seedArgs()
		args.VirtualClusters = vcs
		require.NoError(t, args.Validate("example"))
		blocks := newListenerBlocks(args)
		ports := map[int]bool{}
		for _, port := range servicePorts(blocks) {
			ports[port.Port] = true
		}
		got := map[string][]string{}
		for i, block := range blocks {
			got[vcs[i].Name] = append([]string{string(block.listenerPort()), block.bootstrapServers("h")},
				block.brokerAddresses("h")...)
			for port := block.first; port <= block.last(); port++ {
				got[vcs[i].Name] = append(got[vcs[i].Name], fmt.Sprintf("service port %d: %t", port, ports[port]))
			}
		}
		return got
	}
	before := layout(orders, payments)
	for _, after := range []map[string][]string{
		layout(audit, orders, payments),
		layout(payments, orders),
		layout(payments, audit),
	} {
		for name, want := range before {
			if got, ok := after[name]; ok {
				assert.Equal(t, want, got, name)
			}
		}
	}
}

func TestFirstServicePortIsNamedKafkaEvenWithoutBootstrap(t *testing.T) {
	ports := servicePorts([]listenerBlock{{first: 9092, brokerCount: 2}})
	assert.Equal(t, "kafka", ports[0].Name, "replaces the operator's own kafka port")
	assert.Equal(t, "broker-9093", ports[1].Name)
}

func TestKubernetesName(t *testing.T) {
	for in, want := range map[string]string{
		"example_virtual_cluster": "example-virtual-cluster",
		"Team A / Orders":         "team-a-orders",
		"__x__":                   "x",
		"日本":                      "",
		"already-fine-1":          "already-fine-1",
	} {
		assert.Equal(t, want, kubernetesName(in), in)
	}
}
