package localcluster

import (
	"bytes"
	"fmt"
	"os"
)

// commandLineMentions reports whether process pid runs with an argument containing s.
func commandLineMentions(pid int, s string) bool {
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	return err == nil && bytes.Contains(cmdline, []byte(s))
}
