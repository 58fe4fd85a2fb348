package components

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/crdschema"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

const registryPassword = "registry-password"

// policyArgs is the seed with a schema registry and a virtual cluster that enforces ACLs and has two consume and
// two produce policies.
func policyArgs() PortMappedGatewayArgs {
	args := seedArgs()
	args.SchemaRegistries = []SchemaRegistryArgs{{
		Name: "orders-registry", SchemaType: eventgateway.SchemaTypeAvro, Endpoint: "https://registry.example.com",
		Username: "reader", Password: pulumi.String(registryPassword),
	}}
	vc := &args.VirtualClusters[0]
	vc.ACLMode = eventgateway.ACLModeEnforceOnGateway
	vc.ACLs = []eventgateway.ACLRule{{
		Action: eventgateway.ACLAllow, ResourceType: eventgateway.ACLResourceTopic,
		Operations:    []eventgateway.ACLOperation{{Name: eventgateway.ACLOperationRead}, {Name: eventgateway.ACLOperationWrite}},
		ResourceNames: eventgateway.ACLResourceNames{Type: eventgateway.ACLResourceNamesStatic, Stat: []eventgateway.Match{{Match: "orders.*"}}},
	}}
	vc.ConsumePolicies = []eventgateway.ConsumePolicyAPISpec{
		{Type: eventgateway.ConsumePolicyDecrypt, Decrypt: &eventgateway.DecryptPolicy{Config: eventgateway.DecryptConfig{
			FailureMode:  eventgateway.CryptoFailureModeError,
			KeySources:   []eventgateway.KeySource{{Type: eventgateway.KeyStatic, Static: &eventgateway.EmptyObject{}}},
			PartOfRecord: []eventgateway.RecordPart{eventgateway.RecordValue},
		}}},
		{Type: eventgateway.ConsumePolicySchemaValidation, SchemaValidation: &eventgateway.ConsumeSchemaValidationPolicy{
			Config: eventgateway.ConsumeSchemaValidationConfig{
				Type: eventgateway.SchemaValidationConfluentSchemaRegistry,
				ConfluentSchemaRegistry: &eventgateway.ConsumeSchemaValidation{
					SchemaRegistry: &eventgateway.SchemaRegistryRef{Name: "orders-registry"},
					FailureMode:    eventgateway.ConsumeFailureModeSkip,
				},
			},
		}},
	}
	vc.ProducePolicies = []eventgateway.ProducePolicyAPISpec{
		{Type: eventgateway.ProducePolicySchemaValidation, SchemaValidation: &eventgateway.ProduceSchemaValidationPolicy{
			Config: eventgateway.ProduceSchemaValidationConfig{
				Type: eventgateway.SchemaValidationConfluentSchemaRegistry,
				ConfluentSchemaRegistry: &eventgateway.ProduceSchemaValidation{
					SchemaRegistry: &eventgateway.KonnectSchemaRegistryRef{
						Type: eventgateway.KonnectSchemaRegistryByName,
						Name: &eventgateway.KonnectSchemaRegistryName{Name: "orders-registry"},
					},
					FailureMode: eventgateway.ProduceFailureModeReject,
				},
			},
		}},
		{Type: eventgateway.ProducePolicyModifyHeaders, ModifyHeaders: &eventgateway.ModifyHeadersPolicy{
			PolicyInfo: eventgateway.PolicyInfo{Name: "tag"},
			Config: eventgateway.ModifyHeadersConfig{Actions: []eventgateway.HeaderAction{{
				Op: eventgateway.HeaderOpSet, Set: &eventgateway.SetHeader{Key: "x-gateway", Value: "keg"},
			}}},
		}},
	}
	return args
}

// Kubernetes names policyArgs renders with the component name "example".
const (
	registryName       = "example-registry-orders-registry"
	registrySecretName = "example-registry-orders-registry-auth"
	aclPolicyName      = virtualClusterName + "-acls"
)

func consumePolicyName(i string) string { return virtualClusterName + "-consume-" + i }
func producePolicyName(i string) string { return virtualClusterName + "-produce-" + i }

func TestPoliciesAreCreatedInListOrder(t *testing.T) {
	recorder, _ := render(t, "example", policyArgs())
	for name, dependencies := range map[string][]string{
		registrySecretName:     nil,
		registryName:           {gatewayName, registrySecretName},
		aclPolicyName:          {virtualClusterName},
		consumePolicyName("0"): {virtualClusterName},
		consumePolicyName("1"): {consumePolicyName("0"), registryName},
		producePolicyName("0"): {virtualClusterName, registryName},
		producePolicyName("1"): {producePolicyName("0")},
	} {
		registered := mustNamed(t, recorder, name)
		for _, dependency := range dependencies {
			assert.True(t, registered.DependsOn(dependency), "%s must depend on %s: %v", name, dependency, registered.Dependencies)
		}
	}
	assert.False(t, mustNamed(t, recorder, producePolicyName("1")).DependsOn(registryName), "only policies naming a registry wait for it")
}

func TestPolicySpecs(t *testing.T) {
	recorder, _ := render(t, "example", policyArgs())
	spec := func(name string) map[string]any {
		return at(mustNamed(t, recorder, name).Plain(), "spec").(map[string]any)
	}
	vcRef := map[string]any{"type": "namespacedRef", "namespacedRef": map[string]any{"name": virtualClusterName}}
	assert.Equal(t, map[string]any{
		"eventGatewayVirtualClusterRef": vcRef,
		"apiSpec": map[string]any{"type": "acls", "acls": map[string]any{"config": map[string]any{"rules": []any{map[string]any{
			"action": "allow", "resourceType": "topic",
			"operations":    []any{map[string]any{"name": "read"}, map[string]any{"name": "write"}},
			"resourceNames": map[string]any{"type": "stat", "stat": []any{map[string]any{"match": "orders.*"}}},
		}}}}},
	}, spec(aclPolicyName))
	assert.Equal(t, map[string]any{"name": registryName}, at(spec(consumePolicyName("1")),
		"apiSpec", "schemaValidation", "config", "confluentSchemaRegistry", "schemaRegistry"),
		"a consume policy names the registry's custom resource, which the operator resolves")
	assert.Equal(t, map[string]any{"type": "name", "name": map[string]any{"name": "orders-registry"}}, at(spec(producePolicyName("0")),
		"apiSpec", "schemaValidation", "config", "confluentSchemaRegistry", "schemaRegistry"),
		"a produce policy names the registry in Konnect")
	assert.Equal(t, "orders-registry", policyArgs().VirtualClusters[0].ConsumePolicies[1].SchemaValidation.Config.
		ConfluentSchemaRegistry.SchemaRegistry.Name, "the arguments are not changed")

	assert.Equal(t, map[string]any{
		"gatewayRef": map[string]any{"type": "namespacedRef", "namespacedRef": map[string]any{"name": gatewayName}},
		"apiSpec": map[string]any{"type": "confluent", "confluent": map[string]any{"name": "orders-registry", "config": map[string]any{
			"schemaType": "avro", "endpoint": "https://registry.example.com",
			"authentication": map[string]any{"type": "basic", "basic": map[string]any{"username": "reader", "password": map[string]any{
				"type": "secretRef", "secretRef": map[string]any{"name": registrySecretName, "key": "password"},
			}}},
		}}},
	}, spec(registryName))
}

func TestSchemaRegistryPasswordStaysSecret(t *testing.T) {
	recorder, _ := render(t, "example", policyArgs())
	secret := mustNamed(t, recorder, registrySecretName)
	assert.True(t, pulumimock.IsSecret(secret.Inputs, "data", "password"))
	assert.Equal(t, map[string]any{"konghq.com/secret": "true"}, at(secret.Plain(), "metadata", "labels"))
	for _, registered := range recorder.Resources() {
		if registered.Name == registrySecretName {
			continue
		}
		raw, err := json.Marshal(registered.Plain())
		require.NoError(t, err)
		assert.NotContains(t, string(raw), registryPassword, registered.Name)
	}
}

func TestPoliciesRenderValidCustomResources(t *testing.T) {
	validator, err := crdschema.Load(crdschema.Dir("../../shared/crds/kong-operator"))
	if err != nil {
		t.Skipf("CRDs not available (set %s): %v", crdschema.DirEnv, err)
	}
	recorder, _ := render(t, "example", policyArgs())
	checked := 0
	for _, registered := range recorder.Resources() {
		if strings.Contains(registered.Type, ".konghq.com/") {
			assert.NoError(t, validator.Validate(registered.Plain()), registered.Name)
			checked++
		}
	}
	assert.Equal(t, 13, checked, "the seed's 7 custom resources, the registry, the ACL policy and four policies")
}

func TestInvalidPoliciesRegisterNothing(t *testing.T) {
	for _, tc := range []struct {
		name   string
		mutate func(a *PortMappedGatewayArgs, vc *VirtualClusterArgs)
		want   []string
	}{
		{
			name: "unknown ACL operation, ACLs without enforcement",
			mutate: func(_ *PortMappedGatewayArgs, vc *VirtualClusterArgs) {
				vc.ACLMode = eventgateway.ACLModePassthrough
				vc.ACLs[0].Operations[1].Name = "publish"
			},
			want: []string{
				"virtualClusters[0].acls: apply only when aclMode is enforce_on_gateway (it is passthrough)",
				`virtualClusters[0].acls[0].operations[1].name: "publish" must be one of "all", "alter", ` +
					`"alter_configs", "create", "delete", "describe", "describe_configs", "idempotent_write", "read", "write"`,
			},
		},
		{
			name: "unknown schema registry",
			mutate: func(_ *PortMappedGatewayArgs, vc *VirtualClusterArgs) {
				vc.ProducePolicies[0].SchemaValidation.Config.ConfluentSchemaRegistry.SchemaRegistry.Name.Name = "payments"
			},
			want: []string{`virtualClusters[0].producePolicies[0].schemaValidation.config.confluentSchemaRegistry.` +
				`schemaRegistry.name.name: "payments" is no schema registry of the gateway: declare it in schemaRegistries`},
		},
		{
			name: "encrypt without a key, member of another type",
			mutate: func(_ *PortMappedGatewayArgs, vc *VirtualClusterArgs) {
				vc.ProducePolicies[1] = eventgateway.ProducePolicyAPISpec{
					Type: eventgateway.ProducePolicyEncrypt,
					Encrypt: &eventgateway.EncryptPolicy{Config: eventgateway.EncryptConfig{
						FailureMode: eventgateway.CryptoFailureModeError, PartOfRecord: []eventgateway.RecordPart{eventgateway.RecordValue},
					}},
					ModifyHeaders: vc.ProducePolicies[1].ModifyHeaders,
				}
			},
			want: []string{
				"virtualClusters[0].producePolicies[1].modifyHeaders: does not apply when type is \"encrypt\"",
				"virtualClusters[0].producePolicies[1].encrypt.config.encryptionKey.type: is required",
			},
		},
		{
			name: "field-level decryption needs the provider",
			mutate: func(_ *PortMappedGatewayArgs, vc *VirtualClusterArgs) {
				vc.ConsumePolicies[0] = eventgateway.ConsumePolicyAPISpec{
					Type: eventgateway.ConsumePolicyDecryptFields, DecryptFields: &eventgateway.DecryptFieldsPolicy{},
				}
			},
			want: []string{"virtualClusters[0].consumePolicies[0].type: is not supported through Kong Operator: Konnect " +
				"requires a parent policy for it, which the custom resource cannot name; create it with the provider's " +
				"kong-event-gateway:konnect:ConsumePolicy (type decrypt_fields, parentPolicyId) instead"},
		},
		{
			name: "header action without its member, condition too long",
			mutate: func(_ *PortMappedGatewayArgs, vc *VirtualClusterArgs) {
				vc.ProducePolicies[1].ModifyHeaders.Config.Actions[0].Set = nil
				vc.ProducePolicies[1].ModifyHeaders.Condition = strings.Repeat("x", 1001)
			},
			want: []string{
				"virtualClusters[0].producePolicies[1].modifyHeaders.condition: must be at most 1000 characters",
				`virtualClusters[0].producePolicies[1].modifyHeaders.config.actions[0].set: is required when op is "set"`,
			},
		},
		{
			name: "registry password without username, duplicate registry",
			mutate: func(a *PortMappedGatewayArgs, _ *VirtualClusterArgs) {
				a.SchemaRegistries = append(a.SchemaRegistries, SchemaRegistryArgs{
					Name: "orders-registry", SchemaType: "protobuf", Endpoint: "registry:8081", Password: pulumi.String("p"),
				})
			},
			want: []string{
				`schemaRegistries[1].name: "orders-registry" is also the value of schemaRegistries[0].name`,
				`schemaRegistries[1].schemaType: "protobuf" must be one of "avro", "json"`,
				`schemaRegistries[1].endpoint: "registry:8081" must be an http or https URL with a host`,
				"schemaRegistries[1].password: needs username",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := policyArgs()
			tc.mutate(&args, &args.VirtualClusters[0])
			recorder, err := pulumimock.Run(func(ctx *pulumi.Context) error {
				_, err := NewPortMappedGateway(ctx, "example", args)
				return err
			})
			require.Error(t, err)
			for _, want := range tc.want {
				assert.Contains(t, err.Error(), want)
			}
			assert.Len(t, validate.FieldErrors(err), len(tc.want), err.Error())
			assert.Empty(t, recorder.Resources(), "nothing is registered")
		})
	}
}

func TestSniGatewayPolicies(t *testing.T) {
	args := seedSNIArgs()
	portMapped := policyArgs()
	args.SchemaRegistries = portMapped.SchemaRegistries
	vc := &args.VirtualClusters[0]
	from := portMapped.VirtualClusters[0]
	vc.ACLMode, vc.ACLs, vc.ConsumePolicies, vc.ProducePolicies = from.ACLMode, from.ACLs, from.ConsumePolicies, from.ProducePolicies
	recorder, _ := renderSNI(t, "sni", args, nil)
	const cluster = "sni-vc-tls-1"
	for _, name := range []string{"sni-registry-orders-registry", cluster + "-acls", cluster + "-consume-0", cluster + "-consume-1",
		cluster + "-produce-0", cluster + "-produce-1"} {
		mustNamed(t, recorder, name)
	}
	assert.True(t, mustNamed(t, recorder, cluster+"-consume-1").DependsOn(cluster+"-consume-0"))

	vc.ConsumePolicies[1].SchemaValidation.Config.ConfluentSchemaRegistry.SchemaRegistry.Name = "unknown"
	err := args.Validate("sni")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `virtualClusters[0].consumePolicies[1].schemaValidation.config.confluentSchemaRegistry.`+
		`schemaRegistry.name: "unknown" is no schema registry of the gateway`)
}

// keyArgs is policyArgs with a static key that an encrypt policy names.
func keyArgs() PortMappedGatewayArgs {
	args := policyArgs()
	args.StaticKeys = []StaticKeyArgs{{Name: "orders-key", Value: pulumi.String(staticKeyValue)}}
	args.VirtualClusters[0].ProducePolicies = append(args.VirtualClusters[0].ProducePolicies, eventgateway.ProducePolicyAPISpec{
		Type: eventgateway.ProducePolicyEncrypt,
		Encrypt: &eventgateway.EncryptPolicy{Config: eventgateway.EncryptConfig{
			FailureMode:  eventgateway.CryptoFailureModeError,
			PartOfRecord: []eventgateway.RecordPart{eventgateway.RecordValue},
			EncryptionKey: eventgateway.EncryptionKey{Type: eventgateway.KeyStatic,
				Static: &eventgateway.StaticEncryptionKey{Key: eventgateway.KonnectRef{Name: "orders-key"}}},
		}},
	})
	return args
}

const staticKeyValue = "c3RhdGljLWtleS1tYXRlcmlhbC1vZi0zMi1ieXRlcyE="

func TestStaticKeysAreCreatedThroughTheProvider(t *testing.T) {
	recorder := &pulumimock.Recorder{Status: func(r pulumimock.Resource) resource.PropertyMap {
		if r.Kind() == "KonnectEventGateway" {
			return resource.PropertyMap{"id": resource.NewStringProperty("konnect-gateway-id")}
		}
		return nil
	}}
	require.NoError(t, recorder.Run(func(ctx *pulumi.Context) error {
		_, err := NewPortMappedGateway(ctx, "example", keyArgs())
		return err
	}))

	provider := mustNamed(t, recorder, "example-konnect")
	assert.Equal(t, "pulumi:providers:kong-event-gateway", provider.Type)
	assert.Equal(t, "https://eu.api.konghq.com", provider.Plain()["serverUrl"])
	assert.True(t, pulumimock.IsSecret(provider.Inputs, "token"))

	key := mustNamed(t, recorder, "example-key-orders-key")
	assert.Equal(t, "kong-event-gateway:konnect:StaticKey", key.Type)
	assert.Equal(t, "konnect-gateway-id", key.Plain()["gatewayId"], "the key lives in the gateway the operator reports")
	assert.True(t, pulumimock.IsSecret(key.Inputs, "value"))
	assert.Contains(t, key.Provider, "pulumi:providers:kong-event-gateway::example-konnect::example-konnect-id", "the key uses the component's provider")
	assert.NotContains(t, key.Plain(), "name", "the provider generates the Konnect name, so a new value creates a new key first")

	assert.Equal(t, `["condition=Programmed","jsonpath={.status.id}"]`,
		at(mustNamed(t, recorder, gatewayName).Plain(), "metadata", "annotations", eventgateway.WaitForAnnotation),
		"the gateway waits for the operator's Programmed condition and for its Konnect ID (a JSON list: both)")
	policy := mustNamed(t, recorder, producePolicyName("2"))
	assert.Equal(t, map[string]any{"id": "example-key-orders-key-id"},
		at(policy.Plain(), "spec", "apiSpec", "encrypt", "config", "encryptionKey", "static", "key"),
		"the policy names the key by its Konnect ID")
	assert.True(t, policy.DependsOn(producePolicyName("1")))
	for _, registered := range recorder.Resources() {
		raw, err := json.Marshal(registered.Plain())
		require.NoError(t, err)
		if registered.Name != key.Name {
			assert.NotContains(t, string(raw), staticKeyValue, registered.Name)
		}
	}
}

func TestStaticKeyReferencesAreChecked(t *testing.T) {
	args := keyArgs()
	args.StaticKeys = append(args.StaticKeys, StaticKeyArgs{Name: "orders-key"})
	args.VirtualClusters[0].ProducePolicies[2].Encrypt.Config.EncryptionKey.Static.Key.Name = "payments-key"
	args.Konnect.APIURL = "konnect-proxy:8443"
	err := args.Validate("example")
	require.Error(t, err)
	assert.ElementsMatch(t, []string{
		`staticKeys[1].name: "orders-key" is also the value of staticKeys[0].name`,
		"staticKeys[1].value: is required",
		`virtualClusters[0].producePolicies[2].encrypt.config.encryptionKey.static.key.name: "payments-key" is no ` +
			"static key of the gateway: declare it in staticKeys, or name a key managed elsewhere by its id",
		`konnect.apiURL: "konnect-proxy:8443" must be an http or https URL with a host, such as https://host.example.com/path`,
	}, fieldErrorTexts(err))
}

// fieldErrorTexts are the field errors of err as "field: message".
func fieldErrorTexts(err error) []string {
	var texts []string
	for _, fe := range validate.FieldErrors(err) {
		texts = append(texts, fe.Error())
	}
	return texts
}
