package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/examples/portmapped-go/portmapped"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

// token is the Konnect token both programs get; nothing calls Konnect here.
const token = "kpat_multilanguage0000000000000000000000000000000000"

// TestYAMLPortMappedExample runs examples/yaml-portmapped through the plugin and the YAML language host, runs the
// Go program of examples/portmapped-go with the same arguments in another namespace, and requires the API server
// to hold the same objects, field for field, in both; a second up changes nothing and destroy leaves nothing.
func TestYAMLPortMappedExample(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Minute)
	defer cancel()
	const goNS = "e2e-go-portmapped"
	yamlNS := "e2e-yaml-portmapped"

	// The YAML program, from a copy of its directory: the workspace writes the stack's settings file next to
	// Pulumi.yaml.
	program, err := os.ReadFile(filepath.Join(repoRoot, "examples", "yaml-portmapped", "Pulumi.yaml"))
	require.NoError(t, err)
	yamlStack, up := upYAML(t, ctx, program, yamlNS, token)
	assert.Equal(t, map[string]any{"example_virtual_cluster": "10.0.1.1:9092"}, up.Outputs["bootstrapServers"].Value)
	assert.Equal(t, map[string]any{"example_virtual_cluster": []any{"10.0.1.1:9093", "10.0.1.1:9094", "10.0.1.1:9095"}},
		up.Outputs["brokerAddresses"].Value)
	assert.Equal(t, "example-dp-kafka", up.Outputs["dataPlaneService"].Value)
	requireConstructedByPlugin(t, ctx, yamlStack, "kong-event-gateway:index:PortMappedGateway")
	destroyed := false
	t.Cleanup(func() {
		if !destroyed {
			_, _ = yamlStack.Destroy(context.Background(), optdestroy.Remove())
		}
	})

	// The Go program with the same arguments.
	createNamespace(t, ctx, goNS)
	args := portmapped.Args(pulumi.String(token))
	args.Namespace = goNS
	wait := false
	args.WaitForProgrammed = &wait
	goStack, err := local.Env.Stack(ctx, "e2e-go-portmapped", "e2e", func(ctx *pulumi.Context) error {
		return portmapped.Deploy(ctx, args)
	})
	require.NoError(t, err)
	start := time.Now()
	goUp, err := goStack.Up(ctx)
	require.NoError(t, err, goUp.Stdout)
	t.Logf("Go up: %s", time.Since(start).Round(time.Millisecond))
	t.Cleanup(func() { _, _ = goStack.Destroy(context.Background()) })

	fromYAML, fromGo := objects(t, ctx, yamlNS), objects(t, ctx, goNS)
	require.NotEmpty(t, fromGo)
	t.Logf("comparing %d objects: %v", len(fromGo), keys(fromGo))
	assert.Equal(t, keys(fromGo), keys(fromYAML), "the same kinds and names")
	for key, want := range fromGo {
		assert.Equal(t, want, fromYAML[key], "%s: the same metadata labels, annotations and contents", key)
	}

	start = time.Now()
	again, err := yamlStack.Up(ctx, optup.ExpectNoChanges())
	require.NoError(t, err, again.StdOut)
	t.Logf("YAML second up: %s", time.Since(start).Round(time.Millisecond))
	require.NotNil(t, again.Summary.ResourceChanges)
	changes := *again.Summary.ResourceChanges
	delete(changes, "same")
	assert.Empty(t, changes, "the second up changes nothing")

	start = time.Now()
	_, err = yamlStack.Destroy(ctx, optdestroy.Remove())
	require.NoError(t, err)
	destroyed = true
	t.Logf("YAML destroy: %s", time.Since(start).Round(time.Millisecond))
	for _, kind := range testenv.PortMappedKinds {
		assert.Empty(t, list(t, ctx, kind, yamlNS), "%s objects left in %s", kind.Kind, yamlNS)
	}
	namespace := &corev1.Namespace{}
	err = local.Cluster.Client.Get(ctx, client.ObjectKey{Name: yamlNS}, namespace)
	if err == nil {
		assert.NotNil(t, namespace.DeletionTimestamp, "the program's namespace is being deleted")
	} else {
		assert.True(t, apierrors.IsNotFound(err), err)
	}
}

// upYAML runs `pulumi up` on program (a Pulumi.yaml) in a new stack of its own directory, with konnectToken set as a
// secret config value.
func upYAML(t *testing.T, ctx context.Context, program []byte, namespace, konnectToken string) (auto.Stack, *auto.UpResult) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), program, 0o644))
	stack, err := auto.UpsertStackLocalSource(ctx, "e2e", dir,
		auto.Pulumi(local.Env.Command),
		auto.EnvVars(local.Env.Vars()),
		auto.SecretsProvider("passphrase"),
	)
	require.NoError(t, err)
	require.NoError(t, stack.SetAllConfig(ctx, auto.ConfigMap{
		"konnectToken": {Value: konnectToken, Secret: true},
		"namespace":    {Value: namespace},
	}))
	start := time.Now()
	up, err := stack.Up(ctx)
	require.NoError(t, err, up.StdOut)
	t.Logf("YAML up: %s", time.Since(start).Round(time.Millisecond))
	return stack, &up
}

// requireConstructedByPlugin fails unless the stack's state holds the component as a remote component with its
// children: the plugin, not the language host, constructed it.
func requireConstructedByPlugin(t *testing.T, ctx context.Context, stack auto.Stack, componentType string) {
	t.Helper()
	state, err := stack.Export(ctx)
	require.NoError(t, err)
	var deployment struct {
		Resources []struct {
			URN, Type, Parent string
			Custom            bool
		}
	}
	require.NoError(t, json.Unmarshal(state.Deployment, &deployment))
	var component string
	children := 0
	for _, r := range deployment.Resources {
		if r.Type == componentType {
			assert.False(t, r.Custom)
			component = r.URN
		}
	}
	require.NotEmpty(t, component, "no %s in the state", componentType)
	for _, r := range deployment.Resources {
		if r.Parent == component {
			children++
		}
	}
	assert.Greater(t, children, 0, "the component has no children")
}

// createNamespace creates namespace name for one test and deletes it afterwards.
func createNamespace(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	namespace := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
	require.NoError(t, local.Cluster.Client.Create(ctx, namespace))
	t.Cleanup(func() { _ = local.Cluster.Client.Delete(context.Background(), namespace) })
}

// list returns the objects of kind in namespace.
func list(t *testing.T, ctx context.Context, kind schema.GroupVersionKind, namespace string) []unstructured.Unstructured {
	t.Helper()
	objects := &unstructured.UnstructuredList{}
	objects.SetGroupVersionKind(kind.GroupVersion().WithKind(kind.Kind + "List"))
	require.NoError(t, local.Cluster.Client.List(ctx, objects, client.InNamespace(namespace)), kind.Kind)
	return objects.Items
}

// objects maps "Kind/name" to what a program decides about each object the component kinds have in namespace:
// labels, annotations and everything but metadata and status, with the namespace's name replaced by <namespace>.
func objects(t *testing.T, ctx context.Context, namespace string) map[string]any {
	t.Helper()
	found := map[string]any{}
	for _, kind := range testenv.PortMappedKinds {
		for _, o := range list(t, ctx, kind, namespace) {
			content := map[string]any{}
			for k, v := range o.Object {
				if k != "metadata" && k != "status" && k != "apiVersion" && k != "kind" {
					content[k] = v
				}
			}
			content["labels"] = o.GetLabels()
			content["annotations"] = o.GetAnnotations()
			raw, err := json.Marshal(content)
			require.NoError(t, err)
			raw = []byte(strings.ReplaceAll(string(raw), namespace, "<namespace>"))
			var normalized any
			require.NoError(t, json.Unmarshal(raw, &normalized))
			found[kind.Kind+"/"+o.GetName()] = normalized
		}
	}
	return found
}

// keys lists the keys of m.
func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestYAMLSniExample: the SNI YAML example, through the plugin and the YAML host, creates the SNI graph on the local
// cluster with the host names the Go component derives; a second up changes nothing and destroy removes it.
func TestYAMLSniExample(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Minute)
	defer cancel()
	const ns = "e2e-yaml-sni"
	program, err := os.ReadFile(filepath.Join(repoRoot, "examples", "yaml-sni", "Pulumi.yaml"))
	require.NoError(t, err)
	stack, up := upYAML(t, ctx, program, ns, token)
	destroyed := false
	t.Cleanup(func() {
		if !destroyed {
			_, _ = stack.Destroy(context.Background(), optdestroy.Remove())
		}
	})
	assert.Equal(t, map[string]any{"vc_tls_1": "bootstrap.vc-tls-1.keg.example.com:9092"}, up.Outputs["bootstrapServers"].Value)
	requireConstructedByPlugin(t, ctx, stack, "kong-event-gateway:index:SniGateway")
	for kind, want := range map[schema.GroupVersionKind][]string{
		{Group: "gateway.networking.k8s.io", Version: "v1", Kind: "TLSRoute"}:                        {"sni-vc-tls-1-route"},
		{Group: "gateway.networking.k8s.io", Version: "v1", Kind: "Gateway"}:                         {"sni-edge"},
		{Group: "cert-manager.io", Version: "v1", Kind: "Certificate"}:                               {"sni-tls"},
		{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayListenerPolicy"}: {"sni-forward", "sni-tls-server"},
		{Group: "eventgateway.konghq.com", Version: "v1alpha1", Kind: "KegDataPlane"}:                {"sni-dp"},
	} {
		var names []string
		for _, o := range list(t, ctx, kind, ns) {
			names = append(names, o.GetName())
		}
		slices.Sort(names)
		assert.Equal(t, want, names, kind.Kind)
	}

	again, err := stack.Up(ctx, optup.ExpectNoChanges())
	require.NoError(t, err, again.StdOut)
	_, err = stack.Destroy(ctx, optdestroy.Remove())
	require.NoError(t, err)
	destroyed = true
}
