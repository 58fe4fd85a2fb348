package automation_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	konnectcomponents "github.com/Kong/sdk-konnect-go/models/components"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

// TestRealSpecStaticKeys: a real spec with a static key (its value from the environment) and an encrypt policy
// naming it creates the key through the kong-event-gateway plugin in the Konnect gateway the operator reports (this
// test writes its status.id, as the operator would), at the spec's konnect.apiURL, here the emulator; the policy's
// custom resource names the key by Konnect ID, and destroy deletes the key.
func TestRealSpecStaticKeys(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	emu, err := konnectemu.New()
	require.NoError(t, err)
	defer emu.Close()
	created, err := emu.SDK().EventGateways.CreateEventGateway(ctx, konnectcomponents.CreateGatewayRequest{Name: "keys"})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, created.StatusCode)
	gatewayID := created.EventGatewayInfo.ID

	const ns = "auto-keys"
	require.NoError(t, client.IgnoreAlreadyExists(local.Cluster.Client.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})))
	t.Setenv("PULUMI_HOME", t.TempDir())
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "static keys passphrase")
	t.Setenv("KEYS_KONNECT_TOKEN", emu.Token())
	t.Setenv("ORDERS_KEY", "c3RhdGljLWtleS1tYXRlcmlhbC1vZi0zMi1ieXRlcyE=")
	p, err := spec.Parse("keys.yaml", []byte(fmt.Sprintf(`
stack: keys
kubernetes: {kubeconfig: %s}
konnect: {serverURL: eu.api.konghq.com, tokenEnv: KEYS_KONNECT_TOKEN, apiURL: %q}
gateways:
  - name: pm
    portMapped:
      namespace: %s
      advertisedHost: kafka.example.com
      waitForProgrammed: false
      backendCluster: {bootstrapServers: [kafka:9092], brokerCount: 1}
      staticKeys: [{name: orders-key, value: {env: ORDERS_KEY}}]
      virtualClusters:
        - name: orders
          producePolicies:
            - type: encrypt
              encrypt:
                config:
                  failureMode: error
                  partOfRecord: [value]
                  encryptionKey: {type: static, static: {key: {name: orders-key}}}
`, local.Cluster.KubeconfigPath, emu.URL(), ns)))
	require.NoError(t, err)
	r, err := automation.Open(ctx, p, automation.Options{BinDir: local.BinDir, StateDir: t.TempDir(), KonnectHTTPClient: emu.HTTPClient()})
	require.NoError(t, err)
	defer r.Close()

	operator := testenv.ReportGatewayID(ctx, local.Cluster.Client, ns, "pm-gateway", gatewayID)
	_, err = r.Up(ctx, automation.OpOptions{})
	require.NoError(t, err)
	require.NoError(t, <-operator)
	var keys []string
	for _, o := range emu.Snapshot() {
		if o.Kind == konnectemu.KindStaticKey && o.ParentID == gatewayID {
			keys = append(keys, o.ID)
		}
	}
	require.Len(t, keys, 1, "the static key is in Konnect, under the gateway the operator reported")
	policy := &unstructured.Unstructured{}
	policy.SetGroupVersionKind(schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayVirtualClusterProducePolicy"})
	require.NoError(t, local.Cluster.Client.Get(ctx, client.ObjectKey{Namespace: ns, Name: "pm-orders-produce-0"}, policy))
	id, _, err := unstructured.NestedString(policy.Object, "spec", "apiSpec", "encrypt", "config", "encryptionKey", "static", "key", "id")
	require.NoError(t, err)
	assert.Equal(t, keys[0], id, "the policy names the key by Konnect ID")

	_, err = r.Destroy(ctx, automation.OpOptions{})
	require.NoError(t, err)
	for _, o := range emu.Snapshot() {
		assert.NotEqual(t, konnectemu.KindStaticKey, o.Kind, "destroy deletes the key")
	}
	assert.Empty(t, emu.ValidationErrors(), "requests the Konnect spec rejects")
	assert.Empty(t, emu.ResponseValidationErrors(), "emulator answers outside the spec")
}
