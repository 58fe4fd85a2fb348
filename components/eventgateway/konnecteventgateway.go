package eventgateway

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var konnectEventGatewayKind = kind{KonnectAPIVersion, "KonnectEventGateway", ConditionProgrammed}

// KonnectEventGatewaySpec is the spec of a KonnectEventGateway: the Event Gateway control plane in Konnect.
type KonnectEventGatewaySpec struct {
	APISpec KonnectEventGatewayAPISpec `json:"apiSpec" pulumi:"apiSpec"`
	Konnect KonnectConfiguration       `json:"konnect" pulumi:"konnect"`
}

// KonnectEventGatewayAPISpec is the Konnect body of an event gateway.
type KonnectEventGatewayAPISpec struct {
	// Name is the gateway's name in Konnect, 1-255 characters.
	Name        string            `json:"name" pulumi:"name"`
	Description string            `json:"description,omitempty" pulumi:"description,optional"`
	Labels      map[string]string `json:"labels,omitempty" pulumi:"labels,optional"`
	// MinRuntimeVersion ("1.2") pins the oldest data-plane version; Konnect picks the latest release when empty.
	MinRuntimeVersion string `json:"minRuntimeVersion,omitempty" pulumi:"minRuntimeVersion,optional"`
}

// KonnectConfiguration says which KonnectAPIAuthConfiguration a Konnect object uses.
type KonnectConfiguration struct {
	AuthRef NamespacedRef `json:"authRef" pulumi:"authRef"`
}

// NewKonnectEventGateway registers a KonnectEventGateway (konnect.konghq.com/v1alpha1).
func NewKonnectEventGateway(ctx *pulumi.Context, name string, meta Metadata, spec KonnectEventGatewaySpec,
	opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, konnectEventGatewayKind, meta, spec, opts...)
}

// KonnectGatewayIDWaitFor is the pulumi.com/waitFor value that makes Pulumi wait until the operator reports the
// gateway's Konnect ID in status.id.
const KonnectGatewayIDWaitFor = "jsonpath={.status.id}"

// KonnectGatewayID is the Konnect ID the operator reported in gateway's status when Pulumi last read it, or ""
// when there was none. Annotate the gateway with pulumi.com/waitFor: KonnectGatewayIDWaitFor to have one.
func KonnectGatewayID(gateway *apiextensions.CustomResource) pulumi.StringOutput {
	return gateway.OtherFields.ApplyT(func(fields map[string]any) string {
		status, _ := fields["status"].(map[string]any)
		id, _ := status["id"].(string)
		return id
	}).(pulumi.StringOutput)
}
