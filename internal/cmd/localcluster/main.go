// Command localcluster runs the project's local Kubernetes control plane
// (etcd, kube-apiserver, kube-controller-manager and every CRD the components
// use) until interrupted, and prints the kubeconfig to use with it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
)

func main() {
	binDir := flag.String("bin", "bin", "directory holding etcd, kube-apiserver and kube-controller-manager")
	dir := flag.String("dir", ".state/localcluster", "directory for the kubeconfig and logs")
	flag.Parse()
	if err := run(*binDir, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "localcluster:", err)
		os.Exit(1)
	}
}

func run(binDir, dir string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	root, err := localcluster.RepoRoot()
	if err != nil {
		return err
	}
	kongDir, err := localcluster.FindKongCRDs(root)
	if err != nil {
		return err
	}
	cluster, err := localcluster.Start(ctx, localcluster.Options{
		BinDir: binDir, Dir: dir, CRDs: localcluster.DefaultCRDs(kongDir, filepath.Join(binDir, "crds")),
	})
	if err != nil {
		return err
	}
	fmt.Printf("local cluster ready; export KUBECONFIG=%s\nCtrl-C stops it.\n", cluster.KubeconfigPath)
	<-ctx.Done()
	return cluster.Stop()
}
