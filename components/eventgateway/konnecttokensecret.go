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
	labels := maps.Clone(meta.Labels)
	if labels == nil {
		labels = map[string]string{}
	}
	maps.Copy(labels, KonnectTokenSecretLabels)
	encoded := pulumi.ToSecret(token.ToStringOutput().ApplyT(func(t string) string {
		return base64.StdEncoding.EncodeToString([]byte(t))
	})).(pulumi.StringOutput)
	return corev1.NewSecret(ctx, name, &corev1.SecretArgs{
		Metadata: objectMeta(Metadata{Name: meta.Name, Namespace: meta.Namespace, Labels: labels}, meta.annotationsWaitingFor("")),
		Type:     pulumi.String("Opaque"),
		Data:     pulumi.StringMap{KonnectTokenSecretKey: encoded},
	}, withFixedNameOptions(meta, opts)...)
}
