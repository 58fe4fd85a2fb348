package pulumihome

import (
	"context"
	"maps"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
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
