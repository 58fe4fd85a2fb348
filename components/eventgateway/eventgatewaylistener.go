package eventgateway

import (
	"strconv"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var eventGatewayListenerKind = kind{ConfigurationAPIVersion, "EventGatewayListener", ConditionProgrammed}

// EventGatewayListenerSpec is the spec of an EventGatewayListener: the addresses and ports the data plane opens.
type EventGatewayListenerSpec struct {
	GatewayRef ObjectRef       `json:"gatewayRef" pulumi:"gatewayRef"`
	APISpec    ListenerAPISpec `json:"apiSpec" pulumi:"apiSpec"`
}

// ListenerAPISpec is the Konnect body of a listener.
type ListenerAPISpec struct {
	Name        string            `json:"name" pulumi:"name"`
	Description string            `json:"description,omitempty" pulumi:"description,optional"`
	Labels      map[string]string `json:"labels,omitempty" pulumi:"labels,optional"`
	// Addresses to bind; 0.0.0.0 or :: must be the only entry when used.
	Addresses []string       `json:"addresses" pulumi:"addresses"`
	Ports     []ListenerPort `json:"ports" pulumi:"ports"`
}

// ListenerPort is one port ("9092") or an inclusive range ("9092-9095"); the CRD also accepts a bare integer.
type ListenerPort string

// SinglePort returns the ListenerPort for port.
func SinglePort(port int) ListenerPort {
	return ListenerPort(strconv.Itoa(port))
}

// PortRange returns the ListenerPort for first..last, or a single port when they are equal.
func PortRange(first, last int) ListenerPort {
	if first == last {
		return SinglePort(first)
	}
	return ListenerPort(strconv.Itoa(first) + "-" + strconv.Itoa(last))
}

// AllAddresses is the listener address that binds every IPv4 interface.
const AllAddresses = "0.0.0.0"

// NewEventGatewayListener registers an EventGatewayListener (configuration.konghq.com/v1alpha1).
func NewEventGatewayListener(ctx *pulumi.Context, name string, meta Metadata, spec EventGatewayListenerSpec,
	opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, eventGatewayListenerKind, meta, spec, opts...)
}
