package konnectemu

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	"github.com/pb33f/libopenapi/datamodel"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"go.yaml.in/yaml/v3"
	"golang.org/x/mod/module"
)

// SpecEnv names the environment variable that overrides the location of the Konnect openapi.yaml.
const SpecEnv = "KONNECT_OPENAPI_SPEC"

const (
	sdkModule = "github.com/Kong/sdk-konnect-go"
	// orgMePath is the only path outside /v1/event-gateways the emulator serves.
	orgMePath = "/v3/organizations/me"
)

// Spec is the Konnect OpenAPI document, trimmed to the paths the emulator serves and the components they
// reach, with its validator.
type Spec struct {
	// Path is the file the spec was read from.
	Path string
	// LoadTime is how long reading, trimming, parsing, model building and validator construction took.
	LoadTime time.Duration
	// Model is the OpenAPI 3.1 model of the served paths.
	Model *v3.Document
	// Validator validates requests and responses against Model.
	Validator validator.Validator
}

var (
	specOnce   sync.Once
	loadedSpec *Spec
	specErr    error
)

// LoadSpec parses the spec once per process and returns the shared result; every Server uses it.
func LoadSpec() (*Spec, error) {
	specOnce.Do(func() { loadedSpec, specErr = loadSpec() })
	return loadedSpec, specErr
}

func loadSpec() (*Spec, error) {
	start := time.Now()
	path, err := specPath()
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read Konnect spec: %w", err)
	}
	// The validator compiles every schema against the whole document, so a smaller document loads much faster.
	trimmed, err := trimSpec(raw)
	if err != nil {
		return nil, fmt.Errorf("trim Konnect spec %s: %w", path, err)
	}
	doc, err := libopenapi.NewDocumentWithConfiguration(trimmed, &datamodel.DocumentConfiguration{
		IgnoreArrayCircularReferences:       true,
		IgnorePolymorphicCircularReferences: true,
	})
	if err != nil {
		return nil, fmt.Errorf("parse Konnect spec %s: %w", path, err)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		return nil, fmt.Errorf("build Konnect spec model: %w", err)
	}
	return &Spec{
		Path:  path,
		Model: &model.Model,
		Validator: validator.NewValidatorFromV3Model(&model.Model,
			config.WithFormatAssertions(),
			// Fill schema defaults into request bodies, as Konnect stores them.
			config.WithRequestDefaults(),
			// Konnect answers 404 and 409 on operations whose spec does not declare them.
			config.WithoutResponseStatusValidation(),
		),
		LoadTime: time.Since(start),
	}, nil
}

func servedPath(p string) bool {
	return p == orgMePath || p == eventGatewaysPath || strings.HasPrefix(p, eventGatewaysPath+"/")
}

// trimSpec keeps the served paths and the components they reference (transitively; security schemes stay), and
// rewrites the OpenAPI 3.0 `nullable` the 3.1 document still uses into 3.1 form.
func trimSpec(raw []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, fmt.Errorf("not a YAML document")
	}
	root := doc.Content[0]
	paths, components := mappingValue(root, "paths"), mappingValue(root, "components")
	if paths == nil || components == nil {
		return nil, fmt.Errorf("no paths or components")
	}
	filterMapping(paths, func(p string, _ *yaml.Node) bool { return servedPath(p) })

	reached := map[string]bool{} // "section/name"
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value != "$ref" || v.Kind != yaml.ScalarNode {
					continue
				}
				section, name, ok := componentRef(v.Value)
				if !ok || reached[section+"/"+name] {
					continue
				}
				reached[section+"/"+name] = true
				if target := mappingValue(mappingValue(components, section), name); target != nil {
					walk(target)
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(paths)
	filterMapping(components, func(section string, entries *yaml.Node) bool {
		if section != "securitySchemes" {
			filterMapping(entries, func(name string, _ *yaml.Node) bool { return reached[section+"/"+name] })
		}
		return len(entries.Content) > 0
	})
	rewriteNullable(root)
	return yaml.Marshal(&doc)
}

// rewriteNullable turns `type: T, nullable: true` into `type: [T, "null"]` (adding null to an enum), the meaning
// the spec's authors intend; libopenapi-validator rejects `nullable` in a 3.1 document. Every `nullable` the served
// part of the spec has sits next to a scalar type.
func rewriteNullable(n *yaml.Node) {
	for _, c := range n.Content {
		rewriteNullable(c)
	}
	nullable := mappingValue(n, "nullable")
	if nullable == nil || nullable.Kind != yaml.ScalarNode {
		return
	}
	filterMapping(n, func(key string, _ *yaml.Node) bool { return key != "nullable" })
	typ := mappingValue(n, "type")
	if nullable.Value != "true" || typ == nil || typ.Kind != yaml.ScalarNode {
		return
	}
	null := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "null"}
	*typ = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: typ.Value}, null}}
	if enum := mappingValue(n, "enum"); enum != nil && enum.Kind == yaml.SequenceNode {
		enum.Content = append(enum.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"})
	}
}

// componentRef splits a local reference "#/components/<section>/<name>".
func componentRef(ref string) (section, name string, ok bool) {
	rest, found := strings.CutPrefix(ref, "#/components/")
	if !found {
		return "", "", false
	}
	section, name, ok = strings.Cut(rest, "/")
	return section, strings.NewReplacer("~1", "/", "~0", "~").Replace(name), ok
}

func mappingValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func filterMapping(m *yaml.Node, keep func(key string, value *yaml.Node) bool) {
	kept := m.Content[:0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if keep(m.Content[i].Value, m.Content[i+1]) {
			kept = append(kept, m.Content[i], m.Content[i+1])
		}
	}
	m.Content = kept
}

// specPath finds openapi.yaml: $KONNECT_OPENAPI_SPEC, else the sdk-konnect-go module directory.
func specPath() (string, error) {
	if p := os.Getenv(SpecEnv); p != "" {
		return p, nil
	}
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", sdkModule).Output(); err == nil {
		if dir := strings.TrimSpace(string(out)); dir != "" {
			return filepath.Join(dir, "openapi.yaml"), nil
		}
	}
	// Outside the module (a built binary run elsewhere): the module cache entry of the SDK version linked in
	// (Server.SDK links it).
	version := ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == sdkModule {
				version = dep.Version
			}
		}
	}
	escaped, err := module.EscapePath(sdkModule)
	if err != nil || version == "" {
		return "", fmt.Errorf("locate Konnect spec: %s is not linked in; set %s", sdkModule, SpecEnv)
	}
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("locate Konnect spec (set %s): %w", SpecEnv, err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), escaped+"@"+version, "openapi.yaml"), nil
}
