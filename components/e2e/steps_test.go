package e2e

import (
	"context"
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
)

// upSteps runs up and returns its summary and every step the engine took, providers included (the summary leaves
// provider steps out).
func upSteps(t *testing.T, ctx context.Context, stack *pulumihome.Stack) (pulumihome.Summary, []apitype.StepEventMetadata) {
	t.Helper()
	ch := make(chan events.EngineEvent)
	done := make(chan []apitype.StepEventMetadata)
	go func() {
		var steps []apitype.StepEventMetadata
		for ev := range ch {
			if ev.ResourcePreEvent != nil {
				steps = append(steps, ev.ResourcePreEvent.Metadata)
			}
		}
		done <- steps
	}()
	sum, err := stack.Up(ctx, optup.EventStreams(ch))
	steps := <-done
	require.NoError(t, err, sum.Stdout)
	return sum, steps
}

// providers returns the names of the Kubernetes providers among steps.
func providers(steps []apitype.StepEventMetadata) []string {
	var names []string
	for _, step := range steps {
		if step.Type == "pulumi:providers:kubernetes" {
			names = append(names, urnName(step.URN))
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// urnName is the last, name part of a URN.
func urnName(urn string) string {
	for i := len(urn) - 1; i >= 1; i-- {
		if urn[i] == ':' && urn[i-1] == ':' {
			return urn[i+1:]
		}
	}
	return urn
}
