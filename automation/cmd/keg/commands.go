package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
)

// Exit codes scripts can rely on.
const (
	exitOK           = 0
	exitFailed       = 1
	exitInvalid      = 2
	exitConcurrent   = 3
	exitKonnectAuth  = 4
	exitNotConfirmed = 5
	// exitEnvironment: a binary or CRD directory keg needs is missing, or the cluster is unreachable.
	exitEnvironment = 6
)

const (
	defaultStateDir = ".state"
	binDirEnv       = "KEG_BIN_DIR"
)

// flags are the options every command shares.
type flags struct {
	file, binDir, kongCRDs, stateDir string
	json, yes                        bool
}

// execute runs the CLI and returns its exit code.
func execute(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := &flags{}
	root := &cobra.Command{
		Use:           "keg",
		Short:         "Deploy Kong Event Gateway on Kubernetes with Pulumi",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVarP(&f.file, "file", "f", "", "spec file (YAML or JSON); the embedded default when empty")
	root.PersistentFlags().StringVar(&f.binDir, "bin", os.Getenv(binDirEnv),
		"directory of the pulumi CLI, plugins and local-cluster binaries ($"+binDirEnv+"); default: beside keg, then PATH")
	root.PersistentFlags().StringVar(&f.kongCRDs, "kong-crds", "",
		"Kong Operator CRD directory for the embedded local cluster ($"+localcluster.KongCRDsDirEnv+"); default: ../shared/crds/kong-operator beside the checkout")
	root.PersistentFlags().StringVar(&f.stateDir, "state-dir", defaultStateDir, "directory for local state, the Pulumi home and the embedded cluster")
	root.PersistentFlags().BoolVar(&f.json, "json", false, "print engine events and results as JSON, one per line")
	root.PersistentFlags().BoolVarP(&f.yes, "yes", "y", false, "do not ask for confirmation")
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)

	type op func(context.Context, *automation.Runner, *output) (automation.Result, error)
	add := func(use, short string, confirm *confirmation, run op) {
		root.AddCommand(&cobra.Command{
			Use:   use,
			Short: short,
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, _ []string) error {
				return withRunner(cmd.Context(), f, stdin, stdout, stderr, confirm, run)
			},
		})
	}
	add("preview", "Show what up would change", nil, func(ctx context.Context, r *automation.Runner, _ *output) (automation.Result, error) {
		return r.Preview(ctx)
	})
	add("up", "Deploy the spec and print where Kafka clients connect", confirmUp, func(ctx context.Context, r *automation.Runner, _ *output) (automation.Result, error) {
		return r.Up(ctx)
	})
	add("refresh", "Read the live state into the stack", nil, func(ctx context.Context, r *automation.Runner, _ *output) (automation.Result, error) {
		return r.Refresh(ctx)
	})
	add("destroy", "Delete everything the stack deployed", confirmDestroy, func(ctx context.Context, r *automation.Runner, _ *output) (automation.Result, error) {
		return r.Destroy(ctx)
	})
	root.AddCommand(&cobra.Command{
		Use:   "version",
		Short: "Print keg's version and the Pulumi CLI and plugins it would use",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return printVersions(stdout, f)
		},
	})
	add("outputs", "Print where Kafka clients connect", nil, func(ctx context.Context, r *automation.Runner, _ *output) (automation.Result, error) {
		conns, err := r.Outputs(ctx)
		return automation.Result{Connections: conns}, err
	})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "error:", err)
	if hint := environmentHint(err); hint != "" {
		fmt.Fprintln(stderr, hint)
		return exitEnvironment
	}
	var (
		invalid    *spec.InvalidError
		concurrent *automation.ConcurrentUpdateError
		auth       *automation.KonnectAuthError
		notOK      notConfirmedError
	)
	switch {
	case errors.As(err, &invalid):
		return exitInvalid
	case errors.As(err, &concurrent):
		return exitConcurrent
	case errors.As(err, &auth):
		return exitKonnectAuth
	case errors.As(err, &notOK):
		return exitNotConfirmed
	case isUsage(err):
		return exitInvalid
	}
	return exitFailed
}

// withRunner loads the spec, opens the runner, asks for confirmation where
// needed, runs the operation and prints its result.
func withRunner(ctx context.Context, f *flags, stdin io.Reader, stdout, stderr io.Writer, confirm *confirmation,
	run func(context.Context, *automation.Runner, *output) (automation.Result, error),
) error {
	p := spec.Default()
	if f.file != "" {
		var err error
		if p, err = spec.Load(f.file); err != nil {
			return err
		}
	}
	out := &output{w: stdout, json: f.json}
	r, err := automation.Open(ctx, p, automation.Options{
		BinDir: f.binDir, KongCRDsDir: f.kongCRDs, StateDir: f.stateDir, Events: out.event,
	})
	if err != nil {
		return err
	}
	defer r.Close()
	if confirm != nil && !f.yes {
		if err := confirm.ask(ctx, r, out, stdin, stderr); err != nil {
			return err
		}
	}
	res, err := run(ctx, r, out)
	out.result(res)
	if cluster, _ := r.Embedded(); cluster && !f.json && err == nil {
		fmt.Fprintf(stdout, "\nRan on the embedded local cluster (state in %s): the apiserver validated every object\n"+
			"against the Kong Operator CRDs, but no operator reconciles them. Set kubernetes.kubeconfig and\n"+
			"konnect.serverURL in a spec (-f) to deploy for real.\n", f.stateDir)
	}
	return err
}

// confirmation is how a command that changes the stack previews its own operation and asks before running it.
type confirmation struct {
	preview  func(*automation.Runner, context.Context) (automation.Result, error)
	question func(sum automation.Summary, stack string) string
}

var (
	confirmUp = &confirmation{
		preview: (*automation.Runner).Preview,
		question: func(_ automation.Summary, stack string) string {
			return fmt.Sprintf("Apply these changes to stack %s?", stack)
		},
	}
	confirmDestroy = &confirmation{
		preview: (*automation.Runner).PreviewDestroy,
		question: func(sum automation.Summary, stack string) string {
			return fmt.Sprintf("Destroy %d resources of stack %s?", sum.Deletes, stack)
		},
	}
)

// ask previews the operation, then asks on a terminal; elsewhere it needs --yes. Ctrl-C at the prompt answers no
// at once.
func (c *confirmation) ask(ctx context.Context, r *automation.Runner, out *output, stdin io.Reader, stderr io.Writer) error {
	if file, ok := stdin.(*os.File); !ok || !isTerminal(file) {
		return notConfirmedError{reason: "pass --yes to run without a terminal prompt"}
	}
	res, err := c.preview(r, ctx)
	if err != nil {
		return err
	}
	out.result(automation.Result{Summary: res.Summary})
	fmt.Fprintf(stderr, "%s [y/N] ", c.question(res.Summary, r.StackName()))
	answers := make(chan string, 1)
	go func() {
		var answer string
		_, _ = fmt.Fscanln(stdin, &answer)
		answers <- answer
	}()
	select {
	case <-ctx.Done():
		fmt.Fprintln(stderr)
		return notConfirmedError{reason: "interrupted at the prompt; nothing was changed"}
	case answer := <-answers:
		if answer != "y" && answer != "yes" {
			return notConfirmedError{reason: "answered no; nothing was changed"}
		}
	}
	return nil
}

// notConfirmedError says a changing command did not run because it was not confirmed.
type notConfirmedError struct{ reason string }

func (e notConfirmedError) Error() string {
	return "not confirmed: " + e.reason
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func isUsage(err error) bool {
	var syntax *json.SyntaxError
	return errors.As(err, &syntax) || errors.Is(err, os.ErrNotExist)
}
