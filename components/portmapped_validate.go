package components

import "github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"

// maxServicePorts is the most ports a KegDataPlane Service takes.
const maxServicePorts = 64

// Validate checks every argument of the PortMappedGateway called name, the names derived from them and the port
// layout, as NewPortMappedGateway does before registering anything. It returns nil, or every problem joined with
// errors.Join, each a *FieldError naming its field.
func (a PortMappedGatewayArgs) Validate(name string) error {
	var p validate.Problems
	if !validateCounts(&p, a.BackendCluster, len(a.VirtualClusters)) {
		return p.Err()
	}
	validateNames(&p, name, a.VirtualClusters, longestPortMappedVC)
	validateKonnect(&p, a.Konnect)
	switch fromLoadBalancer := a.AdvertisedHostFromLoadBalancer; {
	case fromLoadBalancer == nil && a.AdvertisedHost == "":
		p.Add("advertisedHost", "is required: the address clients reach the LoadBalancer on; or set "+
			"advertisedHostFromLoadBalancer to take the one the cloud assigns")
	case fromLoadBalancer != nil && a.AdvertisedHost != "":
		p.Add("advertisedHostFromLoadBalancer", "does not apply when advertisedHost is set: set one of them")
	case fromLoadBalancer != nil:
		p.Check("advertisedHostFromLoadBalancer.timeoutSeconds", validate.AtLeast(fromLoadBalancer.TimeoutSeconds, 0))
	default:
		p.Check("advertisedHost", validate.AdvertisedHost(a.AdvertisedHost))
	}
	p.Check("namespace", validate.DNSLabel(a.namespace()))
	p.KubernetesLabels("labels", a.Labels)
	validateGateway(&p, a.gateway())
	p.Check("basePort", validate.Port(a.basePort()))
	validateBackendCluster(&p, a.BackendCluster)
	validateVirtualClusters(&p, a.VirtualClusters, declared{
		registries: validateSchemaRegistries(&p, a.SchemaRegistries), staticKeys: validateStaticKeys(&p, a.StaticKeys),
	})
	validatePorts(&p, a, newListenerBlocks(a))
	validateDataPlane(&p, a.dataPlane())
	return p.Err()
}

// validatePorts checks that at most one virtual cluster leaves port unset (it takes basePort), that every listener
// block lies in 1-65535, that no two blocks share a port, that none takes the data plane's health port, and that the
// Service stays within its port limit.
func validatePorts(p *validate.Problems, args PortMappedGatewayArgs, blocks []listenerBlock) {
	if args.BackendCluster.BrokerCount < 1 {
		return // reported by validateCounts; the blocks are meaningless
	}
	healthPort, healthKnown := args.dataPlane().healthPort()
	total := 0
	atBase := -1 // the virtual cluster without port, which takes basePort
	placed := make([]bool, len(blocks))
	for i, block := range blocks {
		portField := validate.Path("virtualClusters").Index(i).Field("port")
		total += block.size()
		if args.VirtualClusters[i].Port == 0 {
			if atBase >= 0 {
				p.Add(portField, "required: only one virtual cluster takes basePort (%d, %s), so that no cluster's "+
					"ports depend on the others; set port: %d (where earlier versions placed %s)",
					block.first, args.VirtualClusters[atBase].Name, consecutiveFirstPort(args, blocks, i),
					args.VirtualClusters[i].Name)
				continue
			}
			atBase = i
		}
		placed[i] = true
		switch {
		case block.first < 1 || block.first > 65535:
			p.Add(portField, "%d falls outside 1-65535", block.first)
			continue
		case block.last() > 65535:
			p.Add(portField, "listener ports %d-%d fall outside 1-65535", block.first, block.last())
			continue
		}
		for j := range i {
			if placed[j] && block.overlaps(blocks[j]) {
				p.Add(portField, "listener ports %d-%d overlap virtualClusters[%d] ports %d-%d",
					block.first, block.last(), j, blocks[j].first, blocks[j].last())
			}
		}
		if healthKnown && block.contains(healthPort) {
			p.Add(portField, "listener ports %d-%d include the data plane's health port %d",
				block.first, block.last(), healthPort)
		}
	}
	if total > maxServicePorts {
		p.Add("virtualClusters", "need %d Service ports; a KegDataPlane Service takes at most %d", total, maxServicePorts)
	}
}
