package spec

import (
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"go.yaml.in/yaml/v3"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// SecretSource is how a spec file gives a secret argument of a gateway, such as a schema registry's password: a
// YAML file holds no secret itself, it names the environment variable or the file the secret is read from.
type SecretSource struct {
	// Env is the environment variable holding the secret.
	Env string `pulumi:"env,optional"`
	// File is a file holding the secret (surrounding white space ignored), relative to the working directory.
	File string `pulumi:"file,optional"`
}

// stringInput is the type of a gateway argument that is a Pulumi input; a spec file gives it as a SecretSource.
var stringInput = reflect.TypeFor[pulumi.StringInput]()

// DecodedAs is the type a spec file's value of a field of type t has: SecretSource for a Pulumi string input, else t.
func DecodedAs(t reflect.Type) reflect.Type {
	if t == stringInput {
		return reflect.TypeFor[SecretSource]()
	}
	return t
}

// read returns the secret: the variable's value or the file's contents.
func (s SecretSource) read() (string, error) {
	if problem := validate.ExactlyOne("env", s.Env != "", "file", s.File != ""); problem != "" {
		return "", fmt.Errorf("%s", problem)
	}
	if s.Env != "" {
		value := os.Getenv(s.Env)
		if value == "" {
			return "", fmt.Errorf("$%s is not set", s.Env)
		}
		return value, nil
	}
	data, err := os.ReadFile(s.File)
	if err != nil {
		return "", fmt.Errorf("reading the secret: %w", err)
	}
	value := strings.TrimSpace(string(data))
	if value == "" {
		return "", fmt.Errorf("file %s is empty", s.File)
	}
	return value, nil
}

// decodeSecret decodes a SecretSource at path and sets v, a Pulumi string input, to the secret it names.
func (d *decoder) decodeSecret(node *yaml.Node, v reflect.Value, path validate.Path) {
	var source SecretSource
	d.decodeStruct(node, reflect.ValueOf(&source).Elem(), path)
	value, err := source.read()
	if err != nil {
		d.add(path, "%s", err)
		return
	}
	v.Set(reflect.ValueOf(pulumi.String(value)))
}
