package automation

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"time"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/tools/clientcmd"
)

// clusterCheckTimeout bounds the reachability check of a cluster: an API server that answers nothing within it
// (a host that accepts connections and hangs) fails the command, well within 10 s.
var clusterCheckTimeout = 8 * time.Second

// ClusterUnreachableError says the Kubernetes API of the spec's kubeconfig could not be reached or its kubeconfig
// not read; nothing was deployed.
type ClusterUnreachableError struct {
	// Kubeconfig and Context say which cluster was meant; Server is its API URL when the kubeconfig named one.
	Kubeconfig, Context, Server string
	Err                         error
}

func (e *ClusterUnreachableError) Error() string {
	where := "kubeconfig " + e.Kubeconfig
	if e.Kubeconfig == "" {
		where = "kubeconfig from $KUBECONFIG or ~/.kube/config"
	}
	if e.Context != "" {
		where += ", context " + e.Context
	}
	if e.Server == "" {
		return fmt.Sprintf("Kubernetes cluster (%s): %v", where, e.Err)
	}
	return fmt.Sprintf("Kubernetes API %s (%s) is unreachable: %v", e.Server, where, e.Err)
}

func (e *ClusterUnreachableError) Unwrap() error { return e.Err }

// NotLocalClusterError says the cluster offered for a local spec is not a local control plane: the emulator's
// token must never reach a cluster on another host.
type NotLocalClusterError struct{ Kubeconfig, Server string }

func (e *NotLocalClusterError) Error() string {
	return fmt.Sprintf("the local cluster of %s serves %s, not a loopback address: a local spec deploys the Konnect "+
		"emulator's token, so it only goes to a control plane on this host", e.Kubeconfig, e.Server)
}

// checkCluster reads the kubeconfig (when empty, $KUBECONFIG or ~/.kube/config) and asks the API server for its
// version, so an unreachable cluster fails in seconds with its address, before any stack operation. With
// loopbackOnly, a server on any other address is refused before it is asked.
func checkCluster(ctx context.Context, kubeconfig, kubeContext string, loopbackOnly bool) error {
	fail := func(server string, err error) error {
		return &ClusterUnreachableError{Kubeconfig: kubeconfig, Context: kubeContext, Server: server, Err: err}
	}
	rules := clientcmd.NewDefaultClientConfigLoadingRules()
	rules.ExplicitPath = kubeconfig
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(rules,
		&clientcmd.ConfigOverrides{CurrentContext: kubeContext}).ClientConfig()
	if err != nil {
		return fail("", err)
	}
	if loopbackOnly && !isLoopback(cfg.Host) {
		return &NotLocalClusterError{Kubeconfig: kubeconfig, Server: cfg.Host}
	}
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return fail(cfg.Host, err)
	}
	checkCtx, cancel := context.WithTimeout(ctx, clusterCheckTimeout)
	defer cancel()
	if _, err := dc.RESTClient().Get().AbsPath("/version").Do(checkCtx).Raw(); err != nil {
		if ctx.Err() == nil && checkCtx.Err() != nil {
			err = fmt.Errorf("no answer within %s", clusterCheckTimeout)
		}
		return fail(cfg.Host, err)
	}
	return nil
}

// isLoopback reports whether an API server URL names localhost or a loopback address.
func isLoopback(server string) bool {
	u, err := url.Parse(server)
	if err != nil {
		return false
	}
	if u.Hostname() == "localhost" {
		return true
	}
	ip := net.ParseIP(u.Hostname())
	return ip != nil && ip.IsLoopback()
}
