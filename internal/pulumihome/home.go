package pulumihome

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// Plugin is a resource plugin binary installed into a Home's PULUMI_HOME.
type Plugin struct {
	// Name is the package name, e.g. "kubernetes".
	Name string
	// Version is the version programs ask for, e.g. "v4.32.0".
	Version string
	// File is the plugin binary.
	File string
}

// HomeOptions configure NewHome.
type HomeOptions struct {
	// Tools finds the pulumi CLI.
	Tools Locator
	// Dir holds PULUMI_HOME (Dir/home, unless UserHome) and, unless BackendURL is set, the state (Dir/state).
	Dir string
	// UserHome keeps the user's PULUMI_HOME ($PULUMI_HOME or ~/.pulumi), with its `pulumi login` credentials,
	// instead of one under Dir.
	UserHome bool
	// BackendURL is the state backend; file://Dir/state when empty.
	BackendURL string
	// SecretsProvider is the secrets provider of stacks this Home creates; passphrase when empty.
	SecretsProvider string
	// Passphrase protects secrets in state; when empty, the CLI reads $PULUMI_CONFIG_PASSPHRASE or
	// $PULUMI_CONFIG_PASSPHRASE_FILE.
	Passphrase string
	// Force, once closed, kills the CLI of a running operation and its plugins at once instead of waiting for
	// an interrupted operation to finish.
	Force <-chan struct{}
	// Plugins are installed into PULUMI_HOME when missing.
	Plugins []Plugin
	// Env adds environment variables for every operation.
	Env map[string]string
	// Unset names variables of this process's environment that the CLI and its plugins must not inherit, such as
	// a Konnect token the program already holds.
	Unset []string
	// Notify is told, in a sentence, what the Home repaired after a killed run: processes it left running, or
	// operations it left pending in a stack.
	Notify func(string)
}

// Home is a Pulumi installation: a located CLI, a PULUMI_HOME (its own or the user's) with the project's plugins,
// a state backend and a secrets provider; plugins are never downloaded.
type Home struct {
	// Dir is the root of everything the Home writes.
	Dir string
	// BackendURL is the state backend.
	BackendURL string
	// Command runs the pinned CLI.
	Command *Command

	pulumiHome      string
	secretsProvider string
	vars            map[string]string
	notify          func(string)
}

// NewHome prepares the directories and installs missing plugins.
func NewHome(ctx context.Context, opts HomeOptions) (*Home, error) {
	cmd, err := FindCommand(opts.Tools)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	cmd.force, cmd.owner, cmd.unset = opts.Force, ownerValue(dir), opts.Unset
	h := &Home{Dir: dir, BackendURL: opts.BackendURL, Command: cmd, secretsProvider: opts.SecretsProvider,
		notify: opts.Notify}
	if h.notify == nil {
		h.notify = func(string) {}
	}
	if n := killMarked(orphanedFrom(dir)); n > 0 {
		h.notify(fmt.Sprintf("stopped %s (the Pulumi CLI or its plugins) that a killed run on %s left running",
			Count(n, "process", "processes"), dir))
	}
	if h.secretsProvider == "" {
		h.secretsProvider = "passphrase"
	}
	if h.BackendURL == "" {
		if err := os.MkdirAll(filepath.Join(dir, "state"), 0o700); err != nil {
			return nil, err
		}
		h.BackendURL = "file://" + filepath.Join(dir, "state")
	}
	h.vars = map[string]string{
		"PULUMI_BACKEND_URL":                          h.BackendURL,
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_IGNORE_AMBIENT_PLUGINS":               "true",
	}
	if opts.Passphrase != "" {
		h.vars["PULUMI_CONFIG_PASSPHRASE"] = opts.Passphrase
	}
	if opts.UserHome {
		if h.pulumiHome, err = workspace.GetPulumiHomeDir(); err != nil {
			return nil, err
		}
	} else {
		h.pulumiHome = filepath.Join(dir, "home")
		h.vars["PULUMI_HOME"] = h.pulumiHome
	}
	for k, v := range opts.Env {
		h.vars[k] = v
	}
	for _, p := range opts.Plugins {
		if err := h.installPlugin(ctx, p); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// installPlugin installs p unless that version is already completely installed in PULUMI_HOME. An install that
// was cut short (its directory without the binary, or Pulumi's ".partial" marker beside it) is removed first.
func (h *Home) installPlugin(ctx context.Context, p Plugin) error {
	installed := filepath.Join(h.pulumiHome, "plugins", "resource-"+p.Name+"-"+p.Version)
	_, binErr := os.Stat(filepath.Join(installed, "pulumi-resource-"+p.Name+filepath.Ext(p.File)))
	_, partialErr := os.Stat(installed + ".partial")
	if binErr == nil && errors.Is(partialErr, os.ErrNotExist) {
		return nil
	}
	if err := os.RemoveAll(installed); err != nil {
		return err
	}
	if err := os.RemoveAll(installed + ".partial"); err != nil {
		return err
	}
	install := exec.CommandContext(ctx, h.Command.Path(), "plugin", "install", "resource", p.Name, p.Version, "--file", p.File)
	install.Env = h.Environ()
	if out, err := install.CombinedOutput(); err != nil {
		return fmt.Errorf("install plugin %s %s from %s: %w\n%s", p.Name, p.Version, p.File, err, out)
	}
	return nil
}

// Vars returns the environment variables every operation gets.
func (h *Home) Vars() map[string]string {
	vars := make(map[string]string, len(h.vars))
	for k, v := range h.vars {
		vars[k] = v
	}
	return vars
}

// Environ returns this process's environment without HomeOptions.Unset, plus Vars, for commands run outside the
// Automation API.
func (h *Home) Environ() []string {
	return append(h.Command.environ(), h.varList()...)
}

// varList returns Vars as KEY=value entries.
func (h *Home) varList() []string {
	env := make([]string, 0, len(h.vars))
	for k, v := range h.vars {
		env = append(env, k+"="+v)
	}
	return env
}

// localStateDir returns the directory of a local (file://) backend, and whether the backend is local.
func (h *Home) localStateDir() (string, bool) {
	return strings.CutPrefix(h.BackendURL, "file://")
}
