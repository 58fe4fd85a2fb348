package pulumihome

import "os"

// processGone reports whether no process with pid runs on this host.
func processGone(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return true
	}
	_ = p.Release()
	return false
}
