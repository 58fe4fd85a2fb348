package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"strings"
	"unicode"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"k8s.io/apimachinery/pkg/api/resource"
)

// validateNames checks that the component name yields valid Kubernetes names and that no two virtual clusters
// share one; longestSuffix is the longest suffix the pattern adds to a virtual cluster's name.
func validateNames(p *problems, component string, virtualClusters []VirtualClusterArgs, longestSuffix string) {
	names := newObjectNames(component, virtualClusters)
	service := names.DataPlaneService()
	if !dns1035LabelPattern.MatchString(kubernetesName(component)) || len(service) > 63 {
		p.add("name", "%q must give Kubernetes names starting with a letter, with the Service name %q at most 63 "+
			"characters", component, service)
	}
	usedBy := map[string]int{}
	for i, vc := range virtualClusters {
		if kubernetesName(vc.Name) == "" {
			continue
		}
		vcName := names.VirtualClusters[i]
		if j, used := usedBy[vcName]; used {
			p.add(field("virtualClusters[%d].name", i), "%q gives the Kubernetes name %q, as virtualClusters[%d].name "+
				"%q does", vc.Name, vcName, j, virtualClusters[j].Name)
			continue
		}
		usedBy[vcName] = i
		checkLength(p, field("virtualClusters[%d].name", i), vcName+longestSuffix, 253)
	}
}

// validateNamespace checks the namespace holding every object.
func validateNamespace(p *problems, namespace string) {
	checkLength(p, "namespace", namespace, 63)
	checkPattern(p, "namespace", namespace, dnsLabelPattern)
}

// validateKonnect checks the token and the server URL, never echoing the token.
func validateKonnect(p *problems, konnect KonnectArgs) {
	// A token known at preview is checked here; a secret or another resource's output reaches the
	// component as an Output, and the operator checks it.
	token, known := konnect.Token.(pulumi.String)
	if konnect.Token == nil {
		checkRequired(p, "konnect.token", "")
	} else if known && checkRequired(p, "konnect.token", string(token)) &&
		!strings.HasPrefix(string(token), "kpat_") && !strings.HasPrefix(string(token), "spat_") {
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
