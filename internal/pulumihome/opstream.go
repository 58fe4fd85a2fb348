package pulumihome

import (
	"context"
	"encoding/json"
	"io"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// streamEndWait bounds the wait for an up's event stream to close after the CLI exits (the CLI closes it first).
const streamEndWait = 2 * time.Second

// opStream keeps what the engine streams during an up, refresh or destroy that the Automation API otherwise reads
// back with more CLI runs once the operation ends, 0.1-0.3 s each: the summary's change counts (`stack history`) and
// the stack's outputs (`stack output`, after an up). Its options add its channel to the operation's event streams.
type opStream struct {
	events chan events.EngineEvent
	done   chan struct{}
	// changes are the summary's counts by operation; nil without a summary event.
	changes map[string]int
	// outputs are the stack's outputs, secrets masked; nil without their event.
	outputs map[string]any
	// removesStack: the operation is a destroy that removes the stack when it succeeds (`destroy --remove`, one CLI
	// run where the Automation API's Remove option runs `stack rm` after it, since it reads the summary back).
	removesStack bool
}

// newOpStream starts collecting an operation's events.
func newOpStream() *opStream {
	u := &opStream{events: make(chan events.EngineEvent), done: make(chan struct{})}
	go u.collect()
	return u
}

func (u *opStream) collect() {
	defer close(u.done)
	for e := range u.events {
		switch {
		case e.SummaryEvent != nil:
			u.changes = map[string]int{}
			for op, n := range e.SummaryEvent.ResourceChanges {
				u.changes[string(op)] = n
			}
		case e.ResOutputsEvent != nil && e.ResOutputsEvent.Metadata.Type == string(resource.RootStackType) &&
			e.ResOutputsEvent.Metadata.New != nil:
			u.outputs = e.ResOutputsEvent.Metadata.New.Outputs
			if u.outputs == nil {
				u.outputs = map[string]any{}
			}
		}
	}
}

// The options that add the stream to an operation's event streams, beside the caller's.
type (
	upStream      struct{ *opStream }
	refreshStream struct{ *opStream }
	destroyStream struct{ *opStream }
)

func (u upStream) ApplyOption(o *optup.Options) { o.EventStreams = append(o.EventStreams, u.events) }

func (u refreshStream) ApplyOption(o *optrefresh.Options) {
	o.EventStreams = append(o.EventStreams, u.events)
}

func (u destroyStream) ApplyOption(o *optdestroy.Options) {
	o.EventStreams = append(o.EventStreams, u.events)
}

// ended reports whether the stream has closed, waiting for it a little.
func (u *opStream) ended() bool {
	select {
	case <-u.done:
		return true
	case <-time.After(streamEndWait):
		return false
	}
}

// history is `stack history --json` of the operation's summary, when the stream had one; empty for a removed stack
// (which has no history left to read) if it had none.
func (u *opStream) history() (string, bool) {
	if !u.ended() || u.changes == nil {
		return "[]", u.removesStack
	}
	data, err := json.Marshal([]auto.UpdateSummary{{Result: "succeeded", ResourceChanges: &u.changes}})
	return string(data), err == nil
}

// running holds the stream of the operation a stack is running, if any.
type running struct{ stream *opStream }

// recordedCommand is the CLI of one stack's workspace, answering the Automation API's read of the summary after an
// operation from what the operation streamed.
type recordedCommand struct {
	auto.PulumiCommand
	last *running
}

// Run answers `stack history` from the running operation's stream, has a destroy that removes the stack do it
// itself, and runs anything else.
func (c recordedCommand) Run(ctx context.Context, workdir string, stdin io.Reader,
	additionalOutput, additionalErrorOutput []io.Writer, additionalEnv []string, args ...string,
) (string, string, int, error) {
	if u := c.last.stream; u != nil && len(args) > 0 {
		if args[0] == "destroy" && u.removesStack {
			args = append(args, "--remove")
		}
		if len(args) > 1 && args[0] == "stack" && args[1] == "history" {
			if history, ok := u.history(); ok {
				return history, "", 0, nil
			}
		}
	}
	return c.PulumiCommand.Run(ctx, workdir, stdin, additionalOutput, additionalErrorOutput, additionalEnv, args...)
}
