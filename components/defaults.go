package components

import (
	"strconv"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// DefaultNamespace holds every object when the arguments name no namespace.
const DefaultNamespace = "kong"

// defaultHealthPort is the data plane's health listener port when Config does not move it.
const defaultHealthPort = 8080

// The functions and methods below give the effective value of optional arguments both patterns share.

// valueOr returns value, or fallback when value is the zero value.
func valueOr[T comparable](value, fallback T) T {
	var zero T
	if value == zero {
		return fallback
	}
	return value
}

// derefOr returns *value, or fallback when value is nil.
func derefOr[T any](value *T, fallback T) T {
	if value == nil {
		return fallback
	}
	return *value
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
	return derefOr(b.Authentication, eventgateway.AnonymousBackendAuth())
}

func (b BackendClusterArgs) tls() eventgateway.BackendClusterTLS {
	return derefOr(b.TLS, eventgateway.BackendClusterTLS{Enabled: eventgateway.Disabled})
}

func (v VirtualClusterArgs) dnsLabel() string { return valueOr(v.DNSLabel, kubernetesName(v.Name)) }

func (v VirtualClusterArgs) aclMode() eventgateway.ACLMode {
	return valueOr(v.ACLMode, eventgateway.ACLModePassthrough)
}

func (v VirtualClusterArgs) authentication() []eventgateway.VirtualClusterAuthentication {
	if len(v.Authentication) == 0 {
		return []eventgateway.VirtualClusterAuthentication{eventgateway.AnonymousClientAuth()}
	}
	return v.Authentication
}

// allowsAnonymous reports whether any virtual cluster lets clients in anonymously, which the backend cluster
// must allow.
func allowsAnonymous(virtualClusters []VirtualClusterArgs) bool {
	for _, vc := range virtualClusters {
		for _, auth := range vc.authentication() {
			if auth.Type == eventgateway.VirtualClusterAuthAnonymous {
				return true
			}
		}
	}
	return false
}
