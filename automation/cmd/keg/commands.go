package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
)

const (
	defaultStateDir = ".state"
	binDirEnv       = "KEG_BIN_DIR"
)

// flags are the options every command shares.
type flags struct {
	file, binDir, kongCRDs, stateDir, localCluster, stack, color string
	json                                                         bool
	verbose                                                      int
}

// opFlags are the options of one stack operation.
type opFlags struct {
	automation.OpOptions
	yes, tokenStdin bool
}

// Which operation flags a command takes.
const (
	withYes = 1 << iota
	withTarget
	withRefresh
	withExpectNoChanges
	withDiff
	withParallel
	withTokenStdin
)

// operation is a command that runs one stack operation.
type operation struct {
	use, short, long, example string
	flags                     int
	// confirm, when set, previews the operation and asks before it runs.
	confirm *confirmation
	// noKonnect: the operation runs no program, so it needs no Konnect token.
	noKonnect bool
	// refreshes: the operation reads the live state first unless --refresh=false, so it sees and repairs drift.
	refreshes bool
	run       func(*automation.Runner, context.Context, automation.OpOptions) (automation.Result, error)
}

var operations = []operation{
	{
		use: "preview", short: "Show what up would change",
		long:      "Preview runs the spec's program and shows, resource by resource, what up would create, update or delete. Nothing changes.",
		example:   "  keg preview\n  keg preview -f gateway.yaml --diff\n  keg preview -f gateway.yaml --expect-no-changes   # exit code 7 when anything would change",
		flags:     withTarget | withRefresh | withExpectNoChanges | withDiff | withParallel | withTokenStdin,
		refreshes: true,
		run:       (*automation.Runner).Preview,
	},
	{
		use: "up", short: "Deploy the spec and print where Kafka clients connect",
		long: "Up previews the changes, asks for confirmation on a terminal (--yes elsewhere), deploys them and prints " +
			"each virtual cluster's bootstrap servers and broker addresses.",
		example: "  keg up                                   # the embedded default, on the embedded local cluster\n" +
			"  keg up -f gateway.yaml --yes\n  keg up -f gateway.yaml --yes --json | jq 'select(.type == \"connections\")'\n" +
			"  op read op://kong/konnect/token | keg up -f gateway.yaml --yes --konnect-token-stdin",
		flags:     withYes | withTarget | withRefresh | withExpectNoChanges | withDiff | withParallel | withTokenStdin,
		confirm:   confirmUp,
		refreshes: true,
		run:       (*automation.Runner).Up,
	},
	{
		use: "refresh", short: "Read the live state into the stack",
		long:    "Refresh reads every resource of the stack from the cluster and records what changed outside keg.",
		example: "  keg refresh -f gateway.yaml\n  keg refresh -f gateway.yaml --expect-no-changes   # exit code 7 on drift",
		flags:   withTarget | withExpectNoChanges | withDiff | withParallel | withTokenStdin,
		run:     (*automation.Runner).Refresh,
	},
	{
		use: "destroy", short: "Delete everything the stack deployed",
		long: "Destroy previews the deletions, asks \"Destroy N resources of stack S?\" on a terminal (--yes elsewhere), " +
			"deletes them and removes the stack (with --target, only those, and the stack stays). It runs no program, so it needs no Konnect token.",
		example:   "  keg destroy -f gateway.yaml\n  keg destroy -f gateway.yaml --yes",
		flags:     withYes | withTarget | withRefresh | withDiff | withParallel,
		confirm:   confirmDestroy,
		noKonnect: true,
		run:       (*automation.Runner).Destroy,
	},
}

// newRoot builds the command tree; run receives each stack operation's command and flags.
func newRoot(f *flags, stdin io.Reader, stdout, stderr io.Writer, sig *interrupts) *cobra.Command {
	root := &cobra.Command{
		Use:   "keg",
		Short: "Deploy Kong Event Gateway on Kubernetes with Pulumi",
		Long: "keg deploys Kong Event Gateway stacks described by a spec file (YAML or JSON) through the Pulumi " +
			"Automation API, and prints where Kafka clients connect." + referenceHelp(),
		Example: "  keg up                          # both example gateways on the embedded local cluster\n" +
			"  keg validate -f gateway.yaml\n  keg preview -f gateway.yaml --diff\n  keg up -f gateway.yaml --yes\n" +
			"  keg outputs -f gateway.yaml -o json\n  keg destroy -f gateway.yaml",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	pf := root.PersistentFlags()
	pf.StringVarP(&f.file, "file", "f", "", "spec file (YAML or JSON); the embedded default when empty")
	pf.StringVarP(&f.stack, "stack", "s", "", "stack name, instead of the spec's stack")
	pf.StringVar(&f.binDir, "bin", "",
		"directory of the pulumi CLI, plugins and local-cluster binaries ($"+binDirEnv+"); default: beside keg, then PATH")
	pf.StringVar(&f.kongCRDs, "kong-crds", "",
		"Kong Operator CRD directory for the embedded local cluster ($"+localcluster.KongCRDsDirEnv+"); default: ../shared/crds/kong-operator beside the checkout")
	pf.StringVar(&f.localCluster, "local-cluster", "",
		"kubeconfig of a running local control plane (loopback only) a local spec uses instead of starting one")
	pf.StringVar(&f.stateDir, "state-dir", defaultStateDir,
		"directory for local state, a local spec's Pulumi home and the embedded cluster")
	pf.BoolVar(&f.json, "json", false, "print one JSON object per line: {\"type\", \"time\", \"payload\"}, errors included")
	pf.StringVar(&f.color, "color", "auto", "colorize the Pulumi display: auto, always, never or raw")
	pf.IntVarP(&f.verbose, "verbose", "v", 0, "Pulumi CLI log level (1-11), written to stderr")
	root.SetArgs(nil)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{msg: err.Error()} })

	for _, op := range operations {
		root.AddCommand(op.command(f, stdin, stdout, stderr, sig))
	}
	root.AddCommand(validateCommand(f, stdout, stderr), outputsCommand(f, stdout, stderr), &cobra.Command{
		Use:     "version",
		Short:   "Print keg's version and the Pulumi CLI and plugins it would use",
		Example: "  keg version\n  keg version --json",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			return printVersions(stdout, f)
		},
	})
	return root
}

// command builds op's cobra command.
func (op operation) command(f *flags, stdin io.Reader, stdout, stderr io.Writer, sig *interrupts) *cobra.Command {
	o := &opFlags{}
	cmd := &cobra.Command{
		Use: op.use, Short: op.short, Long: op.long + referenceHelp(), Example: op.example, Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.Verbosity = f.verbose
			return op.execute(cmd.Context(), f, o, stdin, stdout, stderr, sig)
		},
	}
	fl := cmd.Flags()
	if op.flags&withYes != 0 {
		fl.BoolVarP(&o.yes, "yes", "y", false, "do not ask for confirmation (needed without a terminal)")
	}
	if op.flags&withTarget != 0 {
		fl.StringArrayVar(&o.Targets, "target", nil, "only this resource URN (repeatable)")
	}
	if op.flags&withRefresh != 0 {
		usage := "refresh the state from the cluster first"
		if op.refreshes {
			usage += ", to see and repair changes made outside keg (--refresh=false skips it)"
		}
		fl.BoolVar(&o.Refresh, "refresh", op.refreshes, usage)
	}
	if op.flags&withExpectNoChanges != 0 {
		fl.BoolVar(&o.ExpectNoChanges, "expect-no-changes", false, "fail with exit code 7 if anything would change")
	}
	if op.flags&withDiff != 0 {
		fl.BoolVar(&o.Diff, "diff", false, "show property-level diffs (secrets masked)")
	}
	if op.flags&withParallel != 0 {
		fl.IntVarP(&o.Parallel, "parallel", "p", 0, "resource operations run at once (default: the Pulumi CLI's)")
	}
	if op.flags&withTokenStdin != 0 {
		fl.BoolVar(&o.tokenStdin, "konnect-token-stdin", false, "read the Konnect token of a real spec from standard input")
	}
	return cmd
}

// execute loads the spec, opens the runner, asks for confirmation where needed, runs the operation and prints its
// result.
func (op operation) execute(ctx context.Context, f *flags, o *opFlags, stdin io.Reader, stdout, stderr io.Writer,
	sig *interrupts,
) error {
	p, err := loadSpec(f)
	if err != nil {
		return err
	}
	confirm := op.confirm != nil && !o.yes
	if confirm && (f.json || o.tokenStdin || !isTerminal(stdin)) {
		return usageError{msg: op.use + " asks for confirmation on a terminal: pass --yes to run it without one"}
	}
	opts := f.runnerOptions(stdout, stderr, sig)
	if o.tokenStdin {
		if opts.KonnectToken, err = readToken(stdin); err != nil {
			return err
		}
	}
	out := sig.out
	opts.SkipKonnect = op.noKonnect
	r, err := automation.Open(ctx, p, opts)
	if err != nil {
		return err
	}
	defer r.Close()
	if confirm {
		if err := op.confirm.ask(ctx, r, o.OpOptions, out, stdin, stderr); err != nil {
			return err
		}
	}
	out.begin(op.use)
	res, err := op.run(r, ctx, o.OpOptions)
	if err != nil {
		return err
	}
	out.result(op.use, res)
	if r.Local() && !f.json {
		fmt.Fprintf(stderr, "\nkeg: ran on the embedded local cluster (state in %s): the apiserver checked every object "+
			"against the Kong Operator CRDs, but no operator reconciles them. Write a spec without local: true "+
			"(see keg help) to deploy for real.\n", f.stateDir)
	}
	return nil
}

// loadSpec reads -f, or the embedded default.
func loadSpec(f *flags) (*spec.Parsed, error) {
	if f.file == "" {
		return spec.Default(), nil
	}
	return spec.Load(f.file)
}

// runnerOptions are the automation options every command's flags give.
func (f *flags) runnerOptions(stdout, stderr io.Writer, sig *interrupts) automation.Options {
	out := sig.out
	opts := automation.Options{
		BinDir: f.binDir, KongCRDsDir: f.kongCRDs, StateDir: f.stateDir, LocalCluster: f.localCluster, Stack: f.stack,
		Force: sig.force, Events: out.event, Status: out.status, Color: f.color, ErrorProgress: stderr,
	}
	if !f.json {
		opts.Progress = stdout
	}
	return opts
}

// readToken reads a Konnect token from standard input.
func readToken(stdin io.Reader) (string, error) {
	data, err := io.ReadAll(stdin)
	if err != nil {
		return "", fmt.Errorf("read the Konnect token from standard input: %w", err)
	}
	token := strings.TrimSpace(string(data))
	if token == "" {
		return "", &automation.KonnectAuthError{Reason: "no token on standard input"}
	}
	return token, nil
}

// confirmation is how a command that changes the stack previews its own operation and asks before running it.
type confirmation struct {
	preview  func(*automation.Runner, context.Context, automation.OpOptions) (automation.Result, error)
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

// ask previews the operation (the Pulumi display shows it), then asks on the terminal. Ctrl-C at the prompt
// answers no at once.
func (c *confirmation) ask(ctx context.Context, r *automation.Runner, o automation.OpOptions, out *output,
	stdin io.Reader, stderr io.Writer,
) error {
	out.begin("preview")
	res, err := c.preview(r, ctx, o)
	if err != nil {
		return err
	}
	out.result("", automation.Result{})
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

// isTerminal reports whether r is a terminal (not merely a character device such as /dev/null).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
