package components

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// FieldError is one invalid argument. Validate returns every FieldError of the arguments joined with errors.Join,
// each as a *FieldError: range over the errors of an error with Unwrap() []error, or collect them with FieldErrors.
// Its Field is "name" for the component name.
type FieldError = validate.FieldError

// FieldErrors returns every *FieldError in err's tree, in order; nil when there is none.
func FieldErrors(err error) []*FieldError {
	return validate.FieldErrors(err)
}

// validateNames checks that the component name yields valid Kubernetes names and that no two virtual clusters
// share one; longestSuffix is the longest suffix the pattern adds to a virtual cluster's name.
func validateNames(p *validate.Problems, component string, virtualClusters []VirtualClusterArgs, longestSuffix string) {
	names := newObjectNames(component, virtualClusters)
	service := names.DataPlaneService()
	if validate.DNS1035Label(kubernetesName(component)) != "" || len(service) > 63 {
		p.Add("name", "%q must give Kubernetes names starting with a letter, with the Service name %q at most 63 "+
			"characters", component, service)
	}
	usedBy := map[string]validate.Path{}
	for i, vc := range virtualClusters {
		if kubernetesName(vc.Name) == "" {
			continue
		}
		path := validate.Path("virtualClusters").Index(i).Field("name")
		if first, used := usedBy[names.VirtualClusters[i]]; used {
			p.Add(path, "%q gives the Kubernetes name %q, as %s does", vc.Name, names.VirtualClusters[i], first)
			continue
		}
		usedBy[names.VirtualClusters[i]] = path
		p.Check(path, validate.MaxLength(names.VirtualClusters[i]+longestSuffix, 253))
	}
}

// validateKonnect checks the token and the server URL, never echoing the token.
func validateKonnect(p *validate.Problems, konnect KonnectArgs) {
	// A token known at preview is checked here; a secret or another resource's output reaches the
	// component as an Output, and the operator checks it.
	token, known := konnect.Token.(pulumi.String)
	if konnect.Token == nil || known && token == "" {
		p.Check("konnect.token", validate.Required(""))
	} else if known {
		p.Check("konnect.token", validate.KonnectToken(string(token)))
	}
	p.Check("konnect.serverURL", validate.Required(konnect.ServerURL), validate.KonnectServerURL(konnect.ServerURL))
	p.Check("konnect.apiURL", validate.HTTPURL(konnect.APIURL))
}

// validateGateway checks the Konnect description of the gateway.
func validateGateway(p *validate.Problems, gateway GatewayArgs) {
	p.KonnectEntity("gateway", gateway.Name, gateway.Description, "konnectLabels", gateway.KonnectLabels)
	p.Check("gateway.minRuntimeVersion", validate.Version(gateway.MinRuntimeVersion))
}

// validateDataPlane checks the data-plane options.
func validateDataPlane(p *validate.Problems, dataPlane DataPlaneArgs) {
	if dataPlane.Replicas != nil {
		p.Check("dataPlane.replicas", validate.AtLeast(*dataPlane.Replicas, 0))
	}
	if strings.ContainsFunc(dataPlane.Image, unicode.IsSpace) {
		p.Add("dataPlane.image", "%q must not contain spaces", dataPlane.Image)
	}
	if dataPlane.Resources != nil {
		validateQuantities(p, "dataPlane.resources.requests", dataPlane.Resources.Requests)
		validateQuantities(p, "dataPlane.resources.limits", dataPlane.Resources.Limits)
	}
	p.QualifiedNames("dataPlane.serviceAnnotations", dataPlane.ServiceAnnotations)
	p.Check("dataPlane.externalTrafficPolicy", validate.OneOf(dataPlane.ExternalTrafficPolicy,
		eventgateway.TrafficPolicyCluster, eventgateway.TrafficPolicyLocal))
	if _, ok := dataPlane.healthPort(); !ok {
		p.Add("dataPlane.config.runtime.healthListenerAddressPort", "%q must end in :<port>",
			dataPlane.Config.Runtime.HealthListenerAddressPort)
	}
}

// validateQuantities checks resource names and quantities such as {"cpu": "500m"}.
func validateQuantities(p *validate.Problems, path validate.Path, quantities map[string]string) {
	p.QualifiedNames(path, quantities)
	for _, name := range slices.Sorted(maps.Keys(quantities)) {
		if _, err := resource.ParseQuantity(quantities[name]); err != nil {
			p.Add(path.Key(name), "%q is not a quantity", quantities[name])
		}
	}
}
