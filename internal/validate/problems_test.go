package validate_test

import (
	"errors"
	"fmt"
	"testing"

	provider "github.com/pulumi/pulumi-go-provider"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

func TestPath(t *testing.T) {
	var root validate.Path
	assert.Equal(t, validate.Path("virtualClusters[1].dnsLabel"), root.Field("virtualClusters").Index(1).Field("dnsLabel"))
	assert.Equal(t, validate.Path(`gateway.konnectLabels["env"]`), root.Field("gateway.konnectLabels").Key("env"))
}

// TestProblems: one rendering, "field: message", whatever the caller needs.
func TestProblems(t *testing.T) {
	var p validate.Problems
	require.NoError(t, p.Err())
	assert.True(t, p.Check("basePort", validate.Port(9092)))
	assert.False(t, p.Check("advertisedHost", validate.Required(""), validate.AdvertisedHost("")))
	p.Add(validate.Path("backendCluster.bootstrapServers").Index(0), "%q must be %s", "kafka", "host:port")

	err := p.Err()
	assert.EqualError(t, err, "advertisedHost: is required\nbackendCluster.bootstrapServers[0]: \"kafka\" must be host:port")
	joined, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "errors.Join result")
	for _, inner := range joined.Unwrap() {
		assert.IsType(t, &validate.FieldError{}, inner)
	}
	var first *validate.FieldError
	require.True(t, errors.As(err, &first))
	assert.Equal(t, "advertisedHost", first.Field)

	fieldErrors := validate.FieldErrors(fmt.Errorf("wrapped:\n%w", err))
	require.Len(t, fieldErrors, 2)
	assert.Equal(t, "is required", fieldErrors[0].Message)

	assert.Equal(t, []provider.CheckFailure{
		{Property: "advertisedHost", Reason: "is required"},
		{Property: "backendCluster.bootstrapServers[0]", Reason: `"kafka" must be host:port`},
	}, p.CheckFailures())

	located := p.Locate(func(field string) int {
		if field == "advertisedHost" {
			return 4
		}
		return 0
	})
	require.Len(t, located, 2)
	assert.Equal(t, "line 4: advertisedHost: is required", located[0].Error())
	assert.Equal(t, `backendCluster.bootstrapServers[0]: "kafka" must be host:port`, located[1].Error())
	assert.Equal(t, 4, located[0].Line)
	assert.Equal(t, "advertisedHost", located[0].Field)
}
