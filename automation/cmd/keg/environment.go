package main

import (
	"errors"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
)

// environmentHint returns the sentence that tells the user what to pass when err says a binary or CRD directory is
// missing or the cluster is unreachable, or "" for any other error.
func environmentHint(err error) string {
	var (
		tool    *pulumihome.MissingToolError
		crds    *localcluster.MissingCRDsError
		cluster *automation.ClusterUnreachableError
	)
	switch {
	case errors.As(err, &tool):
		return "keg runs the Pulumi CLI, the Kubernetes plugin and (for the embedded local cluster) etcd, " +
			"kube-apiserver and kube-controller-manager: pass --bin DIR (or set " + binDirEnv + ") to the directory " +
			"that holds them; `make tools` builds them into ./bin of the checkout."
	case errors.As(err, &crds) && crds.Name == "Kong Operator":
		return "The embedded local cluster installs the Kong Operator CRDs: pass --kong-crds DIR (or set " +
			localcluster.KongCRDsDirEnv + "), or set kubernetes.kubeconfig in a spec (-f) to deploy to a real cluster."
	case errors.As(err, &crds):
		return "The embedded local cluster installs the CRDs `make tools` stages into bin/crds: pass --bin DIR " +
			"(or set " + binDirEnv + ") to a directory holding crds/, or set kubernetes.kubeconfig in a spec (-f) " +
			"to deploy to a real cluster."
	case errors.As(err, &cluster):
		return "Check kubernetes.kubeconfig and kubernetes.context in the spec, and that the cluster's API server " +
			"is running and reachable from here; nothing was deployed."
	}
	return ""
}
