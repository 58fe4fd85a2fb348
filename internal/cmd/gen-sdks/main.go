// Command gen-sdks generates the Node.js, Python and Go SDKs of the package
// from schema.json by calling Pulumi's code generators directly, so no
// language host or plugin download is needed.
//
//	go run ./internal/cmd/gen-sdks -schema schema.json -out sdk
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "kong-event-gateway-gen-sdks"

func main() {
	schemaFile := flag.String("schema", "schema.json", "package schema")
	out := flag.String("out", "sdk", "output directory; one subdirectory per language")
	flag.Parse()
	if err := run(*schemaFile, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen-sdks:", err)
		os.Exit(1)
	}
}

func run(schemaFile, out string) error {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return err
	}
	generators := map[string]func(*schema.Package) (map[string][]byte, error){
		"nodejs": func(pkg *schema.Package) (map[string][]byte, error) {
			return nodejs.GeneratePackage(tool, pkg, nil, nil, false, noReferences{})
		},
		"python": func(pkg *schema.Package) (map[string][]byte, error) {
			return python.GeneratePackage(tool, pkg, nil, noReferences{})
		},
		"go": func(pkg *schema.Package) (map[string][]byte, error) {
			return gogen.GeneratePackage(tool, pkg, nil)
		},
	}
	for lang, generate := range generators {
		// Each generator records language data on the package: bind afresh.
		pkg, err := schema.ImportSpec(spec, nil, noReferences{}, schema.ValidationOptions{})
		if err != nil {
			return fmt.Errorf("bind %s: %w", schemaFile, err)
		}
		files, err := generate(pkg)
		if err != nil {
			return fmt.Errorf("generate %s SDK: %w", lang, err)
		}
		dir := filepath.Join(out, lang)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		for name, content := range files {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, content, 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("%s SDK: %d files in %s\n", lang, len(files), dir)
	}
	return nil
}

// noReferences is a schema loader for a package that references no other
// package: any lookup is an error, so codegen never downloads a plugin.
type noReferences struct{}

var errNoReferences = errors.New("the kong-event-gateway schema references no other package")

func (noReferences) LoadPackage(string, *semver.Version) (*schema.Package, error) {
	return nil, errNoReferences
}

func (noReferences) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoReferences
}

func (noReferences) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errNoReferences
}

func (noReferences) LoadPackageReferenceV2(context.Context, *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, errNoReferences
}
