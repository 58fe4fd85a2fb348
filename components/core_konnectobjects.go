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

// konnectObject is a kong-event-gateway:konnect resource; only its ID is read.
type konnectObject struct {
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

// needsProvider says whether the component creates Konnect objects the operator cannot: static keys or trust bundles.
func (l coreLayout) needsProvider() bool { return len(l.staticKeys)+len(l.trustBundles) > 0 }

// providerObjects are the Konnect IDs of the objects the component creates through the provider, by name.
type providerObjects struct {
	staticKeys, trustBundles map[string]pulumi.StringOutput
}

// registerProviderObjects creates, through a kong-event-gateway provider of its own, the static keys and TLS trust
// bundles under the Konnect ID the operator reports for gateway, and returns their Konnect IDs.
func (l coreLayout) registerProviderObjects(ctx *pulumi.Context, parent pulumi.Resource,
	gateway *apiextensions.CustomResource,
) (providerObjects, error) {
	objects := providerObjects{staticKeys: map[string]pulumi.StringOutput{}, trustBundles: map[string]pulumi.StringOutput{}}
	if !l.needsProvider() {
		return objects, nil
	}
	var provider konnectProvider
	if err := ctx.RegisterResource("pulumi:providers:"+konnectPackage, l.names.KonnectProvider(), pulumi.Map{
		"serverUrl": pulumi.String(l.konnect.apiURL()), "token": pulumi.ToSecret(l.konnect.Token),
	}, &provider, pulumi.Parent(parent)); err != nil {
		return objects, err
	}
	gatewayID := eventgateway.KonnectGatewayID(gateway)
	register := func(kind, name string, props pulumi.Map) (pulumi.StringOutput, error) {
		var object konnectObject
		props["gatewayId"] = gatewayID
		err := ctx.RegisterResource(konnectPackage+":konnect:"+kind, name, props, &object, pulumi.Parent(parent),
			pulumi.Provider(&provider))
		return object.ID().ToStringOutput(), err
	}
	for _, k := range l.staticKeys {
		id, err := register("StaticKey", l.names.StaticKey(k.Name), pulumi.Map{"value": pulumi.ToSecret(k.Value)})
		if err != nil {
			return objects, err
		}
		objects.staticKeys[k.Name] = id
	}
	for _, b := range l.trustBundles {
		id, err := register("TLSTrustBundle", l.names.TrustBundle(b.Name), pulumi.Map{
			"name": pulumi.String(b.Name), "config": pulumi.Map{"trustedCa": pulumi.String(b.TrustedCA)},
		})
		if err != nil {
			return objects, err
		}
		objects.trustBundles[b.Name] = id
	}
	return objects, nil
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
	encrypt.Config.EncryptionKey.Static = &eventgateway.StaticEncryptionKey{Key: eventgateway.KonnectRef{ID: id}}
	spec.APISpec.Encrypt = &encrypt
	return spec
}
