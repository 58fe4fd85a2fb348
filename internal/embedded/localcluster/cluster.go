// Package localcluster runs a local Kubernetes control plane (etcd,
// kube-apiserver and kube-controller-manager on 127.0.0.1) with the CRDs the
// project deploys against, for tests and for the embedded default of the CLI.
package localcluster

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// KubeconfigFile is the name of the admin kubeconfig Start writes into Options.Dir.
const KubeconfigFile = "kubeconfig"

// Options configure Start.
type Options struct {
	// BinDir holds etcd, kube-apiserver and kube-controller-manager (the
	// project's ./bin, built by `make tools`).
	BinDir string
	// Dir receives the kubeconfig and logs; a temporary directory when empty.
	Dir string
	// CRDs to install, in order.
	CRDs []CRDSet
	// EtcdDataDir keeps etcd's data across restarts, so a cluster stopped and
	// started again still holds its objects; a temporary directory when empty.
	EtcdDataDir string
}

// Cluster is a running local control plane.
type Cluster struct {
	// KubeconfigPath is a kubeconfig file for the cluster's admin user.
	KubeconfigPath string
	// Config is the admin user's REST config.
	Config *rest.Config
	// Client is a controller-runtime client with core and apiextensions types.
	Client client.Client

	env      *envtest.Environment
	kcm      *exec.Cmd
	kcmDone  chan struct{}
	watchdog *exec.Cmd
	ownDir   string
}

// Start brings up etcd and kube-apiserver (through envtest), then
// kube-controller-manager with the garbage-collector and namespace controllers
// (without them foreground deletes and namespace deletion never finish), and
// installs the CRDs server-side.
func Start(ctx context.Context, opts Options) (_ *Cluster, err error) {
	binDir, err := filepath.Abs(opts.BinDir)
	if err != nil {
		return nil, err
	}
	for _, bin := range []string{"etcd", "kube-apiserver", "kube-controller-manager"} {
		if _, err := os.Stat(filepath.Join(binDir, bin)); err != nil {
			return nil, fmt.Errorf("%s not found in %s (run `make tools`): %w", bin, binDir, err)
		}
	}
	// The CRDs are read before any process starts, so a missing directory costs nothing.
	type loadedSet struct {
		name string
		crds []*unstructured.Unstructured
	}
	var loaded []loadedSet
	for _, set := range opts.CRDs {
		crds, err := set.Load()
		if err != nil {
			return nil, err
		}
		loaded = append(loaded, loadedSet{name: set.Name, crds: crds})
	}
	c := &Cluster{}
	dir := opts.Dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "keg-localcluster-"); err != nil {
			return nil, err
		}
		c.ownDir = dir
	}
	defer func() {
		if err != nil {
			_ = c.Stop()
		}
	}()

	c.env = &envtest.Environment{BinaryAssetsDirectory: binDir}
	if opts.EtcdDataDir != "" {
		if err := os.MkdirAll(opts.EtcdDataDir, 0o700); err != nil {
			return nil, err
		}
		c.env.ControlPlane.Etcd = &envtest.Etcd{DataDir: opts.EtcdDataDir}
	}
	c.env.ControlPlane.GetAPIServer().Configure().
		Set("bind-address", "127.0.0.1").
		Set("advertise-address", "127.0.0.1")
	if c.Config, err = c.env.Start(); err != nil {
		return nil, fmt.Errorf("start etcd and kube-apiserver: %w", err)
	}
	c.startWatchdog()

	c.KubeconfigPath = filepath.Join(dir, KubeconfigFile)
	if err := os.WriteFile(c.KubeconfigPath, c.env.KubeConfig, 0o600); err != nil {
		return nil, err
	}
	scheme := runtime.NewScheme()
	if err := clientgoscheme.AddToScheme(scheme); err != nil {
		return nil, err
	}
	if err := apiextensionsv1.AddToScheme(scheme); err != nil {
		return nil, err
	}
	if c.Client, err = client.New(c.Config, client.Options{Scheme: scheme}); err != nil {
		return nil, err
	}

	var all []*unstructured.Unstructured
	for _, set := range loaded {
		if err := InstallCRDs(ctx, c.Client, set.crds); err != nil {
			return nil, fmt.Errorf("install %s CRDs: %w", set.name, err)
		}
		all = append(all, set.crds...)
	}
	// The garbage collector discovers resource types when it starts and again only every 30 s: started after the
	// CRDs are served, it handles the first foreground delete of a custom resource at once instead of stalling.
	if err := waitForDiscovery(ctx, c.Config, all); err != nil {
		return nil, err
	}
	if err := c.startControllerManager(binDir, dir); err != nil {
		return nil, err
	}
	return c, nil
}

// startControllerManager runs kube-controller-manager in its own process
// group against the admin kubeconfig, logging to dir/kube-controller-manager.log.
func (c *Cluster) startControllerManager(binDir, dir string) error {
	logFile, err := os.Create(filepath.Join(dir, "kube-controller-manager.log"))
	if err != nil {
		return err
	}
	cmd := exec.Command(filepath.Join(binDir, "kube-controller-manager"),
		"--kubeconfig="+c.KubeconfigPath,
		"--controllers=garbage-collector-controller,namespace-controller",
		"--leader-elect=false",
		"--bind-address=127.0.0.1",
		"--secure-port=0",
		"--concurrent-gc-syncs=5",
		"--concurrent-namespace-syncs=5",
	)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = groupAttrs(true)
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return fmt.Errorf("start kube-controller-manager: %w", err)
	}
	c.kcm = cmd
	c.kcmDone = make(chan struct{})
	go func() {
		_ = cmd.Wait()
		_ = logFile.Close()
		close(c.kcmDone)
	}()
	return nil
}

// startWatchdog starts a shell that kills the control-plane process groups if
// this process dies without calling Stop (a test binary killed by its timeout
// runs no deferred code). envtest starts each process in its own group.
func (c *Cluster) startWatchdog() {
	pgids := childProcessGroups()
	if len(pgids) == 0 {
		return
	}
	script := fmt.Sprintf("while kill -0 %d 2>/dev/null; do sleep 1; done; kill -KILL %s 2>/dev/null", os.Getpid(), pgids)
	cmd := exec.Command("/bin/sh", "-c", script)
	cmd.SysProcAttr = groupAttrs(false)
	if cmd.Start() == nil {
		c.watchdog = cmd
	}
}

// Stop stops every process and removes the temporary directory; it leaves no
// process behind.
func (c *Cluster) Stop() error {
	var errs []error
	if c.kcm != nil && c.kcm.Process != nil {
		signalGroup(c.kcm.Process, syscall.SIGTERM)
		select {
		case <-c.kcmDone:
		case <-time.After(10 * time.Second):
			signalGroup(c.kcm.Process, syscall.SIGKILL)
			<-c.kcmDone
		}
		c.kcm = nil
	}
	if c.env != nil {
		if err := c.env.Stop(); err != nil {
			errs = append(errs, fmt.Errorf("stop control plane: %w", err))
		}
		c.env = nil
	}
	if c.watchdog != nil {
		signalGroup(c.watchdog.Process, syscall.SIGKILL)
		_ = c.watchdog.Wait()
		c.watchdog = nil
	}
	if c.ownDir != "" {
		if err := os.RemoveAll(c.ownDir); err != nil {
			errs = append(errs, err)
		}
		c.ownDir = ""
	}
	return errors.Join(errs...)
}
