package eventgateway

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var konnectAPIAuthConfigurationKind = kind{KonnectAPIVersion, "KonnectAPIAuthConfiguration", ConditionAPIAuthValid}

// KonnectAPIAuthType says where a KonnectAPIAuthConfiguration takes its token from.
type KonnectAPIAuthType string

// Values of KonnectAPIAuthType.
const (
	// KonnectAPIAuthToken keeps the token in the CR itself.
	KonnectAPIAuthToken KonnectAPIAuthType = "token"
	// KonnectAPIAuthSecretRef reads the token from the data key "token" of a Secret (see NewKonnectTokenSecret).
	KonnectAPIAuthSecretRef KonnectAPIAuthType = "secretRef"
)

// KonnectAPIAuthConfigurationSpec is the spec of a KonnectAPIAuthConfiguration: how the operator authenticates to
// the Konnect API. serverURL cannot change after creation.
type KonnectAPIAuthConfigurationSpec struct {
	Type KonnectAPIAuthType `json:"type" pulumi:"type"`
	// Token is a personal (kpat_) or system (spat_) access token, for Type token.
	Token string `json:"token,omitempty" pulumi:"token,optional" provider:"secret"`
	// SecretRef names the Secret holding the token, for Type secretRef.
	SecretRef *NamespacedRef `json:"secretRef,omitempty" pulumi:"secretRef,optional"`
	// ServerURL is the regional API host, such as eu.api.konghq.com or https://eu.api.konghq.com.
	ServerURL string `json:"serverURL" pulumi:"serverURL"`
}

// NewKonnectAPIAuthConfiguration registers a KonnectAPIAuthConfiguration (konnect.konghq.com/v1alpha1).
func NewKonnectAPIAuthConfiguration(ctx *pulumi.Context, name string, meta Metadata,
	spec KonnectAPIAuthConfigurationSpec, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, konnectAPIAuthConfigurationKind, meta, spec, opts...)
}
