package components

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

// fullArgs sets every option: two virtual clusters (the second without a bootstrap port), SASL/SCRAM and TLS
// towards the brokers, broker ids from 1, and every data-plane option.
func fullArgs() PortMappedGatewayArgs {
	replicas := 2
	wait := false
	return PortMappedGatewayArgs{
		Konnect:        KonnectArgs{Token: pulumi.String("spat_team"), ServerURL: "https://us.api.konghq.com"},
		AdvertisedHost: "kafka.example.com",
		Namespace:      "event-gateway",
		Labels:         map[string]string{"app.kubernetes.io/part-of": "keg"},
		Gateway: &GatewayArgs{
			Name: "Team gateway", Description: "two teams", KonnectLabels: map[string]string{"env": "test"},
			MinRuntimeVersion: "1.2",
		},
		BasePort: 19092,
		BackendCluster: BackendClusterArgs{
			Name: "kafka", BootstrapServers: []string{"kafka:9093"}, BrokerCount: 3, MinBrokerID: 1,
			Authentication: &eventgateway.BackendClusterAuthentication{
				Type: eventgateway.BackendClusterAuthSaslScram,
				SaslScram: &eventgateway.BackendClusterSaslScram{
					Algorithm: eventgateway.SaslScramSHA512, Username: "gateway", Password: "backend-password",
				},
			},
			TLS: &eventgateway.BackendClusterTLS{
				Enabled: eventgateway.Enabled, TLSVersions: []eventgateway.TLSVersion{eventgateway.TLSVersion13},
				ClientIdentity: &eventgateway.CertificateKeyPair{
					Certificate: eventgateway.FromSecretKey("kafka-client", "tls.crt"),
					Key:         eventgateway.FromSecretKey("kafka-client", "tls.key"),
				},
			},
			MetadataUpdateIntervalSeconds: 30,
		},
		VirtualClusters: []VirtualClusterArgs{
			{
				Name: "team_a", ACLMode: eventgateway.ACLModePassthrough,
				Authentication: []eventgateway.VirtualClusterAuthentication{{
					Type: eventgateway.VirtualClusterAuthSaslPlain,
					SaslPlain: &eventgateway.VirtualClusterSaslPlain{
						Mediation:  eventgateway.SaslPlainTerminate,
						Principals: []eventgateway.Principal{{Username: "alice", Password: "alice-password"}},
					},
				}},
				Namespace: &eventgateway.VirtualClusterNamespace{Mode: eventgateway.NamespaceHidePrefix, Prefix: "a."},
			},
			{Name: "team_b", DNSLabel: "b", BootstrapPort: eventgateway.BootstrapPortNone, Port: 19096},
		},
		DataPlane: &DataPlaneArgs{
			Replicas: &replicas, Image: "kong/kong-event-gateway:1.2.1",
			Resources:             &ContainerResources{Requests: map[string]string{"cpu": "250m"}, Limits: map[string]string{"memory": "512Mi"}},
			ServiceAnnotations:    map[string]string{"service.beta.kubernetes.io/aws-load-balancer-scheme": "internal"},
			ExternalTrafficPolicy: eventgateway.TrafficPolicyLocal,
			Config:                &eventgateway.DataPlaneConfig{Observability: &eventgateway.DataPlaneObservability{LogFlags: eventgateway.LogDebug}},
		},
		WaitForProgrammed: &wait,
	}
}

func TestMultipleVirtualClustersShareOneService(t *testing.T) {
	recorder, gateway := render(t, "teams", fullArgs())

	ports := at(mustNamed(t, recorder, "teams-dp").Plain(), "spec", "network", "services", "kafka", "ports").([]any)
	var got []map[string]any
	for _, port := range ports {
		got = append(got, map[string]any{"name": at(port, "name"), "port": at(port, "port")})
	}
	assert.Equal(t, []map[string]any{
		{"name": "kafka", "port": 19092.0},
		{"name": "broker-19093", "port": 19093.0},
		{"name": "broker-19094", "port": 19094.0},
		{"name": "broker-19095", "port": 19095.0},
		{"name": "broker-19096", "port": 19096.0},
		{"name": "broker-19097", "port": 19097.0},
		{"name": "broker-19098", "port": 19098.0},
	}, got)

	assert.Equal(t, map[string]string{"team_a": "19092-19095", "team_b": "19096-19098"}, await(t, gateway.ListenerPorts))
	assert.Equal(t, map[string]string{
		"team_a": "kafka.example.com:19092",
		"team_b": "kafka.example.com:19096,kafka.example.com:19097,kafka.example.com:19098",
	}, await(t, gateway.BootstrapServers))

	portMapping := at(mustNamed(t, recorder, "teams-team-b-forward").Plain(),
		"spec", "apiSpec", "forwardToVirtualCluster", "config", "portMapping")
	assert.Equal(t, map[string]any{
		"advertisedHost": "kafka.example.com", "bootstrapPort": "none", "minBrokerID": 1.0,
		"destination": map[string]any{"name": "team_b"},
	}, portMapping)
}

func TestFullArgsReachTheCustomResources(t *testing.T) {
	recorder, _ := render(t, "teams", fullArgs())

	backend := mustNamed(t, recorder, "teams-backend")
	assert.True(t, pulumimock.IsSecret(backend.Inputs, "spec", "apiSpec", "authentication", "saslScram", "password"))
	assert.Equal(t, "Enabled", at(backend.Plain(), "spec", "apiSpec", "insecureAllowAnonymousVirtualClusterAuth"),
		"team_b defaults to anonymous auth")
	teamA := mustNamed(t, recorder, "teams-team-a")
	assert.True(t, pulumimock.IsSecret(teamA.Inputs,
		"spec", "apiSpec", "authentication", 0, "saslPlain", "principals", 0, "password"))

	dataPlane := at(mustNamed(t, recorder, "teams-dp").Plain(), "spec")
	assert.Equal(t, 2.0, at(dataPlane, "deployment", "replicas"))
	assert.Equal(t, []any{map[string]any{
		"name": "keg", "image": "kong/kong-event-gateway:1.2.1",
		"resources": map[string]any{"requests": map[string]any{"cpu": "250m"}, "limits": map[string]any{"memory": "512Mi"}},
	}}, at(dataPlane, "deployment", "podTemplateSpec", "spec", "containers"))
	assert.Equal(t, "Local", at(dataPlane, "network", "services", "kafka", "externalTrafficPolicy"))
	assert.Equal(t, "debug", at(dataPlane, "config", "observability", "logFlags"))
	assert.Equal(t, "Team gateway", at(mustNamed(t, recorder, "teams-gateway").Plain(), "spec", "apiSpec", "name"))
	assert.Equal(t, "event-gateway", at(teamA.Plain(), "metadata", "namespace"))
}
