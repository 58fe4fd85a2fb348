// Package testenv starts what end-to-end tests share, once per test package:
// the local cluster with every CRD and a Pulumi Env with the Kubernetes plugin.
package testenv

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/pulumitest"
)

// Local is a running cluster plus a Pulumi Env pointed at it.
type Local struct {
	// BinDir is the project's ./bin.
	BinDir  string
	Cluster *localcluster.Cluster
	Env     *pulumitest.Env
}

// Start starts the cluster and the Env; extra plugins are installed besides
// the Kubernetes one.
func Start(ctx context.Context, plugins ...pulumihome.Plugin) (*Local, error) {
	root, err := localcluster.RepoRoot()
	if err != nil {
		return nil, err
	}
	l := &Local{BinDir: filepath.Join(root, "bin")}
	tools := pulumihome.Locator{Dir: l.BinDir}
	kubernetesPlugin, err := pulumihome.KubernetesPlugin(tools)
	if err != nil {
		return nil, err
	}
	kongDir, err := localcluster.FindKongCRDs(root)
	if err != nil {
		return nil, err
	}
	l.Cluster, err = localcluster.Start(ctx, localcluster.Options{
		BinDir: l.BinDir,
		CRDs:   localcluster.DefaultCRDs(kongDir, filepath.Join(l.BinDir, "crds")),
	})
	if err != nil {
		return nil, err
	}
	l.Env, err = pulumitest.NewEnv(ctx, pulumitest.Options{
		Tools:      tools,
		Kubeconfig: l.Cluster.KubeconfigPath,
		Plugins:    append([]pulumihome.Plugin{kubernetesPlugin}, plugins...),
	})
	if err != nil {
		_ = l.Cluster.Stop()
		return nil, err
	}
	return l, nil
}

// Stop stops the cluster and removes the Env.
func (l *Local) Stop() {
	_ = l.Env.Close()
	_ = l.Cluster.Stop()
}

// Main is a TestMain body: it starts a Local into *local, runs the tests and
// stops it, so every test in the package shares one control plane.
func Main(m *testing.M, local **Local, plugins ...pulumihome.Plugin) {
	os.Exit(Run(m, local, plugins...))
}

// Run is Main for a TestMain with work of its own around the tests: it returns the exit code instead of exiting.
func Run(m *testing.M, local **Local, plugins ...pulumihome.Plugin) int {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	l, err := Start(ctx, plugins...)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testenv:", err)
		return 1
	}
	*local = l
	code := m.Run()
	l.Stop()
	return code
}

// KubeconfigFor writes, into dir, a kubeconfig whose current context points at server (TLS not verified), for tests
// of clusters that are down or never answer; it returns the file.
func KubeconfigFor(t *testing.T, dir, server string) string {
	t.Helper()
	file := filepath.Join(dir, "kubeconfig")
	config := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters: [{name: test, cluster: {server: %s, insecure-skip-tls-verify: true}}]
users: [{name: admin, user: {token: t}}]
contexts: [{name: test, context: {cluster: test, user: admin}}]
current-context: test
`, server)
	if err := os.WriteFile(file, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// PortMappedKinds are the kinds of the objects a PortMappedGateway creates.
var PortMappedKinds = []schema.GroupVersionKind{
	{Version: "v1", Kind: "Secret"},
	{Group: "konnect.konghq.com", Version: "v1alpha1", Kind: "KonnectAPIAuthConfiguration"},
	{Group: "konnect.konghq.com", Version: "v1alpha1", Kind: "KonnectEventGateway"},
	{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayBackendCluster"},
	{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayVirtualCluster"},
	{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayListener"},
	{Group: "configuration.konghq.com", Version: "v1alpha1", Kind: "EventGatewayListenerPolicy"},
	{Group: "eventgateway.konghq.com", Version: "v1alpha1", Kind: "KegDataPlane"},
}
