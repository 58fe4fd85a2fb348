package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// annotatedPackages are the packages whose doc.go runs gen-annotations.
var annotatedPackages = []string{"../../../components", "../../../components/eventgateway", "../../../provider/konnect"}

// TestAnnotationsUpToDate fails when a doc comment changed without `go generate` (make schema). Each package's flags
// are read from its //go:generate line, the one place they are written.
func TestAnnotationsUpToDate(t *testing.T) {
	for _, dir := range annotatedPackages {
		tokens, types, o := generateFlags(t, dir)
		want, err := generate(dir, tokens, types, o)
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(dir, outputFile))
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "%s/%s is stale: run make schema", dir, outputFile)
	}
}

// generateFlags parses the flags of the gen-annotations //go:generate line in dir's doc.go.
func generateFlags(t *testing.T, dir string) (tokenFlags, string, options) {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(dir, "doc.go"))
	require.NoError(t, err)
	for _, line := range strings.Split(string(doc), "\n") {
		_, args, ok := strings.Cut(line, "//go:generate go run ")
		if !ok || !strings.Contains(args, "gen-annotations") {
			continue
		}
		_, tokens, types, o, err := parseFlags(strings.Fields(args)[1:])
		require.NoError(t, err)
		return tokens, types, o
	}
	t.Fatalf("%s/doc.go has no gen-annotations //go:generate line", dir)
	return nil, "", options{}
}
