// Package automation runs Kong Event Gateway stacks with the Pulumi
// Automation API: a declarative spec (package spec) in, preview / up /
// refresh / destroy and the client connection info out. Platform tools embed
// it; the keg CLI (automation/cmd/keg) wraps it.
package automation

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"golang.org/x/sync/errgroup"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider"
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
	// StateDir holds the default local state, the Pulumi home of a local spec and the embedded cluster's data.
	// Defaults to .state.
	StateDir string
	// LocalCluster is the kubeconfig of an already running local control plane (its API server on a loopback
	// address, such as the one `localcluster` starts) that a local spec uses instead of starting one.
	LocalCluster string
	// Stack overrides the spec's stack name.
	Stack string
	// Passphrase protects secrets in state when the secrets provider is passphrase. Defaults to
	// $PULUMI_CONFIG_PASSPHRASE or $PULUMI_CONFIG_PASSPHRASE_FILE; a local spec with local state falls back to a
	// fixed passphrase and says so through Status.
	Passphrase string
	// KonnectToken is the token of a real spec when it comes from elsewhere than the spec's konnect section (keg
	// reads it from standard input).
	KonnectToken string
	// KonnectHTTPClient carries the Konnect calls Open makes itself (the token check); http.DefaultClient's
	// transport when nil.
	KonnectHTTPClient *http.Client
	// StateOnly opens an existing stack to read its outputs: no cluster, no Konnect and no token are needed.
	StateOnly bool
	// SkipKonnect is for operations that run no program (destroy): no Konnect token is read or checked.
	SkipKonnect bool
	// Force, once closed, stops a running operation at once (its CLI and plugins are killed) instead of letting
	// an interrupted one finish the steps in flight.
	Force <-chan struct{}

	// Events receives every engine event of every operation.
	Events func(events.EngineEvent)
	// Progress receives the Pulumi CLI's own display of each operation (ErrorProgress its diagnostics log at
	// OpOptions.Verbosity); Color is its color mode: always, never, raw or auto (the default).
	Progress, ErrorProgress io.Writer
	Color                   string
	// Status is told what Open does before any operation, and how long it took.
	Status func(Status)
}

// Status is one start-up step of Open, or a notice.
type Status struct {
	// Message says what happens, such as "starting the embedded local cluster".
	Message string
	// Done says the step ended, after Elapsed.
	Done    bool
	Elapsed time.Duration
	// Notice says Message is a fact to know rather than a step.
	Notice bool
}

// Runner runs one spec's stack.
type Runner struct {
	spec  *spec.Parsed
	stack *pulumihome.Stack

	cluster  *localcluster.Cluster
	emulator *konnectemu.Server
	opts     Options
}

// Open prepares the stack. It decides how secrets are protected and finds the Konnect token before anything
// starts; a local spec then gets the embedded local cluster and Konnect emulator, a real spec's cluster and token
// are checked; finally the stack is selected or created. Close releases what Open started.
func Open(ctx context.Context, p *spec.Parsed, opts Options) (_ *Runner, err error) {
	if opts.StateDir == "" {
		opts.StateDir = ".state"
	}
	if opts.Stack != "" {
		copied := *p
		copied.Stack = opts.Stack
		p = &copied
	}
	r := &Runner{spec: p, opts: opts}
	defer func() {
		if err != nil {
			r.Close()
		}
	}()
	sec, err := secretsFor(p, opts.Passphrase)
	if err != nil {
		return nil, err
	}
	if sec.fixed {
		r.report(Status{Notice: true, Message: "secrets in local state use keg's fixed local passphrase (local " +
			"specs only; set PULUMI_CONFIG_PASSPHRASE to choose one)"})
	}
	token, err := r.token()
	if err != nil {
		return nil, err
	}

	tools := pulumihome.Locator{Dir: opts.BinDir}
	kubernetesPlugin, err := pulumihome.KubernetesPlugin(tools)
	if err != nil {
		return nil, err
	}
	plugins := []pulumihome.Plugin{kubernetesPlugin}
	if p.NeedsKonnectProvider() {
		// Static keys and trust bundles are created through the provider plugin, which keg ships beside itself.
		plugin, err := tools.Find("pulumi-resource-" + provider.Name)
		if err != nil {
			return nil, err
		}
		plugins = append(plugins, pulumihome.Plugin{Name: provider.Name, Version: "v" + provider.Version, File: plugin.Path})
	}
	env := map[string]string{}
	var startCluster func(context.Context) error
	if !opts.StateOnly {
		if env["KUBECONFIG"], startCluster, err = r.kubeconfig(ctx, tools); err != nil {
			return nil, err
		}
	}
	if env["KUBECONFIG"] == "" {
		delete(env, "KUBECONFIG")
	}
	// The embedded cluster takes seconds to start and the emulator's Konnect check about one (it parses its
	// OpenAPI spec); the Pulumi home and the stack need neither, so for a local spec the three run side by side.
	// A real spec's token is checked before anything is written. The program reads target only when an operation
	// runs it, after Open.
	g, gctx := errgroup.WithContext(ctx)
	if startCluster != nil {
		g.Go(func() error { return startCluster(gctx) })
	}
	target := Target{KubeContext: p.Kubernetes.Context, WaitForProgrammed: !p.Local, KonnectAPIURL: p.Konnect.APIURL}
	checkKonnect := func() (err error) {
		if opts.StateOnly || opts.SkipKonnect {
			return nil
		}
		target.KonnectServerURL, target.KonnectToken, err = r.konnect(gctx, token)
		return err
	}
	if p.Local {
		g.Go(checkKonnect)
	}
	program := func(ctx *pulumi.Context) error { return Program(p.Spec, target)(ctx) }
	g.Go(func() error {
		if !p.Local {
			if err := checkKonnect(); err != nil {
				return err
			}
		}
		home, err := pulumihome.NewHome(gctx, pulumihome.HomeOptions{
			Tools:           tools,
			Dir:             opts.StateDir,
			UserHome:        !p.Local || p.Backend != "",
			BackendURL:      p.Backend,
			SecretsProvider: sec.provider,
			Passphrase:      sec.passphrase,
			Plugins:         plugins,
			Env:             env,
			// The program holds the token; the CLI and its plugins have no use for it.
			Unset:  []string{spec.DefaultTokenEnv, p.Konnect.TokenEnv},
			Force:  opts.Force,
			Notify: r.notice,
		})
		if err != nil {
			return err
		}
		if opts.StateOnly {
			r.stack, err = home.ExistingStack(gctx, p.Project, p.Stack, program)
		} else {
			r.stack, err = home.Stack(gctx, p.Project, p.Stack, program)
		}
		return classify(err)
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if !opts.StateOnly {
		if err := r.stack.ResolvePending(ctx); err != nil {
			return nil, classify(err)
		}
	}
	return r, nil
}

// report passes s to the Status callback.
func (r *Runner) report(s Status) {
	if r.opts.Status != nil {
		r.opts.Status(s)
	}
}

// notice reports message as a line of its own.
func (r *Runner) notice(message string) {
	r.report(Status{Message: message, Notice: true})
}

// step reports message, runs do and reports how long it took.
func (r *Runner) step(message string, do func() error) error {
	r.report(Status{Message: message})
	start := time.Now()
	if err := do(); err != nil {
		return err
	}
	r.report(Status{Message: message, Done: true, Elapsed: time.Since(start)})
	return nil
}

// token returns the Konnect token of a real spec, or "" when none is needed; a missing token fails here, before
// anything starts.
func (r *Runner) token() (string, error) {
	if r.spec.Local || r.opts.StateOnly || r.opts.SkipKonnect {
		return "", nil
	}
	if r.opts.KonnectToken != "" {
		return r.opts.KonnectToken, checkTokenPrefix(r.opts.KonnectToken, "standard input")
	}
	k := r.spec.Konnect
	token, err := k.Token()
	if err != nil {
		return "", &KonnectAuthError{Reason: "no token", Err: err}
	}
	if token == "" {
		return "", &KonnectAuthError{Reason: "no token: set " + k.TokenSource() +
			" (or konnect.tokenFile in the spec, or pass the token on standard input)"}
	}
	return token, checkTokenPrefix(token, k.TokenSource())
}

// kubeconfig returns the kubeconfig the program deploys with ("" for the ambient one) after making sure its cluster
// answers: the spec's cluster or $KUBECONFIG's for a real spec, LocalCluster's for a local one. Otherwise it is the
// embedded local cluster's, and start starts that cluster.
func (r *Runner) kubeconfig(ctx context.Context, tools pulumihome.Locator) (string, func(context.Context) error, error) {
	if !r.spec.Local {
		path := r.spec.Kubernetes.Kubeconfig
		if path != "" {
			var err error
			if path, err = filepath.Abs(path); err != nil {
				return "", nil, err
			}
		}
		return path, nil, r.step("checking the Kubernetes cluster", func() error {
			return checkCluster(ctx, path, r.spec.Kubernetes.Context, false)
		})
	}
	if r.opts.LocalCluster != "" {
		path, err := filepath.Abs(r.opts.LocalCluster)
		if err != nil {
			return "", nil, err
		}
		return path, nil, checkCluster(ctx, path, "", true)
	}
	binDir, kongDir, err := embeddedClusterFiles(tools, r.opts.KongCRDsDir)
	if err != nil {
		return "", nil, err
	}
	dir, err := filepath.Abs(filepath.Join(r.opts.StateDir, "cluster"))
	if err != nil {
		return "", nil, err
	}
	start := func(ctx context.Context) error {
		return r.step("starting the embedded local cluster", func() (err error) {
			if r.cluster, err = startEmbeddedCluster(ctx, binDir, kongDir, dir); err == nil && r.cluster.Leftovers > 0 {
				r.notice(fmt.Sprintf("stopped %s of the embedded cluster that a killed run left running",
					pulumihome.Count(r.cluster.Leftovers, "process", "processes")))
			}
			return err
		})
	}
	return filepath.Join(dir, localcluster.KubeconfigFile), start, nil
}

// embeddedClusterFiles finds the directory of etcd, kube-apiserver and kube-controller-manager (with the CRDs make
// tools staged beside them in crds/) and the Kong Operator CRDs: kongDir, else looked for from the working
// directory and the binaries.
func embeddedClusterFiles(tools pulumihome.Locator, kongDir string) (binDir, kongCRDs string, err error) {
	etcd, err := tools.Find("etcd")
	if err != nil {
		return "", "", err
	}
	binDir = filepath.Dir(etcd.Path)
	if kongDir == "" {
		cwd, _ := os.Getwd()
		if kongDir, err = localcluster.FindKongCRDs(cwd, binDir); err != nil {
			return "", "", err
		}
	}
	return binDir, kongDir, nil
}

// startEmbeddedCluster starts the local control plane with its data in dir.
func startEmbeddedCluster(ctx context.Context, binDir, kongDir, dir string) (*localcluster.Cluster, error) {
	cluster, err := localcluster.Start(ctx, localcluster.Options{
		BinDir: binDir, Dir: dir, EtcdDataDir: filepath.Join(dir, "etcd"),
		CRDs: localcluster.DefaultCRDs(kongDir, filepath.Join(binDir, "crds")),
	})
	if err != nil {
		return nil, fmt.Errorf("start the embedded local cluster: %w", err)
	}
	return cluster, nil
}

// konnect returns the Konnect server URL and token the program writes into the auth configuration: the embedded
// emulator's for a local spec, or the spec's after Konnect accepted the token.
func (r *Runner) konnect(ctx context.Context, token string) (serverURL, programToken string, err error) {
	if r.spec.Local {
		emu, err := konnectemu.New()
		if err != nil {
			return "", "", fmt.Errorf("start the embedded Konnect emulator: %w", err)
		}
		r.emulator = emu
		if err := checkKonnectToken(ctx, emu.URL(), emu.Token(), emu.HTTPClient(), r.notice); err != nil {
			return "", "", err
		}
		// No operator runs on the embedded cluster, so nothing would ever
		// report the objects Programmed; the region is a placeholder.
		return "eu.api.konghq.com", emu.Token(), nil
	}
	k := r.spec.Konnect
	err = r.step("checking the Konnect token with "+k.ServerURL, func() error {
		return checkKonnectToken(ctx, baseURL(k.ServerURL), token, r.opts.KonnectHTTPClient, r.notice)
	})
	return k.ServerURL, token, err
}

// Local reports whether the runner deploys to the embedded local cluster and Konnect emulator: no Kong Operator
// runs there, so the objects are accepted by the real apiserver (CRD schemas and CEL rules) but nothing reconciles
// them.
func (r *Runner) Local() bool { return r.spec.Local }

// StackName is the name of the stack the runner operates on.
func (r *Runner) StackName() string { return r.spec.Stack }

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
