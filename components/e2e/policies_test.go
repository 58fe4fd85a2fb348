package e2e

import (
	"encoding/base64"
	"strconv"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// registryPassword is a schema registry's password; it must never reach the state in plain text.
const registryPassword = "registry-e2e-password"

// headerPolicy is a consume policy that removes header key.
func headerPolicy(key string) eventgateway.ConsumePolicyAPISpec {
	return eventgateway.ConsumePolicyAPISpec{Type: eventgateway.ConsumePolicyModifyHeaders, ModifyHeaders: &eventgateway.ModifyHeadersPolicy{
		Config: eventgateway.ModifyHeadersConfig{Actions: []eventgateway.HeaderAction{{
			Op: eventgateway.HeaderOpRemove, Remove: &eventgateway.RemoveHeader{Key: key},
		}}},
	}}
}

// TestPoliciesOnTheCluster: the API server accepts a schema registry with its password Secret, an ACL policy and
// consume and produce policies; a second up changes nothing; a policy inserted first in the list shifts the others'
// settings down by one custom resource, so the chain order stays the list order, without replacing anything.
func TestPoliciesOnTheCluster(t *testing.T) {
	ctx := testContext(t)
	const ns = "e2e-policies"
	createNamespace(t, ctx, ns)
	args := portMappedArgs(ns)
	args.SchemaRegistries = []components.SchemaRegistryArgs{{
		Name: "orders", SchemaType: eventgateway.SchemaTypeAvro, Endpoint: "https://registry.example.com",
		Username: "reader", Password: pulumi.ToSecret(pulumi.String(registryPassword)).(pulumi.StringOutput),
	}}
	vc := &args.VirtualClusters[0]
	vc.ACLMode = eventgateway.ACLModeEnforceOnGateway
	vc.ACLs = []eventgateway.ACLRule{{
		Action: eventgateway.ACLAllow, ResourceType: eventgateway.ACLResourceTopic,
		Operations:    []eventgateway.ACLOperation{{Name: eventgateway.ACLOperationAll}},
		ResourceNames: eventgateway.ACLResourceNames{Type: eventgateway.ACLResourceNamesStatic, Stat: []eventgateway.Match{{Match: "orders.*"}}},
	}}
	vc.ProducePolicies = []eventgateway.ProducePolicyAPISpec{{
		Type: eventgateway.ProducePolicySchemaValidation,
		SchemaValidation: &eventgateway.ProduceSchemaValidationPolicy{Config: eventgateway.ProduceSchemaValidationConfig{
			Type: eventgateway.SchemaValidationConfluentSchemaRegistry,
			ConfluentSchemaRegistry: &eventgateway.ProduceSchemaValidation{
				SchemaRegistry: &eventgateway.KonnectSchemaRegistryRef{
					Type: eventgateway.KonnectSchemaRegistryByName, Name: &eventgateway.KonnectSchemaRegistryName{Name: "orders"},
				},
				FailureMode: eventgateway.ProduceFailureModeReject,
			},
		}},
	}}
	vc.ConsumePolicies = []eventgateway.ConsumePolicyAPISpec{
		{Type: eventgateway.ConsumePolicyDecrypt, Decrypt: &eventgateway.DecryptPolicy{Config: eventgateway.DecryptConfig{
			FailureMode:  eventgateway.CryptoFailureModeError,
			KeySources:   []eventgateway.KeySource{{Type: eventgateway.KeyStatic, Static: &eventgateway.EmptyObject{}}},
			PartOfRecord: []eventgateway.RecordPart{eventgateway.RecordValue},
		}}},
		headerPolicy("x-internal"),
	}
	stack, err := local.Env.Stack(ctx, "e2e-policies", "dev", func(ctx *pulumi.Context) error {
		_, err := components.NewPortMappedGateway(ctx, "pm", args)
		return err
	})
	require.NoError(t, err)

	up, err := stack.Up(ctx)
	require.NoError(t, err, up.Stdout)
	const vcName = "pm-example-virtual-cluster"
	requireObjects(t, ctx, ns, []object{
		{registryKind, "pm-registry-orders"}, {secretKind, "pm-registry-orders-auth"}, {aclPolicyKind, vcName + "-acls"},
		{consumePolicyKind, vcName + "-consume-0"}, {consumePolicyKind, vcName + "-consume-1"},
		{producePolicyKind, vcName + "-produce-0"},
	})
	password := field(t, get(t, ctx, secretKind, ns, "pm-registry-orders-auth"), "data", "password")
	assert.Equal(t, base64.StdEncoding.EncodeToString([]byte(registryPassword)), password)
	assert.Equal(t, map[string]any{"type": "secretRef", "secretRef": map[string]any{"name": "pm-registry-orders-auth", "key": "password"}},
		field(t, get(t, ctx, registryKind, ns, "pm-registry-orders"), "spec", "apiSpec", "confluent", "config", "authentication", "basic", "password"))
	assert.Equal(t, "decrypt", field(t, get(t, ctx, consumePolicyKind, ns, vcName+"-consume-0"), "spec", "apiSpec", "type"))

	again, err := stack.Up(ctx)
	require.NoError(t, err, again.Stdout)
	assert.Zero(t, again.Creates+again.Updates+again.Deletes+again.Replaces, again.Stdout)
	export, err := stack.ExportJSON(ctx)
	require.NoError(t, err)
	requireNoPlainSecrets(t, export, token, registryPassword)

	// A policy inserted first: the existing custom resources take the settings one place down, one is added last.
	vc.ConsumePolicies = append([]eventgateway.ConsumePolicyAPISpec{headerPolicy("x-first")}, vc.ConsumePolicies...)
	inserted, err := stack.Up(ctx)
	require.NoError(t, err, inserted.Stdout)
	assert.Equal(t, 1, inserted.Creates, inserted.Stdout)
	assert.Equal(t, 2, inserted.Updates, inserted.Stdout)
	assert.Zero(t, inserted.Deletes+inserted.Replaces, inserted.Stdout)
	for i, want := range []string{"modifyHeaders", "decrypt", "modifyHeaders"} {
		assert.Equal(t, want, field(t, get(t, ctx, consumePolicyKind, ns, vcName+"-consume-"+strconv.Itoa(i)), "spec", "apiSpec", "type"))
	}

	_, err = stack.Destroy(ctx)
	require.NoError(t, err)
	requireEmpty(t, ctx, ns)
}
