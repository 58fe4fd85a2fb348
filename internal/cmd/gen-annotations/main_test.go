package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAnnotationsUpToDate fails when a doc comment changed without `make schema`.
func TestAnnotationsUpToDate(t *testing.T) {
	for dir, tokens := range map[string]tokenFlags{
		"../../../components":              {"PortMappedGateway": "index", "SniGateway": "index"},
		"../../../components/eventgateway": nil,
	} {
		want, err := generate(dir, tokens)
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(dir, outputFile))
		require.NoError(t, err)
		require.Equal(t, string(want), string(got), "%s/%s is stale: run make schema", dir, outputFile)
	}
}
