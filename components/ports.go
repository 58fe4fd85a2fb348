package components

import (
	"cmp"
	"net"
	"slices"
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
}

// newListenerBlocks places each virtual cluster's block at its Port, or at BasePort for the one virtual cluster
// that leaves Port unset. A block depends only on its own virtual cluster and the gateway's fixed inputs, never on
// the other virtual clusters or their order, so adding, removing or reordering one never moves another's ports.
func newListenerBlocks(args PortMappedGatewayArgs) []listenerBlock {
	blocks := make([]listenerBlock, 0, len(args.VirtualClusters))
	for _, vc := range args.VirtualClusters {
		blocks = append(blocks, listenerBlock{
			first:       valueOr(vc.Port, args.basePort()),
			bootstrap:   vc.bootstrapPort() == eventgateway.BootstrapPortAtStart,
			brokerCount: args.BackendCluster.BrokerCount,
		})
	}
	return blocks
}

// consecutiveFirstPort is where virtual cluster i's block starts when each block without Port follows the previous
// one, as earlier versions placed them: the port that keeps what such a version deployed.
func consecutiveFirstPort(args PortMappedGatewayArgs, blocks []listenerBlock, i int) int {
	next := args.basePort()
	for j := range i {
		first := valueOr(args.VirtualClusters[j].Port, next)
		next = first + blocks[j].size()
	}
	return next
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

// brokerPort is the port of the n-th broker in broker-id order.
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

// servicePorts lists one Service port per listener port, in port order. The lowest is named "kafka" so it
// replaces the operator's default {kafka, 9092} port and the Service ends up with exactly these ports; the others
// are named after their role and number, bootstrap-<port> or broker-<port>, so no name depends on the order of the
// virtual clusters either.
func servicePorts(blocks []listenerBlock) []eventgateway.ServicePort {
	type role struct {
		port int
		name string
	}
	var roles []role
	for _, block := range blocks {
		if block.bootstrap {
			roles = append(roles, role{block.first, "bootstrap"})
		}
		for n := range block.brokerCount {
			roles = append(roles, role{block.brokerPort(n), "broker"})
		}
	}
	slices.SortFunc(roles, func(a, b role) int { return cmp.Compare(a.port, b.port) })
	ports := make([]eventgateway.ServicePort, 0, len(roles))
	for i, r := range roles {
		name := r.name + "-" + strconv.Itoa(r.port)
		if i == 0 {
			name = kafkaServicePortName
		}
		ports = append(ports, servicePort(name, r.port))
	}
	return ports
}
