//go:build !linux

package localcluster

// commandLineMentions reports false: only Linux shows another process's command line without running ps, so
// elsewhere a killed run's processes are left to the watchdog.
func commandLineMentions(int, string) bool { return false }
