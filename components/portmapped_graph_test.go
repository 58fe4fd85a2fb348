package components

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/crdschema"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

// Kubernetes names the seed renders with the component name "example".
const (
	tokenSecretName    = "example-konnect-token"
	authName           = "example-konnect-auth"
	gatewayName        = "example-gateway"
	backendName        = "example-backend"
	virtualClusterName = "example-example-virtual-cluster"
	listenerName       = "example-example-virtual-cluster-listener"
	policyName         = "example-example-virtual-cluster-forward"
	dataPlaneName      = "example-dp"
)

func TestPortMappedGatewayRegistersTheGraph(t *testing.T) {
	recorder, _ := render(t, "example", seedArgs())

	var registered []string
	for _, r := range recorder.Resources() {
		registered = append(registered, r.Kind()+"/"+r.Name)
	}
	// Registration runs concurrently; the order objects are created in is checked through their dependencies.
	assert.ElementsMatch(t, []string{
		"PortMappedGateway/example",
		"Secret/" + tokenSecretName,
		"KonnectAPIAuthConfiguration/" + authName,
		"KonnectEventGateway/" + gatewayName,
		"EventGatewayBackendCluster/" + backendName,
		"EventGatewayVirtualCluster/" + virtualClusterName,
		"EventGatewayListener/" + listenerName,
		"EventGatewayListenerPolicy/" + policyName,
		"KegDataPlane/" + dataPlaneName,
	}, registered)

	assert.Equal(t, PortMappedGatewayType, mustNamed(t, recorder, "example").Type)
	for _, child := range recorder.Resources() {
		if child.Type == PortMappedGatewayType {
			continue
		}
		assert.True(t, strings.HasSuffix(child.Parent, "::"+PortMappedGatewayType+"::example"),
			"%s must be parented to the component, not %q", child.Name, child.Parent)
		assert.True(t, child.DeleteBeforeReplace, "%s has a fixed name", child.Name)
		assert.Equal(t, "kong", at(child.Plain(), "metadata", "namespace"), child.Name)
	}
}

func TestPortMappedGatewayReferences(t *testing.T) {
	recorder, _ := render(t, "example", seedArgs())
	spec := func(name string) map[string]any {
		return at(mustNamed(t, recorder, name).Plain(), "spec").(map[string]any)
	}
	ref := func(name string) map[string]any {
		return map[string]any{"type": "namespacedRef", "namespacedRef": map[string]any{"name": name}}
	}

	assert.Equal(t, map[string]any{"type": "secretRef", "secretRef": map[string]any{"name": tokenSecretName},
		"serverURL": "eu.api.konghq.com"}, spec(authName), "the token never sits in the CR")
	assert.Equal(t, authName, at(spec(gatewayName), "konnect", "authRef", "name"))
	assert.Equal(t, "example", at(spec(gatewayName), "apiSpec", "name"))
	assert.Equal(t, ref(gatewayName), spec(backendName)["gatewayRef"])
	assert.Equal(t, "Enabled", at(spec(backendName), "apiSpec", "insecureAllowAnonymousVirtualClusterAuth"),
		"the anonymous virtual cluster needs it")
	assert.Equal(t, ref(backendName), spec(virtualClusterName)["eventGatewayBackendClusterRef"])
	assert.Equal(t, "example-virtual-cluster", at(spec(virtualClusterName), "apiSpec", "dnsLabel"))
	assert.Equal(t, ref(gatewayName), spec(listenerName)["gatewayRef"])
	assert.Equal(t, []any{"9092-9095"}, at(spec(listenerName), "apiSpec", "ports"))
	assert.Equal(t, ref(listenerName), spec(policyName)["eventGatewayListenerRef"])
	assert.Equal(t, at(spec(virtualClusterName), "apiSpec", "name"),
		at(spec(policyName), "apiSpec", "forwardToVirtualCluster", "config", "portMapping", "destination", "name"))
	assert.Equal(t, map[string]any{"type": "konnectNamespacedRef",
		"konnectNamespacedRef": map[string]any{"name": gatewayName}}, spec(dataPlaneName)["controlPlaneRef"])
}

func TestPortMappedGatewayDependencyOrder(t *testing.T) {
	recorder, _ := render(t, "example", seedArgs())
	for name, dependencies := range map[string][]string{
		authName:           {tokenSecretName},
		gatewayName:        {authName},
		backendName:        {gatewayName},
		virtualClusterName: {backendName},
		listenerName:       {gatewayName},
		policyName:         {listenerName, virtualClusterName},
		dataPlaneName:      {gatewayName, policyName},
	} {
		registered := mustNamed(t, recorder, name)
		for _, dependency := range dependencies {
			assert.True(t, registered.DependsOn(dependency), "%s must depend on %s: %v", name, dependency,
				registered.Dependencies)
		}
	}
}

func TestPortMappedGatewayWaitsForReadinessByDefault(t *testing.T) {
	recorder, _ := render(t, "example", seedArgs())
	for name, condition := range map[string]string{
		authName:           "APIAuthValid",
		gatewayName:        "Programmed",
		backendName:        "Programmed",
		virtualClusterName: "Programmed",
		listenerName:       "Programmed",
		policyName:         "Programmed",
		dataPlaneName:      "Ready",
	} {
		assert.Equal(t, "condition="+condition,
			at(mustNamed(t, recorder, name).Plain(), "metadata", "annotations", eventgateway.WaitForAnnotation), name)
	}

	args := seedArgs()
	off := false
	args.WaitForProgrammed = &off
	recorder, _ = render(t, "example", args)
	for _, registered := range recorder.Resources() {
		if registered.Type == "kong-event-gateway:index:PortMappedGateway" {
			continue
		}
		assert.Equal(t, map[string]any{eventgateway.PatchForceAnnotation: "true"},
			at(registered.Plain(), "metadata", "annotations"), "%s waits for nothing", registered.Name)
	}
}

func TestPortMappedGatewayKeepsTheTokenSecret(t *testing.T) {
	recorder, _ := render(t, "example", seedArgs())
	secret := mustNamed(t, recorder, tokenSecretName)
	assert.True(t, pulumimock.IsSecret(secret.Inputs, "data", "token"))
	assert.Equal(t, map[string]any{"konghq.com/credential": "konnect", "konghq.com/secret": "true"},
		at(secret.Plain(), "metadata", "labels"))
	for _, registered := range recorder.Resources() {
		if registered.Name == tokenSecretName {
			continue
		}
		raw, err := json.Marshal(registered.Plain())
		require.NoError(t, err)
		assert.NotContains(t, string(raw), seedToken, registered.Name)
	}
}

func TestPortMappedGatewayOutputs(t *testing.T) {
	_, gateway := render(t, "example", seedArgs())
	assert.Equal(t, map[string]string{"example_virtual_cluster": "10.0.1.1:9092"}, await(t, gateway.BootstrapServers))
	assert.Equal(t, map[string][]string{"example_virtual_cluster": {"10.0.1.1:9093", "10.0.1.1:9094", "10.0.1.1:9095"}},
		await(t, gateway.BrokerAddresses))
	assert.Equal(t, map[string]string{"example_virtual_cluster": "9092-9095"}, await(t, gateway.ListenerPorts))
	assert.Equal(t, []int{9092, 9093, 9094, 9095}, await(t, gateway.ServicePorts))
	assert.Equal(t, "kong", await(t, gateway.Namespace))
	assert.Equal(t, tokenSecretName, await(t, gateway.KonnectTokenSecretName))
	assert.Equal(t, authName, await(t, gateway.AuthConfigurationName))
	assert.Equal(t, gatewayName, await(t, gateway.GatewayName))
	assert.Equal(t, backendName, await(t, gateway.BackendClusterName))
	assert.Equal(t, map[string]string{"example_virtual_cluster": virtualClusterName}, await(t, gateway.VirtualClusterNames))
	assert.Equal(t, map[string]string{"example_virtual_cluster": listenerName}, await(t, gateway.ListenerNames))
	assert.Equal(t, map[string]string{"example_virtual_cluster": policyName}, await(t, gateway.ListenerPolicyNames))
	assert.Equal(t, dataPlaneName, await(t, gateway.DataPlaneName))
	assert.Equal(t, "example-dp-kafka", await(t, gateway.DataPlaneServiceName))
}

func TestPortMappedGatewayRendersValidCustomResources(t *testing.T) {
	validator, err := crdschema.Load(crdschema.Dir("../../shared/crds/kong-operator"))
	if err != nil {
		t.Skipf("CRDs not available (set %s): %v", crdschema.DirEnv, err)
	}
	recorder, _ := render(t, "example", fullArgs())
	for _, registered := range recorder.Resources() {
		if strings.Contains(registered.Type, ".konghq.com/") {
			assert.NoError(t, validator.Validate(registered.Plain()), registered.Name)
		}
	}
}
