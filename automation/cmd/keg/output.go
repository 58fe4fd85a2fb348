package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
)

// output prints progress and results, for people or (json) for machines.
type output struct {
	mu   sync.Mutex
	w    io.Writer
	json bool
}

// event prints one engine event: a JSON line, or a progress line for the
// resource steps and diagnostics people care about.
func (o *output) event(ev events.EngineEvent) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.json {
		_ = json.NewEncoder(o.w).Encode(ev)
		return
	}
	switch {
	case ev.ResourcePreEvent != nil:
		m := ev.ResourcePreEvent.Metadata
		if m.Op != "same" && m.Op != "read" {
			fmt.Fprintf(o.w, "  %-10s %s %s ...\n", m.Op, m.Type, name(m.URN))
		}
	case ev.ResOutputsEvent != nil:
		m := ev.ResOutputsEvent.Metadata
		if m.Op != "same" && m.Op != "read" {
			fmt.Fprintf(o.w, "  %-10s %s %s done\n", m.Op, m.Type, name(m.URN))
		}
	case ev.ResOpFailedEvent != nil:
		m := ev.ResOpFailedEvent.Metadata
		fmt.Fprintf(o.w, "  %-10s %s %s FAILED\n", m.Op, m.Type, name(m.URN))
	case ev.DiagnosticEvent != nil && (ev.DiagnosticEvent.Severity == "error" || ev.DiagnosticEvent.Severity == "warning"):
		fmt.Fprintf(o.w, "  %s: %s", ev.DiagnosticEvent.Severity, ev.DiagnosticEvent.Message)
	}
}

// result prints the change summary and the connection info.
func (o *output) result(res automation.Result) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.json {
		_ = json.NewEncoder(o.w).Encode(map[string]any{"summary": res.Counts(), "connections": res.Connections})
		return
	}
	s := res.Summary
	if s.Counts() != nil {
		fmt.Fprintf(o.w, "\nResources: %d created, %d updated, %d replaced, %d deleted, %d unchanged\n",
			s.Creates, s.Updates, s.Replaces, s.Deletes, s.Sames)
	}
	if len(res.Connections) > 0 {
		fmt.Fprintln(o.w, "\nKafka clients connect to:")
		res.Connections.Print(o.w)
	}
}

// name is the last part of a URN: the resource name.
func name(urn string) string {
	for i := len(urn) - 1; i >= 0; i-- {
		if urn[i] == ':' {
			return urn[i+1:]
		}
	}
	return urn
}
