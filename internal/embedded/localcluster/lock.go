package localcluster

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

const (
	// lockFile is the lock Start holds in the cluster's directory while the cluster runs.
	lockFile = "lock"
	// ownDirPrefix names the temporary directory of a cluster started without Options.Dir.
	ownDirPrefix = "keg-localcluster-"
)

// BusyError says that another running cluster holds a directory Start needs (Options.Dir or Options.EtcdDataDir).
type BusyError struct {
	// Dir is the directory in use.
	Dir string
	// PID is the process holding it, 0 when unknown.
	PID int
}

// Error says which directory is in use, by which process, in one sentence.
func (e *BusyError) Error() string {
	owner := "another keg"
	if e.PID > 0 {
		owner = fmt.Sprintf("another keg (pid %d)", e.PID)
	}
	return fmt.Sprintf("the embedded cluster in %s is in use by %s; wait for it to finish", e.Dir, owner)
}

// lock takes the advisory lock in the file path, which guards dir, and writes this process's pid into it; Stop
// releases it. A lock another process holds is a *BusyError, returned at once.
func (c *Cluster) lock(path, dir string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open lock file: %w", err)
	}
	busy, err := tryLock(f)
	if busy || err != nil {
		defer f.Close()
		if err != nil {
			return fmt.Errorf("lock %s: %w", path, err)
		}
		data, _ := io.ReadAll(f)
		pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
		return &BusyError{Dir: dir, PID: pid}
	}
	c.locks = append(c.locks, f)
	if err := f.Truncate(0); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	if _, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())), 0); err != nil {
		return fmt.Errorf("write lock file: %w", err)
	}
	return nil
}

// removeStaleDirs removes the temporary directories of clusters whose process died without Stop (SIGKILL): their
// lock is free. A directory without a lock file may be one being created and is left alone.
func removeStaleDirs() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), ownDirPrefix+"*"))
	for _, dir := range dirs {
		f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR, 0)
		if err != nil {
			continue
		}
		if busy, err := tryLock(f); !busy && err == nil {
			_ = os.RemoveAll(dir)
		}
		_ = f.Close()
	}
}
