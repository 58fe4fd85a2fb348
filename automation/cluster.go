package automation

import (
	"context"
	"fmt"
	"time"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/tools/clientcmd"
)

// clusterCheckTimeout bounds the reachability check of a real cluster.
const clusterCheckTimeout = 15 * time.Second

// ClusterUnreachableError says the Kubernetes API of the spec's kubeconfig could not be reached or its kubeconfig
// not read; nothing was deployed.
type ClusterUnreachableError struct {
	// Kubeconfig and Context say which cluster was meant; Server is its API URL when the kubeconfig named one.
	Kubeconfig, Context, Server string
	Err                         error
}

func (e *ClusterUnreachableError) Error() string {
	where := "kubeconfig " + e.Kubeconfig
	if e.Context != "" {
		where += ", context " + e.Context
	}
	if e.Server == "" {
		return fmt.Sprintf("Kubernetes cluster (%s): %v", where, e.Err)
	}
	return fmt.Sprintf("Kubernetes API %s (%s) is unreachable: %v", e.Server, where, e.Err)
}

func (e *ClusterUnreachableError) Unwrap() error { return e.Err }

// checkCluster reads the kubeconfig and asks the API server for its version, so an unreachable cluster fails in
// seconds with its address, before any stack operation.
func checkCluster(ctx context.Context, kubeconfig, kubeContext string) error {
	fail := func(server string, err error) error {
		return &ClusterUnreachableError{Kubeconfig: kubeconfig, Context: kubeContext, Server: server, Err: err}
	}
	cfg, err := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(
		&clientcmd.ClientConfigLoadingRules{ExplicitPath: kubeconfig},
		&clientcmd.ConfigOverrides{CurrentContext: kubeContext},
	).ClientConfig()
	if err != nil {
		return fail("", err)
	}
	cfg.Timeout = clusterCheckTimeout
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return fail(cfg.Host, err)
	}
	if _, err := dc.RESTClient().Get().AbsPath("/version").Do(ctx).Raw(); err != nil {
		return fail(cfg.Host, err)
	}
	return nil
}
