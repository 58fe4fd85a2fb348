package e2e

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// secretSignature is the key marking a secret value in a Pulumi deployment.
const secretSignature = "4dabf18193072939515e22adb298388d"

// requireNoPlainSecrets fails when export, a stack export, holds any of secrets (or its base64 form) outside a
// secret value. ExportJSON keeps secrets encrypted; values outside secret envelopes are stored as they are, so a
// secret among them would be in plain text.
func requireNoPlainSecrets(t *testing.T, export []byte, secrets ...string) {
	t.Helper()
	var deployment any
	require.NoError(t, json.Unmarshal(export, &deployment))
	var walk func(path string, value any)
	walk = func(path string, value any) {
		switch v := value.(type) {
		case map[string]any:
			if _, secret := v[secretSignature]; secret {
				return
			}
			for key, child := range v {
				walk(path+"."+key, child)
			}
		case []any:
			for _, child := range v {
				walk(path+"[]", child)
			}
		case string:
			for _, secret := range secrets {
				encoded := base64.StdEncoding.EncodeToString([]byte(secret))
				require.False(t, strings.Contains(v, secret) || strings.Contains(v, encoded),
					"%s holds a secret in plain text", path)
			}
		}
	}
	walk("", deployment)
}
