package schemagen

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
)

func generated(t *testing.T) ([]byte, pschema.PackageSpec) {
	t.Helper()
	data, err := Schema(context.Background())
	require.NoError(t, err)
	var spec pschema.PackageSpec
	require.NoError(t, json.Unmarshal(data, &spec))
	return data, spec
}

// TestCommittedSchemaIsCurrent fails when schema.json differs from what the
// code generates: run `make schema`.
func TestCommittedSchemaIsCurrent(t *testing.T) {
	data, _ := generated(t)
	committed, err := os.ReadFile("../../schema.json")
	require.NoError(t, err)
	require.Equal(t, string(data), string(committed), "schema.json is stale: run make schema")
}

// TestComponentTokens: the Go library registers its components with the
// tokens the schema declares, so Go programs and other languages build the
// same resources.
func TestComponentTokens(t *testing.T) {
	_, spec := generated(t)
	for _, token := range []string{components.PortMappedGatewayType, components.SniGatewayType} {
		res, ok := spec.Resources[token]
		require.True(t, ok, "schema lacks %s", token)
		assert.True(t, res.IsComponent, token)
		assert.NotEmpty(t, res.Description, token)
		for name, prop := range res.InputProperties {
			assert.NotEmpty(t, prop.Description, "%s input %s", token, name)
		}
		for name, prop := range res.Properties {
			assert.NotEmpty(t, prop.Description, "%s output %s", token, name)
		}
	}
	for token, typ := range spec.Types {
		for name, prop := range typ.Properties {
			assert.NotEmpty(t, prop.Description, "%s.%s", token, name)
		}
	}
}

// TestTypeTokensReadNaturally: no schema type is named with an Args suffix, which every SDK would double
// (BackendClusterArgsArgs); the components and every type they take are in the index module, the Konnect resources
// and theirs in konnect, and no two types share a name (a Konnect API shape and an operator CRD shape of one concept
// are told apart by name, not only by module).
func TestTypeTokensReadNaturally(t *testing.T) {
	_, spec := generated(t)
	require.NotEmpty(t, spec.Types)
	byName := map[string][]string{}
	for token := range spec.Types {
		assert.NotRegexp(t, `Args$`, token, "a type token the SDKs would name %sArgs", token)
		parts := strings.Split(token, ":")
		require.Len(t, parts, 3, token)
		assert.Contains(t, []string{"index", "konnect"}, parts[1], "type %s is in a module of its own", token)
		byName[parts[2]] = append(byName[parts[2]], token)
	}
	for name, tokens := range byName {
		assert.Len(t, tokens, 1, "types named %s: %v", name, tokens)
	}
	for token, res := range spec.Resources {
		module := strings.Split(token, ":")[1]
		if res.IsComponent {
			assert.Equal(t, "index", module, token)
		} else {
			assert.Equal(t, "konnect", module, token)
		}
	}
}
