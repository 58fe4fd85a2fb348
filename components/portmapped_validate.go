package components

import (
	"strings"
	"unicode"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"k8s.io/apimachinery/pkg/api/resource"
)

// maxServicePorts is the most ports a KegDataPlane Service takes.
const maxServicePorts = 64

// validatePortMappedGateway checks every argument, the names derived from them and the port layout, and returns
// all problems joined, each naming its field.
func validatePortMappedGateway(component string, args PortMappedGatewayArgs, names objectNames,
	blocks []listenerBlock,
) error {
	var p problems
	validateNames(&p, component, args, names)
	validateKonnect(&p, args.Konnect)
	checkRequired(&p, "advertisedHost", args.AdvertisedHost)
	checkLength(&p, "advertisedHost", args.AdvertisedHost, 253)
	if args.AdvertisedHost != "" {
		checkPattern(&p, "advertisedHost", args.AdvertisedHost, advertisedHostPattern)
	}
	checkLength(&p, "namespace", args.namespace(), 63)
	checkPattern(&p, "namespace", args.namespace(), dnsLabelPattern)
	checkKubernetesLabels(&p, "labels", args.Labels)
	validateGateway(&p, args.gateway())
	checkPort(&p, "basePort", args.basePort())
	validateBackendCluster(&p, args.BackendCluster)
	validateVirtualClusters(&p, args)
	validatePorts(&p, args, blocks)
	validateDataPlane(&p, args.dataPlane())
	return p.err()
}

// validateNames checks that the component name yields valid Kubernetes names and that no two virtual clusters
// share one.
func validateNames(p *problems, component string, args PortMappedGatewayArgs, names objectNames) {
	service := names.DataPlaneService()
	if !dns1035LabelPattern.MatchString(kubernetesName(component)) || len(service) > 63 {
		p.add("name", "%q must give Kubernetes names starting with a letter, with the Service name %q at most 63 "+
			"characters", component, service)
	}
	usedBy := map[string]int{}
	for i, vc := range args.VirtualClusters {
		if kubernetesName(vc.Name) == "" {
			continue
		}
		vcNames := names.VirtualClusters[i]
		if j, used := usedBy[vcNames.VirtualCluster]; used {
			p.add(field("virtualClusters[%d].name", i), "%q gives the Kubernetes name %q, as virtualClusters[%d].name "+
				"%q does", vc.Name, vcNames.VirtualCluster, j, args.VirtualClusters[j].Name)
			continue
		}
		usedBy[vcNames.VirtualCluster] = i
		checkLength(p, field("virtualClusters[%d].name", i), vcNames.ListenerPolicy, 253)
	}
}

// validateKonnect checks the token and the server URL, never echoing the token.
func validateKonnect(p *problems, konnect KonnectArgs) {
	if checkRequired(p, "konnect.token", konnect.Token) &&
		!strings.HasPrefix(konnect.Token, "kpat_") && !strings.HasPrefix(konnect.Token, "spat_") {
		p.add("konnect.token", "must start with kpat_ or spat_")
	}
	checkServerURL(p, "konnect.serverURL", konnect.ServerURL)
}

// validateGateway checks the Konnect description of the gateway.
func validateGateway(p *problems, gateway GatewayArgs) {
	checkLength(p, "gateway.name", gateway.Name, 255)
	checkLength(p, "gateway.description", gateway.Description, 512)
	checkKonnectLabels(p, "gateway.konnectLabels", gateway.KonnectLabels)
	if gateway.MinRuntimeVersion != "" {
		checkPattern(p, "gateway.minRuntimeVersion", gateway.MinRuntimeVersion, minRuntimeVersionPattern)
	}
}

// validatePorts checks that every listener block lies in 1-65535, that no two blocks share a port, that none takes
// the data plane's health port, and that the Service stays within its port limit.
func validatePorts(p *problems, args PortMappedGatewayArgs, blocks []listenerBlock) {
	if args.BackendCluster.BrokerCount < 1 {
		return // reported by validateBackendCluster; the blocks are meaningless
	}
	healthPort, healthKnown := args.dataPlane().healthPort()
	total := 0
	for i, block := range blocks {
		portField := field("virtualClusters[%d].port", i)
		total += block.size()
		if block.first < 1 || block.last() > 65535 {
			p.add(portField, "listener ports %d-%d fall outside 1-65535", block.first, block.last())
			continue
		}
		for j := range i {
			if block.overlaps(blocks[j]) {
				p.add(portField, "listener ports %d-%d overlap virtualClusters[%d] ports %d-%d",
					block.first, block.last(), j, blocks[j].first, blocks[j].last())
			}
		}
		if healthKnown && block.contains(healthPort) {
			p.add(portField, "listener ports %d-%d include the data plane's health port %d",
				block.first, block.last(), healthPort)
		}
	}
	if total > maxServicePorts {
		p.add("virtualClusters", "need %d Service ports; a KegDataPlane Service takes at most %d", total, maxServicePorts)
	}
}

// validateDataPlane checks the data-plane options.
func validateDataPlane(p *problems, dataPlane DataPlaneArgs) {
	if dataPlane.Replicas != nil && *dataPlane.Replicas < 0 {
		p.add("dataPlane.replicas", "%d must not be negative", *dataPlane.Replicas)
	}
	if strings.ContainsFunc(dataPlane.Image, unicode.IsSpace) {
		p.add("dataPlane.image", "%q must not contain spaces", dataPlane.Image)
	}
	if dataPlane.Resources != nil {
		validateQuantities(p, "dataPlane.resources.requests", dataPlane.Resources.Requests)
		validateQuantities(p, "dataPlane.resources.limits", dataPlane.Resources.Limits)
	}
	checkAnnotationKeys(p, "dataPlane.serviceAnnotations", dataPlane.ServiceAnnotations)
	checkEnum(p, "dataPlane.externalTrafficPolicy", dataPlane.ExternalTrafficPolicy, true,
		eventgateway.TrafficPolicyCluster, eventgateway.TrafficPolicyLocal)
	if _, ok := dataPlane.healthPort(); !ok {
		p.add("dataPlane.config.runtime.healthListenerAddressPort", "%q must end in :<port>",
			dataPlane.Config.Runtime.HealthListenerAddressPort)
	}
}

// validateQuantities checks resource names and quantities such as {"cpu": "500m"}.
func validateQuantities(p *problems, field string, quantities map[string]string) {
	for _, name := range sortedKeys(quantities) {
		quantityField := field + "[" + quote(name) + "]"
		checkQualifiedName(p, quantityField, name)
		if _, err := resource.ParseQuantity(quantities[name]); err != nil {
			p.add(quantityField, "%q is not a quantity", quantities[name])
		}
	}
}
