package pulumihome

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// killMarked kills every process of this user whose environment matches (the CLI and plugins of a run carry
// runEnv and ownerEnv) and reports how many it killed.
func killMarked(matches func(getenv func(string) string) bool) int {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	self := os.Getpid()
	killed := 0
	for _, dir := range dirs {
		pid, err := strconv.Atoi(filepath.Base(dir))
		if err != nil || pid == self {
			continue
		}
		environ, err := os.ReadFile(filepath.Join(dir, "environ")) // unreadable for other users' processes
		if err != nil || !bytes.Contains(environ, []byte(ownerEnv)) && !bytes.Contains(environ, []byte(runEnv)) {
			continue
		}
		vars := map[string]string{}
		for _, kv := range bytes.Split(environ, []byte{0}) {
			if k, v, ok := bytes.Cut(kv, []byte("=")); ok {
				vars[string(k)] = string(v)
			}
		}
		if matches(func(name string) string { return vars[name] }) && syscall.Kill(pid, syscall.SIGKILL) == nil {
			killed++
		}
	}
	return killed
}

// processAttrs starts the CLI as the leader of its own process group, so cancellation can interrupt it with what
// it runs, and has the kernel kill it when this process dies.
func processAttrs() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
