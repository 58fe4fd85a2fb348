package e2e

import (
	"testing"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

// local is the cluster and Pulumi environment every test shares.
var local *testenv.Local

func TestMain(m *testing.M) { testenv.Main(m, &local) }
