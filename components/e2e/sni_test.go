package e2e

import (
	"slices"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// principalPassword is a virtual-cluster password; it must never reach the state in plain text.
const principalPassword = "alice-e2e-password"

// sniArgs are three virtual clusters behind one created Gateway listener, a cert-manager certificate and DNS
// records in namespace, without waiting for an operator.
func sniArgs(namespace string) components.SniGatewayArgs {
	wait := false
	return components.SniGatewayArgs{
		Konnect:   components.KonnectArgs{Token: pulumi.String(token), ServerURL: "eu.api.konghq.com"},
		SNISuffix: ".keg.example.com",
		BackendCluster: components.BackendClusterArgs{
			BootstrapServers: []string{"kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"},
			BrokerCount:      3,
		},
		VirtualClusters: []components.SniVirtualClusterArgs{
			{Name: "team_a", Authentication: []eventgateway.VirtualClusterAuthentication{{
				Type: eventgateway.VirtualClusterAuthSaslPlain,
				SaslPlain: &eventgateway.VirtualClusterSaslPlain{
					Mediation:  eventgateway.SaslPlainTerminate,
					Principals: []eventgateway.Principal{{Username: "alice", Password: principalPassword}},
				},
			}}},
			{Name: "team_b"},
			{Name: "team_c"},
		},
		Namespace:         namespace,
		Edge:              components.EdgeArgs{GatewayClassName: "kong"},
		TLS:               components.SniTLSArgs{Issuer: &components.IssuerArgs{Name: "e2e-ca", Kind: "ClusterIssuer"}},
		DNS:               &components.DNSArgs{TTL: 60},
		WaitForProgrammed: &wait,
	}
}

// teamObjects are the objects one virtual cluster of the SniGateway "sni" owns.
func teamObjects(team string) []object {
	return []object{
		{virtualClusterKind, "sni-" + team}, {routeKind, "sni-" + team + "-route"}, {dnsEndpointKind, "sni-" + team + "-dns"},
	}
}

// TestSniGatewayLifecycle is the SNI acceptance: the API server accepts the whole graph, three virtual clusters
// behind one Gateway listener get distinct host names, routes, certificate names and DNS records pointing at the
// address the Gateway controller reports, a second up changes nothing, removing a virtual cluster removes exactly
// its objects, and destroy leaves nothing behind.
func TestSniGatewayLifecycle(t *testing.T) {
	ctx := testContext(t)
	const ns, address = "e2e-sni", "203.0.113.10"
	createNamespace(t, ctx, ns)
	args := sniArgs(ns)
	stack, err := local.Env.Stack(ctx, "e2e-sni", "dev", func(ctx *pulumi.Context) error {
		gateway, err := components.NewSniGateway(ctx, "sni", args)
		if err != nil {
			return err
		}
		ctx.Export("bootstrapServers", gateway.BootstrapServers)
		ctx.Export("gatewayAddress", gateway.GatewayAddress)
		return nil
	})
	require.NoError(t, err)

	controller := playGatewayController(ctx, ns, "sni-edge", address)
	up, err := stack.Up(ctx)
	require.NoError(t, err, up.Stdout)
	require.NoError(t, <-controller)

	objects := []object{
		{secretKind, "sni-konnect-token"}, {authKind, "sni-konnect-auth"}, {konnectGatewayKind, "sni-gateway"},
		{backendKind, "sni-backend"}, {listenerKind, "sni-listener"}, {policyKind, "sni-tls-server"},
		{policyKind, "sni-forward"}, {dataPlaneKind, "sni-dp"}, {gatewayKind, "sni-edge"}, {certificateKind, "sni-tls"},
	}
	for _, team := range []string{"team-a", "team-b", "team-c"} {
		objects = append(objects, teamObjects(team)...)
	}
	requireObjects(t, ctx, ns, objects)

	edge := get(t, ctx, gatewayKind, ns, "sni-edge")
	assert.Equal(t, []any{map[string]any{
		"name": "kafka", "port": int64(9092), "protocol": "TLS", "tls": map[string]any{"mode": "Passthrough"},
		"allowedRoutes": map[string]any{
			"namespaces": map[string]any{"from": "Same"},
			"kinds":      []any{map[string]any{"group": "gateway.networking.k8s.io", "kind": "TLSRoute"}},
		},
	}}, field(t, edge, "spec", "listeners"))
	assert.Equal(t, int64(9092), field(t, get(t, ctx, policyKind, ns, "sni-forward"),
		"spec", "apiSpec", "forwardToVirtualCluster", "config", "sni", "advertisedPort"), "the Gateway's port")
	assert.Equal(t, []any{"*.team-a.keg.example.com", "*.team-b.keg.example.com", "*.team-c.keg.example.com"},
		field(t, get(t, ctx, certificateKind, ns, "sni-tls"), "spec", "dnsNames"))
	for _, team := range []string{"team-a", "team-b", "team-c"} {
		host := "*." + team + ".keg.example.com"
		assert.Equal(t, team, field(t, get(t, ctx, virtualClusterKind, ns, "sni-"+team), "spec", "apiSpec", "dnsLabel"))
		route := get(t, ctx, routeKind, ns, "sni-"+team+"-route")
		assert.Equal(t, []any{host}, field(t, route, "spec", "hostnames"))
		assert.Equal(t, []any{map[string]any{
			"backendRefs": []any{map[string]any{
				"group": "", "kind": "Service", "name": "sni-dp-kafka", "port": int64(19092), "weight": int64(1),
			}},
		}}, field(t, route, "spec", "rules"))
		assert.Equal(t, []any{map[string]any{
			"dnsName": host, "recordType": "A", "targets": []any{address}, "recordTTL": int64(60),
		}}, field(t, get(t, ctx, dnsEndpointKind, ns, "sni-"+team+"-dns"), "spec", "endpoints"))
	}
	assert.Equal(t, map[string]any{
		"team_a": "bootstrap.team-a.keg.example.com:9092",
		"team_b": "bootstrap.team-b.keg.example.com:9092",
		"team_c": "bootstrap.team-c.keg.example.com:9092",
	}, up.Outputs["bootstrapServers"].Value)
	assert.Equal(t, address, up.Outputs["gatewayAddress"].Value)

	again, err := stack.Up(ctx)
	require.NoError(t, err, again.Stdout)
	assert.Zero(t, again.Creates+again.Updates+again.Deletes+again.Replaces, again.Stdout)

	export, err := stack.ExportJSON(ctx)
	require.NoError(t, err)
	requireNoPlainSecrets(t, export, token, principalPassword)

	args.VirtualClusters = []components.SniVirtualClusterArgs{args.VirtualClusters[0], args.VirtualClusters[2]}
	removed, err := stack.Up(ctx)
	require.NoError(t, err, removed.Stdout)
	assert.Equal(t, 3, removed.Deletes, "team_b's virtual cluster, route and DNS records: %s", removed.Stdout)
	assert.Equal(t, 1, removed.Updates, "the certificate's names: %s", removed.Stdout)
	assert.Zero(t, removed.Creates+removed.Replaces, removed.Stdout)
	for _, gone := range teamObjects("team-b") {
		assert.NotContains(t, names(t, ctx, gone.kind, ns), gone.name)
	}
	requireObjects(t, ctx, ns, append(teamObjects("team-a"), teamObjects("team-c")...))
	assert.Equal(t, []any{"*.team-a.keg.example.com", "*.team-c.keg.example.com"},
		field(t, get(t, ctx, certificateKind, ns, "sni-tls"), "spec", "dnsNames"))

	// A team added first in the list gets its own objects; the others' host names, routes and records stay.
	args.VirtualClusters = append([]components.SniVirtualClusterArgs{{Name: "team_z"}}, args.VirtualClusters...)
	added, err := stack.Up(ctx)
	require.NoError(t, err, added.Stdout)
	assert.Equal(t, 3, added.Creates, "team_z's virtual cluster, route and DNS records: %s", added.Stdout)
	assert.Equal(t, 1, added.Updates, "the certificate's names: %s", added.Stdout)
	assert.Zero(t, added.Deletes+added.Replaces, added.Stdout)
	assert.Equal(t, map[string]any{
		"team_z": "bootstrap.team-z.keg.example.com:9092",
		"team_a": "bootstrap.team-a.keg.example.com:9092",
		"team_c": "bootstrap.team-c.keg.example.com:9092",
	}, added.Outputs["bootstrapServers"].Value)
	requireObjects(t, ctx, ns, slices.Concat(teamObjects("team-z"), teamObjects("team-a"), teamObjects("team-c")))

	_, err = stack.Destroy(ctx)
	require.NoError(t, err)
	requireEmpty(t, ctx, ns)
}
