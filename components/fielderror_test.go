package components

import (
	"errors"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

func TestValidateReturnsFieldErrors(t *testing.T) {
	sni := seedSNIArgs()
	sni.SNISuffix = "keg.example.com"
	sni.Edge.Port = 70000
	portMapped := seedArgs()
	portMapped.AdvertisedHost = ""
	portMapped.BasePort = 70000

	for name, err := range map[string]error{
		"SniGateway":        sni.Validate("sni"),
		"PortMappedGateway": portMapped.Validate("example"),
	} {
		t.Run(name, func(t *testing.T) {
			require.Error(t, err)
			var joined interface{ Unwrap() []error }
			require.ErrorAs(t, err, &joined, "errors.Join result")
			for _, inner := range joined.Unwrap() {
				var fieldError *FieldError
				assert.ErrorAs(t, inner, &fieldError, "%T", inner)
			}
			var first *FieldError
			require.True(t, errors.As(err, &first))
			assert.NotEmpty(t, first.Field)
			assert.Len(t, FieldErrors(err), len(joined.Unwrap()))
		})
	}

	var fields []string
	for _, fieldError := range FieldErrors(sni.Validate("sni")) {
		fields = append(fields, fieldError.Field)
	}
	assert.ElementsMatch(t, []string{"sniSuffix", "edge.port"}, fields)
	assert.Equal(t, "edge.port: 70000 must be between 1 and 65535", (&FieldError{Field: "edge.port",
		Message: "70000 must be between 1 and 65535"}).Error())

	assert.NoError(t, seedSNIArgs().Validate("sni"))
	assert.NoError(t, seedArgs().Validate("example"))
}

func TestConstructorErrorsKeepFieldErrors(t *testing.T) {
	args := seedSNIArgs()
	args.TLS = SniTLSArgs{}
	_, err := pulumimock.Run(func(ctx *pulumi.Context) error {
		_, err := NewSniGateway(ctx, "sni", args)
		return err
	})
	require.Error(t, err)
	var fieldError *FieldError
	require.True(t, errors.As(err, &fieldError), "%v", err)
	assert.Equal(t, "tls", fieldError.Field)
}
