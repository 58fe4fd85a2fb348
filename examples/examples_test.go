// Package examples_test checks the generated SDKs and the examples that use them: sdk/ is what make sdks
// generates from schema.json, the TypeScript example type-checks against the Node.js SDK, the Python SDK
// compiles, and the Go SDK builds and vets. The Pulumi YAML example runs end to end in examples/e2e.
package examples_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/sdkgen"
)

// root is the repository root, the parent of this package's directory.
const root = ".."

// ignoredDirs hold what building or installing an SDK writes; .gitignore files of the SDKs keep them out of git.
var ignoredDirs = []string{"node_modules", "bin", "__pycache__", "build", "dist"}

// TestSDKsUpToDate requires sdk/ to hold exactly what make sdks generates from schema.json.
func TestSDKsUpToDate(t *testing.T) {
	schemaJSON, err := os.ReadFile(filepath.Join(root, "schema.json"))
	require.NoError(t, err)
	version, err := sdkgen.PulumiGoSDKVersion(filepath.Join(root, "go.mod"))
	require.NoError(t, err)
	sdks, err := sdkgen.Generate(schemaJSON, version)
	require.NoError(t, err)
	for _, lang := range sdkgen.Languages {
		dir := filepath.Join(root, "sdk", lang)
		committed := map[string][]byte{}
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if slices.Contains(ignoredDirs, d.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			committed[filepath.ToSlash(rel)], err = os.ReadFile(path)
			return err
		})
		require.NoError(t, err)
		var missing, extra, stale []string
		for name, content := range sdks[lang] {
			have, ok := committed[name]
			switch {
			case !ok:
				missing = append(missing, name)
			case !bytes.Equal(have, content):
				stale = append(stale, name)
			}
		}
		for name := range committed {
			if _, ok := sdks[lang][name]; !ok {
				extra = append(extra, name)
			}
		}
		slices.Sort(missing)
		slices.Sort(extra)
		slices.Sort(stale)
		assert.Empty(t, missing, "sdk/%s lacks generated files: run make sdks", lang)
		assert.Empty(t, stale, "sdk/%s differs from what schema.json generates: run make sdks", lang)
		assert.Empty(t, extra, "sdk/%s has files the generator does not write: run make sdks", lang)
	}
}

// TestTypeScriptExamples installs each TypeScript example from its lock file, with the Node.js SDK from sdk/nodejs,
// and type-checks it with tsc. Both are copied to a temporary directory with the repository's layout, so the file:
// dependency resolves and the work tree stays clean.
func TestTypeScriptExamples(t *testing.T) {
	if _, err := exec.LookPath("npm"); err != nil {
		t.Log("npm is not on PATH: the TypeScript examples are not checked")
		t.Skip("npm is not on PATH")
	}
	tmp := t.TempDir()
	copyTree(t, filepath.Join(root, "sdk", "nodejs"), filepath.Join(tmp, "sdk", "nodejs"))
	for _, name := range []string{"ts-portmapped", "ts-policies", "ts-sni"} {
		t.Run(name, func(t *testing.T) {
			example := filepath.Join(tmp, "examples", name)
			copyTree(t, filepath.Join(root, "examples", name), example)
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
			defer cancel()
			start := time.Now()
			run(t, ctx, example, "npm", "ci", "--no-audit", "--no-fund")
			t.Logf("npm ci: %s", time.Since(start).Round(time.Millisecond))
			start = time.Now()
			run(t, ctx, example, "npx", "--no-install", "tsc", "--noEmit")
			t.Logf("tsc --noEmit: %s", time.Since(start).Round(time.Millisecond))
			if name == "ts-portmapped" {
				// The README's TypeScript blocks, each a program of its own, against the same installation.
				var files []string
				for i, snippet := range readmeSnippets(t, "ts") {
					file := fmt.Sprintf("readme%d.ts", i)
					require.NoError(t, os.WriteFile(filepath.Join(example, file), []byte(snippet), 0o644))
					files = append(files, file)
				}
				run(t, ctx, example, "npx", append([]string{"--no-install", "tsc", "--noEmit", "--strict", "--target", "ES2022",
					"--module", "commonjs", "--moduleResolution", "node", "--types", "node"}, files...)...)
			}
		})
	}
}

// TestPythonSDKCompiles byte-compiles every module of sdk/python, writing the bytecode outside the work tree.
func TestPythonSDKCompiles(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Log("python3 is not on PATH: the Python SDK is not checked")
		t.Skip("python3 is not on PATH")
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "python3", "-m", "compileall", "-q", filepath.Join("sdk", "python"))
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "PYTHONPYCACHEPREFIX="+t.TempDir())
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "python3 -m compileall -q sdk/python:\n%s", out)
}

// checkPythonExample compiles a Python example and checks that every keyword argument it passes a component
// constructor is a parameter of that constructor's Args class in sdk/python (a stand-in for a type checker, which the
// machine lacks).
const checkPythonExample = `
import ast, sys
example, sdk = sys.argv[1], sys.argv[2]
tree = ast.parse(open(example).read(), example)
compile(tree, example, "exec")
params = {}
import glob, os
for path in glob.glob(os.path.join(sdk, "*.py")):
    for node in ast.parse(open(path).read()).body:
        if isinstance(node, ast.ClassDef) and node.name.endswith("Args"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    params[node.name[:-4]] = {a.arg for a in item.args.kwonlyargs}
problems = []
for node in ast.walk(tree):
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in params:
        for kw in node.keywords:
            if kw.arg not in params[node.func.attr] | {"opts"}:
                problems.append(f"{example}:{kw.lineno}: {node.func.attr} has no argument {kw.arg}")
if problems:
    sys.exit("\n".join(problems))
`

// TestPythonExamples compiles each Python example and checks the arguments it gives the components against the
// generated SDK.
func TestPythonExamples(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Log("python3 is not on PATH: the Python examples are not checked")
		t.Skip("python3 is not on PATH")
	}
	for _, name := range []string{"python-portmapped", "python-sni"} {
		t.Run(name, func(t *testing.T) {
			cmd := exec.CommandContext(t.Context(), "python3", "-c", checkPythonExample,
				filepath.Join("examples", name, "__main__.py"), filepath.Join("sdk", "python", "pulumi_kong_event_gateway"))
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "PYTHONPYCACHEPREFIX="+t.TempDir())
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
		})
	}
}

// TestExampleProjects: every example directory is a Pulumi project of its language, named after the directory.
func TestExampleProjects(t *testing.T) {
	for dir, runtime := range map[string]string{
		"portmapped-go": "go", "sni-go": "go", "ts-portmapped": "nodejs", "ts-policies": "nodejs", "ts-sni": "nodejs",
		"yaml-portmapped": "yaml", "yaml-sni": "yaml", "python-portmapped": "python", "python-sni": "python",
	} {
		project, err := workspace.LoadProject(filepath.Join(root, "examples", dir, "Pulumi.yaml"))
		require.NoError(t, err, dir)
		assert.Equal(t, dir, string(project.Name), dir)
		assert.Equal(t, runtime, project.Runtime.Name(), dir)
	}
}

// readmeSnippets returns the code blocks of the README fenced as lang.
func readmeSnippets(t *testing.T, lang string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	var snippets []string
	for _, m := range regexp.MustCompile("(?ms)^```"+lang+"\n(.*?)^```").FindAllStringSubmatch(string(data), -1) {
		snippets = append(snippets, m[1])
	}
	require.NotEmpty(t, snippets, "the README has no %s block", lang)
	return snippets
}

// goSnippetProgram wraps a README Go snippet (statements that set gw and err) into a program.
const goSnippetProgram = `package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
%s
		_ = gw
		return err
	})
}
`

// TestREADMESnippets compiles every Go block of the README inside a program that imports the components, without
// writing into the work tree (go build -overlay).
func TestREADMESnippets(t *testing.T) {
	tmp, repo := t.TempDir(), must(filepath.Abs(root))
	overlay := map[string]map[string]string{"Replace": {}}
	var packages []string
	for i, snippet := range readmeSnippets(t, "go") {
		file := filepath.Join(tmp, fmt.Sprintf("snippet%d.go", i))
		require.NoError(t, os.WriteFile(file, []byte(fmt.Sprintf(goSnippetProgram, snippet)), 0o644))
		dir := filepath.Join(repo, "examples", "readme-snippets", fmt.Sprintf("snippet%d", i))
		overlay["Replace"][filepath.Join(dir, "main.go")] = file
		packages = append(packages, "./"+filepath.ToSlash(must(filepath.Rel(repo, dir))))
	}
	overlayFile := filepath.Join(tmp, "overlay.json")
	data, err := json.Marshal(overlay)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(overlayFile, data, 0o644))
	cmd := exec.CommandContext(t.Context(), "go", append([]string{"build", "-trimpath", "-overlay", overlayFile, "-o", os.DevNull}, packages...)...)
	cmd.Dir = repo
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "a README Go snippet does not compile:\n%s", out)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestGoSDKBuilds builds and vets every package of the Go SDK module (sdk/go) in a workspace with the root
// module, so it resolves the Pulumi Go SDK the root module pins, from the module cache.
func TestGoSDKBuilds(t *testing.T) {
	abs, err := filepath.Abs(root)
	require.NoError(t, err)
	work := filepath.Join(t.TempDir(), "go.work")
	require.NoError(t, os.WriteFile(work, []byte("go 1.26.6\n\nuse (\n\t"+abs+"\n\t"+filepath.Join(abs, "sdk", "go")+"\n)\n"), 0o644))
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "vet", "github.com/kong-event-gateway/pulumi-kong-event-gateway/sdk/go/...")
	cmd.Dir = abs
	cmd.Env = append(os.Environ(), "GOWORK="+work, "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go vet of the Go SDK:\n%s", out)
}

// run runs a command in dir, failing the test with its output.
func run(t *testing.T, ctx context.Context, dir, name string, args ...string) {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %v:\n%s", name, args, out)
}

// copyTree copies the files of src into dst, leaving out what building or installing writes.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if path != src && slices.Contains(ignoredDirs, d.Name()) {
				return filepath.SkipDir
			}
			return os.MkdirAll(target, 0o755)
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, content, 0o644)
	})
	require.NoError(t, err)
}
