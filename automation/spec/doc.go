package spec

// keg-spec.schema.json is the JSON Schema of the spec file, for editors; schema_test.go checks it is current.
//go:generate go run ../../internal/cmd/gen-spec-schema -out keg-spec.schema.json
