package components

import (
	"strconv"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// Defaults of PortMappedGatewayArgs.
const (
	DefaultNamespace = "kong"
	DefaultBasePort  = 9092
	// defaultHealthPort is the data plane's health listener port when Config does not move it.
	defaultHealthPort = 8080
)

// The methods below give each optional argument's effective value; validation and construction both use them.

func (a PortMappedGatewayArgs) namespace() string {
	if a.Namespace == "" {
		return DefaultNamespace
	}
	return a.Namespace
}

func (a PortMappedGatewayArgs) basePort() int {
	if a.BasePort == 0 {
		return DefaultBasePort
	}
	return a.BasePort
}

func (a PortMappedGatewayArgs) waitForProgrammed() bool {
	return a.WaitForProgrammed == nil || *a.WaitForProgrammed
}

func (a PortMappedGatewayArgs) gateway() GatewayArgs {
	if a.Gateway == nil {
		return GatewayArgs{}
	}
	return *a.Gateway
}

func (a PortMappedGatewayArgs) dataPlane() DataPlaneArgs {
	if a.DataPlane == nil {
		return DataPlaneArgs{}
	}
	return *a.DataPlane
}

// healthPort is the port of the data plane's health listener, which Kafka listeners must not take.
func (d DataPlaneArgs) healthPort() (int, bool) {
	if d.Config == nil || d.Config.Runtime == nil || d.Config.Runtime.HealthListenerAddressPort == "" {
		return defaultHealthPort, true
	}
	address := d.Config.Runtime.HealthListenerAddressPort
	port, err := strconv.Atoi(address[strings.LastIndex(address, ":")+1:])
	return port, err == nil
}

func (b BackendClusterArgs) authentication() eventgateway.BackendClusterAuthentication {
	if b.Authentication == nil {
		return eventgateway.AnonymousBackendAuth()
	}
	return *b.Authentication
}

func (b BackendClusterArgs) tls() eventgateway.BackendClusterTLS {
	if b.TLS == nil {
		return eventgateway.BackendClusterTLS{Enabled: eventgateway.Disabled}
	}
	return *b.TLS
}

func (v VirtualClusterArgs) dnsLabel() string {
	if v.DNSLabel == "" {
		return kubernetesName(v.Name)
	}
	return v.DNSLabel
}

func (v VirtualClusterArgs) aclMode() eventgateway.ACLMode {
	if v.ACLMode == "" {
		return eventgateway.ACLModePassthrough
	}
	return v.ACLMode
}

func (v VirtualClusterArgs) authentication() []eventgateway.VirtualClusterAuthentication {
	if len(v.Authentication) == 0 {
		return []eventgateway.VirtualClusterAuthentication{eventgateway.AnonymousClientAuth()}
	}
	return v.Authentication
}

func (v VirtualClusterArgs) bootstrapPort() eventgateway.BootstrapPort {
	if v.BootstrapPort == "" {
		return eventgateway.BootstrapPortAtStart
	}
	return v.BootstrapPort
}

// allowsAnonymous reports whether any virtual cluster lets clients in anonymously, which the backend cluster
// must allow.
func (a PortMappedGatewayArgs) allowsAnonymous() bool {
	for _, vc := range a.VirtualClusters {
		for _, auth := range vc.authentication() {
			if auth.Type == eventgateway.VirtualClusterAuthAnonymous {
				return true
			}
		}
	}
	return false
}
