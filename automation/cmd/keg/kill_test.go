package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

// killSpec deploys one port-mapped gateway (8 objects) on keg's own embedded cluster.
const killSpec = `
stack: killed
local: true
gateways:
  - name: pm
    portMapped:
      namespace: default
      advertisedHost: 10.0.1.1
      backendCluster: {bootstrapServers: ["kafka:9092"], brokerCount: 3}
      virtualClusters: [{name: orders}]
`

// started is a keg run whose --json output is watched line by line.
type started struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	out   bytes.Buffer
	lines chan string
	done  chan struct{}
}

// startKeg runs the built keg with args and env (on top of this process's environment) on its own embedded
// cluster: no --local-cluster.
func startKeg(t *testing.T, env []string, args ...string) *started {
	t.Helper()
	s := &started{lines: make(chan string, 10000), done: make(chan struct{})}
	s.cmd = exec.Command(kegBin, append(args, "--bin", local.BinDir)...)
	s.cmd.Env = append(os.Environ(), env...)
	stdout, err := s.cmd.StdoutPipe()
	require.NoError(t, err)
	s.cmd.Stderr = &lockedWriter{s}
	require.NoError(t, s.cmd.Start())
	go func() {
		defer close(s.done)
		scanner := bufio.NewScanner(stdout)
		scanner.Buffer(make([]byte, 1<<20), 1<<20)
		for scanner.Scan() {
			_, _ = (&lockedWriter{s}).Write(append(scanner.Bytes(), '\n'))
			s.lines <- scanner.Text()
		}
	}()
	return s
}

type lockedWriter struct{ s *started }

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	return w.s.out.Write(p)
}

// output is everything keg printed so far.
func (s *started) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

// waitForLine waits for an output line containing each of want.
func (s *started) waitForLine(t *testing.T, want ...string) {
	t.Helper()
	timeout := time.After(3 * time.Minute)
	for {
		select {
		case line := <-s.lines:
			if !slices.ContainsFunc(want, func(w string) bool { return !strings.Contains(line, w) }) {
				return
			}
		case <-s.done:
			t.Fatalf("keg ended before printing %q:\n%s", want, s.output())
		case <-timeout:
			t.Fatalf("no %q in 3 minutes:\n%s", want, s.output())
		}
	}
}

// stop sends sig and waits for keg to exit.
func (s *started) stop(t *testing.T, sig syscall.Signal) {
	t.Helper()
	require.NoError(t, s.cmd.Process.Signal(sig))
	<-s.done
	_ = s.cmd.Wait()
}

// waitFor polls cond every 20 ms for up to 3 minutes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for !cond() {
		require.True(t, time.Now().Before(deadline), "waiting for %s", what)
		time.Sleep(20 * time.Millisecond)
	}
}

// TestKilledRunsConverge interrupts `keg up` (SIGKILL, then SIGINT) in each phase on one fresh state directory:
// while the Kubernetes plugin installs, while the embedded cluster installs its CRDs, as the engine starts and in
// mid-deploy. Each next run goes on from what the last one left; then up converges, destroy leaves no object, and
// no process, run directory or temporary directory of any run remains.
func TestKilledRunsConverge(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel() // each has its own state directory and cluster
			killedRunsConverge(t, sig)
		})
	}
}

func killedRunsConverge(t *testing.T, sig syscall.Signal) {
	state, tmp := t.TempDir(), t.TempDir()
	file := writeSpec(t, killSpec)
	// A token in keg's environment that neither the control plane nor Pulumi may inherit.
	env := []string{"TMPDIR=" + tmp, "KONNECT_TOKEN=kpat_interrupted"}
	up := func() *started { return startKeg(t, env, "up", "--yes", "--json", "-f", file, "--state-dir", state) }
	plugin := filepath.Join(state, "home", "plugins", "resource-kubernetes-v4.32.0")
	kubeconfig := filepath.Join(state, "cluster", localcluster.KubeconfigFile)

	// 1. While the plugin installs: its directory has appeared, its binary may not have.
	run := up()
	waitFor(t, "the plugin install", func() bool { _, err := os.Stat(filepath.Dir(plugin)); return err == nil })
	run.stop(t, sig)

	// 2. While the CRDs install: the cluster of this run answers and holds some of them.
	start := time.Now()
	run = up()
	waitFor(t, "the CRD install", func() bool {
		info, err := os.Stat(kubeconfig)
		if err != nil || info.ModTime().Before(start) {
			return false
		}
		c, err := clusterClient(kubeconfig)
		if err != nil {
			return false
		}
		var crds apiextensionsv1.CustomResourceDefinitionList
		return c.List(context.Background(), &crds) == nil && len(crds.Items) > 0
	})
	run.stop(t, sig)

	// 3. As the engine starts: keg has started the cluster and opened the stack.
	run = up()
	run.waitForLine(t, `"message":"starting the embedded local cluster","done":true`)
	run.stop(t, sig)

	// 4. In mid-deploy: the first Kubernetes object is created, the others are in flight or to come. Neither the
	// CLI nor its plugins hold the Konnect token.
	run = up()
	run.waitForLine(t, `"op":"create"`, `"resourceType":"kubernetes:`, `"status":"done"`)
	pulumiProcesses := 0
	for _, pid := range processesOf(t, state) {
		if pid == run.cmd.Process.Pid {
			continue // keg itself
		}
		environ, _ := os.ReadFile(fmt.Sprintf("/proc/%d/environ", pid))
		require.NotContains(t, string(environ), "kpat_interrupted", "pid %d", pid)
		if bytes.Contains(environ, []byte("KEG_PULUMI_RUN=")) {
			pulumiProcesses++
		}
	}
	require.NotZero(t, pulumiProcesses, "the CLI and its plugins were among the processes checked")
	run.stop(t, sig)

	// The next up converges: it exits 0 with a summary.
	run = up()
	<-run.done
	require.NoError(t, run.cmd.Wait(), run.output())
	out := run.output()
	require.Contains(t, out, `"type":"summary"`)

	// Destroy leaves no object, and nothing of any run remains.
	code, destroyOut, errOut := kegOwnCluster(t, env, "destroy", "--yes", "-f", file, "--state-dir", state)
	require.Equal(t, exitOK, code, destroyOut+errOut)
	require.Empty(t, processesOf(t, state), "no process of any run remains")
	require.NoDirExists(t, filepath.Join(state, "cluster", "run"), "no certificates or keys remain")
	entries, err := os.ReadDir(tmp)
	require.NoError(t, err)
	require.Empty(t, entries, "nothing in the temporary directory")
	requireNoObjects(t, state)
}

// kegOwnCluster runs keg to the end on its own embedded cluster.
func kegOwnCluster(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(kegBin, append(args, "--bin", local.BinDir)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run()
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// clusterClient is a client for the cluster of a kubeconfig.
func clusterClient(kubeconfig string) (client.Client, error) {
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, err
	}
	cfg.Timeout = 2 * time.Second
	scheme := local.Cluster.Client.Scheme()
	return client.New(cfg, client.Options{Scheme: scheme})
}

// processesOf lists the processes whose command line or environment names dir: the control plane, the Pulumi CLI
// and its plugins of a keg run on that state directory.
func processesOf(t *testing.T, dir string) []int {
	t.Helper()
	var pids []int
	procs, err := filepath.Glob("/proc/[0-9]*")
	require.NoError(t, err)
	for _, proc := range procs {
		var pid int
		if _, err := fmt.Sscan(filepath.Base(proc), &pid); err != nil || pid == os.Getpid() {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join(proc, "cmdline"))
		environ, _ := os.ReadFile(filepath.Join(proc, "environ"))
		if bytes.Contains(cmdline, []byte(dir)) || bytes.Contains(environ, []byte(dir)) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// requireNoObjects starts the embedded cluster of a state directory again and checks that it holds none of the
// objects keg deploys.
func requireNoObjects(t *testing.T, state string) {
	t.Helper()
	dir := filepath.Join(state, "cluster")
	c, err := localcluster.Start(context.Background(), localcluster.Options{
		BinDir: local.BinDir, Dir: dir, EtcdDataDir: filepath.Join(dir, "etcd"),
	})
	require.NoError(t, err)
	defer func() { require.NoError(t, c.Stop()) }()
	for _, gvk := range testenv.PortMappedKinds {
		var list unstructured.UnstructuredList
		list.SetGroupVersionKind(gvk.GroupVersion().WithKind(gvk.Kind + "List"))
		require.NoError(t, c.Client.List(context.Background(), &list, client.InNamespace("default")), gvk.Kind)
		require.Empty(t, list.Items, gvk.Kind)
	}
}
