package spec_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/konnect"
)

// values are the arguments the three layers below share.
type values struct {
	backendName, bootstrapServer, labelKey, dnsLabel, aclMode string
}

// portMappedArgs are PortMappedGateway arguments holding v.
func portMappedArgs(v values) components.PortMappedGatewayArgs {
	return components.PortMappedGatewayArgs{
		Konnect:        components.KonnectArgs{Token: pulumi.String("kpat_x"), ServerURL: "eu.api.konghq.com"},
		AdvertisedHost: "10.0.1.1",
		BackendCluster: components.BackendClusterArgs{
			Name: v.backendName, BootstrapServers: []string{v.bootstrapServer}, BrokerCount: 3,
			KonnectLabels: map[string]string{v.labelKey: "x"},
		},
		VirtualClusters: []components.VirtualClusterArgs{
			{Name: "team_a", DNSLabel: v.dnsLabel, ACLMode: eventgateway.ACLMode(v.aclMode)},
		},
	}
}

// resourceFailures are the check failures of the provider's BackendCluster and VirtualCluster holding v.
func resourceFailures(t *testing.T, v values) map[string][]p.CheckFailure {
	return map[string][]p.CheckFailure{
		"BackendCluster": checkFailures[konnect.BackendClusterArgs](t, konnect.BackendCluster{}, map[string]any{
			"gatewayId": "gw", "name": v.backendName, "bootstrapServers": []any{v.bootstrapServer},
			"labels": map[string]any{v.labelKey: "x"}, "authentication": map[string]any{"type": "anonymous"},
			"tls": map[string]any{"enabled": false},
		}),
		"VirtualCluster": checkFailures[konnect.VirtualClusterArgs](t, konnect.VirtualCluster{}, map[string]any{
			"gatewayId": "gw", "name": "team_a", "destination": map[string]any{"name": v.backendName},
			"dnsLabel": v.dnsLabel, "aclMode": v.aclMode, "authentication": []any{map[string]any{"type": "anonymous"}},
		}),
	}
}

// checkFailures runs a resource's Check on inputs.
func checkFailures[I any](t *testing.T, r infer.CustomCheck[I], inputs map[string]any) []p.CheckFailure {
	res, err := r.Check(context.Background(), infer.CheckRequest{
		Name:      "x",
		NewInputs: resource.FromResourcePropertyValue(resource.NewProperty(resource.NewPropertyMapFromMap(inputs))).AsMap(),
	})
	require.NoError(t, err)
	return res.Failures
}

// parseSpec parses a keg spec holding v; the fields of v are on lines 6, 7, 9, 12 and 13.
func parseSpec(v values) error {
	_, err := spec.Parse("keg.yaml", []byte(fmt.Sprintf(`gateways:
  - name: pm
    portMapped:
      advertisedHost: 10.0.1.1
      backendCluster:
        name: %q
        bootstrapServers: [%q]
        brokerCount: 3
        konnectLabels: {%q: x}
      virtualClusters:
        - name: team_a
          dnsLabel: %q
          aclMode: %q
local: true
`, v.backendName, v.bootstrapServer, v.labelKey, v.dnsLabel, v.aclMode)))
	return err
}

// valid are values every layer accepts.
var valid = values{
	backendName: "backend", bootstrapServer: "kafka:9092", labelKey: "team", dnsLabel: "team-a", aclMode: "passthrough",
}

// TestSameMessageEverywhere: one invalid value gives one message through a component's validation, a provider
// resource's Check and a keg spec, which adds the line.
func TestSameMessageEverywhere(t *testing.T) {
	for _, tc := range []struct {
		name      string
		set       func(*values)
		want      string
		component string
		resource  string
		property  string
		specLine  int
		specField string
	}{
		{
			name:      "invalid DNS label",
			set:       func(v *values) { v.dnsLabel = "Not_A_Label" },
			want:      `"Not_A_Label" must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`,
			component: "virtualClusters[0].dnsLabel",
			resource:  "VirtualCluster", property: "dnsLabel",
			specLine: 12, specField: "gateways[0].portMapped.virtualClusters[0].dnsLabel",
		},
		{
			name:      "bootstrap server without a port",
			set:       func(v *values) { v.bootstrapServer = "kafka" },
			want:      `"kafka" must be host:port with a port between 1 and 65535`,
			component: "backendCluster.bootstrapServers[0]",
			resource:  "BackendCluster", property: "bootstrapServers[0]",
			specLine: 7, specField: "gateways[0].portMapped.backendCluster.bootstrapServers[0]",
		},
		{
			name:      "over-long name",
			set:       func(v *values) { v.backendName = strings.Repeat("n", 256) },
			want:      "must be at most 255 characters, not 256",
			component: "backendCluster.name",
			resource:  "BackendCluster", property: "name",
			specLine: 6, specField: "gateways[0].portMapped.backendCluster.name",
		},
		{
			name:      "reserved label key",
			set:       func(v *values) { v.labelKey = "kong-team" },
			want:      `key "kong-team" must be 1-63 characters, not starting with "kong", "konnect", "mesh", "kic", "_"`,
			component: `backendCluster.konnectLabels["kong-team"]`,
			resource:  "BackendCluster", property: `labels["kong-team"]`,
			specLine: 9, specField: `gateways[0].portMapped.backendCluster.konnectLabels["kong-team"]`,
		},
		{
			name:      "ACL mode outside the enum",
			set:       func(v *values) { v.aclMode = "open" },
			want:      `"open" must be one of "enforce_on_gateway", "passthrough"`,
			component: "virtualClusters[0].aclMode",
			resource:  "VirtualCluster", property: "aclMode",
			specLine: 13, specField: "gateways[0].portMapped.virtualClusters[0].aclMode",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := valid
			tc.set(&v)

			var component []string
			for _, fe := range components.FieldErrors(portMappedArgs(v).Validate("pm")) {
				if fe.Field == tc.component {
					component = append(component, fe.Message)
				}
			}
			assert.Equal(t, []string{tc.want}, component, "component %s", tc.component)

			assert.Contains(t, resourceFailures(t, v)[tc.resource], p.CheckFailure{Property: tc.property, Reason: tc.want},
				"provider %s", tc.resource)

			var invalid *spec.InvalidError
			require.ErrorAs(t, parseSpec(v), &invalid)
			assert.Contains(t, invalid.Errors, spec.FieldError{
				Line: tc.specLine, FieldError: validate.FieldError{Field: tc.specField, Message: tc.want},
			}, "spec")
			assert.Contains(t, invalid.Error(), fmt.Sprintf("line %d: %s: %s", tc.specLine, tc.specField, tc.want))
		})
	}
}

// TestSharedValuesAreValidEverywhere: the values the cases above spoil pass all three layers.
func TestSharedValuesAreValidEverywhere(t *testing.T) {
	require.NoError(t, portMappedArgs(valid).Validate("pm"))
	for resourceType, failures := range resourceFailures(t, valid) {
		assert.Empty(t, failures, resourceType)
	}
	require.NoError(t, parseSpec(valid))
}
