package provider_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider"
)

// TestOneVersion: the changelog, the README's install lines and the SDKs name provider.Version.
func TestOneVersion(t *testing.T) {
	root, err := localcluster.RepoRoot()
	require.NoError(t, err)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(root, name))
		require.NoError(t, err)
		return string(b)
	}
	assert.Regexp(t, `(?m)^## `+regexp.QuoteMeta(provider.Version)+`( |$)`, read("CHANGELOG.md"), "the changelog describes this version")
	readme := read("README.md")
	for _, pattern := range []string{`pulumi-kong-event-gateway@v(\S+)`, `plugin install resource kong-event-gateway (\S+)`} {
		matches := regexp.MustCompile(pattern).FindAllStringSubmatch(readme, -1)
		require.NotEmpty(t, matches, pattern)
		for _, m := range matches {
			assert.Equal(t, provider.Version, m[1], "README: %s", m[0])
		}
	}
	var pkg struct {
		Version string `json:"version"`
	}
	require.NoError(t, json.Unmarshal([]byte(read("sdk/nodejs/package.json")), &pkg))
	assert.Equal(t, provider.Version, pkg.Version, "the Node.js SDK's version")
}

// TestRelease runs `make release` in a copy of the working tree: it refuses a version the changelog does not
// describe and a dirty tree, and otherwise moves the version everywhere, dates the changelog, commits and tags
// the module and the Go SDK.
func TestRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates schema.json and the SDKs")
	}
	root, err := localcluster.RepoRoot()
	require.NoError(t, err)
	dir := t.TempDir()
	run := func(name string, args ...string) (string, error) {
		cmd := exec.CommandContext(t.Context(), name, args...)
		cmd.Dir = dir
		// -trimpath: the generators reuse the build cache of the checkout's builds.
		cmd.Env = append(os.Environ(), "GOFLAGS=-trimpath", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "MAKEFLAGS=")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(name string, args ...string) string {
		t.Helper()
		out, err := run(name, args...)
		require.NoError(t, err, "%s %v: %s", name, args, out)
		return out
	}
	// The tracked files as they are in the working tree.
	files := exec.CommandContext(t.Context(), "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	files.Dir = root
	list, err := files.Output()
	require.NoError(t, err)
	for _, name := range strings.Split(strings.TrimRight(string(list), "\x00"), "\x00") {
		src := filepath.Join(root, name)
		info, err := os.Lstat(src)
		if os.IsNotExist(err) || (err == nil && !info.Mode().IsRegular()) {
			continue
		}
		require.NoError(t, err)
		b, err := os.ReadFile(src)
		require.NoError(t, err)
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, info.Mode().Perm()))
	}
	must("git", "init", "-q")
	must("git", "add", "-A")
	must("git", "commit", "-q", "-m", "copy")

	const version = "9.8.7"
	out, err := run("make", "release", "VERSION="+version)
	require.Error(t, err)
	assert.Contains(t, out, "CHANGELOG.md has no '## 9.8.7' section")
	out, err = run("make", "release")
	require.Error(t, err)
	assert.Contains(t, out, "release: set VERSION=x.y.z")

	changelog := filepath.Join(dir, "CHANGELOG.md")
	b, err := os.ReadFile(changelog)
	require.NoError(t, err)
	entry := "## " + version + " (unreleased)\n\nA test release.\n\n"
	text := strings.Replace(string(b), "## ", entry+"## ", 1)
	require.NoError(t, os.WriteFile(changelog, []byte(text), 0o644))
	out, err = run("make", "release", "VERSION="+version)
	require.Error(t, err)
	assert.Contains(t, out, "the working tree has changes")
	must("git", "commit", "-q", "-am", "changelog")

	must("make", "release", "VERSION="+version)
	assert.Empty(t, must("git", "status", "--porcelain"), "the release left changes")
	head := must("git", "rev-parse", "HEAD")
	for _, tag := range []string{"v" + version, "sdk/go/v" + version} {
		assert.Equal(t, head, must("git", "rev-parse", tag+"^{commit}"), "tag %s", tag)
	}
	for name, want := range map[string]string{
		"provider/provider.go":      `var Version = "` + version + `"`,
		"schema.json":               `"version": "` + version + `"`,
		"sdk/nodejs/package.json":   `"version": "` + version + `"`,
		"sdk/python/pyproject.toml": `version = "` + version + `"`,
		"CHANGELOG.md":              "## " + version + " (" + time.Now().UTC().Format(time.DateOnly) + ")",
	} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Contains(t, string(b), want, name)
	}
	out, err = run("make", "release", "VERSION="+version)
	require.Error(t, err)
	assert.Contains(t, out, "tag v"+version+" exists")
}
