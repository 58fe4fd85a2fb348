package e2e

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"testing"
	"time"

	konnectcomponents "github.com/Kong/sdk-konnect-go/models/components"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

var (
	producePolicyKind  = schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayVirtualClusterProducePolicy"}
	listenerPolicyKind = schema.GroupVersionKind{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayListenerPolicy"}
)

// TestStaticKeysThroughTheProvider: a component with a static key creates it through the kong-event-gateway plugin
// in the Konnect gateway the operator reports (this test writes the KonnectEventGateway's status.id, as the
// operator would), and its encrypt policy names the key by Konnect ID; a second up changes nothing; a new key
// value creates the new key before deleting the old one, which Konnect refuses while a policy uses it, and moves the
// policy to it.
func TestStaticKeysThroughTheProvider(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	const ns = "e2e-static-keys"
	createNamespace(t, ctx, ns)
	emu, token, gatewayID := konnectWithGateway(t, "static-keys")

	wait := false
	keyValue := randomKey(t)
	args := components.PortMappedGatewayArgs{
		Konnect:        components.KonnectArgs{Token: pulumi.String(token), ServerURL: "eu.api.konghq.com", APIURL: emu.URL()},
		AdvertisedHost: "10.0.1.1",
		Namespace:      ns,
		BackendCluster: components.BackendClusterArgs{BootstrapServers: []string{"kafka:9092"}, BrokerCount: 1},
		VirtualClusters: []components.VirtualClusterArgs{{
			Name: "orders",
			ProducePolicies: []eventgateway.ProducePolicyAPISpec{{
				Type: eventgateway.ProducePolicyEncrypt,
				Encrypt: &eventgateway.EncryptPolicy{Config: eventgateway.EncryptConfig{
					FailureMode:  eventgateway.CryptoFailureModeError,
					PartOfRecord: []eventgateway.RecordPart{eventgateway.RecordValue},
					EncryptionKey: eventgateway.EncryptionKey{Type: eventgateway.KeyStatic,
						Static: &eventgateway.StaticEncryptionKey{Key: eventgateway.KonnectRef{Name: "orders-key"}}},
				}},
			}},
		}},
		WaitForProgrammed: &wait,
	}
	stack, err := local.Env.Stack(ctx, "e2e-static-keys", "dev", func(ctx *pulumi.Context) error {
		args.StaticKeys = []components.StaticKeyArgs{{Name: "orders-key", Value: pulumi.ToSecret(pulumi.String(keyValue)).(pulumi.StringOutput)}}
		_, err := components.NewPortMappedGateway(ctx, "pm", args)
		return err
	})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = stack.Destroy(context.Background()) })

	operator := testenv.ReportGatewayID(ctx, local.Cluster.Client, ns, "pm-gateway", gatewayID)
	up, err := stack.Up(ctx)
	require.NoError(t, err, up.Stdout)
	require.NoError(t, <-operator)
	keyID := onlyKey(t, emu, gatewayID)
	assert.Equal(t, keyID, policyKeyID(t, ctx, ns), "the encrypt policy names the key by its Konnect ID")

	again, err := stack.Up(ctx)
	require.NoError(t, err, again.Stdout)
	assert.Zero(t, again.Creates+again.Updates+again.Deletes+again.Replaces, again.Stdout)

	keyValue = randomKey(t)
	rotated, err := stack.Up(ctx)
	require.NoError(t, err, rotated.Stdout)
	assert.Equal(t, 1, rotated.Replaces, rotated.Stdout)
	newID := onlyKey(t, emu, gatewayID)
	assert.NotEqual(t, keyID, newID, "the key was replaced")
	assert.Equal(t, newID, policyKeyID(t, ctx, ns), "the policy moved to the new key")
	assert.Empty(t, emu.ValidationErrors(), "requests the Konnect spec rejects")
	assert.Empty(t, emu.ResponseValidationErrors(), "emulator answers outside the spec")

	_, err = stack.Destroy(ctx)
	require.NoError(t, err)
	for _, o := range emu.Snapshot() {
		assert.NotEqual(t, konnectemu.KindStaticKey, o.Kind, "destroy deletes the key")
	}
}

// onlyKey returns the ID of the one static key of the emulator's gateway gatewayID.
func onlyKey(t *testing.T, emu *konnectemu.Server, gatewayID string) string {
	t.Helper()
	var ids []string
	for _, o := range emu.Snapshot() {
		if o.Kind == konnectemu.KindStaticKey && o.ParentID == gatewayID {
			ids = append(ids, o.ID)
		}
	}
	require.Len(t, ids, 1, "static keys in Konnect")
	return ids[0]
}

// policyKeyID is the static key ID the produce policy's custom resource names.
func policyKeyID(t *testing.T, ctx context.Context, namespace string) string {
	t.Helper()
	policy := &unstructured.Unstructured{}
	policy.SetGroupVersionKind(producePolicyKind)
	require.NoError(t, local.Cluster.Client.Get(ctx, client.ObjectKey{Namespace: namespace, Name: "pm-orders-produce-0"}, policy))
	id, _, err := unstructured.NestedString(policy.Object, "spec", "apiSpec", "encrypt", "config", "encryptionKey", "static", "key", "id")
	require.NoError(t, err)
	return id
}

// konnectWithGateway starts a Konnect emulator for one test, with a random token and an event gateway called name
// (the one the operator would create), and returns the emulator, the token and the gateway's ID.
func konnectWithGateway(t *testing.T, name string) (*konnectemu.Server, string, string) {
	t.Helper()
	token := "kpat_" + randomHex(t)
	emu, err := konnectemu.New(konnectemu.WithToken(token))
	require.NoError(t, err)
	t.Cleanup(emu.Close)
	res, err := emu.SDK().EventGateways.CreateEventGateway(t.Context(), konnectcomponents.CreateGatewayRequest{Name: name})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, res.StatusCode)
	return emu, token, res.EventGatewayInfo.ID
}

// randomKey returns random 256-bit key material, base64-encoded.
func randomKey(t *testing.T) string {
	t.Helper()
	b := make([]byte, 32)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(b)
}

// randomHex returns 24 random bytes, hex-encoded.
func randomHex(t *testing.T) string {
	t.Helper()
	b := make([]byte, 24)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return hex.EncodeToString(b)
}

// TestTrustBundlesThroughTheProvider: an SniGateway with client authentication creates its TLS trust bundle through
// the kong-event-gateway plugin in the Konnect gateway the operator reports (this test writes status.id), and its
// tlsServer policy names the bundle by Konnect ID; a second up changes nothing.
func TestTrustBundlesThroughTheProvider(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	const ns = "e2e-trust-bundles"
	createNamespace(t, ctx, ns)
	emu, token, gatewayID := konnectWithGateway(t, "trust-bundles")

	wait := false
	ca := caPEM(t)
	args := components.SniGatewayArgs{
		Konnect:         components.KonnectArgs{Token: pulumi.String(token), ServerURL: "eu.api.konghq.com", APIURL: emu.URL()},
		SNISuffix:       ".keg.example.com",
		Namespace:       ns,
		BackendCluster:  components.BackendClusterArgs{BootstrapServers: []string{"kafka:9092"}, BrokerCount: 1},
		VirtualClusters: []components.SniVirtualClusterArgs{{Name: "orders"}},
		Edge: components.EdgeArgs{
			ExistingGateway: &components.ExistingGatewayArgs{Name: "shared", SectionName: "kafka"}, Port: 9092,
			Address: "203.0.113.20",
		},
		TLS: components.SniTLSArgs{
			SecretName:           "keg-tls",
			ClientAuthentication: &components.ClientAuthenticationArgs{TrustBundles: []components.TrustBundleArgs{{Name: "clients", TrustedCA: ca}}},
		},
		WaitForProgrammed: &wait,
	}
	stack, err := local.Env.Stack(ctx, "e2e-trust-bundles", "dev", func(ctx *pulumi.Context) error {
		_, err := components.NewSniGateway(ctx, "sni", args)
		return err
	})
	require.NoError(t, err)
	t.Cleanup(func() { _, _ = stack.Destroy(context.Background()) })

	operator := testenv.ReportGatewayID(ctx, local.Cluster.Client, ns, "sni-gateway", gatewayID)
	up, err := stack.Up(ctx)
	require.NoError(t, err, up.Stdout)
	require.NoError(t, <-operator)
	var bundles []konnectemu.Object
	for _, o := range emu.Snapshot() {
		if o.Kind == konnectemu.KindTLSTrustBundle && o.ParentID == gatewayID {
			bundles = append(bundles, o)
		}
	}
	require.Len(t, bundles, 1, "trust bundles in Konnect")
	assert.Equal(t, "clients", bundles[0].Body["name"])

	policy := &unstructured.Unstructured{}
	policy.SetGroupVersionKind(listenerPolicyKind)
	require.NoError(t, local.Cluster.Client.Get(ctx, client.ObjectKey{Namespace: ns, Name: "sni-tls-server"}, policy))
	auth, _, err := unstructured.NestedMap(policy.Object, "spec", "apiSpec", "tlsServer", "config", "clientAuthentication")
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"mode": "required", "tlsTrustBundles": []any{map[string]any{"id": bundles[0].ID}}}, auth)

	again, err := stack.Up(ctx)
	require.NoError(t, err, again.Stdout)
	assert.Zero(t, again.Creates+again.Updates+again.Deletes+again.Replaces, again.Stdout)
	assert.Empty(t, emu.ValidationErrors(), "requests the Konnect spec rejects")
	assert.Empty(t, emu.ResponseValidationErrors(), "emulator answers outside the spec")
}

// caPEM returns a self-signed CA certificate, PEM-encoded.
func caPEM(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "clients CA"}, IsCA: true, BasicConstraintsValid: true,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// TestStaticKeysFromYAML: the same static key from a Pulumi YAML program, so through the plugin's Construct: the
// component constructed inside the plugin registers its own kong-event-gateway provider and the key, which lands in
// the Konnect gateway the operator reports.
func TestStaticKeysFromYAML(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	const ns = "e2e-yaml-keys"
	emu, token, gatewayID := konnectWithGateway(t, "yaml-keys")
	program := fmt.Sprintf(`name: yaml-keys
runtime: yaml
config:
  konnectToken: {type: string, secret: true}
  namespace: {type: string}
resources:
  ns:
    type: kubernetes:core/v1:Namespace
    properties:
      metadata:
        name: ${namespace}
  pm:
    type: kong-event-gateway:index:PortMappedGateway
    properties:
      konnect:
        token: ${konnectToken}
        serverURL: eu.api.konghq.com
        apiURL: %q
      namespace: ${namespace}
      advertisedHost: 10.0.1.1
      backendCluster: {bootstrapServers: ["kafka:9092"], brokerCount: 1}
      staticKeys:
        - name: orders-key
          value: ${konnectToken}
      virtualClusters: [{name: orders}]
      waitForProgrammed: false
    options:
      dependsOn:
        - ${ns}
`, emu.URL())
	operator := testenv.ReportGatewayID(ctx, local.Cluster.Client, ns, "pm-gateway", gatewayID)
	stack, _ := upYAML(t, ctx, []byte(program), ns, token)
	require.NoError(t, <-operator)
	t.Cleanup(func() { _, _ = stack.Destroy(context.Background(), optdestroy.Remove()) })
	onlyKey(t, emu, gatewayID)
	_, err := stack.Destroy(ctx, optdestroy.Remove())
	require.NoError(t, err)
	for _, o := range emu.Snapshot() {
		assert.NotEqual(t, konnectemu.KindStaticKey, o.Kind, "destroy deletes the key")
	}
	assert.Empty(t, emu.ValidationErrors(), "requests the Konnect spec rejects")
}
