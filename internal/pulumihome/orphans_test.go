package pulumihome

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestNewHomeStopsOrphans: a process marked as a run of a killed owner on the Home's directory is stopped when the
// next Home on that directory opens, and said; one of a live owner, or of another directory, is left alone.
func TestNewHomeStopsOrphans(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/<pid>/environ")
	}
	dir, err := filepath.Abs(t.TempDir())
	require.NoError(t, err)
	gone := exec.Command("/bin/true")
	require.NoError(t, gone.Run()) // its pid names an owner that no longer runs
	start := func(owner string) *exec.Cmd {
		cmd := exec.Command("/bin/sleep", "300")
		cmd.Env = []string{ownerEnv + "=" + owner, runEnv + "=test"}
		require.NoError(t, cmd.Start())
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		return cmd
	}
	orphan := start(strconv.Itoa(gone.Process.Pid) + ":" + dir)
	otherDir := start(strconv.Itoa(gone.Process.Pid) + ":" + dir + "-other")
	liveOwner := start(strconv.Itoa(os.Getppid()) + ":" + dir)

	var notices []string
	_, err = NewHome(context.Background(), HomeOptions{
		Tools: Locator{Dir: repoBin}, Dir: dir, Notify: func(n string) { notices = append(notices, n) },
	})
	require.NoError(t, err)
	require.Equal(t, []string{"stopped 1 process (the Pulumi CLI or its plugins) that a killed run on " + dir +
		" left running"}, notices)
	require.Error(t, orphan.Wait(), "killed")
	for _, alive := range []*exec.Cmd{otherDir, liveOwner} {
		require.False(t, processGone(alive.Process.Pid))
	}
}
