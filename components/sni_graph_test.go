package components

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/crdschema"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

func TestSniGatewayRegistersTheGraph(t *testing.T) {
	recorder, _ := renderSNI(t, "sni", seedSNIArgs(), nil)
	var registered []string
	for _, r := range recorder.Resources() {
		registered = append(registered, r.Kind()+"/"+r.Name)
	}
	assert.ElementsMatch(t, []string{
		"SniGateway/sni",
		"Secret/sni-konnect-token",
		"KonnectAPIAuthConfiguration/sni-konnect-auth",
		"KonnectEventGateway/sni-gateway",
		"EventGatewayBackendCluster/sni-backend",
		"EventGatewayVirtualCluster/sni-vc-tls-1",
		"EventGatewayListener/sni-listener",
		"EventGatewayListenerPolicy/sni-tls-server",
		"EventGatewayListenerPolicy/sni-forward",
		"KegDataPlane/sni-dp",
		"Gateway/sni-edge",
		"TLSRoute/sni-vc-tls-1-route",
	}, registered)
	for _, child := range recorder.Resources() {
		if child.Type == SniGatewayType {
			continue
		}
		assert.True(t, strings.HasSuffix(child.Parent, "::"+SniGatewayType+"::sni"), child.Name)
		assert.Equal(t, "kong", at(child.Plain(), "metadata", "namespace"), child.Name)
	}
}

func TestSniGatewayCreationOrder(t *testing.T) {
	recorder, _ := renderSNI(t, "teams", threeTeamsArgs(), nil)
	for name, dependencies := range map[string][]string{
		"teams-listener":   {"teams-gateway"},
		"teams-tls-server": {"teams-listener", "teams-tls"},
		// The operator appends policies to the listener's chain in creation order: tlsServer first.
		"teams-forward": {"teams-tls-server", "teams-team-a", "teams-team-b", "teams-team-c"},
		// The data plane reads its configuration at start-up: after every policy.
		"teams-dp":           {"teams-gateway", "teams-tls-server", "teams-forward"},
		"teams-team-a-route": {"teams-dp", "teams-edge"},
		"teams-team-c-dns":   {"teams-team-c-route"},
	} {
		registered := mustNamed(t, recorder, name)
		for _, dependency := range dependencies {
			assert.True(t, registered.DependsOn(dependency), "%s must depend on %s: %v", name, dependency,
				registered.Dependencies)
		}
	}
	assert.False(t, mustNamed(t, recorder, "teams-tls-server").DependsOn("teams-forward"))
}

func TestSniGatewayEdgeObjects(t *testing.T) {
	recorder, _ := renderSNI(t, "sni", seedSNIArgs(), nil)
	spec := func(name string) any { return at(mustNamed(t, recorder, name).Plain(), "spec") }

	assert.Equal(t, map[string]any{
		"gatewayClassName": "kong",
		"listeners": []any{map[string]any{
			"name": "kafka", "port": 9092.0, "protocol": "TLS", "tls": map[string]any{"mode": "Passthrough"},
			"allowedRoutes": map[string]any{
				"namespaces": map[string]any{"from": "Same"}, "kinds": []any{map[string]any{"kind": "TLSRoute"}},
			},
		}},
	}, spec("sni-edge"))
	assert.Equal(t, map[string]any{
		"parentRefs": []any{map[string]any{"name": "sni-edge", "sectionName": "kafka"}},
		"hostnames":  []any{"*.vc-tls-1.keg.example.com"},
		"rules": []any{map[string]any{"backendRefs": []any{
			map[string]any{"name": "sni-dp-kafka", "port": 19092.0},
		}}},
	}, spec("sni-vc-tls-1-route"))
	assert.Equal(t, "gateway.networking.k8s.io/v1", mustNamed(t, recorder, "sni-vc-tls-1-route").Plain()["apiVersion"])
	for _, name := range []string{"sni-edge", "sni-vc-tls-1-route"} {
		assert.Equal(t, map[string]any{eventgateway.PatchForceAnnotation: "true"},
			at(mustNamed(t, recorder, name).Plain(), "metadata", "annotations"),
			"%s takes its fields back from other managers, and waits for no Kong condition, and for no address "+
				"without DNS", name)
	}

	assert.Equal(t, []any{"19092"}, at(spec("sni-listener"), "apiSpec", "ports"))
	assert.Equal(t, map[string]any{"type": "ClusterIP", "ports": []any{
		map[string]any{"name": "kafka", "port": 19092.0, "targetPort": 19092.0},
	}}, at(spec("sni-dp"), "network", "services", "kafka"))
	assert.Equal(t, map[string]any{
		"name": "tls_server",
		"config": map[string]any{"certificates": []any{map[string]any{
			"certificate": map[string]any{"type": "secretRef", "secretRef": map[string]any{"name": "keg-tls", "key": "tls.crt"}},
			"key":         map[string]any{"type": "secretRef", "secretRef": map[string]any{"name": "keg-tls", "key": "tls.key"}},
		}}},
	}, at(spec("sni-tls-server"), "apiSpec", "tlsServer"))
}

func TestSniGatewayCertificateAndDNS(t *testing.T) {
	recorder := &pulumimock.Recorder{Status: func(r pulumimock.Resource) resource.PropertyMap {
		if r.Kind() != "Gateway" {
			return nil
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"addresses": []any{map[string]any{"type": "IPAddress", "value": "203.0.113.7"}},
		})
	}}
	recorder, gateway := renderSNI(t, "teams", threeTeamsArgs(), recorder)

	certificate := mustNamed(t, recorder, "teams-tls").Plain()
	assert.Equal(t, "cert-manager.io/v1", certificate["apiVersion"])
	assert.Equal(t, map[string]any{
		"secretName":     "teams-tls",
		"issuerRef":      map[string]any{"name": "letsencrypt", "kind": "ClusterIssuer"},
		"dnsNames":       []any{"*.team-a.keg.example.com", "*.team-b.keg.example.com", "*.c.keg.example.com"},
		"secretTemplate": map[string]any{"labels": map[string]any{"konghq.com/secret": "true"}},
	}, certificate["spec"])
	assert.Equal(t, "condition=Ready", at(certificate, "metadata", "annotations", eventgateway.WaitForAnnotation))

	edge := mustNamed(t, recorder, "teams-edge").Plain()
	assert.Equal(t, eventgateway.GatewayAddressWaitFor, at(edge, "metadata", "annotations", eventgateway.WaitForAnnotation),
		"DNS needs the address the controller reports")

	dns := mustNamed(t, recorder, "teams-team-c-dns").Plain()
	assert.Equal(t, "externaldns.k8s.io/v1alpha1", dns["apiVersion"])
	assert.Equal(t, map[string]any{"endpoints": []any{map[string]any{
		"dnsName": "*.c.keg.example.com", "recordType": "A", "targets": []any{"203.0.113.7"}, "recordTTL": 60.0,
	}}}, dns["spec"])
	assert.Equal(t, map[string]any{"dns": "public"}, at(dns, "metadata", "labels"))

	assert.Equal(t, "203.0.113.7", await(t, gateway.GatewayAddress))
	assert.Equal(t, []string{"*.team-a.keg.example.com", "*.team-b.keg.example.com", "*.c.keg.example.com"},
		await(t, gateway.DNSRecordNames))
	assert.Equal(t, map[string]string{"team_a": "teams-team-a-dns", "team_b": "teams-team-b-dns", "team_c": "teams-team-c-dns"},
		await(t, gateway.DNSEndpointNames))
}

func TestSniGatewayAttachesToAnExistingGateway(t *testing.T) {
	args := threeTeamsArgs()
	args.BrokerHostFormat = eventgateway.BrokerHostSharedSuffix
	args.Edge = EdgeArgs{
		ExistingGateway: &ExistingGatewayArgs{Name: "shared", Namespace: "edge", SectionName: "kafka-tls"},
		Port:            443, Address: "kafka.example.net", RouteAPIVersion: eventgateway.TLSRouteV1Alpha2,
	}
	recorder, gateway := renderSNI(t, "teams", args, nil)

	_, created := recorder.Named("teams-edge")
	assert.False(t, created, "an existing Gateway is not created")
	route := mustNamed(t, recorder, "teams-team-c-route").Plain()
	assert.Equal(t, "gateway.networking.k8s.io/v1alpha2", route["apiVersion"])
	assert.Equal(t, []any{map[string]any{"name": "shared", "namespace": "edge", "sectionName": "kafka-tls"}},
		at(route, "spec", "parentRefs"))
	assert.Equal(t, []any{"bootstrap-c.keg.example.com", "broker-0-c.keg.example.com", "broker-1-c.keg.example.com",
		"broker-2-c.keg.example.com"}, at(route, "spec", "hostnames"), "shared_suffix routes name every host")
	records := at(mustNamed(t, recorder, "teams-team-c-dns").Plain(), "spec", "endpoints").([]any)
	require.Len(t, records, 4)
	assert.Equal(t, map[string]any{"dnsName": "bootstrap-c.keg.example.com", "recordType": "CNAME",
		"targets": []any{"kafka.example.net"}, "recordTTL": 60.0}, records[0])
	assert.Equal(t, 443.0, at(mustNamed(t, recorder, "teams-forward").Plain(),
		"spec", "apiSpec", "forwardToVirtualCluster", "config", "sni", "advertisedPort"))
	assert.Equal(t, []string{"*.keg.example.com"}, await(t, gateway.CertificateDNSNames),
		"one wildcard covers every cluster under shared_suffix")
	assert.Equal(t, map[string]string{"team_a": "bootstrap-team-a.keg.example.com:443",
		"team_b": "bootstrap-team-b.keg.example.com:443", "team_c": "bootstrap-c.keg.example.com:443"},
		await(t, gateway.BootstrapServers))
	assert.Equal(t, "shared", await(t, gateway.EdgeGatewayName))
	assert.Equal(t, "edge", await(t, gateway.EdgeGatewayNamespace))
	assert.Equal(t, "kafka.example.net", await(t, gateway.GatewayAddress))
}

func TestSniGatewayKeepsSecretsSecret(t *testing.T) {
	args := threeTeamsArgs()
	args.VirtualClusters[0].Authentication = []eventgateway.VirtualClusterAuthentication{{
		Type: eventgateway.VirtualClusterAuthSaslPlain,
		SaslPlain: &eventgateway.VirtualClusterSaslPlain{
			Mediation:  eventgateway.SaslPlainTerminate,
			Principals: []eventgateway.Principal{{Username: "alice", Password: "alice-password"}},
		},
	}}
	recorder, _ := renderSNI(t, "teams", args, nil)
	assert.True(t, pulumimock.IsSecret(mustNamed(t, recorder, "teams-konnect-token").Inputs, "data", "token"))
	assert.True(t, pulumimock.IsSecret(mustNamed(t, recorder, "teams-team-a").Inputs,
		"spec", "apiSpec", "authentication", 0, "saslPlain", "principals", 0, "password"))
	for _, registered := range recorder.Resources() {
		if registered.Name == "teams-konnect-token" {
			continue
		}
		raw, err := json.Marshal(registered.Plain())
		require.NoError(t, err)
		assert.NotContains(t, string(raw), seedToken, registered.Name)
	}
}

func TestSniGatewayRendersValidKongCustomResources(t *testing.T) {
	validator, err := crdschema.Load(crdschema.Dir("../../shared/crds/kong-operator"))
	if err != nil {
		t.Skipf("CRDs not available (set %s): %v", crdschema.DirEnv, err)
	}
	recorder, _ := renderSNI(t, "teams", threeTeamsArgs(), nil)
	for _, registered := range recorder.Resources() {
		if strings.Contains(registered.Type, ".konghq.com/") {
			assert.NoError(t, validator.Validate(registered.Plain()), registered.Name)
		}
	}
}
