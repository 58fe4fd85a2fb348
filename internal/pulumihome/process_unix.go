//go:build unix

package pulumihome

import "syscall"

// processGone reports whether no process with pid runs on this host.
func processGone(pid int) bool {
	return syscall.Kill(pid, 0) == syscall.ESRCH
}
