//go:build !windows

package pulumihome

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup makes cmd lead a process group of its own, so the plugins it starts can be signalled with it.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
}

// killProcessGroup kills whatever is left of the process group cmd leads.
func killProcessGroup(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
}
