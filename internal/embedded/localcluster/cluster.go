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

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/wait"
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
	// Dir receives the kubeconfig and logs, and in run/ the certificates, keys and temporary files of the control
	// plane (removed by Stop, and by the next Start after a killed run); a temporary directory when empty. Start
	// holds a lock in it while the cluster runs.
	Dir string
	// CRDs to install, in order.
	CRDs []CRDSet
	// EtcdDataDir keeps etcd's data across restarts, so a cluster stopped and
	// started again still holds its objects; a temporary directory when empty.
	// Start holds a lock beside it, EtcdDataDir+".lock", while the cluster runs.
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
	// Leftovers counts the processes of an earlier, killed run of this directory that Start stopped.
	Leftovers int

	cp       *envtest.ControlPlane
	childEnv []string
	kcm      *exec.Cmd
	kcmDone  chan struct{}
	watchdog *exec.Cmd
	ownDir   string
	run      string
	locks    []*os.File
}

// Start brings up etcd and kube-apiserver (through envtest), then
// kube-controller-manager with the garbage-collector and namespace controllers
// (without them foreground deletes and namespace deletion never finish), and
// installs the CRDs server-side. It fails at once with a *BusyError when
// another running cluster holds opts.Dir or opts.EtcdDataDir.
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
	removeStaleDirs()
	c := &Cluster{}
	defer func() {
		if err != nil {
			_ = c.Stop()
		}
	}()
	dir := opts.Dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", ownDirPrefix); err != nil {
			return nil, fmt.Errorf("create the cluster directory: %w", err)
		}
		c.ownDir = dir
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create the cluster directory: %w", err)
	}
	if err := c.lock(filepath.Join(dir, lockFile), dir); err != nil {
		return nil, err
	}
	etcdDataDir := opts.EtcdDataDir
	if etcdDataDir != "" {
		if err := os.MkdirAll(etcdDataDir, 0o700); err != nil {
			return nil, fmt.Errorf("create the etcd data directory: %w", err)
		}
		if err := c.lock(filepath.Clean(etcdDataDir)+".lock", etcdDataDir); err != nil {
			return nil, err
		}
	}
	c.run = filepath.Join(dir, runDir)
	if c.Leftovers, err = stopLeftovers(c.run); err != nil {
		return nil, err
	}
	if err := os.RemoveAll(c.run); err != nil {
		return nil, fmt.Errorf("remove the files of an earlier run: %w", err)
	}
	tmpDir := filepath.Join(c.run, "tmp")
	for _, d := range []string{filepath.Join(c.run, pidsDir), tmpDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("create the run directory: %w", err)
		}
	}
	c.childEnv = childEnv(tmpDir)
	c.startWatchdog()
	if etcdDataDir == "" {
		etcdDataDir = filepath.Join(c.run, "etcd")
	}
	admin, err := c.startControlPlane(binDir, etcdDataDir)
	if err != nil {
		return nil, err
	}

	c.Config = admin.Config()
	kubeconfig, err := admin.KubeConfig()
	if err != nil {
		return nil, fmt.Errorf("admin kubeconfig: %w", err)
	}
	c.KubeconfigPath = filepath.Join(dir, KubeconfigFile)
	if err := os.WriteFile(c.KubeconfigPath, kubeconfig, 0o600); err != nil {
		return nil, fmt.Errorf("write the admin kubeconfig: %w", err)
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
	// kube-apiserver creates the default namespace shortly after it first answers on a new etcd.
	err = wait.PollUntilContextTimeout(ctx, 50*time.Millisecond, time.Minute, true, func(ctx context.Context) (bool, error) {
		return c.Client.Get(ctx, client.ObjectKey{Name: metav1.NamespaceDefault}, &corev1.Namespace{}) == nil, nil
	})
	if err != nil {
		return nil, fmt.Errorf("default namespace not created: %w", err)
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
	cmd.Env = c.childEnv
	cmd.SysProcAttr = groupAttrs(true)
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return fmt.Errorf("start kube-controller-manager: %w", err)
	}
	c.kcm = cmd
	if err := recordPID(c.run, "kube-controller-manager", cmd.Process.Pid); err != nil {
		return err
	}
	c.kcmDone = make(chan struct{})
	go func() {
		_ = cmd.Wait()
		_ = logFile.Close()
		close(c.kcmDone)
	}()
	return nil
}

// startWatchdog starts a shell that, once this process has died without calling Stop (SIGKILL, or a test binary
// killed by its timeout), kills every process the run directory's pid files list, with its process group: the
// control-plane processes record themselves there as they start.
func (c *Cluster) startWatchdog() {
	pids := filepath.Join(c.run, pidsDir)
	script := fmt.Sprintf(`while kill -0 %d 2>/dev/null; do sleep 1; done
for f in %s/*; do p=$(cat "$f") && kill -KILL "-$p"; kill -KILL "$p"; done 2>/dev/null`, os.Getpid(), shellQuote(pids))
	cmd := exec.Command("/bin/sh", "-c", script)
	cmd.Env = c.childEnv
	cmd.SysProcAttr = groupAttrs(false)
	if cmd.Start() == nil {
		c.watchdog = cmd
		// Listed too, so the next Start stops it before it could act on that run's processes.
		_ = recordPID(c.run, "watchdog", cmd.Process.Pid)
	}
}

// Stop stops every process, removes the run files (certificates and keys among
// them) and the temporary directory, and releases the locks; it leaves no
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
	if c.cp != nil {
		if err := c.cp.Stop(); err != nil {
			errs = append(errs, fmt.Errorf("stop control plane: %w", err))
		}
		c.cp = nil
	}
	if c.watchdog != nil {
		signalGroup(c.watchdog.Process, syscall.SIGKILL)
		_ = c.watchdog.Wait()
		c.watchdog = nil
	}
	for _, dir := range []string{c.run, c.ownDir} {
		if dir == "" {
			continue
		}
		if err := os.RemoveAll(dir); err != nil {
			errs = append(errs, fmt.Errorf("remove the cluster's files: %w", err))
		}
	}
	c.run, c.ownDir = "", ""
	for _, f := range c.locks {
		_ = f.Close()
	}
	c.locks = nil
	return errors.Join(errs...)
}
