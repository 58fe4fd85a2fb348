// Package pulumitest runs inline Pulumi programs with the Automation API
// against a throw-away local backend, for tests: an automation.Home in a
// temporary directory with the project's plugins installed from ./bin.
package pulumitest

import (
	"context"
	"os"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
)

// Passphrase is the secrets passphrase of every test stack.
const Passphrase = "keg-test-passphrase"

// Options configure NewEnv.
type Options struct {
	// BinDir holds the pulumi CLI and the plugins (the project's ./bin).
	BinDir string
	// Kubeconfig is exported as KUBECONFIG to programs and plugins.
	Kubeconfig string
	// Plugins are installed into PULUMI_HOME.
	Plugins []automation.Plugin
	// Env adds environment variables for every operation.
	Env map[string]string
}

// Env is an automation.Home in a temporary directory.
type Env struct {
	*automation.Home
}

// NewEnv creates the temporary Home and installs the plugins.
func NewEnv(ctx context.Context, opts Options) (*Env, error) {
	dir, err := os.MkdirTemp("", "keg-pulumitest-")
	if err != nil {
		return nil, err
	}
	vars := map[string]string{}
	for k, v := range opts.Env {
		vars[k] = v
	}
	if opts.Kubeconfig != "" {
		vars["KUBECONFIG"] = opts.Kubeconfig
	}
	home, err := automation.NewHome(ctx, automation.HomeOptions{
		BinDir: opts.BinDir, Dir: dir, Passphrase: Passphrase, Plugins: opts.Plugins, Env: vars,
	})
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	return &Env{Home: home}, nil
}

// Close removes everything the Env wrote.
func (e *Env) Close() error {
	return os.RemoveAll(e.Dir)
}
