package components

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSeedListenerPolicyMatchesKongDocs renders Kong's port-mapping example and compares the listener policy with
// the YAML on Kong's page, field for field, and the data-plane Service ports with the ones the page lists.
func TestSeedListenerPolicyMatchesKongDocs(t *testing.T) {
	recorder, _ := render(t, "example", seedArgs())
	want := readYAML(t, "testdata/seed-listener-policy.yaml")

	policy := mustNamed(t, recorder, "example-example-virtual-cluster-forward").Plain()
	assert.Equal(t, "EventGatewayListenerPolicy", policy["kind"])
	assert.Equal(t, want["apiVersion"], policy["apiVersion"])
	assert.Equal(t, at(want, "metadata", "namespace"), at(policy, "metadata", "namespace"))
	assert.Equal(t, at(want, "spec", "apiSpec"), at(policy, "spec", "apiSpec"))

	wantRef := at(want, "spec", "eventGatewayListenerRef").(map[string]any)
	wantRef["namespacedRef"] = map[string]any{"name": "example-example-virtual-cluster-listener"}
	assert.Equal(t, wantRef, at(policy, "spec", "eventGatewayListenerRef"))

	dataPlane := mustNamed(t, recorder, "example-dp").Plain()
	ports := at(dataPlane, "spec", "network", "services", "kafka", "ports").([]any)
	var numbers []float64
	for _, port := range ports {
		numbers = append(numbers, at(port, "port").(float64))
	}
	assert.Equal(t, []float64{9092, 9093, 9094, 9095}, numbers, "9092 bootstrap, 9093-9095 brokers 0-2")
	assert.Equal(t, "LoadBalancer", at(dataPlane, "spec", "network", "services", "kafka", "type"))
}
