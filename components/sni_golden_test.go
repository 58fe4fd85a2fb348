package components

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSeedSNIPolicyMatchesKongDocs renders Kong's SNI example and compares the forwarding policy with the YAML on
// Kong's page, field for field.
func TestSeedSNIPolicyMatchesKongDocs(t *testing.T) {
	recorder, _ := renderSNI(t, "sni", seedSNIArgs(), nil)
	want := readYAML(t, "testdata/seed-sni-listener-policy.yaml")

	policy := mustNamed(t, recorder, "sni-forward").Plain()
	assert.Equal(t, want["kind"], policy["kind"])
	assert.Equal(t, want["apiVersion"], policy["apiVersion"])
	assert.Equal(t, at(want, "metadata"), map[string]any{
		"name": at(policy, "metadata", "name"), "namespace": at(policy, "metadata", "namespace"),
	}, "same name and namespace")
	assert.Equal(t, at(want, "spec"), at(policy, "spec"))
}

// TestSeedSNIOutputsAreKongsHostNames checks the client connection info against the names on Kong's page.
func TestSeedSNIOutputsAreKongsHostNames(t *testing.T) {
	_, gateway := renderSNI(t, "sni", seedSNIArgs(), nil)
	assert.Equal(t, map[string]string{"vc_tls_1": "bootstrap.vc-tls-1.keg.example.com:9092"},
		await(t, gateway.BootstrapServers))
	assert.Equal(t, map[string][]string{"vc_tls_1": {
		"broker-0.vc-tls-1.keg.example.com:9092",
		"broker-1.vc-tls-1.keg.example.com:9092",
		"broker-2.vc-tls-1.keg.example.com:9092",
	}}, await(t, gateway.BrokerAddresses))
	assert.Equal(t, 9092, await(t, gateway.AdvertisedPort))
	assert.Equal(t, 19092, await(t, gateway.ListenPort))
	assert.Equal(t, map[string][]string{"vc_tls_1": {"*.vc-tls-1.keg.example.com"}}, await(t, gateway.RouteHostnames))
	assert.Equal(t, []string{"*.vc-tls-1.keg.example.com"}, await(t, gateway.DNSRecordNames))
	assert.Empty(t, await(t, gateway.CertificateDNSNames), "the user's Secret declares no names")
	assert.Equal(t, "keg-tls", await(t, gateway.TLSSecretName))
	assert.Equal(t, "", await(t, gateway.CertificateName))
	assert.Equal(t, "sni-edge", await(t, gateway.EdgeGatewayName))
	assert.Equal(t, "kong", await(t, gateway.EdgeGatewayNamespace))
	assert.Equal(t, "sni-dp-kafka", await(t, gateway.DataPlaneServiceName))
	assert.Equal(t, map[string]string{"vc_tls_1": "sni-vc-tls-1-route"}, await(t, gateway.TLSRouteNames))
	assert.Equal(t, map[string]string{}, await(t, gateway.DNSEndpointNames))
	assert.Equal(t, "", await(t, gateway.GatewayAddress), "no controller has reported one")
}
