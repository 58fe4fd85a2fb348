package eventgateway

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestToUntypedMarksTaggedFieldsSecret(t *testing.T) {
	untyped, err := toUntyped(EventGatewayVirtualClusterSpec{
		EventGatewayBackendClusterRef: RefByName("backend"),
		APISpec: VirtualClusterAPISpec{
			Name: "vc", DNSLabel: "vc", ACLMode: ACLModePassthrough,
			Authentication: []VirtualClusterAuthentication{
				AnonymousClientAuth(),
				{Type: VirtualClusterAuthSaslPlain, SaslPlain: &VirtualClusterSaslPlain{
					Mediation: SaslPlainTerminate, Principals: []Principal{{Username: "alice", Password: "wonderland"}},
				}},
			},
		},
	})
	require.NoError(t, err)

	apiSpec := untyped["apiSpec"].(map[string]any)
	principal := apiSpec["authentication"].([]any)[1].(map[string]any)["saslPlain"].(map[string]any)["principals"].([]any)[0].(map[string]any)
	assert.Equal(t, "alice", principal["username"])
	assert.Implements(t, (*pulumi.Output)(nil), principal["password"])
	assert.Equal(t, map[string]any{"type": "namespacedRef", "namespacedRef": map[string]any{"name": "backend"}},
		untyped["eventGatewayBackendClusterRef"])
	assert.Equal(t, map[string]any{"type": "anonymous"}, apiSpec["authentication"].([]any)[0],
		"omitted fields stay out of the CR")
}

func TestToUntypedInlinesEmbeddedPolicyInfo(t *testing.T) {
	untyped, err := toUntyped(ListenerPolicyAPISpec{
		Type: ListenerPolicyForwardToVirtualCluster,
		ForwardToVirtualCluster: &ForwardToVirtualClusterPolicy{
			ListenerPolicyInfo: ListenerPolicyInfo{Name: "forward", Enabled: Enabled},
			Config: ForwardToVirtualClusterConfig{Type: ForwardPortMapping, PortMapping: &PortMappingConfig{
				AdvertisedHost: "10.0.1.1", Destination: KonnectRef{Name: "vc"},
			}},
		},
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"name":    "forward",
		"enabled": "Enabled",
		"config": map[string]any{"type": "portMapping", "portMapping": map[string]any{
			"advertisedHost": "10.0.1.1", "destination": map[string]any{"name": "vc"},
		}},
	}, untyped["forwardToVirtualCluster"])
}

func TestPortRange(t *testing.T) {
	assert.Equal(t, ListenerPort("9092-9095"), PortRange(9092, 9095))
	assert.Equal(t, ListenerPort("9092"), PortRange(9092, 9092))
}
