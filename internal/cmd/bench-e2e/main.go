// Command bench-e2e measures keg against the two ways to deploy the very objects keg deploys without it: a raw
// Pulumi YAML program of one kubernetes:yaml/v2:ConfigGroup, and `kubectl apply --server-side`. It starts one local
// cluster and, for each N, deploys an SniGateway with N virtual clusters once through keg to capture
// its objects, then times create, the first up after it, an up with refresh, a preview and a destroy for each tool,
// repetitions interleaved (each round runs the tools in a different order), and prints the medians and keg's ratio
// to raw Pulumi. `make bench-e2e` runs it; -n and -reps choose the sizes and repetitions.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
)

func main() {
	binDir := flag.String("bin", "bin", "directory of keg, pulumi, the plugins, kubectl and the local-cluster binaries")
	sizes := flag.String("n", "1,10,50", "virtual cluster counts, comma-separated")
	reps := flag.Int("reps", 3, "repetitions of each measurement")
	flag.Parse()
	if err := run(*binDir, *sizes, *reps); err != nil {
		fmt.Fprintln(os.Stderr, "bench-e2e:", err)
		os.Exit(1)
	}
}

func run(binDir, sizes string, reps int) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var ns []int
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-n: %q is no virtual cluster count", s)
		}
		ns = append(ns, n)
	}
	bin, err := filepath.Abs(binDir)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "keg-bench-e2e-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	root, err := localcluster.RepoRoot()
	if err != nil {
		return err
	}
	kongDir, err := localcluster.FindKongCRDs(root)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "starting the local cluster")
	cluster, err := localcluster.Start(ctx, localcluster.Options{
		BinDir: bin, Dir: filepath.Join(work, "cluster"), CRDs: localcluster.DefaultCRDs(kongDir, filepath.Join(bin, "crds")),
	})
	if err != nil {
		return err
	}
	defer func() { _ = cluster.Stop() }()

	b := &bench{bin: bin, work: work, cluster: cluster}
	if b.rawEnv, err = b.pulumiEnv(ctx); err != nil {
		return err
	}
	results, objects := map[int]timings{}, map[int]int{}
	for _, n := range ns {
		if objects[n], err = b.prepare(ctx, n); err != nil {
			return fmt.Errorf("%d virtual clusters: %w", n, err)
		}
		results[n] = timings{}
	}
	tools := b.tools()
	for rep := range reps {
		for _, n := range ns {
			// Each round starts with another tool, so no tool always runs on a cluster the previous one warmed.
			for i := range tools {
				t := tools[(i+rep)%len(tools)]
				fmt.Fprintf(os.Stderr, "round %d/%d, N=%d: %s\n", rep+1, reps, n, t.name)
				if err := b.cycle(ctx, t, n, results[n]); err != nil {
					return fmt.Errorf("%d virtual clusters, %s: %w", n, t.name, err)
				}
			}
		}
	}
	for _, n := range ns {
		fmt.Print(results[n].table(n, objects[n], reps))
	}
	return nil
}
