package components

import (
	"reflect"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// outputsOf lists the outputs of component, a pointer to a component struct, for RegisterResourceOutputs: each
// of its exported fields tagged `pulumi:"<name>"` under that name. The embedded pulumi.ResourceState has no tag.
func outputsOf(component pulumi.ComponentResource) pulumi.Map {
	v := reflect.ValueOf(component).Elem()
	outputs := pulumi.Map{}
	for i := range v.NumField() {
		field := v.Type().Field(i)
		if name, _, _ := strings.Cut(field.Tag.Get("pulumi"), ","); name != "" && field.IsExported() {
			outputs[name] = v.Field(i).Interface().(pulumi.Output)
		}
	}
	return outputs
}
