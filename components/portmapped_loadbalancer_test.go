package components

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

// renderWithLoadBalancer builds the seed with its advertised host taken from the LoadBalancer, whose Service reports
// ingress.
func renderWithLoadBalancer(t *testing.T, ingress resource.PropertyMap) (*pulumimock.Recorder, *PortMappedGateway) {
	t.Helper()
	args := seedArgs()
	args.AdvertisedHost = ""
	args.AdvertisedHostFromLoadBalancer = &LoadBalancerAddressArgs{TimeoutSeconds: 120}
	recorder := &pulumimock.Recorder{Status: func(r pulumimock.Resource) resource.PropertyMap {
		if r.Kind() == "ServicePatch" {
			return resource.PropertyMap{"loadBalancer": resource.NewObjectProperty(resource.PropertyMap{
				"ingress": resource.NewArrayProperty([]resource.PropertyValue{resource.NewObjectProperty(ingress)}),
			})}
		}
		return nil
	}}
	var gateway *PortMappedGateway
	err := recorder.Run(func(ctx *pulumi.Context) error {
		var err error
		gateway, err = NewPortMappedGateway(ctx, "example", args)
		return err
	})
	require.NoError(t, err)
	return recorder, gateway
}

func TestAdvertisedHostFromTheLoadBalancer(t *testing.T) {
	recorder, gateway := renderWithLoadBalancer(t, resource.PropertyMap{"ip": resource.NewStringProperty("203.0.113.7")})

	patch := mustNamed(t, recorder, "example-dp-kafka-address")
	assert.Equal(t, "kubernetes:core/v1:ServicePatch", patch.Type)
	assert.Equal(t, map[string]any{
		"name": "example-dp-kafka", "namespace": "kong",
		"annotations": map[string]any{
			"pulumi.com/waitFor":        "jsonpath={.status.loadBalancer.ingress[0]}",
			"pulumi.com/patchForce":     "true",
			"pulumi.com/timeoutSeconds": "120",
		},
	}, patch.Plain()["metadata"], "the patch only waits: it sets annotations and nothing else")
	assert.NotContains(t, patch.Plain(), "spec")
	assert.True(t, patch.DependsOn(dataPlaneName), "the operator creates the Service for the data plane")

	policy := mustNamed(t, recorder, policyName)
	assert.Equal(t, "203.0.113.7", at(policy.Plain(), "spec", "apiSpec", "forwardToVirtualCluster", "config",
		"portMapping", "advertisedHost"))
	assert.True(t, policy.DependsOn("example-dp-kafka-address"), "the policy waits for the address")
	assert.False(t, mustNamed(t, recorder, dataPlaneName).DependsOn(policyName),
		"the data plane comes first: its Service is where the address comes from")

	assert.Equal(t, "203.0.113.7", await(t, gateway.AdvertisedHost))
	assert.Equal(t, map[string]string{"example_virtual_cluster": "203.0.113.7:9092"}, await(t, gateway.BootstrapServers))
}

func TestAdvertisedHostFromALoadBalancerHostName(t *testing.T) {
	_, gateway := renderWithLoadBalancer(t, resource.PropertyMap{"hostname": resource.NewStringProperty("lb-1.elb.example.com")})
	assert.Equal(t, "lb-1.elb.example.com", await(t, gateway.AdvertisedHost))
}

func TestAdvertisedHostIsOneOrTheOther(t *testing.T) {
	args := seedArgs()
	args.AdvertisedHostFromLoadBalancer = &LoadBalancerAddressArgs{}
	assert.ErrorContains(t, args.Validate("example"),
		"advertisedHostFromLoadBalancer: does not apply when advertisedHost is set: set one of them")
	args.AdvertisedHost = ""
	assert.NoError(t, args.Validate("example"))
}
