package eventgateway

import (
	"fmt"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	metav1 "github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/meta/v1"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/utilities"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// kind identifies a CRD and the condition that says an object of it is ready ("" when there is none to wait for).
type kind struct {
	apiVersion     string
	name           string
	readyCondition string
}

// register registers one custom resource of kind k whose spec is the typed spec.
func register(ctx *pulumi.Context, name string, k kind, meta Metadata, spec any,
	opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	untypedSpec, err := toUntyped(spec)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", k.name, name, err)
	}
	return registerUntyped(ctx, name, k, meta, untypedSpec, opts...)
}

// registerResolved registers one custom resource of kind k whose spec is known only once spec resolves. The spec
// must hold no provider:"secret" field: inside an output they cannot become secrets of their own.
func registerResolved(ctx *pulumi.Context, name string, k kind, meta Metadata, spec pulumi.Output,
	opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	untypedSpec := spec.ApplyT(func(resolved any) (map[string]any, error) {
		return toPlain(resolved)
	})
	return registerUntyped(ctx, name, k, meta, untypedSpec, opts...)
}

// registerUntyped registers one custom resource of kind k with spec as its untyped spec. Unlike the typed
// resources, the SDK's CustomResource sets no plugin version of its own; it gets the SDK's, so every resource of a
// program shares one default Kubernetes provider (with none, the engine starts a second, unversioned one and moves
// every custom resource to the versioned one at the next update).
func registerUntyped(ctx *pulumi.Context, name string, k kind, meta Metadata, spec any,
	opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return apiextensions.NewCustomResource(ctx, name, &apiextensions.CustomResourceArgs{
		ApiVersion:  pulumi.String(k.apiVersion),
		Kind:        pulumi.String(k.name),
		Metadata:    objectMeta(meta, meta.annotationsWaitingFor(k.readyCondition)),
		OtherFields: kubernetes.UntypedArgs{"spec": spec},
	}, utilities.PkgResourceDefaultOpts(withFixedNameOptions(meta, opts))...)
}

// objectMeta converts meta to the Kubernetes SDK's metadata, leaving out what is empty.
func objectMeta(meta Metadata, annotations map[string]string) *metav1.ObjectMetaArgs {
	args := &metav1.ObjectMetaArgs{}
	if meta.Name != "" {
		args.Name = pulumi.String(meta.Name)
	}
	if meta.Namespace != "" {
		args.Namespace = pulumi.String(meta.Namespace)
	}
	if len(meta.Labels) > 0 {
		args.Labels = pulumi.ToStringMap(meta.Labels)
	}
	if len(annotations) > 0 {
		args.Annotations = pulumi.ToStringMap(annotations)
	}
	return args
}

// withFixedNameOptions adds DeleteBeforeReplace for an object with a fixed name: its replacement cannot exist
// next to it. Options given by the caller come last and win.
func withFixedNameOptions(meta Metadata, opts []pulumi.ResourceOption) []pulumi.ResourceOption {
	if meta.Name == "" {
		return opts
	}
	return append([]pulumi.ResourceOption{pulumi.DeleteBeforeReplace(true)}, opts...)
}
