package testenv

import (
	"context"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// KonnectEventGatewayKind is the kind of the Konnect gateway custom resource.
var KonnectEventGatewayKind = schema.GroupVersionKind{Group: "konnect.konghq.com", Version: "v1alpha1", Kind: "KonnectEventGateway"}

// ReportGatewayID stands in for Kong Operator: once the KonnectEventGateway namespace/name exists it writes the
// Konnect ID id into its status, through c. The returned channel yields the outcome.
func ReportGatewayID(ctx context.Context, c client.Client, namespace, name, id string) <-chan error {
	done := make(chan error, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				done <- ctx.Err()
				return
			case <-time.After(200 * time.Millisecond):
			}
			gateway := &unstructured.Unstructured{}
			gateway.SetGroupVersionKind(KonnectEventGatewayKind)
			err := c.Get(ctx, client.ObjectKey{Namespace: namespace, Name: name}, gateway)
			if apierrors.IsNotFound(err) {
				continue
			}
			if err == nil {
				err = unstructured.SetNestedField(gateway.Object, id, "status", "id")
			}
			if err == nil {
				err = c.Status().Update(ctx, gateway)
			}
			if apierrors.IsConflict(err) {
				continue
			}
			done <- err
			return
		}
	}()
	return done
}
