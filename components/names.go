package components

import "strings"

// objectNames are the Kubernetes names of the objects a PortMappedGateway creates, all derived from the component
// name. They double as the Pulumi names of the child resources.
type objectNames struct {
	TokenSecret       string
	AuthConfiguration string
	Gateway           string
	BackendCluster    string
	DataPlane         string
	VirtualClusters   []virtualClusterNames
}

// virtualClusterNames are the Kubernetes names of one virtual cluster's objects.
type virtualClusterNames struct {
	VirtualCluster string
	Listener       string
	ListenerPolicy string
}

// newObjectNames derives every name from the component name and the virtual clusters' Konnect names.
func newObjectNames(component string, virtualClusters []VirtualClusterArgs) objectNames {
	base := kubernetesName(component)
	names := objectNames{
		TokenSecret:       base + "-konnect-token",
		AuthConfiguration: base + "-konnect-auth",
		Gateway:           base + "-gateway",
		BackendCluster:    base + "-backend",
		DataPlane:         base + "-dp",
	}
	for _, vc := range virtualClusters {
		vcName := base + "-" + kubernetesName(vc.Name)
		names.VirtualClusters = append(names.VirtualClusters, virtualClusterNames{
			VirtualCluster: vcName,
			Listener:       vcName + "-listener",
			ListenerPolicy: vcName + "-forward",
		})
	}
	return names
}

// DataPlaneService is the name of the Service the operator creates for the KegDataPlane.
func (n objectNames) DataPlaneService() string {
	return n.DataPlane + "-kafka"
}

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
