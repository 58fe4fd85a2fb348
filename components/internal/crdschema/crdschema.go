// Package crdschema validates rendered custom resources against the OpenAPI schemas of the Kong Operator CRDs, the
// way the API server does before CEL rules: types, enums, patterns, lengths, required fields, and (strictly) no
// field the schema does not know, which the API server would silently prune.
package crdschema

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"sigs.k8s.io/yaml"
)

// DirEnv names the environment variable holding the directory of the upstream CRD YAML files.
const DirEnv = "KEG_KONG_CRDS_DIR"

// Dir returns the CRD directory: $KEG_KONG_CRDS_DIR, or fallback.
func Dir(fallback string) string {
	if dir := os.Getenv(DirEnv); dir != "" {
		return dir
	}
	return fallback
}

// Validator holds one compiled schema per apiVersion and kind.
type Validator struct {
	schemas map[string]*jsonschema.Schema
}

// crd is the part of a CustomResourceDefinition a Validator needs.
type crd struct {
	Kind string `json:"kind"`
	Spec struct {
		Group string `json:"group"`
		Names struct {
			Kind string `json:"kind"`
		} `json:"names"`
		Versions []struct {
			Name   string `json:"name"`
			Schema struct {
				OpenAPIV3Schema map[string]any `json:"openAPIV3Schema"`
			} `json:"schema"`
		} `json:"versions"`
	} `json:"spec"`
}

// Load compiles the schema of every CRD version found in the YAML files of dir.
func Load(dir string) (*Validator, error) {
	v := &Validator{schemas: map[string]*jsonschema.Schema{}}
	err := eachVersion(dir, func(key string, schema map[string]any) error {
		compiled, err := compile(key, strict(schema))
		v.schemas[key] = compiled
		return err
	})
	return v, err
}

// OpenAPISchemas returns the OpenAPI v3 schema of every CRD version found in the YAML files of dir, keyed by
// group/version/kind.
func OpenAPISchemas(dir string) (map[string]map[string]any, error) {
	schemas := map[string]map[string]any{}
	err := eachVersion(dir, func(key string, schema map[string]any) error {
		schemas[key] = schema
		return nil
	})
	return schemas, err
}

// eachVersion calls f with the group/version/kind key and OpenAPI v3 schema of every CRD version in the YAML files
// of dir; it fails when there is none.
func eachVersion(dir string, f func(key string, schema map[string]any) error) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no CRD files in %s", dir)
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		var definition crd
		if err := yaml.Unmarshal(raw, &definition); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		if definition.Kind != "CustomResourceDefinition" {
			continue
		}
		for _, version := range definition.Spec.Versions {
			key := definition.Spec.Group + "/" + version.Name + "/" + definition.Spec.Names.Kind
			if err := f(key, version.Schema.OpenAPIV3Schema); err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
		}
	}
	return nil
}

// compile compiles one OpenAPI v3 schema as a JSON schema.
func compile(url string, schema map[string]any) (*jsonschema.Schema, error) {
	raw, err := json.Marshal(schema)
	if err != nil {
		return nil, err
	}
	compiler := jsonschema.NewCompiler()
	if err := compiler.AddResource(url, strings.NewReader(string(raw))); err != nil {
		return nil, err
	}
	return compiler.Compile(url)
}

// strict forbids, in every object schema that lists properties, the fields it does not list, unless the schema
// preserves unknown fields.
func strict(schema map[string]any) map[string]any {
	if _, listed := schema["properties"]; listed && schema["x-kubernetes-preserve-unknown-fields"] != true {
		if _, set := schema["additionalProperties"]; !set {
			schema["additionalProperties"] = false
		}
	}
	for _, key := range []string{"properties", "patternProperties"} {
		if children, ok := schema[key].(map[string]any); ok {
			for _, child := range children {
				if childSchema, ok := child.(map[string]any); ok {
					strict(childSchema)
				}
			}
		}
	}
	for _, key := range []string{"items", "additionalProperties"} {
		if child, ok := schema[key].(map[string]any); ok {
			strict(child)
		}
	}
	return schema
}

// Validate checks object, a custom resource with apiVersion and kind, against its CRD schema.
func (v *Validator) Validate(object map[string]any) error {
	apiVersion, _ := object["apiVersion"].(string)
	kind, _ := object["kind"].(string)
	schema, ok := v.schemas[apiVersion+"/"+kind]
	if !ok {
		return fmt.Errorf("no CRD for %s %s", apiVersion, kind)
	}
	// Round-trip through JSON so numbers and nested values have the types the validator expects.
	raw, err := json.Marshal(object)
	if err != nil {
		return err
	}
	var document any
	if err := json.Unmarshal(raw, &document); err != nil {
		return err
	}
	return schema.Validate(document)
}
