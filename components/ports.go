package components

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// listenerBlock is the contiguous block of ports one virtual cluster's listener opens: with a bootstrap port
// first when bootstrapPort is at_start, then one port per broker in broker-id order.
type listenerBlock struct {
	first       int
	bootstrap   bool
	brokerCount int
	minBrokerID int
}

// newListenerBlocks places each virtual cluster's block at its Port, or right after the previous block.
func newListenerBlocks(args PortMappedGatewayArgs) []listenerBlock {
	next := args.basePort()
	blocks := make([]listenerBlock, 0, len(args.VirtualClusters))
	for _, vc := range args.VirtualClusters {
		block := listenerBlock{
			first:       next,
			bootstrap:   vc.bootstrapPort() == eventgateway.BootstrapPortAtStart,
			brokerCount: args.BackendCluster.BrokerCount,
			minBrokerID: args.BackendCluster.MinBrokerID,
		}
		if vc.Port != 0 {
			block.first = vc.Port
		}
		blocks = append(blocks, block)
		next = block.last() + 1
	}
	return blocks
}

// size is the number of ports in the block.
func (b listenerBlock) size() int {
	if b.bootstrap {
		return b.brokerCount + 1
	}
	return b.brokerCount
}

// last is the block's highest port.
func (b listenerBlock) last() int {
	return b.first + b.size() - 1
}

// listenerPort is the block as the listener's port range, such as "9092-9095".
func (b listenerBlock) listenerPort() eventgateway.ListenerPort {
	return eventgateway.PortRange(b.first, b.last())
}

// brokerPort is the port of the n-th broker (broker id minBrokerID+n).
func (b listenerBlock) brokerPort(n int) int {
	if b.bootstrap {
		return b.first + 1 + n
	}
	return b.first + n
}

// overlaps reports whether the two blocks share a port.
func (b listenerBlock) overlaps(other listenerBlock) bool {
	return b.first <= other.last() && other.first <= b.last()
}

// contains reports whether port is in the block.
func (b listenerBlock) contains(port int) bool {
	return b.first <= port && port <= b.last()
}

// bootstrapServers is what a Kafka client's bootstrap.servers should be: the bootstrap port, or every broker when
// the block has none.
func (b listenerBlock) bootstrapServers(host string) string {
	if b.bootstrap {
		return net.JoinHostPort(host, strconv.Itoa(b.first))
	}
	return strings.Join(b.brokerAddresses(host), ",")
}

// brokerAddresses are the advertised host:port of every broker, in broker-id order.
func (b listenerBlock) brokerAddresses(host string) []string {
	addresses := make([]string, b.brokerCount)
	for n := range addresses {
		addresses[n] = net.JoinHostPort(host, strconv.Itoa(b.brokerPort(n)))
	}
	return addresses
}

// servicePorts lists one Service port per listener port, block by block. The first port is named "kafka" so it
// replaces the operator's default {kafka, 9092} port and the Service ends up with exactly these ports. The others
// are named after their role: kafka-broker-<id> for the first virtual cluster, vc<i>-bootstrap and
// vc<i>-broker-<id> for virtual cluster i.
func servicePorts(blocks []listenerBlock) []eventgateway.ServicePort {
	var ports []eventgateway.ServicePort
	add := func(name string, port int) {
		if len(ports) == 0 {
			name = kafkaServicePortName
		}
		ports = append(ports, servicePort(name, port))
	}
	for i, block := range blocks {
		prefix := fmt.Sprintf("vc%d-", i)
		if i == 0 {
			prefix = "kafka-"
		}
		if block.bootstrap {
			add(prefix+"bootstrap", block.first)
		}
		for n := range block.brokerCount {
			add(prefix+"broker-"+strconv.Itoa(block.minBrokerID+n), block.brokerPort(n))
		}
	}
	return ports
}
