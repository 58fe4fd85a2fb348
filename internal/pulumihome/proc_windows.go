//go:build windows

package pulumihome

import "os/exec"

// ownProcessGroup leaves cmd as it is: Windows has no process groups to signal, so cancellation kills the CLI.
func ownProcessGroup(*exec.Cmd) {}

// killProcessGroup kills the CLI process.
func killProcessGroup(cmd *exec.Cmd) {
	_ = cmd.Process.Kill()
}
