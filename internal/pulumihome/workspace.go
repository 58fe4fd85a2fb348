package pulumihome

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
)

// secretSentinel is what `pulumi stack output --json` prints in place of a secret value.
const secretSentinel = "[secret]"

// localWorkspace is the Automation API's local workspace with fewer CLI calls, each of which costs the CLI's
// start (0.1-0.2 s): a stack that exists in a local backend is selected without `pulumi stack select` (every
// command names its stack), and outputs are read with one call instead of two.
type localWorkspace struct {
	auto.Workspace
	home    *Home
	project string
}

// stackExists reports whether a local backend holds the stack, and whether that is known without the CLI (for a
// local backend and a plain stack name).
func (w localWorkspace) stackExists(stackName string) (exists, known bool) {
	dir, ok := w.home.localStateDir()
	if !ok || strings.Contains(stackName, "/") {
		return false, false
	}
	for _, ext := range []string{".json", ".json.gz"} {
		if _, err := os.Stat(filepath.Join(dir, ".pulumi", "stacks", w.project, stackName+ext)); err == nil {
			return true, true
		}
	}
	return false, true
}

// SelectStack selects a stack the local backend holds by checking its file; anything else asks the CLI.
func (w localWorkspace) SelectStack(ctx context.Context, stackName string) error {
	if exists, _ := w.stackExists(stackName); exists {
		return nil
	}
	return w.Workspace.SelectStack(ctx, stackName)
}

// StackOutputs returns the stack's outputs. The Automation API reads them once masked and once with --show-secrets
// to learn which are secret, and decrypting costs the passphrase key derivation (0.3 s); the decrypted read
// happens here only when an output is secret.
func (w localWorkspace) StackOutputs(ctx context.Context, stackName string) (auto.OutputMap, error) {
	stdout, err := w.home.cli(ctx, w.WorkDir(), "stack", "output", "--json", "--stack", stackName)
	if err != nil {
		return nil, fmt.Errorf("could not get outputs: %w", err)
	}
	var values map[string]json.RawMessage
	if err := json.Unmarshal(stdout, &values); err != nil {
		return nil, fmt.Errorf("read the stack outputs: %w", err)
	}
	outputs := make(auto.OutputMap, len(values))
	for name, raw := range values {
		if bytes.Contains(raw, []byte(secretSentinel)) {
			return w.Workspace.StackOutputs(ctx, stackName)
		}
		var value any
		if err := json.Unmarshal(raw, &value); err != nil {
			return nil, fmt.Errorf("read the stack output %s: %w", name, err)
		}
		outputs[name] = auto.OutputValue{Value: value}
	}
	return outputs, nil
}

// cli runs the Pulumi CLI with the home's environment in workDir and returns its standard output.
func (h *Home) cli(ctx context.Context, workDir string, args ...string) ([]byte, error) {
	stdout, stderr, _, err := h.Command.Run(ctx, workDir, nil, nil, nil, h.varList(), args...)
	if err != nil {
		return nil, fmt.Errorf("pulumi %s: %w: %s", args[0]+" "+args[1], err, stderr)
	}
	return []byte(stdout), nil
}
