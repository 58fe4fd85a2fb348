package automation_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

// TestClusterNotAnswering: a Kubernetes API that accepts connections and never answers fails Open within 10 s,
// naming the server and the wait; nothing is written.
func TestClusterNotAnswering(t *testing.T) {
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "silent")
	t.Setenv("KONNECT_TOKEN", "kpat_silent")
	server := "https://" + silentListener(t)
	kubeconfig := testenv.KubeconfigFor(t, t.TempDir(), server)
	p := parseSpec(t, "silent", "auto-silent", "kubernetes: {kubeconfig: "+kubeconfig+"}\nkonnect: {serverURL: eu.api.konghq.com}")
	state := filepath.Join(t.TempDir(), "state")
	_, err := automation.Open(context.Background(), p, automation.Options{BinDir: local.BinDir, StateDir: state})
	var unreachable *automation.ClusterUnreachableError
	require.ErrorAs(t, err, &unreachable)
	require.EqualError(t, err, "Kubernetes API "+server+" (kubeconfig "+kubeconfig+") is unreachable: no answer within 8s")
	require.NoDirExists(t, state)
}
