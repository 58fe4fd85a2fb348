package localcluster

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// pidsDir is the directory, under the run directory, with one file per control-plane process holding its pid: the
// watchdog kills what it lists when this process dies, and the next Start kills what a killed run left running.
const pidsDir = "pids"

// recordPID writes pid into the run directory's pid file name.
func recordPID(run, name string, pid int) error {
	if err := os.WriteFile(filepath.Join(run, pidsDir, name), []byte(strconv.Itoa(pid)), 0o600); err != nil {
		return fmt.Errorf("record the pid of %s: %w", name, err)
	}
	return nil
}

// recordedPIDs returns the pids the run directory's pid files hold.
func recordedPIDs(run string) []int {
	files, _ := filepath.Glob(filepath.Join(run, pidsDir, "*"))
	var pids []int
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		if pid, err := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && pid > 0 {
			pids = append(pids, pid)
		}
	}
	return pids
}

// stopLeftovers kills, with their process groups, the processes an earlier run of this cluster directory left
// running (its keg was killed before its watchdog could act): those its pid files list whose command line still
// names the run directory, so a reused pid is left alone. It waits until they are gone, as etcd holds its data
// directory while it runs, and reports how many it stopped.
func stopLeftovers(run string) (int, error) {
	var stopped []int
	for _, pid := range recordedPIDs(run) {
		if commandLineMentions(pid, run) {
			signalGroup(&os.Process{Pid: pid}, syscall.SIGKILL)
			stopped = append(stopped, pid)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for _, pid := range stopped {
		for commandLineMentions(pid, run) {
			if time.Now().After(deadline) {
				return len(stopped), fmt.Errorf("process %d of an earlier run of %s does not stop", pid, run)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return len(stopped), nil
}
