package eventgateway

import (
	"encoding/base64"
	"maps"

	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// KonnectTokenSecretKey is the Secret data key a KonnectAPIAuthConfiguration of type secretRef reads.
const KonnectTokenSecretKey = "token"

// KonnectTokenSecretLabels are the labels the operator needs on a Konnect token Secret: konghq.com/credential marks
// it as a Konnect credential, and OperatorSecretLabels put it in the operator's Secret cache.
var KonnectTokenSecretLabels = func() map[string]string {
	labels := map[string]string{"konghq.com/credential": "konnect"}
	maps.Copy(labels, OperatorSecretLabels)
	return labels
}()

// NewKonnectTokenSecret registers an Opaque Secret holding a Konnect access token under the data key "token",
// labelled as KonnectTokenSecretLabels. The token is a Pulumi secret. Point a KonnectAPIAuthConfiguration of type
// secretRef at it so the token never sits in a custom resource.
func NewKonnectTokenSecret(ctx *pulumi.Context, name string, meta Metadata, token pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) (*corev1.Secret, error) {
	return newSecret(ctx, name, meta, KonnectTokenSecretLabels, KonnectTokenSecretKey, token, opts)
}

// NewOperatorSecret registers an Opaque Secret holding value under key, labelled with OperatorSecretLabels so that
// the operator can read it. The value is a Pulumi secret. Point a SensitiveDataSource at it (FromSecretKey) so the
// value never sits in a custom resource.
func NewOperatorSecret(ctx *pulumi.Context, name string, meta Metadata, key string, value pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) (*corev1.Secret, error) {
	return newSecret(ctx, name, meta, OperatorSecretLabels, key, value, opts)
}

// newSecret registers an Opaque Secret with value, a Pulumi secret, under key, and extra labels.
func newSecret(ctx *pulumi.Context, name string, meta Metadata, extra map[string]string, key string,
	value pulumi.StringInput, opts []pulumi.ResourceOption,
) (*corev1.Secret, error) {
	labels := maps.Clone(meta.Labels)
	if labels == nil {
		labels = map[string]string{}
	}
	maps.Copy(labels, extra)
	encoded := pulumi.ToSecret(value.ToStringOutput().ApplyT(func(v string) string {
		return base64.StdEncoding.EncodeToString([]byte(v))
	})).(pulumi.StringOutput)
	return corev1.NewSecret(ctx, name, &corev1.SecretArgs{
		Metadata: objectMeta(Metadata{Name: meta.Name, Namespace: meta.Namespace, Labels: labels}, meta.annotationsWaitingFor("")),
		Type:     pulumi.String("Opaque"),
		Data:     pulumi.StringMap{key: encoded},
	}, withFixedNameOptions(meta, opts)...)
}
