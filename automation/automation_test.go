package automation_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

var local *testenv.Local

func TestMain(m *testing.M) { testenv.Main(m, &local) }

// specFor returns a local spec deploying one port-mapped gateway into namespace ns; open runs it on the shared
// test cluster with the embedded Konnect emulator.
func specFor(t *testing.T, stack, ns string) *spec.Parsed {
	t.Helper()
	return parseSpec(t, stack, ns, "local: true")
}

// parseSpec returns a spec deploying one port-mapped gateway into namespace ns (created here) with target, the
// spec's local or real target fields.
func parseSpec(t *testing.T, stack, ns, target string) *spec.Parsed {
	t.Helper()
	require.NoError(t, client.IgnoreAlreadyExists(local.Cluster.Client.Create(context.Background(),
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})))
	p, err := spec.Parse(stack+".yaml", []byte(fmt.Sprintf(`
stack: %s
%s
gateways:
  - name: pm
    portMapped:
      namespace: %s
      advertisedHost: kafka.example.com
      backendCluster:
        bootstrapServers: [kafka:9092]
        brokerCount: 3
      virtualClusters:
        - name: orders
        - name: payments
          port: 9096
`, stack, target, ns)))
	require.NoError(t, err)
	return p
}

func open(t *testing.T, p *spec.Parsed, stateDir string) *automation.Runner {
	t.Helper()
	r, err := automation.Open(context.Background(), p, automation.Options{
		BinDir: local.BinDir, StateDir: stateDir, LocalCluster: local.Cluster.KubeconfigPath,
	})
	require.NoError(t, err)
	t.Cleanup(r.Close)
	return r
}

func TestLifecycle(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var seen int
	var mu sync.Mutex
	p := specFor(t, "lifecycle", "auto-lifecycle")
	r, err := automation.Open(ctx, p, automation.Options{
		BinDir: local.BinDir, StateDir: t.TempDir(), LocalCluster: local.Cluster.KubeconfigPath,
		Events: func(_ events.EngineEvent) { mu.Lock(); seen++; mu.Unlock() },
	})
	require.NoError(t, err)
	defer r.Close()

	preview, err := r.Preview(ctx, automation.OpOptions{})
	require.NoError(t, err)
	require.Greater(t, preview.Creates, 10, preview.Stdout)

	up, err := r.Up(ctx, automation.OpOptions{})
	require.NoError(t, err, up.Stdout)
	require.Equal(t, preview.Creates, up.Creates)
	want := automation.GatewayConnections{
		Pattern: automation.PatternPortMapped,
		BootstrapServers: map[string]string{
			"orders": "kafka.example.com:9092", "payments": "kafka.example.com:9096",
		},
		BrokerAddresses: map[string][]string{
			"orders":   {"kafka.example.com:9093", "kafka.example.com:9094", "kafka.example.com:9095"},
			"payments": {"kafka.example.com:9097", "kafka.example.com:9098", "kafka.example.com:9099"},
		},
	}
	require.Equal(t, automation.Connections{"pm": want}, up.Connections)

	outputs, err := r.Outputs(ctx)
	require.NoError(t, err)
	require.Equal(t, up.Connections, outputs)

	refresh, err := r.Refresh(ctx, automation.OpOptions{})
	require.NoError(t, err)
	require.Zero(t, refresh.Updates+refresh.Deletes, refresh.Stdout)

	listener := &unstructured.Unstructured{}
	listener.SetAPIVersion("configuration.konghq.com/v1alpha1")
	listener.SetKind("EventGatewayListener")
	require.NoError(t, local.Cluster.Client.Get(ctx, client.ObjectKey{Namespace: "auto-lifecycle", Name: "pm-payments-listener"}, listener))

	destroy, err := r.Destroy(ctx, automation.OpOptions{})
	require.NoError(t, err)
	require.Equal(t, up.Creates, destroy.Deletes)
	err = local.Cluster.Client.Get(ctx, client.ObjectKeyFromObject(listener), listener)
	require.True(t, apierrors.IsNotFound(err), "listener still present: %v", err)
	mu.Lock()
	require.Positive(t, seen, "engine events reach the sink")
	mu.Unlock()
}

// TestConcurrentStacks runs three stacks at once through the library.
func TestConcurrentStacks(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	state := t.TempDir()
	var runners []*automation.Runner
	for i := range 3 {
		runners = append(runners, open(t, specFor(t, fmt.Sprintf("concurrent-%d", i), fmt.Sprintf("auto-concurrent-%d", i)), state))
	}
	errs := make([]error, len(runners))
	var wg sync.WaitGroup
	for i, r := range runners {
		wg.Go(func() {
			if _, err := r.Up(ctx, automation.OpOptions{}); err != nil {
				errs[i] = err
				return
			}
			_, errs[i] = r.Destroy(ctx, automation.OpOptions{})
		})
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
}

// TestConcurrentUpdateOfOneStack runs two ups of the same stack at once: one
// wins, the other gets the typed error, and the state stays usable.
func TestConcurrentUpdateOfOneStack(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	state := t.TempDir()
	p := specFor(t, "contended", "auto-contended")
	a, b := open(t, p, state), open(t, p, state)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, r := range []*automation.Runner{a, b} {
		wg.Go(func() { _, errs[i] = r.Up(ctx, automation.OpOptions{}) })
	}
	wg.Wait()
	var concurrent *automation.ConcurrentUpdateError
	failed := 0
	for _, err := range errs {
		if err != nil {
			require.ErrorAs(t, err, &concurrent)
			failed++
		}
	}
	require.Equal(t, 1, failed, "exactly one up must lose: %v", errs)

	again, err := a.Up(ctx, automation.OpOptions{})
	require.NoError(t, err, "state intact after the conflict")
	require.Zero(t, again.Creates+again.Updates+again.Deletes, again.Stdout)
	_, err = a.Destroy(ctx, automation.OpOptions{})
	require.NoError(t, err)
}

// TestRealSpec deploys a real spec: the cluster of its kubeconfig, the Konnect of konnect.serverURL (the emulator
// stands in for it through the injected HTTP client, so nothing leaves this host), the user's Pulumi home and a
// passphrase from the environment. A rejected token fails before anything is deployed.
func TestRealSpec(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	emu, err := konnectemu.New()
	require.NoError(t, err)
	defer emu.Close()
	defer func() {
		assert.Empty(t, emu.ValidationErrors(), "requests the Konnect spec rejects")
		assert.Empty(t, emu.ResponseValidationErrors(), "emulator answers outside the spec")
	}()
	pulumiHome, state := t.TempDir(), t.TempDir()
	t.Setenv("PULUMI_HOME", pulumiHome)
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "real spec passphrase")
	t.Setenv("REAL_KONNECT_TOKEN", "kpat_rejected000000000000000000000000000000000000000")
	p := parseSpec(t, "real", "auto-real", fmt.Sprintf(`kubernetes: {kubeconfig: %s}
konnect: {serverURL: eu.api.konghq.com, tokenEnv: REAL_KONNECT_TOKEN}`, local.Cluster.KubeconfigPath))
	p.Gateways[0].PortMapped.WaitForProgrammed = new(bool) // no operator runs here
	var steps []automation.Status
	opts := automation.Options{
		BinDir: local.BinDir, StateDir: state, KonnectHTTPClient: emu.HTTPClient(),
		Status: func(s automation.Status) { steps = append(steps, s) },
	}

	_, err = automation.Open(ctx, p, opts)
	var auth *automation.KonnectAuthError
	require.ErrorAs(t, err, &auth)
	require.Contains(t, err.Error(), "the token was rejected by https://eu.api.konghq.com")
	entries, err := os.ReadDir(state)
	require.NoError(t, err)
	require.Empty(t, entries, "nothing is written before Konnect accepts the token")

	t.Setenv("REAL_KONNECT_TOKEN", emu.Token())
	steps = nil
	r, err := automation.Open(ctx, p, opts)
	require.NoError(t, err)
	defer r.Close()
	require.False(t, r.Local())
	var messages []string
	for _, s := range steps {
		if s.Done {
			messages = append(messages, s.Message)
		}
	}
	require.Equal(t, []string{"checking the Kubernetes cluster", "checking the Konnect token with eu.api.konghq.com"}, messages)
	require.DirExists(t, filepath.Join(pulumiHome, "plugins", "resource-kubernetes-"+pulumihome.KubernetesPluginVersion),
		"a real spec uses the user's Pulumi home")
	require.NoDirExists(t, filepath.Join(state, "home"))

	_, err = r.Up(ctx, automation.OpOptions{})
	require.NoError(t, err)
	secret := &corev1.Secret{}
	require.NoError(t, local.Cluster.Client.Get(ctx, client.ObjectKey{Namespace: "auto-real", Name: "pm-konnect-token"}, secret))
	require.Equal(t, emu.Token(), string(secret.Data["token"]))
	stateFiles, err := filepath.Glob(filepath.Join(state, "state", ".pulumi", "stacks", "*", "real.json"))
	require.NoError(t, err)
	require.Len(t, stateFiles, 1)
	stored, err := os.ReadFile(stateFiles[0])
	require.NoError(t, err)
	require.False(t, strings.Contains(string(stored), emu.Token()), "the token is encrypted in state")
	require.True(t, strings.Contains(string(stored), `"secrets_providers":{"type":"passphrase"`), "passphrase secrets provider")

	_, err = r.Destroy(ctx, automation.OpOptions{})
	require.NoError(t, err)
}
