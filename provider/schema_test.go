package provider_test

import (
	"encoding/json"
	"strings"
	"testing"

	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/schemagen"
)

// TestSchema: every resource, function and property is documented, and secrets are marked as such.
func TestSchema(t *testing.T) {
	data, err := schemagen.Schema(t.Context())
	require.NoError(t, err)
	var spec pschema.PackageSpec
	require.NoError(t, json.Unmarshal(data, &spec))

	assert.Equal(t, provider.Name, spec.Name)
	var goInfo struct{ ImportBasePath string }
	require.NoError(t, json.Unmarshal(spec.Language["go"], &goInfo))
	assert.Equal(t, "github.com/kong-event-gateway/pulumi-kong-event-gateway/sdk/go/kongeventgateway", goInfo.ImportBasePath)
	var resources []string
	for tok := range spec.Resources {
		// The components (module index) are checked in provider/schemagen.
		if name, ok := strings.CutPrefix(tok, "kong-event-gateway:konnect:"); ok {
			resources = append(resources, name)
		}
	}
	assert.ElementsMatch(t, []string{"EventGateway", "BackendCluster", "VirtualCluster", "Listener", "ListenerPolicy",
		"ClusterPolicy", "ConsumePolicy", "ProducePolicy", "SchemaRegistry", "StaticKey", "PolicyChain", "TLSTrustBundle",
		"DataPlaneCertificate"}, resources)
	assert.Contains(t, spec.Functions, "kong-event-gateway:konnect:getEventGateway")
	assert.Contains(t, spec.Functions, "kong-event-gateway:konnect:getDataPlaneNodes")

	undocumented := func(where string, props map[string]pschema.PropertySpec) {
		for name, prop := range props {
			assert.NotEmpty(t, prop.Description, "%s.%s has no description", where, name)
		}
	}
	for tok, r := range spec.Resources {
		assert.NotEmpty(t, r.Description, tok)
		undocumented(tok, r.Properties)
		undocumented(tok, r.InputProperties)
	}
	for tok, f := range spec.Functions {
		assert.NotEmpty(t, f.Description, tok)
		require.NotNil(t, f.Inputs, tok)
		require.NotNil(t, f.ReturnType, tok)
		undocumented(tok, f.Inputs.Properties)
		undocumented(tok, f.ReturnType.ObjectTypeSpec.Properties)
	}
	for tok, ty := range spec.Types {
		undocumented(tok, ty.Properties)
	}
	undocumented("config", spec.Config.Variables)

	secret := func(tok, prop string) bool {
		return spec.Types["kong-event-gateway:konnect:"+tok].Properties[prop].Secret
	}
	assert.True(t, spec.Config.Variables["token"].Secret)
	assert.True(t, secret("BackendClusterAuthenticationScheme", "password"))
	assert.True(t, secret("ClientIdentity", "key"))
	assert.True(t, secret("AuthenticationPrincipal", "password"))
	assert.True(t, secret("TLSCertificate", "key"))
	assert.True(t, secret("SchemaRegistryAuthentication", "password"))
	assert.True(t, spec.Resources["kong-event-gateway:konnect:StaticKey"].InputProperties["value"].Secret)

	// Closed sets are enums, so every SDK types them; the properties refer to them.
	for _, enum := range []string{"ACLMode", "BootstrapPort", "BrokerHostFormatType",
		"VirtualClusterAuthenticationType", "BackendClusterAuthenticationType", "ListenerPolicyType", "ConsumePolicyKind",
		"ProducePolicyKind", "EncryptionKeyType", "RegistrySchemaType"} {
		typ, ok := spec.Types["kong-event-gateway:konnect:"+enum]
		if assert.True(t, ok, "no enum %s", enum) {
			assert.NotEmpty(t, typ.Enum, enum)
			for _, v := range typ.Enum {
				assert.NotEmpty(t, v.Description, "%s value %v", enum, v.Value)
			}
		}
	}
	assert.Equal(t, "#/types/kong-event-gateway:konnect:ACLMode",
		spec.Resources["kong-event-gateway:konnect:VirtualCluster"].InputProperties["aclMode"].Ref)
	// The components' required closed sets too (optional ones cannot be enums without becoming pointers).
	assert.Equal(t, "#/types/kong-event-gateway:index:ACLAction",
		spec.Types["kong-event-gateway:index:ACLRule"].Properties["action"].Ref)
	assert.Equal(t, "#/types/kong-event-gateway:index:ConsumePolicyType",
		spec.Types["kong-event-gateway:index:ConsumePolicyAPISpec"].Properties["type"].Ref)
	enums := 0
	for _, typ := range spec.Types {
		if len(typ.Enum) > 0 {
			enums++
		}
	}
	assert.GreaterOrEqual(t, enums, 30, "enum types in the schema")
}
