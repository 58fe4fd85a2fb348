// Package e2e drives the kong-event-gateway provider plugin through the real Pulumi CLI (the pinned one in
// ./bin) with inline Go programs, against the in-memory Konnect emulator.
//
// TestMain builds the plugin once, starts one emulator and one Pulumi home for the whole package; the tests
// run one after the other because faults injected into the emulator apply to every request.
package e2e

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/pulumitest"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider"
)

// pluginVersion is the version the plugin is built with (provider.Version, the one place it is written) and
// installed as.
var pluginVersion = provider.Version

var (
	// emu is the Konnect emulator of the package.
	emu *konnectemu.Server
	// env is the Pulumi home every stack of the package lives in, with the plugin installed.
	env *pulumitest.Env
	// token is the access token the emulator accepts: random, so that it can be looked for in outputs.
	token string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	if err := setUp(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		tearDown()
		return 1
	}
	defer tearDown()
	return m.Run()
}

var pluginDir string

func setUp() error {
	root, err := localcluster.RepoRoot()
	if err != nil {
		return err
	}
	binDir := filepath.Join(root, "bin")
	if _, err := os.Stat(filepath.Join(binDir, "pulumi")); err != nil {
		return fmt.Errorf("the pinned pulumi CLI is missing (make tools): %w", err)
	}
	if pluginDir, err = os.MkdirTemp("", "keg-e2e-plugin-"); err != nil {
		return err
	}
	plugin := filepath.Join(pluginDir, "pulumi-resource-kong-event-gateway")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", plugin, "./provider/cmd/pulumi-resource-kong-event-gateway")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the plugin: %w\n%s", err, out)
	}

	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	token = "kpat_" + hex.EncodeToString(b)
	if emu, err = konnectemu.New(konnectemu.WithToken(token)); err != nil {
		return fmt.Errorf("starting the Konnect emulator: %w", err)
	}
	env, err = pulumitest.NewEnv(ctx, pulumitest.Options{
		Tools:   pulumihome.Locator{Dir: binDir},
		Plugins: []pulumihome.Plugin{{Name: "kong-event-gateway", Version: "v" + pluginVersion, File: plugin}},
		// The program passes the token explicitly; an ambient one must not leak in.
		Env: map[string]string{"KONNECT_TOKEN": ""},
	})
	return err
}

func tearDown() {
	if env != nil {
		_ = env.Close()
	}
	if emu != nil {
		emu.Close()
	}
	if pluginDir != "" {
		_ = os.RemoveAll(pluginDir)
	}
}
