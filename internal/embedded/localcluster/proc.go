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
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	self := os.Getpid()
	var groups []string
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
		if pgrp, _ := strconv.Atoi(fields[2]); pgrp != self && pgrp > 0 {
			groups = append(groups, fmt.Sprintf("-%d", pgrp))
		}
	}
	return strings.Join(groups, " ")
}
