package localcluster

import (
	"os"
	"syscall"
)

// groupAttrs leaves process attributes as they are: Windows has no process groups to signal.
func groupAttrs(bool) *syscall.SysProcAttr { return nil }

// signalGroup kills p: Windows delivers no other signal.
func signalGroup(p *os.Process, _ syscall.Signal) {
	_ = p.Kill()
}
