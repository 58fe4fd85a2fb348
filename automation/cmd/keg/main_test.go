package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/hostilespec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

var (
	local *testenv.Local
	// kegBin is the keg binary the tests run, built once for the package.
	kegBin string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "keg-test-")
	if err == nil {
		kegBin = filepath.Join(dir, "keg")
		err = build(kegBin)
	}
	code := 1
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	} else {
		code = testenv.Run(m, &local)
	}
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// build builds keg into path.
func build(path string) error {
	out, err := exec.Command("go", "build", "-trimpath", "-o", path, ".").CombinedOutput()
	if err != nil {
		return fmt.Errorf("go build keg: %w\n%s", err, out)
	}
	return nil
}

// keg runs the built binary on the shared test cluster (standing in for the embedded local cluster), with no
// terminal, and returns its exit code and output.
func keg(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, kegBin, append(args, "--bin", local.BinDir, "--local-cluster", local.Cluster.KubeconfigPath)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		require.NoError(t, err)
	}
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

func writeSpec(t *testing.T, body string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "gateway.yaml")
	require.NoError(t, os.WriteFile(file, []byte(body), 0o600))
	return file
}

// portMappedSpec writes a local spec deploying one port-mapped gateway, named like its stack, with three brokers
// advertised on host into namespace ns of the shared cluster, which it creates.
func portMappedSpec(t *testing.T, stack, ns, host string) string {
	t.Helper()
	require.NoError(t, client.IgnoreAlreadyExists(local.Cluster.Client.Create(context.Background(),
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})))
	return writeSpec(t, fmt.Sprintf(`
stack: %[1]s
local: true
gateways:
  - name: %[1]s
    portMapped:
      namespace: %[2]s
      advertisedHost: %[3]s
      backendCluster:
        bootstrapServers: [kafka:9092]
        brokerCount: 3
      virtualClusters:
        - name: example_virtual_cluster
`, stack, ns, host))
}

// jsonLines parses --json output: every line must be one envelope with exactly type, time and payload.
func jsonLines(t *testing.T, out string) []envelope {
	t.Helper()
	var lines []envelope
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var fields map[string]json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(line), &fields), "every --json line is a JSON object: %s", line)
		require.Len(t, fields, 3, "type, time and payload: %s", line)
		var e envelope
		require.NoError(t, json.Unmarshal([]byte(line), &e), line)
		require.NotEmpty(t, e.Type, line)
		require.False(t, e.Time.IsZero(), line)
		lines = append(lines, e)
	}
	return lines
}

// ofType returns the payloads of the envelopes of type kind, re-encoded as JSON.
func ofType(t *testing.T, lines []envelope, kind string) []string {
	t.Helper()
	var payloads []string
	for _, e := range lines {
		if e.Type == kind {
			data, err := json.Marshal(e.Payload)
			require.NoError(t, err)
			payloads = append(payloads, string(data))
		}
	}
	return payloads
}

func TestCLILifecycle(t *testing.T) {
	const ns = "keg-cli"
	file := portMappedSpec(t, "cli", ns, "10.0.1.1")
	state := t.TempDir()
	run := func(args ...string) (int, string, string) {
		return keg(t, append(args, "-f", file, "--state-dir", state)...)
	}

	code, out, errOut := run("outputs")
	require.Equal(t, exitStackNotFound, code, out+errOut)
	require.Contains(t, errOut, "stack cli does not exist")

	code, out, errOut = run("preview", "--diff")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "+ kong-event-gateway:index:PortMappedGateway: (create)", "the Pulumi display, with diffs")
	require.Contains(t, out, "[secret]", "the token is masked")
	require.NotContains(t, out+errOut, konnectemu.DefaultToken)

	code, _, errOut = run("up")
	require.Equal(t, exitConfig, code, "up without a terminal needs --yes")
	require.Contains(t, errOut, "--yes")

	code, out, errOut = run("up", "--yes")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "bootstrap.servers = 10.0.1.1:9092")
	require.Contains(t, out, "brokers           = 10.0.1.1:9093, 10.0.1.1:9094, 10.0.1.1:9095")
	require.Contains(t, errOut, "ran on the embedded local cluster")

	code, out, errOut = run("up", "--yes", "--expect-no-changes", "--refresh")
	require.Equal(t, exitOK, code, "a no-op up expects no changes: %s%s", out, errOut)

	code, out, errOut = run("outputs", "--json")
	require.Equal(t, exitOK, code, errOut)
	conns := ofType(t, jsonLines(t, out), "connections")
	require.Len(t, conns, 1, out)
	require.Contains(t, conns[0], `"example_virtual_cluster":"10.0.1.1:9092"`)

	code, out, errOut = run("outputs", "-o", "yaml")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "example_virtual_cluster: 10.0.1.1:9092")

	code, out, errOut = run("refresh", "--json")
	require.Equal(t, exitOK, code, errOut)
	require.Len(t, ofType(t, jsonLines(t, out), "summary"), 1, out)

	// An edit: the diff names the changed field, and --expect-no-changes fails with Pulumi's code.
	edited := portMappedSpec(t, "cli", ns, "10.0.1.2")
	code, out, errOut = keg(t, "preview", "--diff", "--expect-no-changes", "-f", edited, "--state-dir", state)
	require.Equal(t, exitChanges, code, out+errOut)
	require.Contains(t, out, `~ advertisedHost: "10.0.1.1" => "10.0.1.2"`, "the diff names the changed field")
	require.NotContains(t, out+errOut, konnectemu.DefaultToken)

	// --target limits an operation to the URNs given: the edit is invisible to the token Secret, and applying it to
	// the one policy it changes leaves nothing else to do.
	const urn = "urn:pulumi:cli::kong-event-gateway::kong-event-gateway:index:PortMappedGateway$kubernetes:"
	secret, policy := urn+"core/v1:Secret::cli-konnect-token",
		urn+"configuration.konghq.com/v1alpha1:EventGatewayListenerPolicy::cli-example-virtual-cluster-forward"
	code, out, errOut = keg(t, "preview", "--expect-no-changes", "--target", secret, "-f", edited, "--state-dir", state)
	require.Equal(t, exitOK, code, out+errOut)
	code, out, errOut = keg(t, "up", "--yes", "--target", policy, "-f", edited, "--state-dir", state)
	require.Equal(t, exitOK, code, out+errOut)
	require.Contains(t, out, "~ 1 updated")
	code, out, errOut = keg(t, "preview", "--expect-no-changes", "-f", edited, "--state-dir", state)
	require.Equal(t, exitOK, code, out+errOut)

	code, out, errOut = run("destroy", "--yes", "--json")
	require.Equal(t, exitOK, code, errOut)
	lines := jsonLines(t, out)
	require.NotEmpty(t, ofType(t, lines, "step"))
	require.Contains(t, ofType(t, lines, "summary")[0], `"delete":`)
}

// TestCLIRejectsBadSpecs checks each bad spec fails with exit code 2, a line-precise message, and nothing
// deployed (no stack state written).
func TestCLIRejectsBadSpecs(t *testing.T) {
	const gateway = "gateways:\n  - name: a\n    portMapped:\n      advertisedHost: 10.0.1.1\n      virtualClusters: [{name: orders}]\n" +
		"      backendCluster: {bootstrapServers: [\"kafka:9092\"], brokerCount: 1}\n"
	cases := map[string]struct{ spec, want string }{
		"unknown field":     {"gateways:\n  - name: a\n    portMaped: {}\n", "line 3: gateways[0].portMaped: unknown field; did you mean portMapped?"},
		"wrong type":        {"gateways:\n  - name: a\n    portMapped:\n      basePort: high\n", "line 4: gateways[0].portMapped.basePort: want an integer"},
		"no gateways":       {"stack: x\nlocal: true\n", "gateways: must have at least one entry"},
		"bad yaml":          {"gateways: [\n", "invalid spec"},
		"invalid host":      {"gateways:\n  - name: a\n    portMapped:\n      advertisedHost: Not_A_Host\n", "gateways[0].portMapped.advertisedHost"},
		"duplicate vc":      {"gateways:\n  - name: a\n    portMapped:\n      virtualClusters:\n        - name: x\n        - name: x\n", "gateways[0].portMapped.virtualClusters[1]"},
		"zero brokers":      {"gateways:\n  - name: a\n    portMapped:\n      backendCluster:\n        brokerCount: 0\n", "gateways[0].portMapped.backendCluster.brokerCount"},
		"bad bootstrap":     {"gateways:\n  - name: a\n    portMapped:\n      backendCluster:\n        bootstrapServers: [kafka]\n", "gateways[0].portMapped.backendCluster.bootstrapServers[0]"},
		"port out of range": {"gateways:\n  - name: a\n    portMapped:\n      basePort: 70000\n", "gateways[0].portMapped.basePort"},
		// A spec is local or real: each mixture is refused before anything starts.
		"local and a real cluster": {"local: true\nkubernetes: {kubeconfig: " + local.Cluster.KubeconfigPath + "}\n" + gateway,
			"line 2: kubernetes.kubeconfig: local: true deploys to the embedded local cluster and Konnect emulator, and kubernetes.kubeconfig names a real cluster"},
		"local and a real Konnect": {"local: true\nkonnect: {serverURL: eu.api.konghq.com}\n" + gateway,
			"line 2: konnect.serverURL: local: true deploys to the embedded local cluster and Konnect emulator, and konnect.serverURL names a real Konnect"},
		"a real cluster, no Konnect": {"kubernetes: {kubeconfig: " + local.Cluster.KubeconfigPath + "}\n" + gateway,
			"konnect.serverURL: required: a spec without local: true deploys for real"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			state, file := t.TempDir(), writeSpec(t, tc.spec)
			code, _, errOut := keg(t, "validate", "-f", file)
			require.Equal(t, exitConfig, code, errOut)
			require.Contains(t, errOut, tc.want)
			code, _, errOut = keg(t, "up", "--yes", "-f", file, "--state-dir", state)
			require.Equal(t, exitConfig, code, errOut)
			require.Contains(t, errOut, tc.want)
			entries, err := os.ReadDir(state)
			require.NoError(t, err)
			require.Empty(t, entries, "nothing may be deployed or written for an invalid spec")
		})
	}
}

// TestCLIRefusesHostileSpecs: each hostile or odd spec (alias bombs, huge counts, integer edges, bad URLs, several
// documents, an oversized file) exits with the spec-error code naming its line and field, and writes nothing.
func TestCLIRefusesHostileSpecs(t *testing.T) {
	for _, tc := range hostilespec.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			state, file := t.TempDir(), writeSpec(t, string(tc.Spec))
			start := time.Now()
			code, out, errOut := keg(t, "up", "--yes", "-f", file, "--state-dir", state)
			t.Logf("refused in %s", time.Since(start).Round(time.Millisecond))
			require.Equal(t, exitConfig, code, out+errOut)
			require.Contains(t, errOut, "\n  "+tc.Problem)
			require.Less(t, len(errOut), 4096, "one line a problem, values cut short")
			entries, err := os.ReadDir(state)
			require.NoError(t, err)
			require.Empty(t, entries, "nothing may be deployed or written for an invalid spec")
		})
	}
}

// TestValidate checks keg validate on valid specs, for people and with --json, and its problems as JSON.
func TestValidate(t *testing.T) {
	code, out, errOut := keg(t, "validate")
	require.Equal(t, exitOK, code, errOut)
	require.Contains(t, out, "(embedded default) is valid: stack local of project kong-event-gateway, local: the embedded local cluster and Konnect emulator")
	require.Contains(t, out, "gateway sni (sni)")

	realSpec := writeSpec(t, "konnect: {serverURL: eu.api.konghq.com, tokenEnv: PROD_KONNECT}\nstack: prod\n"+
		"gateways:\n  - name: a\n    portMapped:\n      advertisedHost: 10.0.1.1\n      virtualClusters: [{name: orders}]\n"+
		"      backendCluster: {bootstrapServers: [\"kafka:9092\"], brokerCount: 1}\n")
	code, out, errOut = keg(t, "validate", "-f", realSpec, "-s", "staging", "--json")
	require.Equal(t, exitOK, code, errOut)
	v := ofType(t, jsonLines(t, out), "validation")
	require.Len(t, v, 1)
	require.Contains(t, v[0], `"stack":"staging"`)
	require.Contains(t, v[0], `"target":"real: the cluster of $KUBECONFIG and Konnect eu.api.konghq.com (token from $PROD_KONNECT)"`)

	code, out, _ = keg(t, "validate", "--json", "-f", writeSpec(t, "local: true\ngateways: []\n"))
	require.Equal(t, exitConfig, code)
	errs := ofType(t, jsonLines(t, out), "error")
	require.Len(t, errs, 1, out)
	require.Contains(t, errs[0], `"exitCode":2`)
	require.Contains(t, errs[0], `"problems":[{"field":"gateways","line":2,"message":"must have at least one entry"}]`)
}

// TestRealSpecNeedsSecrets: a real spec keeping state anywhere must name a passphrase or a secrets provider; keg's
// fixed local passphrase is for local specs only. Nothing is started or written before the refusal.
func TestRealSpecNeedsSecrets(t *testing.T) {
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "")
	require.NoError(t, os.Unsetenv("PULUMI_CONFIG_PASSPHRASE"))
	t.Setenv("PULUMI_CONFIG_PASSPHRASE_FILE", "")
	require.NoError(t, os.Unsetenv("PULUMI_CONFIG_PASSPHRASE_FILE"))
	state, backend := t.TempDir(), t.TempDir()
	file := writeSpec(t, fmt.Sprintf(`stack: prod
backend: file://%s
kubernetes: {kubeconfig: %s}
konnect: {serverURL: eu.api.konghq.com}
gateways:
  - name: a
    portMapped:
      advertisedHost: 10.0.1.1
      virtualClusters: [{name: orders}]
      backendCluster: {bootstrapServers: ["kafka:9092"], brokerCount: 1}
`, backend, local.Cluster.KubeconfigPath))
	code, out, errOut := keg(t, "preview", "-f", file, "--state-dir", state)
	require.Equal(t, exitConfig, code, out+errOut)
	require.Contains(t, errOut, "stack prod (file://"+backend+") encrypts its secrets with a passphrase and none is set: "+
		"set PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE, or secretsProvider in the spec")
	for _, dir := range []string{state, backend} {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		require.Empty(t, entries, "nothing may be written")
	}

	// With a passphrase, the next missing piece is the token: reported before any cluster or Konnect is asked.
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "correct horse")
	t.Setenv("KONNECT_TOKEN", "")
	code, _, errOut = keg(t, "preview", "-f", file, "--state-dir", state)
	require.Equal(t, exitAuth, code, errOut)
	require.Contains(t, errOut, "Konnect authentication failed: no token: set $KONNECT_TOKEN")
	require.NotContains(t, errOut, "checking the Kubernetes cluster")
	code, _, errOut = keg(t, "preview", "--konnect-token-stdin", "-f", file, "--state-dir", state)
	require.Equal(t, exitAuth, code, errOut)
	require.Contains(t, errOut, "Konnect authentication failed: no token on standard input")
	code, _, errOut = keg(t, "up", "--konnect-token-stdin", "-f", file, "--state-dir", state)
	require.Equal(t, exitConfig, code, "the token on stdin leaves no terminal for the prompt: %s", errOut)
}
