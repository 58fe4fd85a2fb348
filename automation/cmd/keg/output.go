package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
)

// output prints what keg does: for people, the Pulumi CLI's own display on stdout and keg's status, prompts and
// errors on stderr; with --json, one envelope per line on stdout, errors included.
type output struct {
	mu             sync.Mutex
	stdout, stderr io.Writer
	json           bool
	now            func() time.Time

	op       string
	running  bool
	started  map[string]string // URN → step op, for steps not finished yet
	finished []string
}

func newOutput(stdout, stderr io.Writer, json bool) *output {
	return &output{stdout: stdout, stderr: stderr, json: json, now: time.Now, started: map[string]string{}}
}

// envelope is every --json line: what it is, when, and its payload.
type envelope struct {
	// Type is status, step, diagnostic, summary, connections, validation, version, interrupted or error.
	Type    string    `json:"type"`
	Time    time.Time `json:"time"`
	Payload any       `json:"payload"`
}

// stepPayload is a resource step's start (status started), end (done) or failure (failed).
type stepPayload struct {
	Op     string `json:"op"`
	URN    string `json:"urn"`
	Type   string `json:"resourceType"`
	Status string `json:"status"`
}

// statusPayload is a start-up step's start, its end (done, with its duration), or a notice.
type statusPayload struct {
	Message        string  `json:"message"`
	Done           bool    `json:"done,omitempty"`
	ElapsedSeconds float64 `json:"elapsedSeconds,omitempty"`
	Notice         bool    `json:"notice,omitempty"`
}

// emit writes one --json line; the caller holds mu.
func (o *output) emit(kind string, payload any) {
	_ = json.NewEncoder(o.stdout).Encode(envelope{Type: kind, Time: o.now().UTC(), Payload: payload})
}

// status reports a start-up step of automation.Open.
func (o *output) status(s automation.Status) {
	o.mu.Lock()
	defer o.mu.Unlock()
	switch {
	case o.json:
		o.emit("status", statusPayload{Message: s.Message, Done: s.Done, ElapsedSeconds: s.Elapsed.Seconds(), Notice: s.Notice})
	case s.Notice:
		fmt.Fprintf(o.stderr, "keg: %s\n", s.Message)
	case s.Done:
		fmt.Fprintf(o.stderr, "keg: %s: done in %.1fs\n", s.Message, s.Elapsed.Seconds())
	default:
		fmt.Fprintf(o.stderr, "keg: %s ...\n", s.Message)
	}
}

// begin marks the start of a stack operation, for the interruption summary.
func (o *output) begin(op string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.op, o.running = op, true
	o.started, o.finished = map[string]string{}, nil
}

// event records one engine event's resource step and, with --json, prints the steps and diagnostics. People see
// the Pulumi CLI's own display instead.
func (o *output) event(ev events.EngineEvent) {
	o.mu.Lock()
	defer o.mu.Unlock()
	var step *stepPayload
	switch {
	case ev.ResourcePreEvent != nil:
		m := ev.ResourcePreEvent.Metadata
		if m.Op != "same" && m.Op != "read" {
			o.started[m.URN] = string(m.Op)
			step = &stepPayload{Op: string(m.Op), URN: m.URN, Type: m.Type, Status: "started"}
		}
	case ev.ResOutputsEvent != nil:
		m := ev.ResOutputsEvent.Metadata
		if _, ok := o.started[m.URN]; ok {
			delete(o.started, m.URN)
			o.finished = append(o.finished, m.URN)
			step = &stepPayload{Op: string(m.Op), URN: m.URN, Type: m.Type, Status: "done"}
		}
	case ev.ResOpFailedEvent != nil:
		m := ev.ResOpFailedEvent.Metadata
		delete(o.started, m.URN)
		step = &stepPayload{Op: string(m.Op), URN: m.URN, Type: m.Type, Status: "failed"}
	case ev.DiagnosticEvent != nil && o.json && ev.DiagnosticEvent.Severity != "debug":
		d := ev.DiagnosticEvent
		o.emit("diagnostic", map[string]string{"severity": d.Severity, "message": strings.TrimSpace(d.Message), "urn": d.URN})
	}
	if step != nil && o.json {
		o.emit("step", step)
	}
}

// result prints an operation's outcome: with --json its change counts and connections; for people the
// connections (the Pulumi display already showed the counts).
func (o *output) result(op string, res automation.Result) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.running = false
	if o.json {
		if op != "" {
			o.emit("summary", map[string]any{"operation": op, "changes": changes(res.Summary)})
		}
		if res.Connections != nil {
			o.emit("connections", res.Connections)
		}
		return
	}
	if len(res.Connections) > 0 {
		fmt.Fprintln(o.stdout, "\nKafka clients connect to:")
		res.Connections.Print(o.stdout)
	}
}

// changes are the non-zero counts of a summary, never nil.
func changes(s automation.Summary) map[string]int {
	if c := s.Counts(); c != nil {
		return c
	}
	return map[string]int{}
}

// interrupting tells the user the first Ctrl-C was heard; false when no operation runs (a prompt handles it).
func (o *output) interrupting() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.running {
		return
	}
	if o.json {
		o.emit("status", statusPayload{Notice: true, Message: "interrupting; send the signal again to force"})
		return
	}
	fmt.Fprintln(o.stderr, "\nkeg: interrupting: the steps in flight finish and are saved; press Ctrl-C again to force")
}

// forcing tells the user the second Ctrl-C was heard.
func (o *output) forcing() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.running && !o.json {
		fmt.Fprintln(o.stderr, "\nkeg: forcing: stopping the Pulumi CLI and its plugins now")
	}
}

// failure prints err: with --json as an error envelope (spec problems one by one), else on stderr with the hint
// and, for an interruption, what finished and what did not.
func (o *output) failure(err error, code int, hint string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	var interrupted *automation.InterruptedError
	isInterrupt := errors.As(err, &interrupted)
	inFlight := sortedKeys(o.started)
	if o.json {
		payload := map[string]any{"message": err.Error(), "exitCode": code}
		if hint != "" {
			payload["hint"] = hint
		}
		var invalid *spec.InvalidError
		if errors.As(err, &invalid) {
			payload["problems"] = invalid.Errors
		}
		if isInterrupt {
			o.emit("interrupted", map[string]any{"operation": interrupted.Op, "forced": interrupted.Forced,
				"finished": o.finished, "inFlight": inFlight})
		}
		o.emit("error", payload)
		return
	}
	if isInterrupt {
		fmt.Fprintln(o.stderr, "\n"+interruptionSummary(interrupted, len(o.finished), inFlight))
		return
	}
	fmt.Fprintln(o.stderr, "error:", err)
	if hint != "" {
		fmt.Fprintln(o.stderr, hint)
	}
}

// interruptionSummary is the paragraph printed after an interrupted operation.
func interruptionSummary(e *automation.InterruptedError, finished int, inFlight []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "keg: %s interrupted: %d resource changes finished and are saved in the stack's state", e.Op, finished)
	if len(inFlight) > 0 {
		names := make([]string, len(inFlight))
		for i, urn := range inFlight {
			names[i] = urn[strings.LastIndex(urn, ":")+1:]
		}
		fmt.Fprintf(&b, "; %d were in flight and did not finish (%s)", len(inFlight), strings.Join(names, ", "))
	}
	b.WriteString("; nothing else started. ")
	if e.Forced {
		b.WriteString("The stop was forced, so the Pulumi CLI may have left pending operations: run `keg refresh` " +
			"to reconcile them, then `keg up` to resume.")
	} else {
		b.WriteString("Run `keg up` again to resume where it stopped.")
	}
	return b.String()
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
