// Package pulumimock runs Pulumi programs against the SDK's mock monitor and records every registered resource,
// so tests can check inputs, parents, dependencies and options without an engine or a cluster.
package pulumimock

import (
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Resource is one registered resource as the engine would receive it.
type Resource struct {
	// Type is the type token, such as kubernetes:configuration.konghq.com/v1alpha1:EventGatewayListener.
	Type string
	// Name is the Pulumi name.
	Name string
	// Inputs are the resolved inputs; secrets are kept as secrets.
	Inputs resource.PropertyMap
	// Parent and Dependencies are URNs.
	Parent       string
	Dependencies []string
	// DeleteBeforeReplace is the resource option of that name.
	DeleteBeforeReplace bool
	// Provider is the explicit provider's reference (URN::ID), or "".
	Provider string
}

// Kind is the last segment of the type token, such as EventGatewayListener.
func (r Resource) Kind() string {
	return r.Type[strings.LastIndex(r.Type, ":")+1:]
}

// Plain returns the inputs as plain Go values, with secrets unwrapped.
func (r Resource) Plain() map[string]any {
	return r.Inputs.MapRepl(nil, unwrapSecret)
}

// DependsOn reports whether the resource depends on the resource called name.
func (r Resource) DependsOn(name string) bool {
	for _, urn := range r.Dependencies {
		if URNName(urn) == name {
			return true
		}
	}
	return false
}

// unwrapSecret replaces a secret by its plain value.
func unwrapSecret(v resource.PropertyValue) (any, bool) {
	if v.IsSecret() {
		return v.SecretValue().Element.MapRepl(nil, unwrapSecret), true
	}
	return nil, false
}

// URNName is the resource name at the end of urn.
func URNName(urn string) string {
	return urn[strings.LastIndex(urn, "::")+2:]
}

// Recorder is a pulumi.MockResourceMonitor that records resources and echoes their inputs as outputs.
type Recorder struct {
	// Status, when set, returns the status a controller reports for a resource, or nil; it is added to the
	// resource's outputs.
	Status func(Resource) resource.PropertyMap

	mu        sync.Mutex
	resources []Resource
}

// NewResource records the registration.
func (r *Recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	registered := Resource{Type: args.TypeToken, Name: args.Name, Inputs: args.Inputs}
	if rpc := args.RegisterRPC; rpc != nil {
		registered.Parent = rpc.GetParent()
		registered.Dependencies = rpc.GetDependencies()
		registered.DeleteBeforeReplace = rpc.GetDeleteBeforeReplace()
		registered.Provider = rpc.GetProvider()
	}
	r.mu.Lock()
	r.resources = append(r.resources, registered)
	r.mu.Unlock()
	outputs := args.Inputs
	if r.Status != nil {
		if status := r.Status(registered); status != nil {
			outputs = outputs.Copy()
			outputs["status"] = resource.NewObjectProperty(status)
		}
	}
	return args.Name + "-id", outputs, nil
}

// Call answers every function call with no result.
func (r *Recorder) Call(pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

// Resources returns the recorded resources in registration order.
func (r *Recorder) Resources() []Resource {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Resource(nil), r.resources...)
}

// Named returns the resource called name and whether there is one.
func (r *Recorder) Named(name string) (Resource, bool) {
	for _, registered := range r.Resources() {
		if registered.Name == name {
			return registered, true
		}
	}
	return Resource{}, false
}

// Run runs program against a new mock monitor and returns what it registered with the program's error.
func Run(program pulumi.RunFunc) (*Recorder, error) {
	recorder := &Recorder{}
	return recorder, recorder.Run(program)
}

// Run runs program against r and returns the program's error.
func (r *Recorder) Run(program pulumi.RunFunc) error {
	return pulumi.RunErr(program, pulumi.WithMocks("project", "stack", r))
}

// IsSecret reports whether the value at path (object keys and array indexes) in inputs is a secret, itself or
// inside an enclosing secret.
func IsSecret(inputs resource.PropertyMap, path ...any) bool {
	value := resource.NewObjectProperty(inputs)
	for _, step := range path {
		if value.IsSecret() {
			return true
		}
		switch key := step.(type) {
		case string:
			if !value.IsObject() {
				return false
			}
			value = value.ObjectValue()[resource.PropertyKey(key)]
		case int:
			if !value.IsArray() || key >= len(value.ArrayValue()) {
				return false
			}
			value = value.ArrayValue()[key]
		}
	}
	return value.IsSecret()
}
