package pulumihome

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Every process of a CLI run carries two environment variables (the plugins the CLI starts inherit its
// environment), so what a run leaves behind can be found: plugins lead process groups of their own, so killing the
// CLI's group misses them, and a killed keg leaves them running.
const (
	// runEnv identifies one CLI run.
	runEnv = "KEG_PULUMI_RUN"
	// ownerEnv is "<pid>:<dir>": the process that started the run and the directory of its Home.
	ownerEnv = "KEG_PULUMI_OWNER"
)

// newRunID returns a random identifier for one CLI run.
func newRunID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ownerValue is the ownerEnv value of runs this process starts for the Home in dir.
func ownerValue(dir string) string { return fmt.Sprintf("%d:%s", os.Getpid(), dir) }

// orphanedFrom reports whether a process environment's ownerEnv names dir and an owner that no longer runs.
func orphanedFrom(dir string) func(getenv func(string) string) bool {
	return func(getenv func(string) string) bool {
		pid, owner, ok := strings.Cut(getenv(ownerEnv), ":")
		n, err := strconv.Atoi(pid)
		return ok && err == nil && owner == dir && n != os.Getpid() && processGone(n)
	}
}

// Count says "1 process" or "2 processes": n and the noun in the number n asks for.
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
