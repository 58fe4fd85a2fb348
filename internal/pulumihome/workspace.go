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
// command names its stack), outputs are read with one call instead of two, and after an operation its summary (and
// an up's outputs) come from its event stream instead of the CLI.
type localWorkspace struct {
	auto.Workspace
	home    *Home
	project string
	last    *running
}

// PulumiCommand is the workspace's CLI, answering the read of an operation's summary from its stream.
func (w localWorkspace) PulumiCommand() auto.PulumiCommand {
	return recordedCommand{PulumiCommand: w.Workspace.PulumiCommand(), last: w.last}
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

// StackOutputs returns the stack's outputs: after an up, those its stream carried. The Automation API reads them
// once masked and once with --show-secrets to learn which are secret, and decrypting costs the passphrase key
// derivation (0.3 s); the decrypted read happens here only when an output is secret.
func (w localWorkspace) StackOutputs(ctx context.Context, stackName string) (auto.OutputMap, error) {
	var values map[string]any
	if u := w.last.stream; u != nil && u.ended() && u.outputs != nil {
		values = u.outputs
	} else {
		stdout, err := w.home.cli(ctx, w.WorkDir(), "stack", "output", "--json", "--stack", stackName)
		if err != nil {
			return nil, fmt.Errorf("could not get outputs: %w", err)
		}
		if err := json.Unmarshal(stdout, &values); err != nil {
			return nil, fmt.Errorf("read the stack outputs: %w", err)
		}
	}
	outputs := make(auto.OutputMap, len(values))
	for name, value := range values {
		if raw, err := json.Marshal(value); err != nil || bytes.Contains(raw, []byte(secretSentinel)) {
			return w.Workspace.StackOutputs(ctx, stackName)
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
