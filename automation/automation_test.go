package automation_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

var local *testenv.Local

func TestMain(m *testing.M) { testenv.Main(m, &local) }

// specFor returns a spec deploying one port-mapped gateway into namespace ns
// of the shared test cluster, with the embedded Konnect emulator.
func specFor(t *testing.T, stack, ns string) *spec.Parsed {
	t.Helper()
	require.NoError(t, client.IgnoreAlreadyExists(local.Cluster.Client.Create(context.Background(),
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})))
	p, err := spec.Parse(stack+".yaml", []byte(fmt.Sprintf(`
stack: %s
kubernetes:
  kubeconfig: %s
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
`, stack, local.Cluster.KubeconfigPath, ns)))
	require.NoError(t, err)
	return p
}

func open(t *testing.T, p *spec.Parsed, stateDir string) *automation.Runner {
	t.Helper()
	r, err := automation.Open(context.Background(), p, automation.Options{BinDir: local.BinDir, StateDir: stateDir})
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
		BinDir: local.BinDir, StateDir: t.TempDir(),
		Events: func(_ events.EngineEvent) { mu.Lock(); seen++; mu.Unlock() },
	})
	require.NoError(t, err)
	defer r.Close()

	preview, err := r.Preview(ctx)
	require.NoError(t, err)
	require.Greater(t, preview.Creates, 10, preview.Stdout)

	up, err := r.Up(ctx)
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

	refresh, err := r.Refresh(ctx)
	require.NoError(t, err)
	require.Zero(t, refresh.Updates+refresh.Deletes, refresh.Stdout)

	listener := &unstructured.Unstructured{}
	listener.SetAPIVersion("configuration.konghq.com/v1alpha1")
	listener.SetKind("EventGatewayListener")
	require.NoError(t, local.Cluster.Client.Get(ctx, client.ObjectKey{Namespace: "auto-lifecycle", Name: "pm-payments-listener"}, listener))

	destroy, err := r.Destroy(ctx)
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
			if _, err := r.Up(ctx); err != nil {
				errs[i] = err
				return
			}
			_, errs[i] = r.Destroy(ctx)
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
		wg.Go(func() { _, errs[i] = r.Up(ctx) })
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

	again, err := a.Up(ctx)
	require.NoError(t, err, "state intact after the conflict")
	require.Zero(t, again.Creates+again.Updates+again.Deletes, again.Stdout)
	_, err = a.Destroy(ctx)
	require.NoError(t, err)
}
