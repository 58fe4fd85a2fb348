//go:build !windows

package pulumihome

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup makes cmd lead a process group of its own, which cancellation interrupts (the CLI then stops the
// plugins it started).
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = processAttrs()
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
}

// killProcessGroup kills whatever is left of the process group cmd leads.
func killProcessGroup(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
