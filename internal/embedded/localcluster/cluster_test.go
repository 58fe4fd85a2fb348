package localcluster

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

// shared is the cluster the tests share, started by TestMain the way keg starts it: Dir and EtcdDataDir under
// one state directory.
var shared struct {
	c                 *Cluster
	bin, dir, etcdDir string
}

// Secrets a keg run may hold in its environment; no control-plane process may inherit them.
var secrets = map[string]string{"KONNECT_TOKEN": "kpat_secret", "PULUMI_CONFIG_PASSPHRASE": "hunter2"}

// testBinDir is $KEG_BIN_DIR, else the project's ./bin (`make tools`).
func testBinDir() (string, error) {
	if dir := os.Getenv("KEG_BIN_DIR"); dir != "" {
		return dir, nil
	}
	root, err := RepoRoot()
	return filepath.Join(root, "bin"), err
}

func TestMain(m *testing.M) { os.Exit(runTests(m)) }

func runTests(m *testing.M) int {
	for name, value := range secrets {
		_ = os.Setenv(name, value)
	}
	var err error
	if shared.bin, err = testBinDir(); err != nil {
		fmt.Fprintln(os.Stderr, "localcluster:", err)
		return 1
	}
	state, err := os.MkdirTemp("", "localcluster-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "localcluster:", err)
		return 1
	}
	defer os.RemoveAll(state)
	shared.dir, shared.etcdDir = filepath.Join(state, "cluster"), filepath.Join(state, "cluster", "etcd")
	// A killed run's stale apiserver certificate: unless Start removes it, envtest keeps it and never learns its CA.
	stale := filepath.Join(shared.dir, runDir, "apiserver", "apiserver.crt")
	if err = os.MkdirAll(filepath.Dir(stale), 0o700); err == nil {
		err = os.WriteFile(stale, []byte("stale"), 0o600)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "localcluster:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if shared.c, err = Start(ctx, Options{BinDir: shared.bin, Dir: shared.dir, EtcdDataDir: shared.etcdDir}); err != nil {
		fmt.Fprintln(os.Stderr, "localcluster:", err)
		return 1
	}
	defer func() { _ = shared.c.Stop() }()
	return m.Run()
}

// TestEtcdRequiresClientCertificate: etcd answers a read only over TLS with a client certificate its CA signed;
// without one the TLS handshake fails on the client and the peer listener, and the one plain-HTTP listener
// (metrics and health) serves no keys.
func TestEtcdRequiresClientCertificate(t *testing.T) {
	args := shared.c.cp.Etcd.Configure()
	listener := func(name string) string { return args.Get(name).Get(nil)[0] }
	pki := filepath.Join(shared.dir, runDir, "pki")
	caPEM, err := os.ReadFile(filepath.Join(pki, "etcd-ca.crt"))
	require.NoError(t, err)
	roots := x509.NewCertPool()
	require.True(t, roots.AppendCertsFromPEM(caPEM))
	clientFor := func(certs ...tls.Certificate) *http.Client {
		return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
			TLSClientConfig: &tls.Config{RootCAs: roots, Certificates: certs},
		}}
	}
	key := "/registry/namespaces/default"
	readKey := func(c *http.Client, base string) (int, string, error) {
		body := fmt.Sprintf(`{"key":%q}`, base64.StdEncoding.EncodeToString([]byte(key)))
		resp, err := c.Post(base+"/v3/kv/range", "application/json", strings.NewReader(body))
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		return resp.StatusCode, string(data), err
	}

	_, _, err = readKey(clientFor(), listener("listen-client-urls"))
	require.ErrorContains(t, err, "tls: certificate required")
	_, _, err = readKey(clientFor(), listener("listen-peer-urls"))
	require.ErrorContains(t, err, "tls: certificate required")
	status, _, err := readKey(http.DefaultClient, listener("listen-metrics-urls"))
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, status)

	cert, err := tls.LoadX509KeyPair(filepath.Join(pki, "apiserver-etcd-client.crt"), filepath.Join(pki, "apiserver-etcd-client.key"))
	require.NoError(t, err)
	status, body, err := readKey(clientFor(cert), listener("listen-client-urls"))
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, status, body)
	require.Contains(t, body, base64.StdEncoding.EncodeToString([]byte(key)))
}

// TestStartRemovesLeftovers: the stale certificate TestMain left where a killed run keeps its files is gone.
func TestStartRemovesLeftovers(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(shared.dir, runDir, "apiserver", "apiserver.crt"))
	require.NoError(t, err)
	require.NotEqual(t, "stale", string(data))
}

// TestSecondStartIsBusy: a Start on the running cluster's Dir, or on its EtcdDataDir, fails with a *BusyError
// naming this process, and leaves the running cluster alone.
func TestSecondStartIsBusy(t *testing.T) {
	for _, opts := range []Options{
		{BinDir: shared.bin, Dir: shared.dir, EtcdDataDir: shared.etcdDir},
		{BinDir: shared.bin, EtcdDataDir: shared.etcdDir},
	} {
		c, err := Start(t.Context(), opts)
		require.Nil(t, c)
		var busy *BusyError
		require.ErrorAs(t, err, &busy)
		require.Equal(t, os.Getpid(), busy.PID)
		require.Contains(t, err.Error(), fmt.Sprintf("in use by another keg (pid %d); wait for it to finish", os.Getpid()))
	}
	require.FileExists(t, filepath.Join(shared.dir, runDir, "pki", "etcd.key"))
	require.NoError(t, shared.c.Client.List(t.Context(), &corev1.NamespaceList{}))
}

// TestStopLeavesNothingInTempDir: Start removes the directory a SIGKILLed cluster left in the temporary
// directory (its lock is free), and after Stop nothing of the cluster remains there.
func TestStopLeavesNothingInTempDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	stale, err := os.MkdirTemp(tmp, ownDirPrefix)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(stale, lockFile), []byte("1"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(stale, "kubeconfig"), []byte("secret"), 0o600))

	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	c, err := Start(ctx, Options{BinDir: shared.bin})
	require.NoError(t, err)
	require.NoDirExists(t, stale)
	require.NoError(t, c.Stop())
	entries, err := os.ReadDir(tmp)
	require.NoError(t, err)
	require.Empty(t, entries)
}

// TestControlPlaneEnvironmentHasNoSecrets: etcd, kube-apiserver, kube-controller-manager and the watchdog run
// with PATH, HOME and TMPDIR only, though this process holds secrets in its environment.
func TestControlPlaneEnvironmentHasNoSecrets(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/<pid>/environ")
	}
	require.Equal(t, "kpat_secret", os.Getenv("KONNECT_TOKEN"))
	comms := map[int]string{}
	for _, pid := range recordedPIDs(shared.c.run) { // the watchdog among them
		comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
		require.NoError(t, err)
		environ, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", pid))
		require.NoError(t, err)
		for _, kv := range bytes.Split(bytes.TrimRight(environ, "\x00"), []byte{0}) {
			name, _, _ := strings.Cut(string(kv), "=")
			require.Contains(t, []string{"PATH", "HOME", "TMPDIR"}, name, "%s (pid %d)", comm, pid)
		}
		comms[pid] = strings.TrimSpace(string(comm))
	}
	require.ElementsMatch(t, []string{"etcd", "kube-apiserver", "kube-controller", "sh"}, // comm: 15 bytes
		slices.Collect(maps.Values(comms)))
}

// TestStopLeftovers: the processes a killed run recorded are stopped with their process groups when their command
// line names the run directory; a recorded pid now used by another process is left alone.
func TestStopLeftovers(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/<pid>/cmdline")
	}
	run := filepath.Join(t.TempDir(), runDir)
	require.NoError(t, os.MkdirAll(filepath.Join(run, pidsDir), 0o700))
	start := func(args ...string) *exec.Cmd {
		cmd := exec.Command("/bin/sh", args...)
		cmd.SysProcAttr = groupAttrs(false)
		require.NoError(t, cmd.Start())
		t.Cleanup(func() { signalGroup(cmd.Process, syscall.SIGKILL); _ = cmd.Wait() })
		return cmd
	}
	// The shell stays (its script goes on after sleep) with the run directory among its arguments; sleep is its
	// child in its group.
	leftover := start("-c", "sleep 300; :", filepath.Join(run, "etcd"))
	other := start("-c", "sleep 300; :")
	require.NoError(t, recordPID(run, "etcd", leftover.Process.Pid))
	require.NoError(t, recordPID(run, "kube-apiserver", other.Process.Pid))

	stopped, err := stopLeftovers(run)
	require.NoError(t, err)
	require.Equal(t, 1, stopped)
	require.Error(t, leftover.Wait(), "killed")
	require.True(t, commandLineMentions(other.Process.Pid, "sleep 300"), "the unrelated process still runs")
}

// TestStartRetriesATakenPort: when another process takes a port between its pick and etcd's bind (test packages
// start clusters side by side), etcd exits at once; Start picks other ports and the cluster comes up.
func TestStartRetriesATakenPort(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()
	port := strconv.Itoa(taken.Addr().(*net.TCPAddr).Port)
	picks := 0
	pickPorts = func(n int) ([]string, error) {
		picks++
		ports, err := freePorts(n)
		if picks == 1 && err == nil {
			ports[0] = port // etcd's client port
		}
		return ports, err
	}
	defer func() { pickPorts = freePorts }()

	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	c, err := Start(ctx, Options{BinDir: shared.bin})
	require.NoError(t, err)
	defer func() { require.NoError(t, c.Stop()) }()
	require.Equal(t, 2, picks, "the first ports were given up")
	require.NoError(t, c.Client.List(ctx, &corev1.NamespaceList{}))
}
