package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

var local *testenv.Local

func TestMain(m *testing.M) { testenv.Main(m, &local) }

// keg runs the CLI in-process and returns its exit code and output.
func keg(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := execute(append(args, "--bin", local.BinDir), strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func writeSpec(t *testing.T, body string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "gateway.yaml")
	require.NoError(t, os.WriteFile(file, []byte(body), 0o600))
	return file
}

// portMappedSpec writes a spec deploying one port-mapped gateway, named like its stack, with three brokers into
// namespace ns of the shared cluster, which it creates.
func portMappedSpec(t *testing.T, stack, ns string) string {
	t.Helper()
	require.NoError(t, client.IgnoreAlreadyExists(local.Cluster.Client.Create(context.Background(),
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})))
	return writeSpec(t, fmt.Sprintf(`
stack: %[1]s
kubernetes:
  kubeconfig: %[2]s
gateways:
  - name: %[1]s
    portMapped:
      namespace: %[3]s
      advertisedHost: 10.0.1.1
      backendCluster:
        bootstrapServers: [kafka:9092]
        brokerCount: 3
      virtualClusters:
        - name: example_virtual_cluster
`, stack, local.Cluster.KubeconfigPath, ns))
}

func TestCLILifecycle(t *testing.T) {
	const ns = "keg-cli"
	file := portMappedSpec(t, "cli", ns)
	state := t.TempDir()
	run := func(args ...string) (int, string, string) {
		return keg(t, append(args, "-f", file, "--state-dir", state)...)
	}

	code, out, errOut := run("preview")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "create")

	code, _, errOut = run("up")
	require.Equal(t, exitNotConfirmed, code, "up without a terminal needs --yes")
	require.Contains(t, errOut, "--yes")

	code, out, errOut = run("up", "--yes")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "bootstrap.servers = 10.0.1.1:9092")
	require.Contains(t, out, "brokers           = 10.0.1.1:9093, 10.0.1.1:9094, 10.0.1.1:9095")

	code, out, errOut = run("outputs", "--json")
	require.Equal(t, exitOK, code, errOut)
	var result struct {
		Connections map[string]struct {
			BootstrapServers map[string]string   `json:"bootstrapServers"`
			BrokerAddresses  map[string][]string `json:"brokerAddresses"`
		} `json:"connections"`
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &result), out)
	require.Equal(t, "10.0.1.1:9092", result.Connections["cli"].BootstrapServers["example_virtual_cluster"])

	code, out, errOut = run("refresh", "--json")
	require.Equal(t, exitOK, code, errOut)
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		require.True(t, json.Valid([]byte(line)), "every --json line is a JSON document: %s", line)
	}

	code, out, errOut = run("destroy", "--yes")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "deleted")
}

// TestCLIRejectsBadSpecs checks each bad spec fails with exit code 2, a
// line-precise message, and nothing deployed (no stack state written).
func TestCLIRejectsBadSpecs(t *testing.T) {
	cases := map[string]struct{ spec, want string }{
		"unknown field":     {"gateways:\n  - name: a\n    portMaped: {}\n", "line 3: gateways[0].portMaped: unknown field"},
		"wrong type":        {"gateways:\n  - name: a\n    portMapped:\n      basePort: high\n", "line 4: gateways[0].portMapped.basePort: want an integer"},
		"no gateways":       {"stack: x\n", "gateways: must have at least one entry"},
		"bad yaml":          {"gateways: [\n", "invalid spec"},
		"invalid host":      {"gateways:\n  - name: a\n    portMapped:\n      advertisedHost: Not_A_Host\n", "gateways[0].portMapped.advertisedHost"},
		"duplicate vc":      {"gateways:\n  - name: a\n    portMapped:\n      virtualClusters:\n        - name: x\n        - name: x\n", "gateways[0].portMapped.virtualClusters[1]"},
		"zero brokers":      {"gateways:\n  - name: a\n    portMapped:\n      backendCluster:\n        brokerCount: 0\n", "gateways[0].portMapped.backendCluster.brokerCount"},
		"bad bootstrap":     {"gateways:\n  - name: a\n    portMapped:\n      backendCluster:\n        bootstrapServers: [kafka]\n", "gateways[0].portMapped.backendCluster.bootstrapServers[0]"},
		"port out of range": {"gateways:\n  - name: a\n    portMapped:\n      basePort: 70000\n", "gateways[0].portMapped.basePort"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			state := t.TempDir()
			code, _, errOut := keg(t, "up", "--yes", "-f", writeSpec(t, tc.spec), "--state-dir", state)
			require.Equal(t, exitInvalid, code, errOut)
			require.Contains(t, errOut, tc.want)
			entries, err := os.ReadDir(state)
			require.NoError(t, err)
			require.Empty(t, entries, "nothing may be deployed or written for an invalid spec")
		})
	}
}
