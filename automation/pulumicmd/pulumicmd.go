// Package pulumicmd runs the Pulumi CLI for the Automation API so that an
// interrupted operation never leaves plugin processes behind: the CLI runs in
// its own process group, cancellation interrupts the whole group, and whatever
// is still alive in the group when the CLI exits is killed.
package pulumicmd

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
	"syscall"
	"time"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
)

// Version is the Pulumi CLI version the project builds and pins.
var Version = semver.MustParse("3.274.1")

// graceDelay is how long an interrupted CLI gets to write its checkpoint
// before the process group is killed.
const graceDelay = 15 * time.Second

// Command is an auto.PulumiCommand that runs one pinned Pulumi binary.
type Command struct {
	path    string
	version semver.Version
}

var _ auto.PulumiCommand = (*Command)(nil)

// New returns a Command for binDir/pulumi after checking that it reports the
// pinned Version.
func New(binDir string) (*Command, error) {
	path, err := filepath.Abs(filepath.Join(binDir, "pulumi"))
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(path, "version").Output()
	if err != nil {
		return nil, fmt.Errorf("%s version (run `make tools`): %w", path, err)
	}
	got, err := semver.ParseTolerant(strings.TrimSpace(string(out)))
	if err != nil {
		return nil, fmt.Errorf("%s version: unexpected output %q", path, out)
	}
	if !got.Equals(Version) {
		return nil, fmt.Errorf("%s is %s, want %s (run `make tools`)", path, got, Version)
	}
	return &Command{path: path, version: got}, nil
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
	cmd.Env = append(os.Environ(), additionalEnv...)
	cmd.Env = append(cmd.Env, "PULUMI_AUTOMATION_API=true",
		"PATH="+filepath.Dir(c.path)+string(os.PathListSeparator)+os.Getenv("PATH"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout = io.MultiWriter(append(additionalOutput, &stdout)...)
	cmd.Stderr = io.MultiWriter(append(additionalErrorOutput, &stderr)...)
	cmd.Stdin = stdin
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
	cmd.WaitDelay = graceDelay

	err := cmd.Run()
	if cmd.Process != nil {
		// Plugins the CLI started share its group; none may outlive it.
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
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
