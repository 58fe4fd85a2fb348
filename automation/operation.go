package automation

import (
	"context"
	"errors"
	"io"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/debug"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
)

// OpOptions are the Pulumi CLI's options of an operation, with its flag names.
type OpOptions struct {
	// Targets limits the operation to these resource URNs (--target).
	Targets []string
	// Refresh refreshes the state first (--refresh; not for refresh itself).
	Refresh bool
	// ExpectNoChanges fails with an *OperationError of exit code 7 when anything would change
	// (--expect-no-changes; not for destroy).
	ExpectNoChanges bool
	// Diff shows property-level diffs in the Progress display, secrets masked (--diff).
	Diff bool
	// Parallel bounds the resource operations run at once (--parallel); the CLI's default when zero.
	Parallel int
	// Verbosity is the CLI's log level (-v) written to ErrorProgress; none when zero.
	Verbosity int
}

// The Automation API's option types read OpOptions and the Runner's display settings. The display leaves out the
// stack outputs: Result.Connections carries them.
type (
	upOptions      struct{ *call }
	previewOptions struct{ *call }
	refreshOptions struct{ *call }
	destroyOptions struct{ *call }
)

func (o upOptions) ApplyOption(u *optup.Options) {
	u.Target, u.Refresh, u.ExpectNoChanges, u.Diff, u.Parallel = o.Targets, o.Refresh, o.ExpectNoChanges, o.Diff, o.Parallel
	u.ProgressStreams, u.ErrorProgressStreams, u.EventStreams, u.Color, u.DebugLogOpts = o.display()
	u.SuppressOutputs = true
	// Explicitly off (the CLI's default): the summary comes from the up's event stream (pulumihome), and should the
	// stream lack it, `stack history` runs without --show-secrets (no decryption, 0.2-0.3 s less).
	hide := false
	u.ShowSecrets = &hide
}

func (o previewOptions) ApplyOption(p *optpreview.Options) {
	p.Target, p.Refresh, p.ExpectNoChanges, p.Diff, p.Parallel = o.Targets, o.Refresh, o.ExpectNoChanges, o.Diff, o.Parallel
	p.ProgressStreams, p.ErrorProgressStreams, p.EventStreams, p.Color, p.DebugLogOpts = o.display()
	p.SuppressOutputs = true
}

func (o refreshOptions) ApplyOption(r *optrefresh.Options) {
	r.Target, r.ExpectNoChanges, r.Diff, r.Parallel = o.Targets, o.ExpectNoChanges, o.Diff, o.Parallel
	r.ProgressStreams, r.ErrorProgressStreams, r.EventStreams, r.Color, r.DebugLogOpts = o.display()
	r.SuppressOutputs = true
}

func (o destroyOptions) ApplyOption(d *optdestroy.Options) {
	d.Target, d.Refresh, d.Diff, d.Parallel = o.Targets, o.Refresh, o.Diff, o.Parallel
	d.ProgressStreams, d.ErrorProgressStreams, d.EventStreams, d.Color, d.DebugLogOpts = o.display()
	d.SuppressOutputs = true
}

// call is one operation in progress: its options, and what its engine events said went wrong.
type call struct {
	OpOptions
	runner *Runner
	name   string

	mu          sync.Mutex
	diagnostics []string
	failed      bool
	events      chan events.EngineEvent
	done        chan struct{}
}

// newCall starts forwarding the operation's engine events to the Events callback, keeping its error diagnostics.
func (r *Runner) newCall(name string, o OpOptions) *call {
	c := &call{OpOptions: o, runner: r, name: name, events: make(chan events.EngineEvent), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		for ev := range c.events {
			c.record(ev)
			if r.opts.Events != nil {
				r.opts.Events(ev)
			}
		}
	}()
	return c
}

func (c *call) record(ev events.EngineEvent) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case ev.ResOpFailedEvent != nil:
		c.failed = true
	case ev.DiagnosticEvent != nil && ev.DiagnosticEvent.Severity == "error":
		c.diagnostics = append(c.diagnostics, strings.TrimSpace(ev.DiagnosticEvent.Message))
		if ev.DiagnosticEvent.URN != "" && !strings.Contains(ev.DiagnosticEvent.URN, "::pulumi:pulumi:Stack::") {
			c.failed = true
		}
	}
}

// display returns the display settings every operation shares.
func (c *call) display() ([]io.Writer, []io.Writer, []chan<- events.EngineEvent, string, debug.LoggingOptions) {
	o := c.runner.opts
	var progress, errProgress []io.Writer
	if o.Progress != nil {
		progress = []io.Writer{o.Progress}
	}
	var logging debug.LoggingOptions
	if c.Verbosity > 0 && o.ErrorProgress != nil {
		level := uint(c.Verbosity)
		logging = debug.LoggingOptions{LogLevel: &level, LogToStdErr: true, FlowToPlugins: true}
		errProgress = []io.Writer{o.ErrorProgress}
	}
	color := o.Color
	if color == "" {
		color = "auto"
	}
	return progress, errProgress, []chan<- events.EngineEvent{c.events}, color, logging
}

// eventsGrace bounds the wait for the last engine event of an operation whose CLI never streamed any: the
// Automation API closes the event channel only when the CLI's stream ends.
const eventsGrace = 2 * time.Second

// end waits for the last event and turns the operation's error into the package's typed errors.
func (c *call) end(ctx context.Context, err error) error {
	select {
	case <-c.done:
	case <-time.After(eventsGrace):
	}
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return &InterruptedError{Op: c.name, Forced: isClosed(c.runner.opts.Force)}
	}
	if err = classify(err); !isOperationFailure(err) {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	oe := &OperationError{Op: c.name, Diagnostics: c.diagnostics, ResourceFailed: c.failed, Err: err}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		oe.CLIExitCode = exitErr.ExitCode()
	}
	return oe
}

// isOperationFailure reports an error the CLI returned for the operation itself, rather than one classify typed.
func isOperationFailure(err error) bool {
	var concurrent *ConcurrentUpdateError
	var notFound *pulumihome.StackNotFoundError
	return !errors.As(err, &concurrent) && !errors.As(err, &notFound)
}

func isClosed(ch <-chan struct{}) bool {
	if ch == nil {
		return false
	}
	select {
	case <-ch:
		return true
	default:
		return false
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

// operate runs one operation of the stack with o and the Runner's display, its engine events recorded.
func operate[Opt any](ctx context.Context, r *Runner, name string, o OpOptions, options func(*call) Opt,
	op func(context.Context, ...Opt) (pulumihome.Summary, error),
) (Result, error) {
	c := r.newCall(name, o)
	sum, err := op(ctx, options(c))
	return Result{Summary: sum}, c.end(ctx, err)
}

// Preview shows what up would do.
func (r *Runner) Preview(ctx context.Context, o OpOptions) (Result, error) {
	return operate(ctx, r, "preview", o, func(c *call) optpreview.Option { return previewOptions{c} }, r.stack.Preview)
}

// Up deploys the spec and returns the connection info.
func (r *Runner) Up(ctx context.Context, o OpOptions) (Result, error) {
	res, err := operate(ctx, r, "up", o, func(c *call) optup.Option { return upOptions{c} }, r.stack.Up)
	if err != nil {
		return res, err
	}
	res.Connections, err = connectionsFrom(res.Outputs)
	return res, err
}

// Refresh reads the live state into the stack.
func (r *Runner) Refresh(ctx context.Context, o OpOptions) (Result, error) {
	return operate(ctx, r, "refresh", o, func(c *call) optrefresh.Option { return refreshOptions{c} }, r.stack.Refresh)
}

// PreviewDestroy shows what destroy would delete.
func (r *Runner) PreviewDestroy(ctx context.Context, o OpOptions) (Result, error) {
	return operate(ctx, r, "destroy preview", o, destroyOption, r.stack.PreviewDestroy)
}

// Destroy deletes everything the stack deployed, or the targets, and removes the stack when nothing is left.
func (r *Runner) Destroy(ctx context.Context, o OpOptions) (Result, error) {
	return operate(ctx, r, "destroy", o, destroyOption, r.stack.Destroy)
}

func destroyOption(c *call) optdestroy.Option { return destroyOptions{c} }

// Outputs returns the connection info of the last up.
func (r *Runner) Outputs(ctx context.Context) (Connections, error) {
	outputs, err := r.stack.Outputs(ctx)
	if err != nil {
		return nil, classify(err)
	}
	return connectionsFrom(outputs)
}

// OperationError says an operation failed: Diagnostics are the engine's error messages (the Progress display
// showed them in context), ResourceFailed that a resource operation failed, CLIExitCode the Pulumi CLI's exit code.
type OperationError struct {
	Op             string
	Diagnostics    []string
	ResourceFailed bool
	CLIExitCode    int
	Err            error
}

func (e *OperationError) Error() string {
	if len(e.Diagnostics) == 0 {
		return e.Op + " failed: " + firstLine(e.Err.Error())
	}
	return e.Op + " failed: " + strings.Join(e.Diagnostics, "; ")
}

func (e *OperationError) Unwrap() error { return e.Err }

// firstLine is the first line of s: the Automation API appends the CLI's whole output to its errors.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// InterruptedError says an operation was interrupted (its context cancelled): the steps in flight finished and
// were saved, unless Forced stopped them at once.
type InterruptedError struct {
	Op     string
	Forced bool
}

func (e *InterruptedError) Error() string {
	if e.Forced {
		return e.Op + " was stopped at once"
	}
	return e.Op + " was interrupted"
}

// ConcurrentUpdateError says another operation holds the stack's lock.
type ConcurrentUpdateError struct{ Err error }

func (e *ConcurrentUpdateError) Error() string {
	return "another operation is updating this stack; retry when it is done: " + firstLine(e.Err.Error())
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
