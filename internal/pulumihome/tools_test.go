package pulumihome

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/mod/modfile"
)

// repoBin is the project's ./bin, which `make tools` fills.
var repoBin = filepath.Join("..", "..", "bin")

func writeExecutable(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, []byte("#!/bin/sh\nexit 0\n"), 0o755))
	return path
}

func TestLocatorSearchesOnlyAnExplicitDir(t *testing.T) {
	dir, onPath := t.TempDir(), t.TempDir()
	writeExecutable(t, onPath, "keg-fake-tool")
	t.Setenv("PATH", onPath)

	_, err := Locator{Dir: dir}.Find("keg-fake-tool")
	var missing *MissingToolError
	require.True(t, errors.As(err, &missing), "%v", err)
	abs, _ := filepath.Abs(dir)
	require.Equal(t, "keg-fake-tool not found (looked in "+abs+")", err.Error())

	path := writeExecutable(t, dir, "keg-fake-tool")
	tool, err := Locator{Dir: dir}.Find("keg-fake-tool")
	require.NoError(t, err)
	require.Equal(t, Tool{Name: "keg-fake-tool", Path: path, Found: FoundInDir}, tool)
}

func TestLocatorFallsBackToPath(t *testing.T) {
	onPath := t.TempDir()
	path := writeExecutable(t, onPath, "keg-fake-tool")
	t.Setenv("PATH", onPath)
	tool, err := Locator{}.Find("keg-fake-tool")
	require.NoError(t, err)
	require.Equal(t, FoundOnPath, tool.Found)
	require.Equal(t, path, tool.Path)

	_, err = Locator{}.Find("keg-no-such-tool")
	require.ErrorContains(t, err, "keg-no-such-tool not found (looked in ")
	require.ErrorContains(t, err, ", PATH)")
}

// TestPinsAgree checks the versions this package names against go.mod and the Pulumi CLI's tools module.
func TestPinsAgree(t *testing.T) {
	require.Equal(t, "v"+MinimumVersion.String(), required(t, filepath.Join("..", "..", "go.mod"), "github.com/pulumi/pulumi/sdk/v3"))
	require.Equal(t, "v"+MinimumVersion.String(), required(t, filepath.Join("..", "..", "tools", "pulumi", "go.mod"), "github.com/pulumi/pulumi/pkg/v3"))
	require.Equal(t, KubernetesPluginVersion, required(t, filepath.Join("..", "..", "go.mod"), "github.com/pulumi/pulumi-kubernetes/sdk/v4"))
}

func required(t *testing.T, gomod, module string) string {
	t.Helper()
	data, err := os.ReadFile(gomod)
	require.NoError(t, err)
	file, err := modfile.Parse(gomod, data, nil)
	require.NoError(t, err)
	for _, r := range file.Require {
		if r.Mod.Path == module {
			return r.Mod.Version
		}
	}
	t.Fatalf("%s does not require %s", gomod, module)
	return ""
}

// TestBinaryVersions reads versions from build information, executing nothing: the pinned CLI and kube-apiserver
// report their modules' versions, and a binary that records none reports "".
func TestBinaryVersions(t *testing.T) {
	require.Equal(t, "v"+MinimumVersion.String(), BinaryVersion(filepath.Join(repoBin, "pulumi")))
	require.Equal(t, "v1.35.4", BinaryVersion(filepath.Join(repoBin, "kube-apiserver")))
	plugin, err := KubernetesPlugin(Locator{Dir: repoBin})
	require.NoError(t, err)
	require.Equal(t, KubernetesPluginVersion, plugin.Version)

	self, err := os.Executable()
	require.NoError(t, err)
	require.Empty(t, BinaryVersion(self), "a test binary records no version")
	require.Empty(t, BinaryVersion(writeExecutable(t, t.TempDir(), "script")), "not a Go binary")
}

func TestVersionOf(t *testing.T) {
	dep := func(path, version string) *debug.Module { return &debug.Module{Path: path, Version: version} }
	cases := map[string]struct {
		info debug.BuildInfo
		want string
	}{
		"stamped at link time": {debug.BuildInfo{
			Path: "example.com/tools/kubernetes", Main: *dep("example.com/tools/kubernetes", "(devel)"),
			Settings: []debug.BuildSetting{{Key: "-ldflags", Value: "-s -w -X github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version=4.32.0"}},
		}, "4.32.0"},
		"main package in a pinned dependency": {debug.BuildInfo{
			Path: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi", Main: *dep("example.com/tools/pulumi", "(devel)"),
			Deps: []*debug.Module{dep("github.com/pulumi/pulumi/sdk/v3", "v3.274.1"), dep("github.com/pulumi/pulumi/pkg/v3", "v3.274.1")},
		}, "v3.274.1"},
		"go install module@version": {debug.BuildInfo{
			Path: "example.com/tool/cmd/tool", Main: *dep("example.com/tool", "v1.2.3"),
		}, "v1.2.3"},
		"local module stamped from git": {debug.BuildInfo{
			Path: "example.com/tools/kubernetes", Main: *dep("example.com/tools/kubernetes", "v0.0.0-20261201222358-0c2e937ab6e9"),
		}, ""},
		"local module without git": {debug.BuildInfo{
			Path: "example.com/tools/kubernetes", Main: *dep("example.com/tools/kubernetes", "(devel)"),
		}, ""},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			require.Equal(t, tc.want, versionOf(&tc.info))
		})
	}
}

// TestInterruptedPluginInstallIsRepaired leaves a plugin install as a killed `pulumi plugin install` does (the
// directory without its binary, and the .partial marker) and checks the next Home installs it again.
func TestInterruptedPluginInstallIsRepaired(t *testing.T) {
	ctx := context.Background()
	plugin, err := KubernetesPlugin(Locator{Dir: repoBin})
	require.NoError(t, err)
	opts := HomeOptions{Tools: Locator{Dir: repoBin}, Dir: t.TempDir(), Passphrase: "test", Plugins: []Plugin{plugin}}
	home, err := NewHome(ctx, opts)
	require.NoError(t, err)
	installed := filepath.Join(home.Vars()["PULUMI_HOME"], "plugins", "resource-kubernetes-"+plugin.Version)
	binary := filepath.Join(installed, "pulumi-resource-kubernetes")
	require.FileExists(t, binary)

	require.NoError(t, os.Remove(binary))
	require.NoError(t, os.WriteFile(installed+".partial", nil, 0o600))
	_, err = NewHome(ctx, opts)
	require.NoError(t, err)
	require.FileExists(t, binary)
	require.NoFileExists(t, installed+".partial")
}
