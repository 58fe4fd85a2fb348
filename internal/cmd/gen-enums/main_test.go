package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// enumPackage is the package whose doc.go runs gen-enums.
const enumPackage = "../../../components/eventgateway"

// TestEnumsUpToDate fails when a constant of an enum type changed without `go generate` (make schema). The types are
// read from the package's //go:generate line, the one place they are written.
func TestEnumsUpToDate(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join(enumPackage, "doc.go"))
	require.NoError(t, err)
	var types []string
	var module string
	for _, line := range strings.Split(string(doc), "\n") {
		if _, args, ok := strings.Cut(line, "//go:generate go run "); ok && strings.Contains(args, "gen-enums") {
			_, types, module, err = parseFlags(strings.Fields(args)[1:])
			require.NoError(t, err)
		}
	}
	require.NotEmpty(t, types, "%s/doc.go has no gen-enums //go:generate line", enumPackage)
	want, err := generate(enumPackage, types, module)
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(enumPackage, outputFile))
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "%s/%s is stale: run make schema", enumPackage, outputFile)
}

func TestMemberNames(t *testing.T) {
	names := func(consts ...string) []string {
		vs := make([]val, len(consts))
		for i, c := range consts {
			vs[i] = val{name: c}
		}
		prefix := commonPrefix(vs)
		var out []string
		for _, v := range vs {
			out = append(out, memberName(prefix, v.name))
		}
		return out
	}
	assert.Equal(t, []string{"Allow", "Deny"}, names("ACLAllow", "ACLDeny"))
	assert.Equal(t, []string{"SHA256", "SHA512"}, names("SaslScramSHA256", "SaslScramSHA512"))
	assert.Equal(t, []string{"Version12", "Version13"}, names("TLSVersion12", "TLSVersion13"))
	assert.Equal(t, []string{"Static", "Dynamic"}, names("ACLResourceNamesStatic", "ACLResourceNamesDynamic"))
}
