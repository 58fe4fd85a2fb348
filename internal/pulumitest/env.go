// Package pulumitest runs inline Pulumi programs with the Automation API
// against a throw-away local backend, for tests: its own PULUMI_HOME with the
// project's plugins installed from ./bin, a passphrase secrets provider and
// no plugin downloads.
package pulumitest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/pulumicmd"
)

// Passphrase is the secrets passphrase of every test stack.
const Passphrase = "keg-test-passphrase"

// Plugin is a resource plugin binary to install into the test PULUMI_HOME.
type Plugin struct {
	// Name is the package name, e.g. "kubernetes".
	Name string
	// Version is the version programs ask for, e.g. "v4.32.0".
	Version string
	// File is the plugin binary.
	File string
}

// KubernetesPlugin is the pulumi-resource-kubernetes plugin built into binDir;
// its version matches the Kubernetes Go SDK in go.mod.
func KubernetesPlugin(binDir string) Plugin {
	return Plugin{Name: "kubernetes", Version: "v4.32.0", File: filepath.Join(binDir, "pulumi-resource-kubernetes")}
}

// Options configure NewEnv.
type Options struct {
	// BinDir holds the pulumi CLI and the plugins (the project's ./bin).
	BinDir string
	// Kubeconfig is exported as KUBECONFIG to programs and plugins.
	Kubeconfig string
	// Plugins are installed into PULUMI_HOME.
	Plugins []Plugin
	// Env adds environment variables for every operation.
	Env map[string]string
}

// Env is a temporary Pulumi home, backend and workspace root.
type Env struct {
	// Dir is the root of everything the Env writes.
	Dir string
	// BackendURL is the file:// state backend.
	BackendURL string
	// Command runs the pinned CLI.
	Command *pulumicmd.Command

	vars map[string]string
}

// NewEnv creates the directories and installs the plugins.
func NewEnv(ctx context.Context, opts Options) (*Env, error) {
	cmd, err := pulumicmd.New(opts.BinDir)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "keg-pulumitest-")
	if err != nil {
		return nil, err
	}
	e := &Env{Dir: dir, BackendURL: "file://" + filepath.Join(dir, "state"), Command: cmd}
	if err := os.MkdirAll(filepath.Join(dir, "state"), 0o700); err != nil {
		return nil, err
	}
	e.vars = map[string]string{
		"PULUMI_HOME":                                 filepath.Join(dir, "home"),
		"PULUMI_CONFIG_PASSPHRASE":                    Passphrase,
		"PULUMI_BACKEND_URL":                          e.BackendURL,
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_IGNORE_AMBIENT_PLUGINS":               "true",
	}
	if opts.Kubeconfig != "" {
		e.vars["KUBECONFIG"] = opts.Kubeconfig
	}
	for k, v := range opts.Env {
		e.vars[k] = v
	}
	for _, p := range opts.Plugins {
		install := exec.CommandContext(ctx, cmd.Path(), "plugin", "install", "resource", p.Name, p.Version, "--file", p.File)
		install.Env = e.Environ()
		if out, err := install.CombinedOutput(); err != nil {
			_ = e.Close()
			return nil, fmt.Errorf("install plugin %s %s: %w\n%s", p.Name, p.Version, err, out)
		}
	}
	return e, nil
}

// Vars returns the environment variables every operation gets.
func (e *Env) Vars() map[string]string {
	vars := make(map[string]string, len(e.vars))
	for k, v := range e.vars {
		vars[k] = v
	}
	return vars
}

// Environ returns os.Environ plus Vars, for commands run outside the Automation API.
func (e *Env) Environ() []string {
	env := os.Environ()
	for k, v := range e.vars {
		env = append(env, k+"="+v)
	}
	return env
}

// Close removes everything the Env wrote.
func (e *Env) Close() error {
	return os.RemoveAll(e.Dir)
}
