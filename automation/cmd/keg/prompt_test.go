package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
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
	file := portMappedSpec(t, "prompt", ns)
	args := []string{"-f", file, "--state-dir", t.TempDir(), "--bin", local.BinDir}
	bin := buildKeg(t, t.TempDir())

	code, _, errOut := keg(t, append([]string{"up", "--yes"}, args[:4]...)...)
	require.Equal(t, exitOK, code, errOut)
	secret := func() error {
		return local.Cluster.Client.Get(context.Background(), client.ObjectKey{Namespace: ns, Name: "prompt-konnect-token"}, &corev1.Secret{})
	}
	require.NoError(t, secret())

	term := startOnTerminal(t, bin, append([]string{"destroy"}, args...)...)
	term.waitFor("resources of stack prompt? [y/N] ")
	require.Regexp(t, `Destroy [1-9][0-9]* resources of stack prompt\? \[y/N\] `, term.output())
	require.Regexp(t, `(?m)^\s+delete\s`, term.output(), "the preview is of the destroy")
	require.NotRegexp(t, `(?m)^\s+create\s`, term.output(), "the preview is of the destroy")
	require.Contains(t, term.output(), "Resources: 0 created, 0 updated, 0 replaced")
	_, err := term.tty.Write([]byte("n\r"))
	require.NoError(t, err)
	require.Equal(t, exitNotConfirmed, term.exitCode(time.Minute), term.output())
	term.waitFor("answered no; nothing was changed") // what keg printed last may still be in the pty
	require.NoError(t, secret(), "nothing may be deleted")

	term = startOnTerminal(t, bin, append([]string{"destroy"}, args...)...)
	term.waitFor("[y/N] ")
	_, err = term.tty.Write([]byte{3}) // Ctrl-C
	require.NoError(t, err)
	require.Equal(t, exitNotConfirmed, term.exitCode(10*time.Second), term.output())
	term.waitFor("interrupted at the prompt; nothing was changed")
	require.NoError(t, secret(), "nothing may be deleted")

	code, _, errOut = keg(t, append([]string{"destroy", "--yes"}, args[:4]...)...)
	require.Equal(t, exitOK, code, errOut)
}
