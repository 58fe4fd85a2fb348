package eventgateway

import (
	"encoding/base64"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/crdschema"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

// renderFixtures registers every fixture in namespace kong, waiting for readiness, and returns the recording.
func renderFixtures(t *testing.T) *pulumimock.Recorder {
	t.Helper()
	recorder, err := pulumimock.Run(func(ctx *pulumi.Context) error {
		for _, f := range fixtures {
			meta := Metadata{
				Name: f.name, Namespace: "kong", Labels: map[string]string{"app": "keg"},
				Annotations: map[string]string{"note": "x"}, WaitForProgrammed: true,
			}
			if err := f.register(ctx, f.name, meta); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	return recorder
}

func TestConstructorsRegisterCustomResources(t *testing.T) {
	recorder := renderFixtures(t)
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			registered, ok := recorder.Named(f.name)
			require.True(t, ok)
			assert.Equal(t, "kubernetes:"+f.apiVersion+":"+f.kind, registered.Type)
			assert.True(t, registered.DeleteBeforeReplace, "fixed-name objects are deleted before replacement")

			object := registered.Plain()
			assert.Equal(t, f.apiVersion, object["apiVersion"])
			assert.Equal(t, f.kind, object["kind"])
			assert.Equal(t, map[string]any{
				"name":      f.name,
				"namespace": "kong",
				"labels":    map[string]any{"app": "keg"},
				"annotations": map[string]any{"note": "x", WaitForAnnotation: "condition=" + f.condition,
					PatchForceAnnotation: "true"},
			}, object["metadata"])
			assert.False(t, pulumimock.IsSecret(registered.Inputs, "spec"), "only sensitive leaves are secrets")
			for _, path := range f.secretPaths {
				assert.True(t, pulumimock.IsSecret(registered.Inputs, append([]any{"spec"}, path...)...),
					"spec%v must be a secret", path)
			}
		})
	}
}

func TestRenderedCustomResourcesMatchCRDSchemas(t *testing.T) {
	validator, err := crdschema.Load(crdschema.Dir("../../../shared/crds/kong-operator"))
	if err != nil {
		t.Skipf("CRDs not available (set %s): %v", crdschema.DirEnv, err)
	}
	recorder := renderFixtures(t)
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			registered, _ := recorder.Named(f.name)
			assert.NoError(t, validator.Validate(registered.Plain()))
		})
	}
}

// TestWaitForProgrammedOffWaitsForNothing: without WaitForProgrammed an object gets no wait annotation, only the
// patch-force one.
func TestWaitForProgrammedOffWaitsForNothing(t *testing.T) {
	recorder, err := pulumimock.Run(func(ctx *pulumi.Context) error {
		_, err := NewKonnectEventGateway(ctx, "gw", Metadata{Name: "gw"}, KonnectEventGatewaySpec{
			APISpec: KonnectEventGatewayAPISpec{Name: "gw"},
			Konnect: KonnectConfiguration{AuthRef: NamespacedRef{Name: "auth"}},
		})
		return err
	})
	require.NoError(t, err)
	registered, _ := recorder.Named("gw")
	assert.Equal(t, map[string]any{"name": "gw", "annotations": map[string]any{PatchForceAnnotation: "true"}},
		registered.Plain()["metadata"])
}

func TestKonnectTokenSecret(t *testing.T) {
	recorder, err := pulumimock.Run(func(ctx *pulumi.Context) error {
		_, err := NewKonnectTokenSecret(ctx, "token", Metadata{
			Name: "token", Namespace: "kong", Labels: map[string]string{"app": "keg"}, WaitForProgrammed: true,
		}, pulumi.String("kpat_secret"))
		return err
	})
	require.NoError(t, err)
	secret, ok := recorder.Named("token")
	require.True(t, ok)
	assert.Equal(t, "kubernetes:core/v1:Secret", secret.Type)
	assert.True(t, secret.DeleteBeforeReplace)
	assert.True(t, pulumimock.IsSecret(secret.Inputs, "data", KonnectTokenSecretKey))

	object := secret.Plain()
	assert.Equal(t, "Opaque", object["type"])
	assert.Equal(t, map[string]any{
		"name":        "token",
		"namespace":   "kong",
		"labels":      map[string]any{"app": "keg", "konghq.com/credential": "konnect", "konghq.com/secret": "true"},
		"annotations": map[string]any{PatchForceAnnotation: "true"},
	}, object["metadata"], "a Secret has no readiness condition to wait for; Pulumi takes its fields back from "+
		"other managers")
	token, err := base64.StdEncoding.DecodeString(object["data"].(map[string]any)[KonnectTokenSecretKey].(string))
	require.NoError(t, err)
	assert.Equal(t, "kpat_secret", string(token))
}
