package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
)

// op is one measured operation of a cycle, in the order a cycle runs them.
type op string

const (
	opCreate  op = "create"
	opNoop    op = "first up after create"
	opRefresh op = "up with refresh"
	opPreview op = "preview"
	opDestroy op = "destroy"
)

var ops = []op{opCreate, opNoop, opRefresh, opPreview, opDestroy}

// tool deploys the objects one way: command returns the command line of an operation for N virtual clusters, nil
// where the tool has no such operation; reset prepares an empty deployment before a cycle, untimed.
type tool struct {
	name    string
	env     []string
	dir     func(n int) string
	command func(o op, n int) []string
	reset   func(ctx context.Context, n int) error
}

// bench holds the cluster and the files of every tool.
type bench struct {
	bin, work string
	cluster   *localcluster.Cluster
	rawEnv    []string
}

// The files and names of size n, and the command-line arguments keg takes for it.
func (b *bench) specFile(n int) string   { return filepath.Join(b.work, fmt.Sprintf("keg-%d.yaml", n)) }
func (b *bench) kegState(n int) string   { return filepath.Join(b.work, fmt.Sprintf("keg-state-%d", n)) }
func (b *bench) rawProject(n int) string { return filepath.Join(b.work, fmt.Sprintf("raw-%d", n)) }
func (b *bench) manifest(n int) string   { return filepath.Join(b.rawProject(n), "manifest.yaml") }
func (b *bench) namespace(n int) string  { return fmt.Sprintf("bench-%d", n) }
func (b *bench) tool(name string) string { return filepath.Join(b.bin, name) }
func (b *bench) kegArgs(n int) []string {
	return []string{"-f", b.specFile(n), "--state-dir", b.kegState(n), "--bin", b.bin, "--local-cluster", b.cluster.KubeconfigPath}
}

// sniSpec is a local keg spec of one SniGateway with n virtual clusters in namespace ns.
func sniSpec(n int, ns string) string {
	var vcs strings.Builder
	for i := range n {
		fmt.Fprintf(&vcs, "        - {name: vc_%d, dnsLabel: vc-%d}\n", i, i)
	}
	return fmt.Sprintf(`stack: bench
local: true
gateways:
  - name: sni
    sni:
      namespace: %s
      sniSuffix: .keg.example.com
      backendCluster: {bootstrapServers: ["kafka:9092"], brokerCount: 3}
      virtualClusters:
%s      edge: {gatewayClassName: kong, port: 9092, address: 192.0.2.10}
      tls:
        issuer: {name: letsencrypt, kind: ClusterIssuer}
`, ns, vcs.String())
}

// prepare writes the spec of size n, deploys it once through keg to capture the objects keg creates into the raw
// program's manifest, and destroys them again. It returns how many objects keg creates.
func (b *bench) prepare(ctx context.Context, n int) (int, error) {
	ns := b.namespace(n)
	if err := client.IgnoreAlreadyExists(b.cluster.Client.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})); err != nil {
		return 0, err
	}
	if err := os.WriteFile(b.specFile(n), []byte(sniSpec(n, ns)), 0o600); err != nil {
		return 0, err
	}
	fmt.Fprintf(os.Stderr, "N=%d: capturing the objects keg deploys\n", n)
	out, err := b.output(ctx, append([]string{b.tool("keg"), "up", "--yes", "--json"}, b.kegArgs(n)...))
	if err != nil {
		return 0, err
	}
	created := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, `"op":"create"`) && strings.Contains(line, `"resourceType":"kubernetes:`) &&
			strings.Contains(line, `"status":"done"`) {
			created++
		}
	}
	objects, err := b.capture(ctx, ns)
	if err != nil {
		return 0, err
	}
	if created == 0 || len(objects) != created {
		return 0, fmt.Errorf("captured %d objects, keg created %d", len(objects), created)
	}
	if err := os.MkdirAll(b.rawProject(n), 0o700); err != nil {
		return 0, err
	}
	if err := os.WriteFile(b.manifest(n), objects.yaml(), 0o600); err != nil {
		return 0, err
	}
	program := fmt.Sprintf(`name: raw-%d
runtime: yaml
resources:
  objects:
    type: kubernetes:yaml/v2:ConfigGroup
    properties:
      files: [./manifest.yaml]
`, n)
	if err := os.WriteFile(filepath.Join(b.rawProject(n), "Pulumi.yaml"), []byte(program), 0o600); err != nil {
		return 0, err
	}
	_, err = b.run(ctx, "", nil, append([]string{b.tool("keg"), "destroy", "--yes"}, b.kegArgs(n)...))
	return created, err
}

// manifests are captured objects.
type manifests []map[string]any

// yaml is the objects as one multi-document YAML file.
func (m manifests) yaml() []byte {
	var out bytes.Buffer
	for _, obj := range m {
		data, _ := yaml.Marshal(obj)
		out.WriteString("---\n")
		out.Write(data)
	}
	return out.Bytes()
}

// capture lists every object in namespace ns that Pulumi's Kubernetes provider manages, without what the apiserver
// adds (status, uid, resource version, managed fields, …).
func (b *bench) capture(ctx context.Context, ns string) (manifests, error) {
	cfg := rest.CopyConfig(b.cluster.Config)
	cfg.WarningHandler = rest.NoWarnings{} // listing every type warns of deprecated ones
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return nil, err
	}
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	lists, err := dc.ServerPreferredNamespacedResources()
	if err != nil {
		return nil, err
	}
	var objects manifests
	for _, list := range lists {
		gv, err := schema.ParseGroupVersion(list.GroupVersion)
		if err != nil {
			return nil, err
		}
		for _, r := range list.APIResources {
			if !slices.Contains(r.Verbs, "list") {
				continue
			}
			items, err := dyn.Resource(gv.WithResource(r.Name)).Namespace(ns).List(ctx, metav1.ListOptions{})
			if err != nil {
				return nil, fmt.Errorf("list %s: %w", r.Name, err)
			}
			for _, item := range items.Items {
				if managedByPulumi(&item) {
					objects = append(objects, clean(item))
				}
			}
		}
	}
	return objects, nil
}

// managedByPulumi reports whether Pulumi's Kubernetes provider is among the object's field managers.
func managedByPulumi(obj *unstructured.Unstructured) bool {
	return slices.ContainsFunc(obj.GetManagedFields(), func(f metav1.ManagedFieldsEntry) bool {
		return strings.HasPrefix(f.Manager, "pulumi-kubernetes")
	})
}

// clean keeps what a manifest states: no status and no metadata the apiserver sets.
func clean(obj unstructured.Unstructured) map[string]any {
	content := obj.DeepCopy().Object
	delete(content, "status")
	metadata, _ := content["metadata"].(map[string]any)
	for _, field := range []string{"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields"} {
		delete(metadata, field)
	}
	return content
}

// tools are keg, the raw Pulumi program and kubectl; b.rawEnv must be set.
func (b *bench) tools() []tool {
	keg := tool{
		name: "keg",
		command: func(o op, n int) []string {
			args := map[op][]string{
				opCreate: {"up", "--yes"}, opNoop: {"up", "--yes", "--refresh=false"}, opRefresh: {"up", "--yes"},
				opPreview: {"preview", "--refresh=false"}, opDestroy: {"destroy", "--yes"},
			}[o]
			return append(append([]string{b.tool("keg")}, args...), b.kegArgs(n)...)
		},
		// destroy removes the stack, so the next create starts on an empty one in the same Pulumi home (its
		// plugin installed once, as for the raw program).
		reset: func(context.Context, int) error { return nil },
	}
	pulumi := func(args ...string) []string {
		return append([]string{b.tool("pulumi"), "--non-interactive"}, append(args, "--stack", "bench")...)
	}
	raw := tool{
		name: "raw Pulumi",
		env:  b.rawEnv,
		dir:  b.rawProject,
		command: func(o op, _ int) []string {
			return map[op][]string{
				opCreate: pulumi("up", "--yes", "--skip-preview"), opNoop: pulumi("up", "--yes", "--skip-preview"),
				opRefresh: pulumi("up", "--yes", "--skip-preview", "--refresh"), opPreview: pulumi("preview"),
				// keg's destroy removes the stack; so does this one.
				opDestroy: pulumi("destroy", "--yes", "--skip-preview", "--remove"),
			}[o]
		},
		reset: func(ctx context.Context, n int) error {
			_, _ = b.run(ctx, b.rawProject(n), b.rawEnv, pulumi("stack", "rm", "--yes", "--force"))
			_, err := b.run(ctx, b.rawProject(n), b.rawEnv, []string{b.tool("pulumi"), "--non-interactive", "stack", "init", "bench"})
			return err
		},
	}
	kubectl := tool{
		name: "kubectl",
		command: func(o op, n int) []string {
			args := map[op][]string{
				opCreate:  {"apply", "--server-side", "-f", b.manifest(n)},
				opNoop:    {"apply", "--server-side", "-f", b.manifest(n)},
				opDestroy: {"delete", "--wait=true", "-f", b.manifest(n)},
			}[o]
			if args == nil {
				return nil
			}
			return append([]string{b.tool("kubectl"), "--kubeconfig", b.cluster.KubeconfigPath}, args...)
		},
		reset: func(context.Context, int) error { return nil },
	}
	return []tool{keg, raw, kubectl}
}

// cycle runs every operation of t once on an empty deployment and records the durations.
func (b *bench) cycle(ctx context.Context, t tool, n int, into timings) error {
	if err := t.reset(ctx, n); err != nil {
		return err
	}
	dir := ""
	if t.dir != nil {
		dir = t.dir(n)
	}
	for _, o := range ops {
		argv := t.command(o, n)
		if argv == nil {
			continue
		}
		took, err := b.run(ctx, dir, t.env, argv)
		if err != nil {
			return fmt.Errorf("%s: %w", o, err)
		}
		into.add(o, t.name, took)
	}
	return nil
}

// pulumiEnv is the environment of the raw program: a Pulumi home of its own with the Kubernetes plugin, local
// state, the cluster's kubeconfig, and the YAML language host on PATH.
func (b *bench) pulumiEnv(ctx context.Context) ([]string, error) {
	tools := pulumihome.Locator{Dir: b.bin}
	plugin, err := pulumihome.KubernetesPlugin(tools)
	if err != nil {
		return nil, err
	}
	home, err := pulumihome.NewHome(ctx, pulumihome.HomeOptions{
		Tools: tools, Dir: filepath.Join(b.work, "raw-home"), Passphrase: "bench", Plugins: []pulumihome.Plugin{plugin},
		Env: map[string]string{"KUBECONFIG": b.cluster.KubeconfigPath},
	})
	if err != nil {
		return nil, err
	}
	return append(home.Environ(), "PATH="+b.bin+string(os.PathListSeparator)+os.Getenv("PATH")), nil
}

// run runs argv in dir (the working directory when empty) with env added to this process's environment, and
// returns how long it took.
func (b *bench) run(ctx context.Context, dir string, env, argv []string) (time.Duration, error) {
	start := time.Now()
	_, err := b.command(ctx, dir, env, argv)
	return time.Since(start), err
}

// output runs argv and returns its standard output.
func (b *bench) output(ctx context.Context, argv []string) (string, error) {
	return b.command(ctx, "", nil, argv)
}

// command runs argv in dir with env added to this process's environment; its output is in the error when it fails.
func (b *bench) command(ctx context.Context, dir string, env, argv []string) (string, error) {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("%s: %w\n%s%s", strings.Join(argv, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String(), nil
}
