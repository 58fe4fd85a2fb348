package pulumihome

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
)

// TestStackLifecycleOnLocalBackend: a stack the local backend does not hold is reported as not found, created by
// Stack, and selected by both afterwards without the CLI; outputs read after up keep their values, and a secret
// output stays marked secret with its value decrypted (the one-read shortcut falls back for it).
func TestStackLifecycleOnLocalBackend(t *testing.T) {
	ctx := context.Background()
	home, err := NewHome(ctx, HomeOptions{Tools: Locator{Dir: repoBin}, Dir: t.TempDir(), Passphrase: "test"})
	require.NoError(t, err)
	withSecret := true
	program := func(ctx *pulumi.Context) error {
		ctx.Export("endpoint", pulumi.String("bootstrap.kafka.example:9092"))
		ctx.Export("ports", pulumi.ToIntArray([]int{19092, 19093}))
		if withSecret {
			ctx.Export("token", pulumi.ToSecret(pulumi.String("s3cret")))
		}
		return nil
	}

	_, err = home.ExistingStack(ctx, "proj", "dev", program)
	var notFound *StackNotFoundError
	require.ErrorAs(t, err, &notFound)
	require.Equal(t, "dev", notFound.Stack)

	plainOutputs := auto.OutputMap{
		"endpoint": {Value: "bootstrap.kafka.example:9092"},
		"ports":    {Value: []any{float64(19092), float64(19093)}},
	}
	withSecretOutput := maps.Clone(plainOutputs)
	withSecretOutput["token"] = auto.OutputValue{Value: "s3cret", Secret: true}
	for _, step := range []struct {
		open   func() (*Stack, error)
		secret bool
		want   auto.OutputMap
	}{
		{func() (*Stack, error) { return home.Stack(ctx, "proj", "dev", program) }, true, withSecretOutput},
		{func() (*Stack, error) { return home.Stack(ctx, "proj", "dev", program) }, false, plainOutputs},
		{func() (*Stack, error) { return home.ExistingStack(ctx, "proj", "dev", program) }, false, plainOutputs},
	} {
		withSecret = step.secret
		stack, err := step.open()
		require.NoError(t, err)
		sum, err := stack.Up(ctx)
		require.NoError(t, err)
		require.Equal(t, step.want, sum.Outputs)
	}
}

// TestStackOpensAfterAKilledAttributesWrite: a run killed while the blob store rewrote the attributes beside the
// checkpoint, a history entry or a backup leaves them empty, which makes the CLI fail to load the stack ("failed
// to load checkpoint: EOF"); the next open removes them, says so, and the stack's state and outputs are intact.
func TestStackOpensAfterAKilledAttributesWrite(t *testing.T) {
	ctx := context.Background()
	var notices []string
	dir := t.TempDir()
	home, err := NewHome(ctx, HomeOptions{Tools: Locator{Dir: repoBin}, Dir: dir, Passphrase: "test",
		Notify: func(s string) { notices = append(notices, s) }})
	require.NoError(t, err)
	program := func(ctx *pulumi.Context) error {
		ctx.Export("endpoint", pulumi.String("bootstrap.kafka.example:9092"))
		return nil
	}
	stack, err := home.Stack(ctx, "proj", "dev", program)
	require.NoError(t, err)
	_, err = stack.Up(ctx)
	require.NoError(t, err)

	state, ok := home.localStateDir()
	require.True(t, ok)
	var cut []string
	require.NoError(t, filepath.WalkDir(filepath.Join(state, ".pulumi"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, attributesExt) && !strings.Contains(path, "locks") {
			cut = append(cut, path)
			return os.Truncate(path, 0)
		}
		return err
	}))
	require.Contains(t, cut, filepath.Join(state, ".pulumi", "stacks", "proj", "dev.json"+attributesExt))

	stack, err = home.ExistingStack(ctx, "proj", "dev", program)
	require.NoError(t, err)
	sum, err := stack.Up(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, sum.Sames, "the stack resource was kept, not created again")
	require.Equal(t, "bootstrap.kafka.example:9092", sum.Outputs["endpoint"].Value)
	require.Len(t, notices, 1)
	require.Contains(t, notices[0], filepath.Join("stacks", "proj", "dev.json"))
	for _, path := range cut {
		rel, err := filepath.Rel(filepath.Join(state, ".pulumi"), strings.TrimSuffix(path, attributesExt))
		require.NoError(t, err)
		require.Contains(t, notices[0], rel)
	}
}

// TestOperationsTakeTheirResultFromTheStream: an up's change counts and outputs, and a refresh's or destroy's
// counts, come from the operation's event stream, so the CLI runs no `stack history` or `stack output` after it
// (each a CLI start), and destroy removes the stack in the same run; the counts and outputs are those of the CLI.
func TestOperationsTakeTheirResultFromTheStream(t *testing.T) {
	ctx := context.Background()
	tools, log := t.TempDir(), filepath.Join(t.TempDir(), "runs")
	cli, err := filepath.Abs(filepath.Join(repoBin, "pulumi"))
	require.NoError(t, err)
	script := "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec '" + cli + "' \"$@\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(tools, "pulumi"), []byte(script), 0o755))
	home, err := NewHome(ctx, HomeOptions{Tools: Locator{Dir: tools}, Dir: t.TempDir(), Passphrase: "test"})
	require.NoError(t, err)
	program := func(ctx *pulumi.Context) error {
		ctx.Export("endpoint", pulumi.String("bootstrap.kafka.example:9092"))
		ctx.Export("ports", pulumi.ToIntArray([]int{19092, 19093}))
		return nil
	}
	stack, err := home.Stack(ctx, "proj", "dev", program)
	require.NoError(t, err)
	for _, want := range []Summary{{Creates: 1}, {Sames: 1}} {
		require.NoError(t, os.WriteFile(log, nil, 0o600))
		sum, err := stack.Up(ctx)
		require.NoError(t, err)
		require.Equal(t, want.Creates, sum.Creates)
		require.Equal(t, want.Sames, sum.Sames)
		require.Equal(t, auto.OutputMap{
			"endpoint": {Value: "bootstrap.kafka.example:9092"},
			"ports":    {Value: []any{float64(19092), float64(19093)}},
		}, sum.Outputs)
		runs, err := os.ReadFile(log)
		require.NoError(t, err)
		require.Contains(t, string(runs), " up ")
		require.NotContains(t, string(runs), "stack history")
		require.NotContains(t, string(runs), "stack output")
	}
	require.NoError(t, os.WriteFile(log, nil, 0o600))
	sum, err := stack.Refresh(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, sum.Sames)
	sum, err = stack.Destroy(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, sum.Deletes)
	runs, err := os.ReadFile(log)
	require.NoError(t, err)
	require.Contains(t, string(runs), " refresh ")
	require.Contains(t, string(runs), " destroy ")
	require.NotContains(t, string(runs), "stack history")
	require.NotContains(t, string(runs), "stack rm", "the destroy removed the stack itself")
	_, err = home.ExistingStack(ctx, "proj", "dev", program)
	var notFound *StackNotFoundError
	require.ErrorAs(t, err, &notFound, "destroy removed the stack")
}

// TestTargetedDestroyKeepsTheStack: a destroy of some resources (--target) deletes those and keeps the stack with
// the rest, where removing the stack after it would fail on the resources left; a full destroy then removes it.
func TestTargetedDestroyKeepsTheStack(t *testing.T) {
	ctx := context.Background()
	home, err := NewHome(ctx, HomeOptions{Tools: Locator{Dir: repoBin}, Dir: t.TempDir(), Passphrase: "test"})
	require.NoError(t, err)
	program := func(ctx *pulumi.Context) error {
		for _, name := range []string{"kept", "targeted"} {
			var c struct{ pulumi.ResourceState }
			if err := ctx.RegisterComponentResource("test:index:Part", name, &c); err != nil {
				return err
			}
		}
		return nil
	}
	stack, err := home.Stack(ctx, "proj", "dev", program)
	require.NoError(t, err)
	_, err = stack.Up(ctx)
	require.NoError(t, err)

	target := "urn:pulumi:dev::proj::test:index:Part::targeted"
	sum, err := stack.Destroy(ctx, optdestroy.Target([]string{target}))
	require.NoError(t, err)
	require.Equal(t, 1, sum.Deletes)
	stack, err = home.ExistingStack(ctx, "proj", "dev", program)
	require.NoError(t, err, "the stack is kept")
	sum, err = stack.Destroy(ctx)
	require.NoError(t, err)
	require.Equal(t, 2, sum.Deletes, "the other part and the stack resource")
	_, err = home.ExistingStack(ctx, "proj", "dev", program)
	var notFound *StackNotFoundError
	require.ErrorAs(t, err, &notFound)
}
