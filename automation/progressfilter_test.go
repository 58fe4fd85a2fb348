package automation

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLineFilterDropsOnlyWholeHintLines: the destroy hints go however the CLI splits its writes; every other line,
// and progress written without a newline, passes unchanged.
func TestLineFilterDropsOnlyWholeHintLines(t *testing.T) {
	display := "Destroying (dev):\n@ destroying....\n - kubernetes:core/v1:Secret s deleted (0.1s)\nResources:\n" +
		"    - 14 deleted\n\nThe resources in the stack have been deleted, but the history and configuration " +
		"associated with the stack are still maintained. \nIf you want to remove the stack completely, run " +
		"`pulumi stack rm dev`.\nThe end\nIf"
	want := "Destroying (dev):\n@ destroying....\n - kubernetes:core/v1:Secret s deleted (0.1s)\nResources:\n" +
		"    - 14 deleted\n\nThe end\n"
	for _, size := range []int{1, 3, 17, len(display)} {
		var got strings.Builder
		f := &lineFilter{w: &got, drop: destroyHints}
		for rest := display; rest != ""; {
			n := min(size, len(rest))
			written, err := f.Write([]byte(rest[:n]))
			assert.NoError(t, err)
			assert.Equal(t, n, written)
			rest = rest[n:]
		}
		assert.Equal(t, want, got.String(), "writes of %d bytes", size)
	}

	var got strings.Builder
	f := &lineFilter{w: &got, drop: destroyHints}
	_, _ = f.Write([]byte("@ destroying..."))
	assert.Equal(t, "@ destroying...", got.String(), "a line that cannot be a hint shows before its newline")
}
