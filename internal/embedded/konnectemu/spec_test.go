package konnectemu

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/gomod"
)

// TestEmbeddedSpecIsCurrent regenerates the trimmed spec from the sdk-konnect-go module go.mod pins and compares it
// with the embedded copy: bumping the SDK without `go generate ./internal/embedded/konnectemu` fails here.
func TestEmbeddedSpecIsCurrent(t *testing.T) {
	mod, err := gomod.Download(context.Background(), SDKModule)
	require.NoError(t, err)
	raw, err := os.ReadFile(filepath.Join(mod.Dir, "openapi.yaml"))
	require.NoError(t, err)
	fresh, err := TrimSpec(raw, mod.Path+"@"+mod.Version)
	require.NoError(t, err)
	require.True(t, string(fresh) == string(embeddedSpec),
		"internal/embedded/konnectemu/openapi.yaml is stale: run `go generate ./internal/embedded/konnectemu`")

	spec, err := LoadSpec()
	require.NoError(t, err)
	require.Equal(t, mod.Path+"@"+mod.Version, spec.Source)
}
