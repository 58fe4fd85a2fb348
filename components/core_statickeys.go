package components

import (
	"strings"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// konnectPackage is the Pulumi package whose provider manages the Konnect objects the operator cannot create.
const konnectPackage = "kong-event-gateway"

// konnectProvider is an explicit kong-event-gateway provider.
type konnectProvider struct {
	pulumi.ProviderResourceState
}

// staticKey is a kong-event-gateway:konnect:StaticKey; only its ID is read.
type staticKey struct {
	pulumi.CustomResourceState
}

// apiURL is the Konnect API base URL of the component's provider.
func (k KonnectArgs) apiURL() string {
	switch {
	case k.APIURL != "":
		return k.APIURL
	case strings.Contains(k.ServerURL, "://"):
		return k.ServerURL
	}
	return "https://" + k.ServerURL
}

// registerStaticKeys creates, through a kong-event-gateway provider of its own, one StaticKey per key under the
// Konnect ID the operator reports for gateway, and returns the keys' Konnect IDs by name.
func (l coreLayout) registerStaticKeys(ctx *pulumi.Context, parent pulumi.Resource,
	gateway *apiextensions.CustomResource,
) (map[string]pulumi.StringOutput, error) {
	if len(l.staticKeys) == 0 {
		return nil, nil
	}
	var provider konnectProvider
	if err := ctx.RegisterResource("pulumi:providers:"+konnectPackage, l.names.KonnectProvider(), pulumi.Map{
		"serverUrl": pulumi.String(l.konnect.apiURL()), "token": pulumi.ToSecret(l.konnect.Token),
	}, &provider, pulumi.Parent(parent)); err != nil {
		return nil, err
	}
	gatewayID := eventgateway.KonnectGatewayID(gateway)
	ids := map[string]pulumi.StringOutput{}
	for _, k := range l.staticKeys {
		var key staticKey
		if err := ctx.RegisterResource(konnectPackage+":konnect:StaticKey", l.names.StaticKey(k.Name), pulumi.Map{
			"gatewayId": gatewayID, "value": pulumi.ToSecret(k.Value),
		}, &key, pulumi.Parent(parent), pulumi.Provider(&provider)); err != nil {
			return nil, err
		}
		ids[k.Name] = key.ID().ToStringOutput()
	}
	return ids, nil
}

// staticKeyName is the name of the component's static key an encrypt policy names, or "".
func staticKeyName(spec eventgateway.ProducePolicyAPISpec) string {
	if spec.Encrypt == nil || spec.Encrypt.Config.EncryptionKey.Static == nil {
		return ""
	}
	return spec.Encrypt.Config.EncryptionKey.Static.Key.Name
}

// withStaticKeyID returns spec with its encrypt policy naming the static key by Konnect ID instead of by name.
func withStaticKeyID(spec eventgateway.EventGatewayVirtualClusterProducePolicySpec, id string,
) eventgateway.EventGatewayVirtualClusterProducePolicySpec {
	encrypt := *spec.APISpec.Encrypt
	encrypt.Config.EncryptionKey.Static = &eventgateway.StaticKey{Key: eventgateway.KonnectRef{ID: id}}
	spec.APISpec.Encrypt = &encrypt
	return spec
}
