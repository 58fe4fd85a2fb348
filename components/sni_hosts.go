package components

import (
	"slices"
	"strconv"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// clusterHosts are the host names Kong Event Gateway advertises for one virtual cluster under SNI routing.
type clusterHosts struct {
	// Bootstrap is the name clients bootstrap from.
	Bootstrap string
	// Brokers are the broker names in broker-id order.
	Brokers []string
	// perCluster is true under per_cluster_suffix: every name is one label below <dnsLabel><suffix>.
	perCluster bool
}

// newClusterHosts names the bootstrap and the brokers minBrokerID.. of the cluster labelled dnsLabel:
// per_cluster_suffix gives bootstrap.<dnsLabel><suffix> and broker-<id>.<dnsLabel><suffix>, shared_suffix gives
// bootstrap-<dnsLabel><suffix> and broker-<id>-<dnsLabel><suffix>.
func newClusterHosts(format eventgateway.BrokerHostFormatType, dnsLabel, suffix string,
	minBrokerID, brokerCount int,
) clusterHosts {
	hosts := clusterHosts{perCluster: format != eventgateway.BrokerHostSharedSuffix}
	base, separator := dnsLabel+suffix, "-"
	if hosts.perCluster {
		separator = "."
	}
	hosts.Bootstrap = "bootstrap" + separator + base
	for id := minBrokerID; id < minBrokerID+brokerCount; id++ {
		hosts.Brokers = append(hosts.Brokers, "broker-"+strconv.Itoa(id)+separator+base)
	}
	return hosts
}

// all lists the bootstrap name, then the broker names.
func (h clusterHosts) all() []string {
	return append([]string{h.Bootstrap}, h.Brokers...)
}

// routed lists the names the cluster's TLSRoute and DNS records use: the wildcard *.<dnsLabel><suffix> under
// per_cluster_suffix when it is valid, every name otherwise (a shared_suffix wildcard would take other clusters'
// names too).
func (h clusterHosts) routed() []string {
	if wildcard, ok := wildcardOf(h.Bootstrap); ok && h.perCluster {
		return []string{wildcard}
	}
	return h.all()
}

// wildcardOf returns the one-level wildcard matching host, "*." and its parent domain, when that parent has at
// least two labels (a wildcard right below a top-level domain is refused by CAs).
func wildcardOf(host string) (string, bool) {
	_, parent, found := strings.Cut(host, ".")
	if !found || !strings.Contains(parent, ".") {
		return "", false
	}
	return "*." + parent, true
}

// certificateNames covers hosts with as few subject alternative names as possible: one wildcard per parent domain
// where valid, the host itself otherwise, in first-use order.
func certificateNames(hosts []string) []string {
	var names []string
	for _, host := range hosts {
		name, ok := wildcardOf(host)
		if !ok {
			name = host
		}
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// covers reports whether a certificate name, precise or a one-level "*." wildcard, matches host.
func covers(name, host string) bool {
	name, host = strings.ToLower(name), strings.ToLower(host)
	if parent, wildcard := strings.CutPrefix(name, "*."); wildcard {
		_, hostParent, found := strings.Cut(host, ".")
		return found && hostParent == parent
	}
	return name == host
}

// uncoveredHosts lists the hosts that none of names covers.
func uncoveredHosts(hosts, names []string) []string {
	var uncovered []string
	for _, host := range hosts {
		if !slices.ContainsFunc(names, func(name string) bool { return covers(name, host) }) {
			uncovered = append(uncovered, host)
		}
	}
	return uncovered
}
