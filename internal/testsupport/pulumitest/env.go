// Package pulumitest runs inline Pulumi programs with the Automation API
// against a throw-away local backend, for tests: a pulumihome.Home in a
// temporary directory with the project's plugins installed from ./bin.
package pulumitest

import (
	"context"
	"os"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
)

// Passphrase is the secrets passphrase of every test stack.
const Passphrase = "keg-test-passphrase" //nolint:gosec // protects throw-away test state only

// Options configure NewEnv.
type Options struct {
	// Tools finds the pulumi CLI (the project's ./bin).
	Tools pulumihome.Locator
	// Kubeconfig is exported as KUBECONFIG to programs and plugins.
	Kubeconfig string
	// Plugins are installed into PULUMI_HOME.
	Plugins []pulumihome.Plugin
	// Env adds environment variables for every operation.
	Env map[string]string
}

// Env is a pulumihome.Home in a temporary directory.
type Env struct {
	*pulumihome.Home
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
	home, err := pulumihome.NewHome(ctx, pulumihome.HomeOptions{
		Tools: opts.Tools, Dir: dir, Passphrase: Passphrase, Plugins: opts.Plugins, Env: vars,
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
