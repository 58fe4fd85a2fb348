package spec

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

const gatewaysYAML = `gateways:
  - name: pm
    portMapped:
      advertisedHost: 10.0.1.1
      backendCluster: {bootstrapServers: ["kafka:9092"], brokerCount: 1}
      virtualClusters: [{name: orders}]
`

// TestTargets checks that a spec is either local or real: each mixture is refused with a message naming both
// fields, and a real spec needs a Konnect region.
func TestTargets(t *testing.T) {
	refused := []struct{ name, target, field, want string }{
		{"local with a kubeconfig", "local: true\nkubernetes: {kubeconfig: kubeconfig}\n", "kubernetes.kubeconfig",
			"local: true deploys to the embedded local cluster and Konnect emulator, and kubernetes.kubeconfig names a real cluster"},
		{"local with a context", "local: true\nkubernetes: {context: prod}\n", "kubernetes.context", "kubernetes.context names a real cluster"},
		{"local with a Konnect region", "local: true\nkonnect: {serverURL: eu.api.konghq.com}\n", "konnect.serverURL",
			"konnect.serverURL names a real Konnect"},
		{"local with a token file", "local: true\nkonnect: {tokenFile: token}\n", "konnect.tokenFile", "remove konnect.tokenFile, or remove local: true"},
		{"real cluster without Konnect", "kubernetes: {kubeconfig: kubeconfig}\n", "konnect.serverURL",
			"required: a spec without local: true deploys for real"},
		{"nothing said", "", "konnect.serverURL", "add local: true to use the embedded local cluster"},
		{"two token sources", "konnect: {serverURL: eu.api.konghq.com, tokenEnv: T, tokenFile: f}\n", "konnect.tokenFile",
			"set at most one of konnect.tokenEnv and konnect.tokenFile"},
		{"unknown secrets provider", "local: true\nsecretsProvider: vault://x\n", "secretsProvider",
			`"vault://x" must be passphrase, default, or a key URL starting with awskms://`},
		{"bad region", "konnect: {serverURL: konnect.example.com}\n", "konnect.serverURL", "must be a Konnect API host"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("target.yaml", []byte(tc.target+gatewaysYAML))
			var invalid *InvalidError
			require.True(t, errors.As(err, &invalid), "want *InvalidError, got %v", err)
			var messages []string
			for _, fe := range invalid.Errors {
				if fe.Field == tc.field {
					messages = append(messages, fe.Message)
				}
			}
			require.NotEmpty(t, messages, "no problem at %s in %v", tc.field, err)
			require.Contains(t, messages[0], tc.want)
		})
	}

	accepted := map[string]string{
		"local":                "local: true\n",
		"real, ambient config": "konnect: {serverURL: us.api.konghq.com}\n",
		"real, everything":     "kubernetes: {kubeconfig: k, context: c}\nkonnect: {serverURL: https://eu.api.konghq.com, tokenFile: t}\nsecretsProvider: awskms://alias/keg\nbackend: s3://state\n",
	}
	for name, target := range accepted {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("target.yaml", []byte(target+gatewaysYAML))
			require.NoError(t, err)
		})
	}
}
