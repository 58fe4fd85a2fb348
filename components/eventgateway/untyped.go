package eventgateway

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// toUntyped converts a typed spec to the map a CustomResource carries. Every non-empty string field tagged
// provider:"secret" becomes a Pulumi secret, so passwords and inline keys are encrypted in the state and hidden in
// the CLI; the Kubernetes SDK resolves these nested outputs when it registers the resource.
func toUntyped(spec any) (map[string]any, error) {
	untyped, err := toPlain(spec)
	if err != nil {
		return nil, err
	}
	var paths []jsonPath
	collectSecretPaths(reflect.ValueOf(spec), nil, &paths)
	for _, path := range paths {
		if err := markSecret(untyped, path); err != nil {
			return nil, err
		}
	}
	return untyped, nil
}

// toPlain converts a typed value to the plain map its JSON encoding decodes to.
func toPlain(value any) (map[string]any, error) {
	raw, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	var plain map[string]any
	if err := json.Unmarshal(raw, &plain); err != nil {
		return nil, err
	}
	return plain, nil
}

// jsonPath addresses a value in decoded JSON: object keys (string) and array indexes (int).
type jsonPath []any

// collectSecretPaths appends to out the JSON path of every non-empty string field of v tagged provider:"secret".
func collectSecretPaths(v reflect.Value, path jsonPath, out *[]jsonPath) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectSecretPaths(v.Elem(), path, out)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collectSecretPaths(v.Index(i), append(slices.Clone(path), i), out)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			field := t.Field(i)
			name, ok := jsonFieldName(field)
			switch {
			case !ok:
			case field.Anonymous && name == "":
				collectSecretPaths(v.Field(i), path, out)
			case field.Tag.Get("provider") == "secret":
				if s := v.Field(i); s.Kind() == reflect.String && s.String() != "" {
					*out = append(*out, append(slices.Clone(path), name))
				}
			default:
				collectSecretPaths(v.Field(i), append(slices.Clone(path), name), out)
			}
		}
	}
}

// jsonFieldName returns the key encoding/json writes for field ("" for an untagged embedded struct, whose fields
// are inlined) and false when the field is not encoded at all.
func jsonFieldName(field reflect.StructField) (string, bool) {
	if !field.IsExported() && !field.Anonymous {
		return "", false
	}
	name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
	switch {
	case name == "-":
		return "", false
	case name == "" && field.Anonymous:
		return "", true
	case name == "":
		return field.Name, true
	}
	return name, true
}

// markSecret replaces the string at path in untyped with a Pulumi secret holding it.
func markSecret(untyped map[string]any, path jsonPath) error {
	var container any = untyped
	for i, step := range path {
		last := i == len(path)-1
		switch key := step.(type) {
		case string:
			object, ok := container.(map[string]any)
			if !ok {
				return fmt.Errorf("secret field %v: %T is not an object", path, container)
			}
			if last {
				object[key] = secretString(object[key])
				return nil
			}
			container = object[key]
		case int:
			array, ok := container.([]any)
			if !ok || key >= len(array) {
				return fmt.Errorf("secret field %v: no item %d", path, key)
			}
			if last {
				array[key] = secretString(array[key])
				return nil
			}
			container = array[key]
		}
	}
	return nil
}

// secretString wraps a decoded JSON string in a Pulumi secret.
func secretString(value any) pulumi.Output {
	s, _ := value.(string)
	return pulumi.ToSecret(pulumi.String(s))
}
