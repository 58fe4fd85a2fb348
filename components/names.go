package components

import (
	"strconv"
	"strings"
)

// objectNames are the Kubernetes names of the objects a component creates, all derived from the component name
// and the virtual clusters' Konnect names. They double as the Pulumi names of the child resources.
type objectNames struct {
	base              string
	TokenSecret       string
	AuthConfiguration string
	Gateway           string
	BackendCluster    string
	DataPlane         string
	// VirtualClusters are the EventGatewayVirtualCluster names in argument order; each prefixes the names of its
	// cluster's other objects.
	VirtualClusters []string
}

// newObjectNames derives every name from the component name and the virtual clusters' Konnect names.
func newObjectNames(component string, virtualClusters []VirtualClusterArgs) objectNames {
	base := kubernetesName(component)
	names := objectNames{
		base:              base,
		TokenSecret:       base + "-konnect-token",
		AuthConfiguration: base + "-konnect-auth",
		Gateway:           base + "-gateway",
		BackendCluster:    base + "-backend",
		DataPlane:         base + "-dp",
	}
	for _, vc := range virtualClusters {
		names.VirtualClusters = append(names.VirtualClusters, base+"-"+kubernetesName(vc.Name))
	}
	return names
}

// DataPlaneService is the name of the Service the operator creates for the KegDataPlane.
func (n objectNames) DataPlaneService() string {
	return n.DataPlane + "-kafka"
}

// Suffixes of the per-virtual-cluster names; the longest of a pattern bounds the virtual cluster names.
const (
	listenerSuffix      = "-listener"
	forwardSuffix       = "-forward"
	routeSuffix         = "-route"
	dnsEndpointSuffix   = "-dns"
	longestPortMappedVC = listenerSuffix
	longestSNIVC        = routeSuffix
)

// ClusterListener is the port-mapping listener of virtual cluster i.
func (n objectNames) ClusterListener(i int) string { return n.VirtualClusters[i] + listenerSuffix }

// ClusterForwardPolicy is the port-mapping forwarding policy of virtual cluster i.
func (n objectNames) ClusterForwardPolicy(i int) string { return n.VirtualClusters[i] + forwardSuffix }

// ClusterRoute is the SNI TLSRoute of virtual cluster i.
func (n objectNames) ClusterRoute(i int) string { return n.VirtualClusters[i] + routeSuffix }

// ClusterDNSEndpoint is the SNI DNSEndpoint of virtual cluster i.
func (n objectNames) ClusterDNSEndpoint(i int) string {
	return n.VirtualClusters[i] + dnsEndpointSuffix
}

// ClusterACLPolicy is the ACL policy of virtual cluster i.
func (n objectNames) ClusterACLPolicy(i int) string { return n.VirtualClusters[i] + "-acls" }

// ClusterConsumePolicy is consume policy j of virtual cluster i.
func (n objectNames) ClusterConsumePolicy(i, j int) string {
	return n.VirtualClusters[i] + "-consume-" + strconv.Itoa(j)
}

// ClusterProducePolicy is produce policy j of virtual cluster i.
func (n objectNames) ClusterProducePolicy(i, j int) string {
	return n.VirtualClusters[i] + "-produce-" + strconv.Itoa(j)
}

// SchemaRegistry is the EventGatewaySchemaRegistry of the registry called name in Konnect.
func (n objectNames) SchemaRegistry(name string) string {
	return n.base + "-registry-" + kubernetesName(name)
}

// SchemaRegistrySecret is the Secret holding the password of the registry called name in Konnect.
func (n objectNames) SchemaRegistrySecret(name string) string {
	return n.SchemaRegistry(name) + "-auth"
}

// StaticKey is the Pulumi name of the StaticKey resource of the key called name in the component.
func (n objectNames) StaticKey(name string) string { return n.base + "-key-" + kubernetesName(name) }

// TrustBundle is the Pulumi name of the TLSTrustBundle resource of the bundle called name in Konnect.
func (n objectNames) TrustBundle(name string) string {
	return n.base + "-trust-" + kubernetesName(name)
}

// KonnectProvider is the Pulumi name of the kong-event-gateway provider that manages the static keys.
func (n objectNames) KonnectProvider() string { return n.base + "-konnect" }

// Listener is the SNI pattern's single listener.
func (n objectNames) Listener() string { return n.base + listenerSuffix }

// TLSServerPolicy is the SNI listener's tlsServer policy.
func (n objectNames) TLSServerPolicy() string { return n.base + "-tls-server" }

// ForwardPolicy is the SNI listener's sni forwarding policy.
func (n objectNames) ForwardPolicy() string { return n.base + forwardSuffix }

// EdgeGateway is the Gateway API Gateway the SNI pattern creates.
func (n objectNames) EdgeGateway() string { return n.base + "-edge" }

// Certificate is the cert-manager Certificate of the SNI listener, and the Secret it writes.
func (n objectNames) Certificate() string { return n.base + "-tls" }

// kubernetesName lowercases s and turns every run of characters other than a-z and 0-9 into one "-", trimming
// dashes at both ends: "example_virtual_cluster" becomes "example-virtual-cluster".
func kubernetesName(s string) string {
	var b strings.Builder
	pendingDash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if pendingDash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			pendingDash = false
			continue
		}
		pendingDash = true
	}
	return b.String()
}
