package eventgateway

import (
	"encoding/json"
	"maps"
)

// API versions of the Kong Operator CRDs.
const (
	KonnectAPIVersion       = "konnect.konghq.com/v1alpha1"
	ConfigurationAPIVersion = "configuration.konghq.com/v1alpha1"
	EventGatewayAPIVersion  = "eventgateway.konghq.com/v1alpha1"
)

// WaitForAnnotation is the pulumi-kubernetes annotation that makes Pulumi wait for a condition on a created object.
const WaitForAnnotation = "pulumi.com/waitFor"

// Readiness conditions the operator sets; Metadata.WaitForProgrammed waits for the one of the object's kind.
const (
	ConditionProgrammed   = "Programmed"
	ConditionAPIAuthValid = "APIAuthValid"
	ConditionReady        = "Ready"
)

// Metadata is the Kubernetes identity of one object plus how Pulumi waits for it.
type Metadata struct {
	// Name is metadata.name. Set it: other objects refer to this one by name, and a fixed name makes Pulumi
	// delete the old object before creating its replacement.
	Name string
	// Namespace is metadata.namespace; empty means the provider's default namespace.
	Namespace string
	// Labels and Annotations are copied to metadata.
	Labels      map[string]string
	Annotations map[string]string
	// WaitForProgrammed makes Pulumi wait until the operator reports the kind's readiness condition: Programmed for
	// gateways and configuration objects, APIAuthValid for KonnectAPIAuthConfiguration, Ready for KegDataPlane and
	// cert-manager Certificate. It adds the annotation pulumi.com/waitFor: condition=<condition>. Leave it off when
	// no operator runs. Gateway API and ExternalDNS kinds have no such condition and ignore it.
	WaitForProgrammed bool
}

// PatchForceAnnotation is the pulumi-kubernetes annotation that makes its server-side apply force: Pulumi takes the
// fields it sets back from any other field manager (such as kubectl patch), so an up repairs drift instead of
// failing on a conflict.
const PatchForceAnnotation = "pulumi.com/patchForce"

// annotationsWaitingFor returns the annotations to write: m's, PatchForceAnnotation, and the wait annotation for
// condition when asked for and the kind has one, next to a wait annotation m has of its own.
func (m Metadata) annotationsWaitingFor(condition string) map[string]string {
	annotations := maps.Clone(m.Annotations)
	if annotations == nil {
		annotations = map[string]string{}
	}
	annotations[PatchForceAnnotation] = "true"
	if m.WaitForProgrammed && condition != "" {
		wait := "condition=" + condition
		if other := annotations[WaitForAnnotation]; other != "" {
			// Several expressions are a JSON list; Pulumi waits for all of them.
			list, _ := json.Marshal([]string{wait, other})
			wait = string(list)
		}
		annotations[WaitForAnnotation] = wait
	}
	return annotations
}
