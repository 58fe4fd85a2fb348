// Package sdkgen generates the Node.js, Python and Go SDKs of the kong-event-gateway package from its schema by
// calling Pulumi's code generators directly, so no language host or plugin download is needed (make sdks runs it
// through internal/cmd/gen-sdks).
//
// The SDKs are generated the way `pulumi package add` generates a local SDK (the package supports packing, the
// Node.js SDK compiles itself on install), so that they can be committed under sdk/ and used from the repository:
//
//   - sdk/nodejs is the npm package @kong-event-gateway/pulumi; a program depends on it with
//     "file:<repo>/sdk/nodejs".
//   - sdk/python is the Python package pulumi_kong_event_gateway.
//   - sdk/go is a Go module of its own (github.com/kong-event-gateway/pulumi-kong-event-gateway/sdk/go), so the
//     root module's ./... never includes it; it requires the Pulumi Go SDK version the root module requires.
//
// Language options the schema leaves unset get the defaults in LanguageDefaults; options the schema sets win.
package sdkgen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"golang.org/x/mod/modfile"
)

const tool = "kong-event-gateway-gen-sdks"

// Languages are the SDK languages, each generated into a subdirectory of that name.
var Languages = []string{"nodejs", "python", "go"}

// LanguageDefaults are the language options added to the schema before binding, for every option the schema does
// not set itself.
var LanguageDefaults = map[string]map[string]any{
	"nodejs": {"packageName": "@kong-event-gateway/pulumi"},
	"python": {"packageName": "pulumi_kong_event_gateway"},
	"go": {
		"importBasePath": "github.com/kong-event-gateway/pulumi-kong-event-gateway/sdk/go/kongeventgateway",
	},
}

// pulumiGoSDK is the module the generated Go SDK requires.
const pulumiGoSDK = "github.com/pulumi/pulumi/sdk/v3"

func generators(pulumiGoSDKVersion string) map[string]func(*schema.Package) (map[string][]byte, error) {
	return map[string]func(*schema.Package) (map[string][]byte, error){
		"nodejs": func(pkg *schema.Package) (map[string][]byte, error) {
			// localSDK: package.json points main at bin/ and a postinstall script compiles the TypeScript sources,
			// so a file: dependency works.
			return nodejs.GeneratePackage(tool, pkg, nil, nil, true, noReferences{})
		},
		"python": func(pkg *schema.Package) (map[string][]byte, error) {
			return python.GeneratePackage(tool, pkg, nil, noReferences{})
		},
		"go": func(pkg *schema.Package) (map[string][]byte, error) {
			files, err := gogen.GeneratePackage(tool, pkg, nil)
			if err != nil {
				return nil, err
			}
			return files, pinPulumiGoSDK(files, pulumiGoSDKVersion)
		},
	}
}

// Generate returns every SDK generated from the schema: language, then path inside the language's directory.
// pulumiGoSDKVersion is the version of github.com/pulumi/pulumi/sdk/v3 the Go SDK requires: the root module's, see
// PulumiGoSDKVersion.
func Generate(schemaJSON []byte, pulumiGoSDKVersion string) (map[string]map[string][]byte, error) {
	var spec schema.PackageSpec
	if err := json.Unmarshal(schemaJSON, &spec); err != nil {
		return nil, err
	}
	if err := addLanguageDefaults(&spec); err != nil {
		return nil, err
	}
	sdks := map[string]map[string][]byte{}
	for _, lang := range Languages {
		// Each generator records language data on the package: bind afresh.
		pkg, err := schema.ImportSpec(spec, nil, noReferences{}, schema.ValidationOptions{})
		if err != nil {
			return nil, fmt.Errorf("bind the schema: %w", err)
		}
		// As `pulumi package add` does: the Go SDK gets a go.mod of its own, every SDK carries the schema's version.
		pkg.SupportPack = true
		files, err := generators(pulumiGoSDKVersion)[lang](pkg)
		if err != nil {
			return nil, fmt.Errorf("generate the %s SDK: %w", lang, err)
		}
		sdks[lang] = files
	}
	return sdks, nil
}

// Write replaces out/<language> with each SDK's files.
func Write(out string, sdks map[string]map[string][]byte) error {
	for lang, files := range sdks {
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
	}
	return nil
}

// addLanguageDefaults sets the options of LanguageDefaults that spec leaves unset.
func addLanguageDefaults(spec *schema.PackageSpec) error {
	if spec.Language == nil {
		spec.Language = map[string]schema.RawMessage{}
	}
	for lang, defaults := range LanguageDefaults {
		options := map[string]any{}
		if raw, ok := spec.Language[lang]; ok && len(raw) > 0 {
			if err := json.Unmarshal(raw, &options); err != nil {
				return fmt.Errorf("schema language.%s: %w", lang, err)
			}
		}
		for key, value := range defaults {
			if _, set := options[key]; !set {
				options[key] = value
			}
		}
		raw, err := json.Marshal(options)
		if err != nil {
			return err
		}
		spec.Language[lang] = raw
	}
	return nil
}

// PulumiGoSDKVersion returns the version of github.com/pulumi/pulumi/sdk/v3 that the go.mod file at path requires.
func PulumiGoSDKVersion(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	file, err := modfile.ParseLax(path, data, nil)
	if err != nil {
		return "", err
	}
	for _, r := range file.Require {
		if r.Mod.Path == pulumiGoSDK {
			return r.Mod.Version, nil
		}
	}
	return "", fmt.Errorf("%s does not require %s", path, pulumiGoSDK)
}

// pinPulumiGoSDK makes the generated go.mod require version of the Pulumi Go SDK (the generator writes its own
// minimum), so the Go SDK and the root module resolve to the same Pulumi SDK.
func pinPulumiGoSDK(files map[string][]byte, version string) error {
	gomod, ok := files["go.mod"]
	if !ok {
		return errors.New("the Go generator wrote no go.mod")
	}
	if version == "" {
		return fmt.Errorf("no version of %s to require", pulumiGoSDK)
	}
	file, err := modfile.Parse("go.mod", gomod, nil)
	if err != nil {
		return fmt.Errorf("generated go.mod: %w", err)
	}
	if err := file.AddRequire(pulumiGoSDK, version); err != nil {
		return err
	}
	files["go.mod"], err = file.Format()
	return err
}

// noReferences is a schema loader for a package that references no other package: any lookup is an error, so
// codegen never downloads a plugin.
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
