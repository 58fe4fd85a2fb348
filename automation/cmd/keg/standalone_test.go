package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

// TestStandaloneBinary builds keg the way a user installs it: one binary in a directory with the Pulumi CLI and
// the Kubernetes plugin beside it, run from an unrelated directory with a PATH whose `go` only records that it was
// called. `keg version` finds the binaries beside it; `keg up` against a kubeconfig whose API port is closed fails
// with the address and exit code 1, before anything is deployed, and nothing runs `go`.
func TestStandaloneBinary(t *testing.T) {
	install := t.TempDir()
	keg := filepath.Join(install, "keg")
	require.NoError(t, build(keg))
	for _, tool := range []string{"pulumi", "pulumi-resource-kubernetes"} {
		require.NoError(t, os.Symlink(filepath.Join(local.BinDir, tool), filepath.Join(install, tool)))
	}

	// A PATH with a `go` that leaves a mark, and nothing else of the project's.
	fakeBin, work := t.TempDir(), t.TempDir()
	goCalled := filepath.Join(fakeBin, "go-was-called")
	require.NoError(t, os.WriteFile(filepath.Join(fakeBin, "go"),
		[]byte("#!/bin/sh\ntouch "+goCalled+"\nexit 1\n"), 0o755))
	run := func(args ...string) (int, string) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, keg, args...)
		cmd.Dir = work
		cmd.Env = []string{"PATH=" + fakeBin + ":/usr/bin:/bin", "HOME=" + work,
			"PULUMI_CONFIG_PASSPHRASE=standalone", "KONNECT_TOKEN=kpat_standalone"}
		out, err := cmd.CombinedOutput()
		var exitErr *exec.ExitError
		if err != nil {
			require.ErrorAs(t, err, &exitErr, "%s", out)
			return exitErr.ExitCode(), string(out)
		}
		return 0, string(out)
	}

	code, out := run("version")
	require.Equal(t, exitOK, code, out)
	require.Contains(t, out, filepath.Join(install, "pulumi")+" (beside this binary)")
	require.Contains(t, out, filepath.Join(install, "pulumi-resource-kubernetes")+" (beside this binary)")
	require.Regexp(t, `etcd\s+NOT FOUND: etcd not found \(looked in `+install+`, PATH\)`, out)

	code, out = run("--help")
	require.Equal(t, exitOK, code, out)
	require.Contains(t, out, "version")

	// A closed loopback port stands in for a cluster that is down.
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	server := "https://" + listener.Addr().String()
	require.NoError(t, listener.Close())
	kubeconfig := testenv.KubeconfigFor(t, work, server)
	spec := filepath.Join(work, "gateway.yaml")
	require.NoError(t, os.WriteFile(spec, []byte(`
kubernetes:
  kubeconfig: kubeconfig
konnect:
  serverURL: eu.api.konghq.com
gateways:
  - name: standalone
    portMapped:
      advertisedHost: 10.0.1.1
      backendCluster: {bootstrapServers: ["kafka:9092"], brokerCount: 1}
      virtualClusters: [{name: orders}]
`), 0o600))
	for _, command := range [][]string{{"up", "--yes"}, {"preview"}} {
		code, out = run(append(command, "-f", spec)...)
		require.Equal(t, exitFailed, code, "%s on a cluster that is down fails: %s", command[0], out)
		require.Contains(t, out, "Kubernetes API "+server+" (kubeconfig "+kubeconfig+") is unreachable")
		require.Contains(t, out, "connection refused")
		require.NotContains(t, out, "goroutine", "no stack trace")
		require.NoDirExists(t, filepath.Join(work, ".state"), "nothing may be written before the cluster answers")
	}

	// The embedded default needs the local control plane's binaries: one sentence says what to pass.
	code, out = run("preview")
	require.Equal(t, exitConfig, code, out)
	require.Contains(t, out, "error: etcd not found (looked in "+install+", PATH)")
	require.Contains(t, out, "pass --bin DIR (or set KEG_BIN_DIR)")
	require.Equal(t, 2, strings.Count(strings.TrimSpace(out), "\n")+1, "an error line and a hint:\n%s", out)
	require.NoFileExists(t, goCalled, "keg ran `go`")
}
