// Package spec is the declarative description of what the automation
// deploys: one or more gateways (port-mapped or SNI) and where they go.
package spec

import (
	_ "embed"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
)

// DefaultTokenEnv is the environment variable the Konnect token is read from.
const DefaultTokenEnv = "KONNECT_TOKEN"

// Spec describes one stack.
type Spec struct {
	// Project is the Pulumi project name. Defaults to kong-event-gateway.
	Project string `pulumi:"project,optional"`
	// Stack is the stack name. Defaults to dev.
	Stack string `pulumi:"stack,optional"`
	// Backend is the Pulumi state backend URL. Defaults to a local directory.
	Backend string `pulumi:"backend,optional"`
	// Kubernetes says which cluster to deploy to; empty means the embedded local cluster.
	Kubernetes Kubernetes `pulumi:"kubernetes,optional"`
	// Konnect says which Konnect to use; empty means the embedded Konnect emulator.
	Konnect Konnect `pulumi:"konnect,optional"`
	// Gateways are deployed in order.
	Gateways []Gateway `pulumi:"gateways"`
}

// Kubernetes selects the target cluster.
type Kubernetes struct {
	// Kubeconfig is a kubeconfig file path.
	Kubeconfig string `pulumi:"kubeconfig,optional"`
	// Context is a context in that kubeconfig. Defaults to its current context.
	Context string `pulumi:"context,optional"`
}

// Embedded reports whether the embedded local cluster is used.
func (k Kubernetes) Embedded() bool { return k.Kubeconfig == "" }

// Konnect selects the Konnect region and the token source.
type Konnect struct {
	// ServerURL is the regional API host, such as eu.api.konghq.com.
	ServerURL string `pulumi:"serverURL,optional"`
	// TokenEnv names the environment variable holding the token. Defaults to KONNECT_TOKEN.
	TokenEnv string `pulumi:"tokenEnv,optional"`
}

// Embedded reports whether the embedded Konnect emulator is used.
func (k Konnect) Embedded() bool { return k.ServerURL == "" }

// Token reads the token from its environment variable.
func (k Konnect) Token() string {
	env := k.TokenEnv
	if env == "" {
		env = DefaultTokenEnv
	}
	return os.Getenv(env)
}

// Gateway is one gateway; exactly one of PortMapped and Sni is set. Its
// konnect field is filled from the spec's Konnect section.
type Gateway struct {
	// Name is the component name; it prefixes every Kubernetes object name.
	Name string `pulumi:"name"`
	// PortMapped deploys the LoadBalancer + portMapping pattern.
	PortMapped *components.PortMappedGatewayArgs `pulumi:"portMapped,optional"`
	// Sni deploys the Gateway API TLSRoute + SNI pattern.
	Sni *components.SniGatewayArgs `pulumi:"sni,optional"`
}

// placeholderKonnect stands in for the Konnect section while a gateway's
// arguments are validated: the token is checked against Konnect at Open.
var placeholderKonnect = components.KonnectArgs{Token: pulumi.String("kpat_placeholder"), ServerURL: "eu.api.konghq.com"}

// validateArgs runs the component's own validation and locates each problem.
func (p *Parsed) validateArgs(path string, gw Gateway) []FieldError {
	var err error
	switch {
	case gw.PortMapped != nil:
		args := *gw.PortMapped
		args.Konnect = placeholderKonnect
		err, path = args.Validate(gw.Name), path+".portMapped"
	case gw.Sni != nil:
		args := *gw.Sni
		args.Konnect = placeholderKonnect
		err, path = args.Validate(gw.Name), path+".sni"
	}
	var errs []FieldError
	for _, fe := range components.FieldErrors(err) {
		field := path + "." + fe.Field
		if fe.Field == "name" {
			field = strings.TrimSuffix(strings.TrimSuffix(path, ".portMapped"), ".sni") + ".name"
		}
		errs = append(errs, p.at(field, "%s", fe.Message))
	}
	return errs
}

// Parsed is a decoded spec with the line of every field path.
type Parsed struct {
	Spec
	// File is where the spec came from, for messages.
	File  string
	lines map[string]int
}

// Load reads and validates a spec file.
func Load(path string) (*Parsed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

var nameRE = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

// Parse decodes and validates YAML (or JSON) spec data; file names it in messages.
func Parse(file string, data []byte) (*Parsed, error) {
	p := &Parsed{File: file}
	lines, errs := decodeInto(data, &p.Spec)
	p.lines = lines
	if len(errs) == 0 {
		errs = p.validate()
	}
	if len(errs) > 0 {
		return nil, &InvalidError{File: file, Errors: errs}
	}
	p.setDefaults()
	return p, nil
}

func (p *Parsed) setDefaults() {
	if p.Project == "" {
		p.Project = "kong-event-gateway"
	}
	if p.Stack == "" {
		p.Stack = "dev"
	}
}

// at builds a FieldError located at path's line, or at its closest
// ancestor's line when the field is absent from the file.
func (p *Parsed) at(path, format string, args ...any) FieldError {
	line := 0
	for at := path; at != ""; at = parentPath(at) {
		if l, ok := p.lines[at]; ok {
			line = l
			break
		}
	}
	return FieldError{Line: line, Field: path, Message: fmt.Sprintf(format, args...)}
}

// parentPath drops the last element of a field path: a.b[1].c → a.b[1] → a.b → a.
func parentPath(path string) string {
	if i := strings.LastIndexAny(path, ".["); i > 0 {
		return path[:i]
	}
	return ""
}

// validate checks what the decoder cannot: required fields, names, and the
// components' own validation of each gateway.
func (p *Parsed) validate() []FieldError {
	var errs []FieldError
	if len(p.Gateways) == 0 {
		errs = append(errs, p.at("gateways", "at least one gateway is required"))
	}
	seen := map[string]bool{}
	for i, gw := range p.Gateways {
		path := fmt.Sprintf("gateways[%d]", i)
		switch {
		case !nameRE.MatchString(gw.Name):
			errs = append(errs, p.at(path+".name", "%q must be a lowercase RFC 1123 label", gw.Name))
		case seen[gw.Name]:
			errs = append(errs, p.at(path+".name", "duplicate gateway name %q", gw.Name))
		}
		seen[gw.Name] = true
		if (gw.PortMapped == nil) == (gw.Sni == nil) {
			errs = append(errs, p.at(path, "set exactly one of portMapped and sni"))
			continue
		}
		errs = append(errs, p.validateArgs(path, gw)...)
	}
	return errs
}

//go:embed default.yaml
var defaultSpec []byte

// Default is the embedded default spec: both example gateways on the
// embedded local cluster and Konnect emulator.
func Default() *Parsed {
	p, err := Parse("(embedded default)", defaultSpec)
	if err != nil {
		panic(err)
	}
	return p
}
