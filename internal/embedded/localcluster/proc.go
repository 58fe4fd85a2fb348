package localcluster

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// childProcessGroups returns the process groups of this process's direct
// children as kill(1) arguments ("-123 -456"). envtest starts etcd and
// kube-apiserver with Setpgid, so each child leads its own group.
func childProcessGroups() string {
	self := os.Getpid()
	var groups []string
	for _, child := range childProcesses() {
		if child.pgrp != self && child.pgrp > 0 {
			groups = append(groups, fmt.Sprintf("-%d", child.pgrp))
		}
	}
	return strings.Join(groups, " ")
}

// childProcess is a direct child of this process.
type childProcess struct{ pid, pgrp int }

// childProcesses lists this process's direct children from /proc (none where there is no /proc).
func childProcesses() []childProcess {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	self := os.Getpid()
	var children []childProcess
	for _, stat := range stats {
		data, err := os.ReadFile(stat)
		if err != nil {
			continue
		}
		// Fields after the parenthesised command: state ppid pgrp ...
		rest := string(data)
		if i := strings.LastIndexByte(rest, ')'); i >= 0 {
			rest = rest[i+1:]
		}
		fields := strings.Fields(rest)
		if len(fields) < 3 {
			continue
		}
		if ppid, _ := strconv.Atoi(fields[1]); ppid != self {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(stat)))
		pgrp, _ := strconv.Atoi(fields[2])
		children = append(children, childProcess{pid: pid, pgrp: pgrp})
	}
	return children
}
