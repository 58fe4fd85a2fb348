package automation_test

import (
	"context"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
)

// loopbackClient is an HTTP client that sends every request, whatever its host, to addr on this host, and counts
// the connections it opens.
func loopbackClient(addr string, dials *atomic.Int32) *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			dials.Add(1)
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}}
}

// silentListener accepts connections and never answers, standing in for a host that does not respond.
func silentListener(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				_ = c.Close()
			}
		}()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	return l.Addr().String()
}

// closedPort returns a loopback address nothing listens on, standing in for a host that refuses connections.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// TestKonnectNotAnswering: a Konnect that never answers, or refuses connections, is retried a bounded number of
// times with a progress line each, then reported with the regional host asked; nothing is written.
func TestKonnectNotAnswering(t *testing.T) {
	defer automation.SetTokenCheckRetry(3, 300*time.Millisecond, 10*time.Millisecond)()
	t.Setenv("PULUMI_HOME", t.TempDir())
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "unreachable")
	t.Setenv("SILENT_KONNECT_TOKEN", "kpat_valid0000000000000000000000000000000000000000000")
	p := parseSpec(t, "silent", "auto-silent", "kubernetes: {kubeconfig: "+local.Cluster.KubeconfigPath+"}\n"+
		"konnect: {serverURL: us.api.konghq.com, tokenEnv: SILENT_KONNECT_TOKEN}")
	for name, addr := range map[string]string{"silent": silentListener(t), "refusing": closedPort(t)} {
		t.Run(name, func(t *testing.T) {
			var dials atomic.Int32
			var notices []string
			state := t.TempDir()
			_, err := automation.Open(context.Background(), p, automation.Options{
				BinDir: local.BinDir, StateDir: state, KonnectHTTPClient: loopbackClient(addr, &dials),
				Status: func(s automation.Status) {
					if s.Notice {
						notices = append(notices, s.Message)
					}
				},
			})
			var unreachable *automation.KonnectUnreachableError
			require.ErrorAs(t, err, &unreachable)
			require.Contains(t, err.Error(), "Konnect at https://us.api.konghq.com did not answer the token check "+
				"(3 attempts, at most 920ms)")
			require.Len(t, notices, 2, "a progress line for each retry: %q", notices)
			require.Contains(t, notices[0], "Konnect at https://us.api.konghq.com not answering (")
			require.Contains(t, notices[1], "retrying 2/2")
			require.EqualValues(t, 3, dials.Load(), "one connection an attempt")
			entries, err := os.ReadDir(state)
			require.NoError(t, err)
			require.Empty(t, entries)
		})
	}
}

// TestTokenPrefix: a token that is no Konnect access token is refused before it is sent anywhere.
func TestTokenPrefix(t *testing.T) {
	t.Setenv("PULUMI_CONFIG_PASSPHRASE", "prefix")
	t.Setenv("ODD_KONNECT_TOKEN", "ghp_notakonnecttoken")
	p := parseSpec(t, "prefix", "auto-prefix", "kubernetes: {kubeconfig: "+local.Cluster.KubeconfigPath+"}\n"+
		"konnect: {serverURL: eu.api.konghq.com, tokenEnv: ODD_KONNECT_TOKEN}")
	var dials atomic.Int32
	_, err := automation.Open(context.Background(), p, automation.Options{
		BinDir: local.BinDir, StateDir: t.TempDir(), KonnectHTTPClient: loopbackClient(closedPort(t), &dials),
	})
	var auth *automation.KonnectAuthError
	require.ErrorAs(t, err, &auth)
	require.EqualError(t, err, "Konnect authentication failed: the token from $ODD_KONNECT_TOKEN must start "+
		"with kpat_ or spat_ (a Konnect personal or system account access token); it was not sent")
	require.Zero(t, dials.Load(), "nothing was sent")
}
