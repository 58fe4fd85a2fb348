package testenv_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	corev1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/core/v1"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/testsupport/testenv"
)

var local *testenv.Local

func TestMain(m *testing.M) { testenv.Main(m, &local) }

// smokeProgram creates a Namespace, a KonnectAPIAuthConfiguration with the
// given token, a KonnectEventGateway and a Gateway API TLSRoute.
func smokeProgram(ns, token string) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		nsRes, err := corev1.NewNamespace(ctx, ns, &corev1.NamespaceArgs{
			Metadata: &metav1.ObjectMetaArgs{Name: pulumi.String(ns)},
		})
		if err != nil {
			return err
		}
		inNs := pulumi.DependsOn([]pulumi.Resource{nsRes})
		meta := func(name string) *metav1.ObjectMetaArgs {
			return &metav1.ObjectMetaArgs{Name: pulumi.String(name), Namespace: pulumi.String(ns)}
		}
		auth, err := apiextensions.NewCustomResource(ctx, "auth", &apiextensions.CustomResourceArgs{
			ApiVersion: pulumi.String("konnect.konghq.com/v1alpha1"),
			Kind:       pulumi.String("KonnectAPIAuthConfiguration"),
			Metadata:   meta("konnect-auth"),
			OtherFields: kubernetes.UntypedArgs{"spec": map[string]any{
				"type": "token", "token": pulumi.ToSecret(pulumi.String(token)), "serverURL": "eu.api.konghq.com",
			}},
		}, inNs)
		if err != nil {
			return err
		}
		_, err = apiextensions.NewCustomResource(ctx, "gateway", &apiextensions.CustomResourceArgs{
			ApiVersion: pulumi.String("konnect.konghq.com/v1alpha1"),
			Kind:       pulumi.String("KonnectEventGateway"),
			Metadata:   meta("event-gateway"),
			OtherFields: kubernetes.UntypedArgs{"spec": map[string]any{
				"konnect": map[string]any{"authRef": map[string]any{"name": "konnect-auth"}},
				"apiSpec": map[string]any{"name": "smoke-gateway"},
			}},
		}, pulumi.DependsOn([]pulumi.Resource{auth}))
		if err != nil {
			return err
		}
		_, err = apiextensions.NewCustomResource(ctx, "route", &apiextensions.CustomResourceArgs{
			ApiVersion: pulumi.String("gateway.networking.k8s.io/v1"),
			Kind:       pulumi.String("TLSRoute"),
			Metadata:   meta("kafka"),
			OtherFields: kubernetes.UntypedArgs{"spec": map[string]any{
				"parentRefs": []any{map[string]any{"name": "edge", "sectionName": "kafka"}},
				"hostnames":  []any{"*.vc-1.keg.example.com"},
				"rules": []any{map[string]any{"backendRefs": []any{
					map[string]any{"name": "keg-kafka", "port": 9092},
				}}},
			}},
		}, inNs)
		return err
	}
}

func TestSmokeUpIdempotentDestroy(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	const ns = "smoke"
	stack, err := local.Env.Stack(ctx, "smoke", "dev", smokeProgram(ns, "kpat_smoke0123456789"))
	require.NoError(t, err)

	up, err := stack.Up(ctx)
	require.NoError(t, err, up.Stdout)
	require.GreaterOrEqual(t, up.Creates, 4, up.Stdout)

	for _, obj := range smokeObjects(ns) {
		require.NoError(t, local.Cluster.Client.Get(ctx, client.ObjectKeyFromObject(obj), obj), obj.GetKind())
	}

	again, err := stack.Up(ctx)
	require.NoError(t, err, again.Stdout)
	require.Equal(t, 0, again.Creates+again.Updates+again.Deletes+again.Replaces, again.Stdout)
	require.Equal(t, up.Creates, again.Sames, "everything created is unchanged")

	export, err := stack.ExportJSON(ctx)
	require.NoError(t, err)
	require.NotContains(t, string(export), "kpat_smoke0123456789", "the token must be encrypted in state")

	start := time.Now()
	_, err = stack.Destroy(ctx)
	require.NoError(t, err)
	require.Less(t, time.Since(start), time.Minute)
	for _, obj := range smokeObjects(ns) {
		err := local.Cluster.Client.Get(ctx, client.ObjectKeyFromObject(obj), obj)
		require.True(t, apierrors.IsNotFound(err), "%s %s still present: %v", obj.GetKind(), obj.GetName(), err)
	}
}

// TestApiserverEnforcesCEL proves the upstream CRD rules are live: a token
// without the kpat_/spat_ prefix fails `up` with the CRD's CEL message.
func TestApiserverEnforcesCEL(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	stack, err := local.Env.Stack(ctx, "smoke", "bad-token", smokeProgram("smoke-cel", "not-a-konnect-token"))
	require.NoError(t, err)
	_, err = stack.Up(ctx)
	require.Error(t, err)
	require.True(t, strings.Contains(err.Error(), "Konnect tokens have to start with spat_ or kpat_"), err.Error())
	_, err = stack.Destroy(ctx)
	require.NoError(t, err)
}

func smokeObjects(ns string) []*unstructured.Unstructured {
	obj := func(group, version, kind, namespace, name string) *unstructured.Unstructured {
		u := &unstructured.Unstructured{}
		u.SetGroupVersionKind(schema.GroupVersionKind{Group: group, Version: version, Kind: kind})
		u.SetNamespace(namespace)
		u.SetName(name)
		return u
	}
	return []*unstructured.Unstructured{
		obj("", "v1", "Namespace", "", ns),
		obj("konnect.konghq.com", "v1alpha1", "KonnectAPIAuthConfiguration", ns, "konnect-auth"),
		obj("konnect.konghq.com", "v1alpha1", "KonnectEventGateway", ns, "event-gateway"),
		obj("gateway.networking.k8s.io", "v1", "TLSRoute", ns, "kafka"),
	}
}
