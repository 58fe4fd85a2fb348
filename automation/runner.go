// Package automation runs Kong Event Gateway stacks with the Pulumi
// Automation API: a declarative spec (package spec) in, preview / up /
// refresh / destroy and the client connection info out. Platform tools embed
// it; the keg CLI (automation/cmd/keg) wraps it.
package automation

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
)

// Options configure Open.
type Options struct {
	// BinDir holds the pulumi CLI, the Kubernetes plugin and, for the embedded cluster, etcd, kube-apiserver,
	// kube-controller-manager and the staged CRDs (crds/). When empty, each is looked for beside the running binary,
	// then on PATH.
	BinDir string
	// KongCRDsDir holds the Kong Operator CRDs the embedded cluster installs; when empty, $KEG_KONG_CRDS_DIR or
	// shared/crds/kong-operator beside the checkout that holds the working directory or the binaries.
	KongCRDsDir string
	// StateDir holds the Pulumi home, local state and the embedded cluster's data. Defaults to .state.
	StateDir string
	// Passphrase protects secrets in state. Defaults to $PULUMI_CONFIG_PASSPHRASE, then a fixed local one.
	Passphrase string
	// Events receives every engine event of every operation; it is closed by nobody (the caller owns it).
	Events func(events.EngineEvent)
}

// Runner runs one spec's stack.
type Runner struct {
	spec  *spec.Parsed
	stack *pulumihome.Stack

	cluster  *localcluster.Cluster
	emulator *konnectemu.Server
	opts     Options
}

// Open prepares the stack: it starts the embedded local cluster and Konnect
// emulator when the spec names no real ones, checks the Konnect token, and
// selects or creates the stack. Close releases what Open started.
func Open(ctx context.Context, p *spec.Parsed, opts Options) (_ *Runner, err error) {
	if opts.StateDir == "" {
		opts.StateDir = ".state"
	}
	if opts.Passphrase == "" {
		opts.Passphrase = os.Getenv("PULUMI_CONFIG_PASSPHRASE")
	}
	if opts.Passphrase == "" {
		opts.Passphrase = "keg-local-state"
	}
	r := &Runner{spec: p, opts: opts}
	defer func() {
		if err != nil {
			r.Close()
		}
	}()

	tools := pulumihome.Locator{Dir: opts.BinDir}
	kubernetesPlugin, err := pulumihome.KubernetesPlugin(tools)
	if err != nil {
		return nil, err
	}
	env := map[string]string{}
	if p.Kubernetes.Embedded() {
		if r.cluster, err = startEmbeddedCluster(ctx, tools, opts); err != nil {
			return nil, err
		}
		env["KUBECONFIG"] = r.cluster.KubeconfigPath
	} else {
		if env["KUBECONFIG"], err = filepath.Abs(p.Kubernetes.Kubeconfig); err != nil {
			return nil, err
		}
		if err := checkCluster(ctx, env["KUBECONFIG"], p.Kubernetes.Context); err != nil {
			return nil, err
		}
	}

	target, err := r.konnectTarget(ctx)
	if err != nil {
		return nil, err
	}

	home, err := pulumihome.NewHome(ctx, pulumihome.HomeOptions{
		Tools:      tools,
		Dir:        opts.StateDir,
		BackendURL: p.Backend,
		Passphrase: opts.Passphrase,
		Plugins:    []pulumihome.Plugin{kubernetesPlugin},
		Env:        env,
	})
	if err != nil {
		return nil, err
	}
	target.KubeContext = p.Kubernetes.Context
	r.stack, err = home.Stack(ctx, p.Project, p.Stack, Program(p.Spec, target))
	if err != nil {
		return nil, err
	}
	return r, nil
}

// startEmbeddedCluster starts the local control plane with its data under the state directory: etcd,
// kube-apiserver and kube-controller-manager from one directory, the CRDs make tools staged beside them, and the
// Kong Operator CRDs.
func startEmbeddedCluster(ctx context.Context, tools pulumihome.Locator, opts Options) (*localcluster.Cluster, error) {
	etcd, err := tools.Find("etcd")
	if err != nil {
		return nil, err
	}
	binDir := filepath.Dir(etcd.Path)
	kongDir := opts.KongCRDsDir
	if kongDir == "" {
		cwd, _ := os.Getwd()
		if kongDir, err = localcluster.FindKongCRDs(cwd, binDir); err != nil {
			return nil, err
		}
	}
	dir, err := filepath.Abs(filepath.Join(opts.StateDir, "cluster"))
	if err != nil {
		return nil, err
	}
	cluster, err := localcluster.Start(ctx, localcluster.Options{
		BinDir: binDir, Dir: dir, EtcdDataDir: filepath.Join(dir, "etcd"),
		CRDs: localcluster.DefaultCRDs(kongDir, filepath.Join(binDir, "crds")),
	})
	if err != nil {
		return nil, fmt.Errorf("start the embedded local cluster: %w", err)
	}
	return cluster, nil
}

// konnectTarget starts the emulator in embedded mode, then checks the token
// against Konnect so a bad token fails before any stack operation.
func (r *Runner) konnectTarget(ctx context.Context) (Target, error) {
	k := r.spec.Konnect
	if k.Embedded() {
		emu, err := konnectemu.New()
		if err != nil {
			return Target{}, fmt.Errorf("start the embedded Konnect emulator: %w", err)
		}
		r.emulator = emu
		if err := checkKonnectToken(ctx, emu.URL(), emu.Token(), emu.HTTPClient()); err != nil {
			return Target{}, err
		}
		// No operator runs on the embedded cluster, so nothing would ever
		// report the objects Programmed; the region is a placeholder.
		return Target{KonnectServerURL: "eu.api.konghq.com", KonnectToken: emu.Token()}, nil
	}
	token := k.Token()
	if token == "" {
		return Target{}, &KonnectAuthError{Reason: "no token: set " + tokenEnv(k)}
	}
	if err := checkKonnectToken(ctx, serverURL(k.ServerURL), token, nil); err != nil {
		return Target{}, err
	}
	return Target{KonnectServerURL: k.ServerURL, KonnectToken: token, WaitForProgrammed: true}, nil
}

// Embedded reports whether the runner started the embedded local cluster and
// Konnect emulator: no Kong Operator runs there, so the objects are accepted
// by the real apiserver (CRD schemas and CEL rules) but nothing reconciles them.
func (r *Runner) Embedded() (cluster, konnect bool) {
	return r.cluster != nil, r.emulator != nil
}

// Close stops what Open started.
func (r *Runner) Close() {
	if r.emulator != nil {
		r.emulator.Close()
		r.emulator = nil
	}
	if r.cluster != nil {
		_ = r.cluster.Stop()
		r.cluster = nil
	}
}

// Summary counts what an operation did to each resource.
type Summary = pulumihome.Summary

// Result is what an operation did.
type Result struct {
	Summary
	// Connections is the client connection info after up (and for outputs).
	Connections Connections
}

// Preview shows what up would do.
func (r *Runner) Preview(ctx context.Context) (Result, error) {
	var opts []optpreview.Option
	if ch := r.eventStream(); ch != nil {
		opts = append(opts, optpreview.EventStreams(ch))
	}
	sum, err := r.stack.Preview(ctx, opts...)
	return Result{Summary: sum}, classify(err)
}

// Up deploys the spec and returns the connection info.
func (r *Runner) Up(ctx context.Context) (Result, error) {
	var opts []optup.Option
	if ch := r.eventStream(); ch != nil {
		opts = append(opts, optup.EventStreams(ch))
	}
	sum, err := r.stack.Up(ctx, opts...)
	if err != nil {
		return Result{Summary: sum}, classify(err)
	}
	conns, err := connectionsFrom(sum.Outputs)
	return Result{Summary: sum, Connections: conns}, err
}

// Refresh reads the live state into the stack.
func (r *Runner) Refresh(ctx context.Context) (Result, error) {
	var opts []optrefresh.Option
	if ch := r.eventStream(); ch != nil {
		opts = append(opts, optrefresh.EventStreams(ch))
	}
	sum, err := r.stack.Refresh(ctx, opts...)
	return Result{Summary: sum}, classify(err)
}

// PreviewDestroy shows what destroy would delete.
func (r *Runner) PreviewDestroy(ctx context.Context) (Result, error) {
	var opts []optdestroy.Option
	if ch := r.eventStream(); ch != nil {
		opts = append(opts, optdestroy.EventStreams(ch))
	}
	sum, err := r.stack.PreviewDestroy(ctx, opts...)
	return Result{Summary: sum}, classify(err)
}

// StackName is the name of the spec's stack.
func (r *Runner) StackName() string { return r.spec.Stack }

// Destroy deletes everything the stack deployed and removes the stack.
func (r *Runner) Destroy(ctx context.Context) (Result, error) {
	var opts []optdestroy.Option
	if ch := r.eventStream(); ch != nil {
		opts = append(opts, optdestroy.EventStreams(ch))
	}
	sum, err := r.stack.Destroy(ctx, opts...)
	return Result{Summary: sum}, classify(err)
}

// Outputs returns the connection info of the last up.
func (r *Runner) Outputs(ctx context.Context) (Connections, error) {
	outputs, err := r.stack.Outputs(ctx)
	if err != nil {
		return nil, classify(err)
	}
	return connectionsFrom(outputs)
}

// eventStream returns a channel forwarding engine events to the Events
// callback, or nil without one. The Automation API closes the channel when
// the operation ends.
func (r *Runner) eventStream() chan<- events.EngineEvent {
	if r.opts.Events == nil {
		return nil
	}
	ch := make(chan events.EngineEvent)
	go func() {
		for ev := range ch {
			r.opts.Events(ev)
		}
	}()
	return ch
}

// ConcurrentUpdateError says another operation holds the stack's lock.
type ConcurrentUpdateError struct{ Err error }

func (e *ConcurrentUpdateError) Error() string {
	return "another operation is updating this stack; retry when it is done: " + e.Err.Error()
}

func (e *ConcurrentUpdateError) Unwrap() error { return e.Err }

// KonnectAuthError says Konnect rejected or could not check the token.
type KonnectAuthError struct {
	Reason string
	Err    error
}

func (e *KonnectAuthError) Error() string {
	if e.Err != nil {
		return "Konnect authentication failed: " + e.Reason + ": " + e.Err.Error()
	}
	return "Konnect authentication failed: " + e.Reason
}

func (e *KonnectAuthError) Unwrap() error { return e.Err }

// classify turns Automation API errors into the package's typed errors.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if auto.IsConcurrentUpdateError(err) {
		return &ConcurrentUpdateError{Err: err}
	}
	var invalid *spec.InvalidError
	if errors.As(err, &invalid) {
		return invalid
	}
	return err
}
