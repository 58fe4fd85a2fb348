//go:build unix && !linux

package pulumihome

import "syscall"

// processAttrs starts the CLI as the leader of its own process group, so cancellation can interrupt it with what
// it runs.
func processAttrs() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }
