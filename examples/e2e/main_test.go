// Package e2e runs the non-Go examples end to end on the local cluster: the Pulumi YAML program goes through the
// pinned CLI, the pinned YAML language host (./bin/pulumi-language-yaml) and the kong-event-gateway plugin, which
// constructs the component, and must leave the API server exactly as the equivalent Go program does.
//
// TestMain builds the plugin once and starts one control plane and one Pulumi home, with the Kubernetes and the
// kong-event-gateway plugins installed, for the whole package.
package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider"
)

// pluginVersion is the version the plugin is built with (provider.Version, the one place it is written) and
// installed as.
var pluginVersion = provider.Version

var (
	// local is the cluster and Pulumi environment every test shares.
	local *testenv.Local
	// repoRoot is the repository's root directory.
	repoRoot string
)

func TestMain(m *testing.M) { os.Exit(run(m)) }

func run(m *testing.M) int {
	var err error
	if repoRoot, err = localcluster.RepoRoot(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	pluginDir, err := os.MkdirTemp("", "keg-examples-plugin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(pluginDir)
	plugin, err := buildPlugin(pluginDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	local, err = testenv.Start(ctx, plugin)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer local.Stop()
	return m.Run()
}

// buildPlugin builds the provider plugin into dir, as release builds do.
func buildPlugin(dir string) (pulumihome.Plugin, error) {
	file := filepath.Join(dir, "pulumi-resource-kong-event-gateway")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", file, "./provider/cmd/pulumi-resource-kong-event-gateway")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		return pulumihome.Plugin{}, fmt.Errorf("building the plugin: %w\n%s", err, out)
	}
	return pulumihome.Plugin{Name: "kong-event-gateway", Version: "v" + pluginVersion, File: file}, nil
}
