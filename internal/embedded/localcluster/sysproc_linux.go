package localcluster

import "syscall"

// groupAttrs starts a process as the leader of its own process group; with dieWithParent the kernel kills it when
// this process dies.
func groupAttrs(dieWithParent bool) *syscall.SysProcAttr {
	attrs := &syscall.SysProcAttr{Setpgid: true}
	if dieWithParent {
		attrs.Pdeathsig = syscall.SIGKILL
	}
	return attrs
}
