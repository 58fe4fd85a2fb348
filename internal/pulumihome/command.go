// Package pulumihome runs Pulumi from a self-contained installation, for keg and the tests: it finds the pulumi CLI
// and plugins (an explicit directory, beside the running binary, or PATH; never through the Go toolchain), keeps a
// PULUMI_HOME of its own with the plugins installed from those files, and runs the CLI for the Automation API so
// that an interrupted operation leaves no plugin process behind: the CLI runs in its own process group, which
// cancellation interrupts; every process of a run is marked in its environment, and whatever of a run is still
// alive when the CLI exits is killed, as are the processes a killed keg left behind when the next Home opens.
package pulumihome

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
)

// MinimumVersion is the oldest Pulumi CLI the project runs: the version of the Pulumi Go SDK whose Automation API
// drives it, and of the CLI the Makefile builds (a test checks both pins agree).
var MinimumVersion = semver.MustParse("3.274.1")

// graceDelay is how long an interrupted CLI gets to write its checkpoint
// before the process group is killed.
const graceDelay = 15 * time.Second

// Command is an auto.PulumiCommand that runs one Pulumi binary.
type Command struct {
	path    string
	version semver.Version
	force   <-chan struct{}
	// owner marks the runs of a Home (ownerEnv); unset names environment variables the CLI must not inherit.
	owner string
	unset []string
}

var _ auto.PulumiCommand = (*Command)(nil)

// FindCommand locates the pulumi CLI with l and checks that it is at least MinimumVersion. The version is read
// from the binary's build information; a binary that records none is asked (`pulumi version`).
func FindCommand(l Locator) (*Command, error) {
	tool, err := l.Find("pulumi")
	if err != nil {
		return nil, err
	}
	version := tool.Version
	if version == "" {
		out, err := exec.Command(tool.Path, "version").Output()
		if err != nil {
			return nil, fmt.Errorf("%s version: %w", tool.Path, err)
		}
		version = strings.TrimSpace(string(out))
	}
	got, err := semver.ParseTolerant(version)
	if err != nil {
		return nil, fmt.Errorf("%s: unexpected version %q", tool.Path, version)
	}
	if got.LT(MinimumVersion) {
		return nil, fmt.Errorf("%s is Pulumi %s; %s or newer is needed", tool.Path, got, MinimumVersion)
	}
	return &Command{path: tool.Path, version: got}, nil
}

// Path is the absolute path of the pulumi binary.
func (c *Command) Path() string { return c.path }

// Version reports the CLI version.
func (c *Command) Version() semver.Version { return c.version }

// Run runs the CLI non-interactively in its own process group.
func (c *Command) Run(ctx context.Context, workdir string, stdin io.Reader,
	additionalOutput, additionalErrorOutput []io.Writer, additionalEnv []string, args ...string,
) (string, string, int, error) {
	if !slices.Contains(args, "--non-interactive") {
		args = append([]string{"--non-interactive"}, args...)
	}
	cmd := exec.CommandContext(ctx, c.path, args...)
	cmd.Dir = workdir
	run := newRunID()
	cmd.Env = append(c.environ(), additionalEnv...)
	cmd.Env = append(cmd.Env, "PULUMI_AUTOMATION_API=true", runEnv+"="+run,
		"PATH="+filepath.Dir(c.path)+string(os.PathListSeparator)+os.Getenv("PATH"))
	if c.owner != "" {
		cmd.Env = append(cmd.Env, ownerEnv+"="+c.owner)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout = io.MultiWriter(append(additionalOutput, &stdout)...)
	cmd.Stderr = io.MultiWriter(append(additionalErrorOutput, &stderr)...)
	cmd.Stdin = stdin
	ownProcessGroup(cmd)
	cmd.WaitDelay = graceDelay

	err := cmd.Start()
	if err == nil {
		done := make(chan struct{})
		go func() {
			select {
			case <-c.force:
				killProcessGroup(cmd)
			case <-done:
			}
		}()
		err = cmd.Wait()
		close(done)
		// Nothing the CLI started may outlive it: its group, and the plugins, which lead groups of their own. A CLI
		// that exits cleanly has stopped its plugins, so /proc is searched only after a failed or killed one.
		killProcessGroup(cmd)
		if err != nil {
			killMarked(func(getenv func(string) string) bool { return getenv(runEnv) == run })
		}
	}
	code := -2
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		code = 0
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
	}
	return stdout.String(), stderr.String(), code, err
}

// environ is this process's environment without the variables the CLI must not inherit.
func (c *Command) environ() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool {
		name, _, _ := strings.Cut(kv, "=")
		return slices.Contains(c.unset, name)
	})
}
