package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// terminal runs the built keg on a pseudo-terminal, as a person at a shell does, and records what it prints.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	tty  *os.File
	mu   sync.Mutex
	seen bytes.Buffer
	done chan error
}

func startOnTerminal(t *testing.T, keg string, args ...string) *terminal {
	t.Helper()
	term := &terminal{t: t, cmd: exec.Command(keg, args...), done: make(chan error, 1)}
	var err error
	term.tty, err = pty.Start(term.cmd)
	require.NoError(t, err)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := term.tty.Read(buf)
			term.mu.Lock()
			term.seen.Write(buf[:n])
			term.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { term.done <- term.cmd.Wait() }()
	t.Cleanup(func() {
		_ = term.cmd.Process.Kill()
		_ = term.tty.Close()
	})
	return term
}

// output is everything printed so far.
func (term *terminal) output() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.seen.String()
}

// waitFor waits until the output contains want.
func (term *terminal) waitFor(want string) {
	term.t.Helper()
	require.Eventually(term.t, func() bool { return strings.Contains(term.output(), want) }, 3*time.Minute,
		50*time.Millisecond, "waiting for %q; so far:\n%s", want, term.output())
}

// exitCode waits for keg to exit within limit and returns its exit code.
func (term *terminal) exitCode(limit time.Duration) int {
	term.t.Helper()
	select {
	case err := <-term.done:
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			return exitErr.ExitCode()
		}
		require.NoError(term.t, err)
		return 0
	case <-time.After(limit):
		term.t.Fatalf("keg did not exit within %s:\n%s", limit, term.output())
		return -1
	}
}

// TestTerminalConfirmation checks the prompts of the built binary on a terminal: destroy previews a destroy (not an
// up) and asks about it; "n" and Ctrl-C at the prompt leave everything in place, Ctrl-C at once.
func TestTerminalConfirmation(t *testing.T) {
	const ns = "keg-prompt"
	file := portMappedSpec(t, "prompt", ns, "10.0.1.1")
	state := t.TempDir()
	args := []string{"-f", file, "--state-dir", state, "--bin", local.BinDir, "--local-cluster", local.Cluster.KubeconfigPath}
	bin := kegBin

	code, _, errOut := keg(t, "up", "--yes", "-f", file, "--state-dir", state)
	require.Equal(t, exitOK, code, errOut)
	secret := func() error {
		return local.Cluster.Client.Get(context.Background(), client.ObjectKey{Namespace: ns, Name: "prompt-konnect-token"}, &corev1.Secret{})
	}
	require.NoError(t, secret())

	term := startOnTerminal(t, bin, append([]string{"destroy"}, args...)...)
	term.waitFor("resources of stack prompt? [y/N] ")
	require.Regexp(t, `Destroy [1-9][0-9]* resources of stack prompt\? \[y/N\] `, term.output())
	require.Regexp(t, `(?m)^\s+-\s+\S+.*delete`, term.output(), "the Pulumi display previews the destroy")
	require.NotRegexp(t, `(?m)^\s+\+\s+\S+.*create`, term.output(), "the preview is of the destroy")
	_, err := term.tty.Write([]byte("n\r"))
	require.NoError(t, err)
	require.Equal(t, exitCancelled, term.exitCode(time.Minute), term.output())
	term.waitFor("answered no; nothing was changed") // what keg printed last may still be in the pty
	require.NoError(t, secret(), "nothing may be deleted")

	term = startOnTerminal(t, bin, append([]string{"destroy"}, args...)...)
	term.waitFor("[y/N] ")
	_, err = term.tty.Write([]byte{3}) // Ctrl-C
	require.NoError(t, err)
	require.Equal(t, exitCancelled, term.exitCode(10*time.Second), term.output())
	term.waitFor("interrupted at the prompt; nothing was changed")
	require.NoError(t, secret(), "nothing may be deleted")

	term = startOnTerminal(t, bin, append([]string{"destroy"}, args...)...)
	term.waitFor("[y/N] ")
	_, err = term.tty.Write([]byte("y\r"))
	require.NoError(t, err)
	require.Equal(t, exitOK, term.exitCode(time.Minute), term.output())
	require.True(t, apierrors.IsNotFound(secret()), "destroy deleted the token Secret")
	term.waitFor("no operator reconciles them") // keg's last line, after the CLI's display
	require.NotContains(t, term.output(), "stack rm", "keg removes the stack itself: no hint to do it by hand")
}

// TestTerminalInterrupt presses Ctrl-C during an up that cannot finish (it waits for an operator that does not run
// here): the steps in flight end, and keg exits 8 with a short summary.
func TestTerminalInterrupt(t *testing.T) {
	bin := kegBin
	file := portMappedSpec(t, "interrupt", "keg-interrupt", "10.0.1.1")
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	hanging := strings.Replace(string(data), "    portMapped:\n", "    portMapped:\n      waitForProgrammed: true\n", 1)
	require.NoError(t, os.WriteFile(file, []byte(hanging), 0o600))
	term := startOnTerminal(t, bin, "up", "--yes", "-f", file, "--state-dir", t.TempDir(), "--bin", local.BinDir,
		"--local-cluster", local.Cluster.KubeconfigPath)
	term.waitFor("created")
	term.waitFor("creating")
	_, err = term.tty.Write([]byte{3})
	require.NoError(t, err)
	term.waitFor("keg: interrupting: the steps in flight finish and are saved; press Ctrl-C again to force")
	require.Equal(t, exitCancelled, term.exitCode(90*time.Second), term.output())
	term.waitFor("Run `keg up` again to resume where it stopped.")
	out := term.output()
	require.Regexp(t, `keg: up interrupted: [1-9][0-9]* resource changes finished and are saved in the stack's state`, out)
	require.NotContains(t, out, "stdout:", "no dump of the CLI's output")
	require.NotRegexp(t, `(?m)^error:`, out, "keg reports an interruption, not an error")
	require.Less(t, strings.Count(out, "\n"), 120, "a short display, no dump:\n%s", out)
}

// fakePulumi is a Pulumi CLI whose up prints its header, then ignores Ctrl-C and hangs, like a CLI stuck in a
// step that does not honour cancellation; every other command succeeds silently.
const fakePulumi = `#!/bin/sh
case " $* " in
  *" version "*) echo v3.274.1 ;;
  *" up "*) trap '' INT TERM; echo "Updating (stuck):"; while :; do sleep 1; done ;;
esac
exit 0
`

// TestTerminalForceStop presses Ctrl-C twice during an up whose Pulumi CLI ignores the first: the second stops it
// and its process group at once, exit code 8, and the summary says the stop was forced.
func TestTerminalForceStop(t *testing.T) {
	bin := kegBin
	tools := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(tools, "pulumi"), []byte(fakePulumi), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(local.BinDir, "pulumi-resource-kubernetes"),
		filepath.Join(tools, "pulumi-resource-kubernetes")))
	file := portMappedSpec(t, "stuck", "keg-stuck", "10.0.1.1")
	term := startOnTerminal(t, bin, "up", "--yes", "-f", file, "--state-dir", t.TempDir(), "--bin", tools,
		"--local-cluster", local.Cluster.KubeconfigPath)
	term.waitFor("Updating (stuck):")
	ctrlC := func() {
		_, err := term.tty.Write([]byte{3})
		require.NoError(t, err)
	}
	ctrlC()
	term.waitFor("press Ctrl-C again to force")
	time.Sleep(time.Second)
	require.NotContains(t, term.output(), "forcing", "the first Ctrl-C waits for the CLI")
	ctrlC()
	term.waitFor("keg: forcing: stopping the Pulumi CLI and its plugins now")
	require.Equal(t, exitCancelled, term.exitCode(10*time.Second), term.output())
	term.waitFor("The stop was forced")
}
