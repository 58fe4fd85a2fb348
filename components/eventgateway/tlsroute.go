package eventgateway

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// TLSRouteVersion is a Gateway API version serving TLSRoute; Gateway controllers support different ones.
type TLSRouteVersion string

// Values of TLSRouteVersion.
const (
	TLSRouteV1       TLSRouteVersion = "v1"
	TLSRouteV1Alpha2 TLSRouteVersion = "v1alpha2"
	TLSRouteV1Alpha3 TLSRouteVersion = "v1alpha3"
)

// TLSRouteSpec is the spec of a TLSRoute: connections whose server name matches Hostnames go to the backends.
type TLSRouteSpec struct {
	ParentRefs []ParentReference `json:"parentRefs" pulumi:"parentRefs"`
	// Hostnames are server names, each precise or with a leading "*." label.
	Hostnames []string `json:"hostnames" pulumi:"hostnames"`
	// Rules holds exactly one rule.
	Rules []TLSRouteRule `json:"rules" pulumi:"rules"`
}

// ParentReference attaches a route to a Gateway listener.
type ParentReference struct {
	Name string `json:"name" pulumi:"name"`
	// Namespace defaults to the route's.
	Namespace string `json:"namespace,omitempty" pulumi:"namespace,optional"`
	// SectionName is the Gateway listener's name.
	SectionName string `json:"sectionName,omitempty" pulumi:"sectionName,optional"`
}

// TLSRouteRule forwards matching connections to its backends.
type TLSRouteRule struct {
	BackendRefs []BackendRef `json:"backendRefs" pulumi:"backendRefs"`
}

// BackendRef is a Service port in the route's namespace.
type BackendRef struct {
	Name string `json:"name" pulumi:"name"`
	Port int    `json:"port" pulumi:"port"`
}

// NewTLSRoute registers a TLSRoute (gateway.networking.k8s.io/<version>).
func NewTLSRoute(ctx *pulumi.Context, name string, version TLSRouteVersion, meta Metadata, spec TLSRouteSpec,
	opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, kind{GatewayAPIGroup + "/" + string(version), "TLSRoute", ""}, meta, spec, opts...)
}
