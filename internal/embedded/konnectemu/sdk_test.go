package konnectemu

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	sdkkonnectgo "github.com/Kong/sdk-konnect-go"
	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSDKLifecycle drives every main entity through the real sdk-konnect-go v0.50.0 client.
func TestSDKLifecycle(t *testing.T) {
	emu := newEmulator(t)
	c := emu.SDK()
	ctx := t.Context()
	str := sdkkonnectgo.String

	me, err := c.Me.GetOrganizationsMe(ctx)
	require.NoError(t, err)
	assert.Equal(t, emu.OrganizationID(), *me.MeOrganization.ID)

	gw, err := c.EventGateways.CreateEventGateway(ctx, components.CreateGatewayRequest{Name: "gw", Labels: map[string]string{"env": "test"}})
	require.NoError(t, err)
	gwID := gw.EventGatewayInfo.ID
	assert.Equal(t, defaultMinRuntimeVersion, gw.EventGatewayInfo.MinRuntimeVersion)

	bc, err := c.EventGatewayBackendClusters.CreateEventGatewayBackendCluster(ctx, gwID, &components.CreateBackendClusterRequest{
		Name: "bc",
		Authentication: components.CreateBackendClusterAuthenticationSchemeSaslPlain(components.BackendClusterAuthenticationSaslPlain{
			Username: "user", Password: "s3cret",
		}),
		InsecureAllowAnonymousVirtualClusterAuth: sdkkonnectgo.Bool(true),
		BootstrapServers:                         []string{"kafka:9092"},
		TLS:                                      components.BackendClusterTLS{Enabled: false},
	})
	require.NoError(t, err)
	bcID := bc.BackendCluster.ID
	require.NotNil(t, bc.BackendCluster.Authentication.BackendClusterAuthenticationSaslPlainSensitiveDataAware)
	assert.Nil(t, bc.BackendCluster.Authentication.BackendClusterAuthenticationSaslPlainSensitiveDataAware.Password, "secrets are never returned")
	assert.Equal(t, int64(60), *bc.BackendCluster.MetadataUpdateIntervalSeconds)

	vc, err := c.EventGatewayVirtualClusters.CreateEventGatewayVirtualCluster(ctx, gwID, &components.CreateVirtualClusterRequest{
		Name: "vc",
		Destination: components.CreateBackendClusterReferenceModifyBackendClusterReferenceByName(
			components.BackendClusterReferenceByName{Name: "bc"}),
		Authentication: []components.VirtualClusterAuthenticationScheme{
			components.CreateVirtualClusterAuthenticationSchemeAnonymous(components.VirtualClusterAuthenticationAnonymous{}),
		},
		ACLMode:  components.VirtualClusterACLModePassthrough,
		DNSLabel: "vc",
	})
	require.NoError(t, err)
	vcID := vc.VirtualCluster.ID
	assert.Equal(t, components.BackendClusterReference{ID: bcID, Name: "bc"}, vc.VirtualCluster.Destination)

	lis, err := c.EventGatewayListeners.CreateEventGatewayListener(ctx, gwID, &components.CreateEventGatewayListenerRequest{
		Name:      "lis",
		Addresses: []string{"0.0.0.0"},
		Ports:     []components.EventGatewayListenerPort{components.CreateEventGatewayListenerPortStr("9092-9095")},
	})
	require.NoError(t, err)
	lisID := lis.EventGatewayListener.ID

	tlsPolicy, err := c.EventGatewayListenerPolicies.CreateEventGatewayListenerPolicy(ctx, operations.CreateEventGatewayListenerPolicyRequest{
		GatewayID: gwID, ListenerID: lisID,
		EventGatewayListenerPolicyCreate: components.CreateEventGatewayListenerPolicyCreateTLSServer(components.EventGatewayTLSListenerPolicy{
			Name: str("tls"),
			Config: components.EventGatewayTLSListenerPolicyConfig{
				Certificates: []components.TLSCertificate{{Certificate: "${vault.env['CERT']}", Key: "plain-private-key"}},
			},
		}),
	})
	require.NoError(t, err)
	tlsID := tlsPolicy.EventGatewayListenerPolicy.ID
	rawTLS, err := io.ReadAll(tlsPolicy.RawResponse.Body)
	require.NoError(t, err)
	assert.Contains(t, string(rawTLS), `"certificate":"${vault.env['CERT']}"`, "expressions are returned")
	assert.NotContains(t, string(rawTLS), "plain-private-key", "plain secrets are not")

	_, err = c.EventGatewayListenerPolicies.CreateEventGatewayListenerPolicy(ctx, operations.CreateEventGatewayListenerPolicyRequest{
		GatewayID: gwID, ListenerID: lisID,
		EventGatewayListenerPolicyCreate: components.CreateEventGatewayListenerPolicyCreateForwardToVirtualCluster(components.ForwardToVirtualClusterPolicy{
			Name: str("forward"),
			Config: components.CreateForwardToVirtualClusterPolicyConfigPortMapping(components.ForwardToClusterByPortMappingConfig{
				Destination: components.CreateVirtualClusterReferenceVirtualClusterReferenceByID(
					components.VirtualClusterReferenceByID{ID: vcID}),
				AdvertisedHost: "localhost",
			}),
		}),
	})
	require.NoError(t, err)

	setHeader := []components.EventGatewayModifyHeaderAction{components.CreateEventGatewayModifyHeaderActionSet(
		components.EventGatewayModifyHeaderSetAction{Key: "x-env", Value: "test"})}
	consume, err := c.EventGatewayVirtualClusterConsumePolicies.CreateEventGatewayVirtualClusterConsumePolicy(ctx,
		operations.CreateEventGatewayVirtualClusterConsumePolicyRequest{
			GatewayID: gwID, VirtualClusterID: vcID,
			EventGatewayConsumePolicyCreate: sdkkonnectgo.Pointer(components.CreateEventGatewayConsumePolicyCreateModifyHeaders(
				components.EventGatewayModifyHeadersPolicyCreate{
					Name: str("consume"), Config: components.EventGatewayModifyHeadersPolicyCreateConfig{Actions: setHeader},
				})),
		})
	require.NoError(t, err)
	_, err = c.EventGatewayVirtualClusterProducePolicies.CreateEventGatewayVirtualClusterProducePolicy(ctx,
		operations.CreateEventGatewayVirtualClusterProducePolicyRequest{
			GatewayID: gwID, VirtualClusterID: vcID,
			EventGatewayProducePolicyCreate: sdkkonnectgo.Pointer(components.CreateEventGatewayProducePolicyCreateModifyHeaders(
				components.EventGatewayModifyHeadersPolicyCreate{
					Name: str("produce"), Config: components.EventGatewayModifyHeadersPolicyCreateConfig{Actions: setHeader},
				})),
		})
	require.NoError(t, err)

	key, err := c.EventGatewayStaticKeys.CreateEventGatewayStaticKey(ctx, gwID, &components.EventGatewayStaticKeyCreate{
		Name: "key", Value: "c2VjcmV0LWtleS1vZi0zMi1ieXRlcy1sb25nLi4uLg==",
	})
	require.NoError(t, err)
	assert.Nil(t, key.EventGatewayStaticKey.Value, "static key values are never returned")

	// Read, update (the password may be omitted: Konnect keeps it), list, patch.
	got, err := c.EventGatewayBackendClusters.GetEventGatewayBackendCluster(ctx, gwID, bcID)
	require.NoError(t, err)
	assert.Equal(t, []string{"kafka:9092"}, got.BackendCluster.BootstrapServers)
	_, err = c.EventGatewayBackendClusters.UpdateEventGatewayBackendCluster(ctx, operations.UpdateEventGatewayBackendClusterRequest{
		GatewayID: gwID, BackendClusterID: bcID,
		UpdateBackendClusterRequest: &components.UpdateBackendClusterRequest{
			Name: "bc",
			Authentication: components.CreateBackendClusterAuthenticationSensitiveDataAwareSchemeSaslPlain(
				components.BackendClusterAuthenticationSaslPlainSensitiveDataAware{Username: "user"}),
			BootstrapServers: []string{"kafka-0:9092", "kafka-1:9092"},
			TLS:              components.BackendClusterTLS{Enabled: true},
		},
	})
	require.NoError(t, err)
	assert.Equal(t, "s3cret", findObject(t, emu, KindBackendCluster, bcID).Body["authentication"].(obj)["password"])

	bcs, err := c.EventGatewayBackendClusters.ListEventGatewayBackendClusters(ctx, operations.ListEventGatewayBackendClustersRequest{
		GatewayID: gwID,
		Filter:    &components.EventGatewayCommonFilter{Name: &components.StringFieldContainsFilter{Contains: "b"}},
	})
	require.NoError(t, err)
	require.Len(t, bcs.ListBackendClustersResponse.Data, 1)
	assert.Equal(t, []string{"kafka-0:9092", "kafka-1:9092"}, bcs.ListBackendClustersResponse.Data[0].BootstrapServers)

	policies, err := c.EventGatewayListenerPolicies.ListEventGatewayListenerPolicies(ctx, operations.ListEventGatewayListenerPoliciesRequest{
		GatewayID: gwID, ListenerID: lisID,
	})
	require.NoError(t, err)
	require.Len(t, policies.ListEventGatewayListenerPoliciesResponse, 2)
	assert.Equal(t, tlsID, policies.ListEventGatewayListenerPoliciesResponse[0].ID)

	patched, err := c.EventGatewayVirtualClusterConsumePolicies.PatchEventGatewayVirtualClusterConsumePolicy(ctx,
		operations.PatchEventGatewayVirtualClusterConsumePolicyRequest{
			GatewayID: gwID, VirtualClusterID: vcID, PolicyID: consume.EventGatewayPolicy.ID,
			EventGatewayPolicyPatch: &components.EventGatewayPolicyPatch{Enabled: sdkkonnectgo.Bool(false)},
		})
	require.NoError(t, err)
	assert.False(t, *patched.EventGatewayPolicy.Enabled)
	assert.Equal(t, "consume", *patched.EventGatewayPolicy.Name)

	nodeID, err := emu.SeedNode(gwID, Node{Errors: []NodeError{{Name: "config", Message: "boom"}}})
	require.NoError(t, err)
	nodeErrs, err := c.EventGatewayNodes.ListEventGatewayNodeErrors(ctx, gwID, nodeID)
	require.NoError(t, err)
	assert.Equal(t, "boom", nodeErrs.ListEventGatewayNodeErrorsResponse.Data[0].Message)
	status, err := c.EventGatewayNodes.GetEventGatewayNodeStatus(ctx, gwID, nodeID)
	require.NoError(t, err)
	assert.NotEmpty(t, status.EventGatewayNodeStatus.ConfigVersion)
	info, err := c.EventGateways.GetEventGateway(ctx, gwID)
	require.NoError(t, err)
	assert.Equal(t, int64(1), info.EventGatewayInfo.NodesTotal)
	assert.Equal(t, int64(1), info.EventGatewayInfo.VirtualClustersTotal)

	// Delete in dependency order, then the gateway.
	_, err = c.EventGatewayListeners.DeleteEventGatewayListener(ctx, gwID, lisID)
	require.NoError(t, err)
	_, err = c.EventGatewayVirtualClusters.DeleteEventGatewayVirtualCluster(ctx, gwID, vcID)
	require.NoError(t, err)
	_, err = c.EventGatewayBackendClusters.DeleteEventGatewayBackendCluster(ctx, gwID, bcID)
	require.NoError(t, err)
	_, err = c.EventGatewayBackendClusters.GetEventGatewayBackendCluster(ctx, gwID, bcID)
	assertStatus(t, err, http.StatusNotFound)
	_, err = c.EventGateways.DeleteEventGateway(ctx, gwID)
	require.NoError(t, err)

	assert.Zero(t, emu.Count(), "cascade removed the rest")
	assert.Empty(t, emu.ValidationErrors())
	assert.Equal(t, 1, emu.Calls()["POST /v1/event-gateways/{gatewayId}/listeners"])
	assert.Equal(t, 2, emu.Calls()["POST /v1/event-gateways/{gatewayId}/listeners/{eventGatewayListenerId}/policies"])
	assert.Equal(t, 15, emu.WriteCalls())
}

func findObject(t *testing.T, emu *Server, k Kind, id string) Object {
	t.Helper()
	for _, o := range emu.Snapshot() {
		if o.Kind == k && o.ID == id {
			return o
		}
	}
	t.Fatalf("no %s %s", k, id)
	return Object{}
}

// assertStatus checks the HTTP status of an SDK error: typed errors render the problem body, SDKError the status.
func assertStatus(t *testing.T, err error, status int) {
	t.Helper()
	require.Error(t, err)
	msg := err.Error()
	assert.True(t, strings.Contains(msg, fmt.Sprintf(`"status":%d`, status)) || strings.Contains(msg, fmt.Sprintf("Status %d", status)), msg)
}
