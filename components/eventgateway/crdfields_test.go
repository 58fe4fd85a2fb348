package eventgateway

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/crdschema"
)

// TestSpecTypesMatchTheCRDs walks every Kong Operator spec type against its upstream CRD schema: each field the Go
// type can emit exists in the CRD (the API server would prune it silently), and each field the CRD requires exists
// in the Go type (or preview could never produce a valid object). Types with their own JSON encoding, and
// Kubernetes' own API types (such as a pod template), are skipped; the rendered-fixture test checks their output.
func TestSpecTypesMatchTheCRDs(t *testing.T) {
	schemas, err := crdschema.OpenAPISchemas(crdschema.Dir("../../../shared/crds/kong-operator"))
	if err != nil {
		t.Skipf("CRDs not available (set %s): %v", crdschema.DirEnv, err)
	}
	for k, spec := range map[kind]any{
		eventGatewayBackendClusterKind:              EventGatewayBackendClusterSpec{},
		eventGatewayListenerKind:                    EventGatewayListenerSpec{},
		eventGatewayListenerPolicyKind:              EventGatewayListenerPolicySpec{},
		eventGatewaySchemaRegistryKind:              EventGatewaySchemaRegistrySpec{},
		eventGatewayVirtualClusterKind:              EventGatewayVirtualClusterSpec{},
		eventGatewayVirtualClusterConsumePolicyKind: EventGatewayVirtualClusterConsumePolicySpec{},
		eventGatewayVirtualClusterPolicyKind:        EventGatewayVirtualClusterPolicySpec{},
		eventGatewayVirtualClusterProducePolicyKind: EventGatewayVirtualClusterProducePolicySpec{},
		kegDataPlaneKind:                            KegDataPlaneSpec{},
		konnectAPIAuthConfigurationKind:             KonnectAPIAuthConfigurationSpec{},
		konnectEventGatewayKind:                     KonnectEventGatewaySpec{},
	} {
		t.Run(k.name, func(t *testing.T) {
			schema, ok := schemas[k.apiVersion+"/"+k.name]
			require.True(t, ok, "no CRD for %s %s", k.apiVersion, k.name)
			var problems []string
			compareToCRD(&problems, "spec", reflect.TypeOf(spec), object(object(schema, "properties"), "spec"))
			assert.Empty(t, problems)
		})
	}
}

// compareToCRD records where the Go type t and the CRD schema at path disagree.
func compareToCRD(problems *[]string, path string, t reflect.Type, schema map[string]any) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	marshaler := reflect.TypeFor[json.Marshaler]()
	if schema == nil || t.Implements(marshaler) || reflect.PointerTo(t).Implements(marshaler) ||
		strings.HasPrefix(t.PkgPath(), "k8s.io/") {
		return // encoded its own way, or Kubernetes' own types (a pod template), of another Kubernetes release
	}
	switch t.Kind() {
	case reflect.Struct:
		properties := object(schema, "properties")
		if properties == nil {
			return // free-form, such as x-kubernetes-preserve-unknown-fields
		}
		names := map[string]bool{}
		compareFields(problems, path, t, properties, names)
		required, _ := schema["required"].([]any)
		for _, r := range required {
			if name, _ := r.(string); !names[name] {
				*problems = append(*problems, fmt.Sprintf("%s.%s: the CRD requires it; the Go type has no such field", path, name))
			}
		}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() != reflect.Uint8 {
			compareToCRD(problems, path+"[]", t.Elem(), object(schema, "items"))
		}
	case reflect.Map:
		compareToCRD(problems, path+"{}", t.Elem(), object(schema, "additionalProperties"))
	default:
	}
}

// compareFields compares the JSON fields of struct t, embedded ones inlined, with the CRD's properties, noting
// their names.
func compareFields(problems *[]string, path string, t reflect.Type, properties map[string]any, names map[string]bool) {
	for field := range slices.Values(reflect.VisibleFields(t)) {
		if !field.IsExported() || len(field.Index) > 1 {
			continue // promoted fields come through their embedded struct below
		}
		name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if field.Anonymous && name == "" {
			compareFields(problems, path, field.Type, properties, names)
			continue
		}
		if name == "" {
			name = field.Name
		}
		names[name] = true
		property := object(properties, name)
		if property == nil {
			*problems = append(*problems, fmt.Sprintf("%s.%s: the Go type emits it; the CRD has no such field", path, name))
			continue
		}
		compareToCRD(problems, path+"."+name, field.Type, property)
	}
}

// object returns m[key] as a JSON object, or nil.
func object(m map[string]any, key string) map[string]any {
	v, _ := m[key].(map[string]any)
	return v
}
