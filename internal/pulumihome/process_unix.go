//go:build unix

package pulumihome

import (
	"fmt"
	"os"
	"strings"
	"syscall"
)

// processGone reports whether no process with pid runs on this host. A zombie (dead, not yet reaped by its parent
// or by init, which may be slow in a container) is gone.
func processGone(pid int) bool {
	if syscall.Kill(pid, 0) == syscall.ESRCH {
		return true
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false // no /proc: the signal said it exists
	}
	// The state follows the parenthesised command, which may itself hold parentheses: "pid (comm) Z ...".
	i := strings.LastIndexByte(string(stat), ')')
	return i >= 0 && strings.HasPrefix(string(stat[i+1:]), " Z")
}
