//go:build unix && !linux

package localcluster

import "syscall"

// groupAttrs starts a process as the leader of its own process group. Only Linux can tie a child's life to its
// parent's; elsewhere the watchdog and Stop do it.
func groupAttrs(bool) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
