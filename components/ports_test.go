package components

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

func TestListenerBlocks(t *testing.T) {
	args := seedArgs()
	args.BackendCluster.MinBrokerID = 10
	args.VirtualClusters = []VirtualClusterArgs{
		{Name: "a"},
		{Name: "b", BootstrapPort: eventgateway.BootstrapPortNone},
		{Name: "c", Port: 30000},
		{Name: "d"},
	}
	blocks := newListenerBlocks(args)

	var ranges []eventgateway.ListenerPort
	for _, block := range blocks {
		ranges = append(ranges, block.listenerPort())
	}
	assert.Equal(t, []eventgateway.ListenerPort{"9092-9095", "9096-9098", "30000-30003", "30004-30007"}, ranges)
	assert.Equal(t, []string{"h:9093", "h:9094", "h:9095"}, blocks[0].brokerAddresses("h"))
	assert.Equal(t, "h:9092", blocks[0].bootstrapServers("h"))
	assert.Equal(t, "h:9096,h:9097,h:9098", blocks[1].bootstrapServers("h"))

	var names []string
	for _, port := range servicePorts(blocks[:2]) {
		names = append(names, port.Name)
		assert.Equal(t, port.Port, port.TargetPort.IntValue())
	}
	assert.Equal(t, []string{"kafka", "kafka-broker-10", "kafka-broker-11", "kafka-broker-12",
		"vc1-broker-10", "vc1-broker-11", "vc1-broker-12"}, names)
}

func TestFirstServicePortIsNamedKafkaEvenWithoutBootstrap(t *testing.T) {
	ports := servicePorts([]listenerBlock{{first: 9092, brokerCount: 2}})
	assert.Equal(t, "kafka", ports[0].Name, "replaces the operator's own kafka port")
	assert.Equal(t, "kafka-broker-1", ports[1].Name)
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
