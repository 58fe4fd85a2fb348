package spec

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/hostilespec"
)

// TestParseRefusesHostileSpecs: alias bombs, huge counts, integer edges, bad URLs, several documents and oversized
// files are spec errors naming their line and field, found before anything is derived from the counts.
func TestParseRefusesHostileSpecs(t *testing.T) {
	for _, tc := range hostilespec.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			_, err := Parse("hostile.yaml", tc.Spec)
			var invalid *InvalidError
			require.True(t, errors.As(err, &invalid), "want *InvalidError, got %v", err)
			require.Contains(t, err.Error(), "\n  "+tc.Problem)
		})
	}
}

// FuzzParse: no input makes Parse panic, and every refusal is an *InvalidError whose problems each name a field.
// The seeds are the embedded default and the hostile specs; testdata/fuzz/FuzzParse holds the inputs fuzzing found.
func FuzzParse(f *testing.F) {
	f.Add(defaultSpec)
	f.Add([]byte(validSpec))
	for _, tc := range hostilespec.Cases() {
		if len(tc.Spec) < 64<<10 {
			f.Add(tc.Spec)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse("fuzz.yaml", data)
		if err == nil {
			return
		}
		var invalid *InvalidError
		if !errors.As(err, &invalid) {
			t.Fatalf("want *InvalidError, got %T: %v", err, err)
		}
		for _, fe := range invalid.Errors {
			if fe.Field == "" || fe.Message == "" {
				t.Fatalf("a problem without field or message: %#v", fe)
			}
		}
	})
}
