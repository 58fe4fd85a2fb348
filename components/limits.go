package components

import (
	"math"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// Limits on the counts a gateway's host names, ports, objects and outputs are derived from. Validate checks them
// first and derives nothing from counts beyond them.
const (
	// MaxBrokerID is the highest broker id: Kafka's node.id is a 32-bit signed integer.
	MaxBrokerID = math.MaxInt32
	// MaxBrokers is the most brokers of a backend cluster: each one gets a host name under SNI (in the outputs and,
	// with shared_suffix, in the TLSRoute, whose 1024 host names at most must hold them and the bootstrap's) and a
	// listener port under port mapping (where the Service's 64 ports bound it further).
	MaxBrokers = 1000
	// MaxVirtualClusters is the most virtual clusters of one gateway: each is four to six Kubernetes and Konnect
	// objects (port mapping fits at most 32 in a Service's 64 ports).
	MaxVirtualClusters = 500
)

// validateCounts checks the broker count, the broker id range and the number of virtual clusters, and reports
// whether anything can be derived from them: counts below their minimum are reported but harmless, counts beyond
// the limits are not.
func validateCounts(p *validate.Problems, backend BackendClusterArgs, virtualClusters int) bool {
	brokers, minID := validate.Path("backendCluster.brokerCount"), validate.Path("backendCluster.minBrokerID")
	p.Check(brokers, validate.AtLeast(backend.BrokerCount, 1))
	p.Check(minID, validate.AtLeast(backend.MinBrokerID, 0))
	derivable := p.Check(brokers, validate.AtMost(backend.BrokerCount, MaxBrokers)) &&
		p.Check(minID, validate.AtMost(backend.MinBrokerID, MaxBrokerID))
	if derivable && backend.MinBrokerID > MaxBrokerID-max(backend.BrokerCount-1, 0) {
		p.Add(minID, "%d with %d brokers gives broker ids up to %d, beyond Kafka's highest, %d",
			backend.MinBrokerID, backend.BrokerCount, backend.MinBrokerID+backend.BrokerCount-1, MaxBrokerID)
		derivable = false
	}
	return p.Check("virtualClusters", validate.MaxEntries(virtualClusters, MaxVirtualClusters)) && derivable
}
