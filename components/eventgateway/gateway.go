package eventgateway

import (
	"encoding/json"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// GatewayAPIGroup is the API group of the Kubernetes Gateway API.
const GatewayAPIGroup = "gateway.networking.k8s.io"

// GatewayAPIVersion is the Gateway API version of Gateway.
const GatewayAPIVersion = GatewayAPIGroup + "/v1"

// gatewayKind has no readiness condition to wait for: Gateway controllers differ too much; wait for what is needed
// instead, such as GatewayAddressWaitFor.
var gatewayKind = kind{GatewayAPIVersion, "Gateway", ""}

// GatewayAddressWaitFor is the pulumi.com/waitFor value that makes Pulumi wait until a Gateway controller reports
// the Gateway's first address.
const GatewayAddressWaitFor = "jsonpath={.status.addresses[0].value}"

// GatewaySpec is the spec of a Gateway API Gateway, limited to what a Kafka edge needs.
type GatewaySpec struct {
	GatewayClassName string            `json:"gatewayClassName" pulumi:"gatewayClassName"`
	Listeners        []GatewayListener `json:"listeners" pulumi:"listeners"`
}

// GatewayProtocol is the protocol of a Gateway listener.
type GatewayProtocol string

// GatewayProtocolTLS is a TLS listener: it routes TLSRoutes by server name.
const GatewayProtocolTLS GatewayProtocol = "TLS"

// GatewayListener is one port of a Gateway.
type GatewayListener struct {
	// Name is the listener's section name; routes attach to it by this name.
	Name string `json:"name" pulumi:"name"`
	// Hostname limits the listener to matching server names; empty accepts all.
	Hostname      string            `json:"hostname,omitempty" pulumi:"hostname,optional"`
	Port          int               `json:"port" pulumi:"port"`
	Protocol      GatewayProtocol   `json:"protocol" pulumi:"protocol"`
	TLS           *GatewayTLSConfig `json:"tls,omitempty" pulumi:"tls,optional"`
	AllowedRoutes *AllowedRoutes    `json:"allowedRoutes,omitempty" pulumi:"allowedRoutes,optional"`
}

// GatewayTLSMode says whether a Gateway terminates TLS or passes it through.
type GatewayTLSMode string

// Values of GatewayTLSMode.
const (
	// GatewayTLSPassthrough forwards the encrypted stream; the backend terminates TLS.
	GatewayTLSPassthrough GatewayTLSMode = "Passthrough"
	// GatewayTLSTerminate terminates TLS at the Gateway.
	GatewayTLSTerminate GatewayTLSMode = "Terminate"
)

// GatewayTLSConfig is a listener's TLS mode.
type GatewayTLSConfig struct {
	Mode GatewayTLSMode `json:"mode" pulumi:"mode"`
}

// AllowedRoutes limits which routes may attach to a listener.
type AllowedRoutes struct {
	Namespaces *RouteNamespaces `json:"namespaces,omitempty" pulumi:"namespaces,optional"`
	Kinds      []RouteGroupKind `json:"kinds,omitempty" pulumi:"kinds,optional"`
}

// FromNamespaces says from which namespaces routes may attach.
type FromNamespaces string

// Values of FromNamespaces.
const (
	FromSameNamespace FromNamespaces = "Same"
	FromAllNamespaces FromNamespaces = "All"
)

// RouteNamespaces selects the namespaces routes may attach from.
type RouteNamespaces struct {
	From FromNamespaces `json:"from" pulumi:"from"`
}

// RouteGroupKind is a route kind; an empty Group is the Gateway API group.
type RouteGroupKind struct {
	Group string `json:"group,omitempty" pulumi:"group,optional"`
	Kind  string `json:"kind" pulumi:"kind"`
}

// GatewayStatus is the part of a Gateway's status this package reads.
type GatewayStatus struct {
	// Addresses are where the Gateway accepts traffic, as the controller reports them.
	Addresses []GatewayStatusAddress `json:"addresses,omitempty"`
}

// GatewayStatusAddress is one reported address: Type IPAddress or Hostname, and its Value.
type GatewayStatusAddress struct {
	Type  string `json:"type,omitempty"`
	Value string `json:"value"`
}

// NewGateway registers a Gateway (gateway.networking.k8s.io/v1).
func NewGateway(ctx *pulumi.Context, name string, meta Metadata, spec GatewaySpec,
	opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, gatewayKind, meta, spec, opts...)
}

// GatewayAddress is the first address the controller reported in gateway's status when Pulumi last read it, or ""
// when there was none. Annotate the Gateway with pulumi.com/waitFor: GatewayAddressWaitFor to have one.
func GatewayAddress(gateway *apiextensions.CustomResource) pulumi.StringOutput {
	return gateway.OtherFields.ApplyT(func(fields map[string]any) (string, error) {
		raw, err := json.Marshal(fields["status"])
		if err != nil {
			return "", err
		}
		var status GatewayStatus
		if err := json.Unmarshal(raw, &status); err != nil {
			return "", err
		}
		if len(status.Addresses) == 0 {
			return "", nil
		}
		return status.Addresses[0].Value, nil
	}).(pulumi.StringOutput)
}
