package components

import "github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"

// DefaultBasePort is PortMappedGatewayArgs' first listener port.
const DefaultBasePort = 9092

// The methods below give each optional argument's effective value; validation and construction both use them.

func (a PortMappedGatewayArgs) namespace() string { return valueOr(a.Namespace, DefaultNamespace) }

func (a PortMappedGatewayArgs) basePort() int { return valueOr(a.BasePort, DefaultBasePort) }

func (a PortMappedGatewayArgs) waitForProgrammed() bool { return derefOr(a.WaitForProgrammed, true) }

func (a PortMappedGatewayArgs) gateway() GatewayArgs { return derefOr(a.Gateway, GatewayArgs{}) }

func (a PortMappedGatewayArgs) dataPlane() DataPlaneArgs {
	return derefOr(a.DataPlane, DataPlaneArgs{})
}

func (v VirtualClusterArgs) bootstrapPort() eventgateway.BootstrapPort {
	return valueOr(v.BootstrapPort, eventgateway.BootstrapPortAtStart)
}
