// Package spec is the declarative description of what the automation
// deploys: one or more gateways (port-mapped or SNI) and where they go.
package spec

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// DefaultTokenEnv is the environment variable the Konnect token is read from.
const DefaultTokenEnv = "KONNECT_TOKEN" //nolint:gosec // the name of a variable, not a credential

// Spec describes one stack.
type Spec struct {
	// Project is the Pulumi project name. Defaults to kong-event-gateway.
	Project string `pulumi:"project,optional"`
	// Stack is the stack name. Defaults to dev.
	Stack string `pulumi:"stack,optional"`
	// Local deploys to the embedded local cluster and Konnect emulator that keg starts: a demo and test bed where
	// the apiserver checks every object but no operator reconciles it. It excludes kubernetes and konnect. A spec
	// without it is real: the cluster of kubernetes (or $KUBECONFIG and its current context) and the Konnect of
	// konnect.serverURL.
	Local bool `pulumi:"local,optional"`
	// Backend is the Pulumi state backend URL (file://, s3://, gs://, azblob://, https://api.pulumi.com, ...), whose
	// credentials come from `pulumi login`. Defaults to the state directory.
	Backend string `pulumi:"backend,optional"`
	// SecretsProvider encrypts the secrets in state, as `pulumi stack init --secrets-provider`: passphrase
	// ($PULUMI_CONFIG_PASSPHRASE or $PULUMI_CONFIG_PASSPHRASE_FILE), awskms://..., gcpkms://..., azurekeyvault://...,
	// hashivault://..., or default (Pulumi Cloud's). Defaults to default on Pulumi Cloud, passphrase elsewhere. It is
	// used when the stack is created.
	SecretsProvider string `pulumi:"secretsProvider,optional"`
	// Kubernetes selects the cluster of a real spec; $KUBECONFIG and its current context when empty.
	Kubernetes Kubernetes `pulumi:"kubernetes,optional"`
	// Konnect selects the Konnect of a real spec and where its token comes from.
	Konnect Konnect `pulumi:"konnect,optional"`
	// Gateways are deployed in order.
	Gateways []Gateway `pulumi:"gateways"`
}

// Kubernetes selects the target cluster.
type Kubernetes struct {
	// Kubeconfig is a kubeconfig file path, relative to the working directory. Defaults to $KUBECONFIG, then
	// ~/.kube/config.
	Kubeconfig string `pulumi:"kubeconfig,optional"`
	// Context is a context in that kubeconfig. Defaults to its current context.
	Context string `pulumi:"context,optional"`
}

// Konnect selects the Konnect region and the token source.
type Konnect struct {
	// ServerURL is the regional API host, such as eu.api.konghq.com. A real spec needs it.
	ServerURL string `pulumi:"serverURL,optional"`
	// TokenEnv names the environment variable holding the token. Defaults to KONNECT_TOKEN.
	TokenEnv string `pulumi:"tokenEnv,optional"`
	// TokenFile is a file holding the token (surrounding white space ignored), instead of an environment variable.
	TokenFile string `pulumi:"tokenFile,optional"`
	// APIURL is the Konnect API base URL the kong-event-gateway provider manages static keys and trust bundles
	// through, such as a proxy. Defaults to https://<serverURL>.
	APIURL string `pulumi:"apiURL,optional"`
}

// TokenSource says where the token is read from, for messages: "file F" or "$VAR".
func (k Konnect) TokenSource() string {
	if k.TokenFile != "" {
		return "file " + k.TokenFile
	}
	return "$" + k.tokenEnv()
}

func (k Konnect) tokenEnv() string {
	if k.TokenEnv != "" {
		return k.TokenEnv
	}
	return DefaultTokenEnv
}

// Token reads the token from its file or environment variable; "" when the variable is unset or empty.
func (k Konnect) Token() (string, error) {
	if k.TokenFile == "" {
		return os.Getenv(k.tokenEnv()), nil
	}
	data, err := os.ReadFile(k.TokenFile)
	if err != nil {
		return "", fmt.Errorf("read the Konnect token: %w", err)
	}
	return strings.TrimSpace(string(data)), nil
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

// validateArgs runs the component's own validation of the gateway at path and reports each problem under it;
// the component name is the gateway's name.
func validateArgs(problems *validate.Problems, path validate.Path, gw Gateway) {
	var err error
	args := path.Field("portMapped")
	switch {
	case gw.PortMapped != nil:
		portMapped := *gw.PortMapped
		portMapped.Konnect = placeholderKonnect
		err = portMapped.Validate(gw.Name)
	case gw.Sni != nil:
		sni := *gw.Sni
		sni.Konnect = placeholderKonnect
		err, args = sni.Validate(gw.Name), path.Field("sni")
	}
	for _, fe := range validate.FieldErrors(err) {
		field := args.Field(fe.Field)
		if fe.Field == "name" {
			field = path.Field("name")
		}
		problems.Add(field, "%s", fe.Message)
	}
}

// Parsed is a decoded spec with the line of every field path.
type Parsed struct {
	Spec
	// File is where the spec came from, for messages.
	File  string
	lines map[string]int
}

// Load reads and validates a spec file, reading no more than one byte past MaxSize.
func Load(path string) (*Parsed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse decodes and validates YAML (or JSON) spec data; file names it in messages.
func Parse(file string, data []byte) (*Parsed, error) {
	p := &Parsed{File: file}
	var problems validate.Problems
	p.lines = decodeInto(data, &p.Spec, &problems)
	if problems.Err() == nil {
		p.validate(&problems)
	}
	if errs := problems.Locate(p.line); len(errs) > 0 {
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

// line is the line of field, or of its closest ancestor when the field is absent from the file; 0 when unknown.
func (p *Parsed) line(field string) int {
	for at := field; at != ""; at = parentPath(at) {
		if l, ok := p.lines[at]; ok {
			return l
		}
	}
	return 0
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
func (p *Parsed) validate(problems *validate.Problems) {
	p.validateTarget(problems)
	problems.Check("secretsProvider", validate.SecretsProvider(p.SecretsProvider))
	problems.Check("backend", validate.BackendURL(p.Backend))
	const gateways validate.Path = "gateways"
	problems.Check(gateways, validate.NotEmpty(len(p.Gateways)))
	names := validate.Seen{}
	for i, gw := range p.Gateways {
		path := gateways.Index(i)
		problems.Check(path.Field("name"), validate.Required(gw.Name), validate.DNSLabel(gw.Name),
			names.Repeated(gw.Name, path.Field("name")))
		if problems.Check(path, validate.ExactlyOne("portMapped", gw.PortMapped != nil, "sni", gw.Sni != nil)) {
			validateArgs(problems, path, gw)
		}
	}
}

// validateTarget refuses a spec mixing the embedded local target with a real cluster or Konnect, and a real spec
// without a Konnect region: either would deploy the emulator's token into a real cluster or wait for an operator
// that does not run.
func (p *Parsed) validateTarget(problems *validate.Problems) {
	k, c := p.Konnect, p.Kubernetes
	if p.Local {
		for _, f := range []struct {
			path validate.Path
			set  bool
			what string
		}{
			{"kubernetes.kubeconfig", c.Kubeconfig != "", "a real cluster"},
			{"kubernetes.context", c.Context != "", "a real cluster"},
			{"konnect.serverURL", k.ServerURL != "", "a real Konnect"},
			{"konnect.tokenEnv", k.TokenEnv != "", "a real Konnect"},
			{"konnect.tokenFile", k.TokenFile != "", "a real Konnect"},
			{"konnect.apiURL", k.APIURL != "", "a real Konnect"},
		} {
			if f.set {
				problems.Add(f.path, "local: true deploys to the embedded local cluster and Konnect emulator, "+
					"and %s names %s: remove %s, or remove local: true and set both kubernetes and "+
					"konnect.serverURL to deploy for real", f.path, f.what, f.path)
			}
		}
		for i, gw := range p.Gateways {
			if keys, args := gatewayStaticKeys(gw); len(keys) > 0 {
				problems.Add(validate.Path("gateways").Index(i).Field(args).Field("staticKeys"), "need Kong Operator "+
					"to report the gateway's Konnect ID, and local: true runs no operator: remove staticKeys, or deploy "+
					"for real")
			}
			if gw.Sni != nil && gw.Sni.TLS.ClientAuthentication != nil {
				problems.Add(validate.Path("gateways").Index(i).Field("sni").Field("tls").Field("clientAuthentication"),
					"needs Kong Operator to report the gateway's Konnect ID for its trust bundles, and local: true runs "+
						"no operator: remove clientAuthentication, or deploy for real")
			}
			if gw.PortMapped != nil && gw.PortMapped.AdvertisedHostFromLoadBalancer != nil {
				problems.Add(validate.Path("gateways").Index(i).Field("portMapped").Field("advertisedHostFromLoadBalancer"),
					"needs Kong Operator and a cloud load balancer, and local: true has neither: set advertisedHost, "+
						"or deploy for real")
			}
		}
		return
	}
	if k.ServerURL == "" {
		problems.Add("konnect.serverURL", "required: a spec without local: true deploys for real, to the cluster "+
			"of kubernetes (or $KUBECONFIG) and the Konnect region named here (such as eu.api.konghq.com); "+
			"add local: true to use the embedded local cluster and Konnect emulator")
	}
	problems.Check("konnect.serverURL", validate.KonnectServerURL(k.ServerURL))
	problems.Check("konnect.apiURL", validate.HTTPURL(k.APIURL))
	if k.TokenEnv != "" && k.TokenFile != "" {
		problems.Add("konnect.tokenFile", "set at most one of konnect.tokenEnv and konnect.tokenFile")
	}
}

// NeedsKonnectProvider reports whether a gateway of s creates Konnect objects through the kong-event-gateway
// provider plugin: static keys, or the trust bundles of client certificates.
func (s Spec) NeedsKonnectProvider() bool {
	for _, gw := range s.Gateways {
		if keys, _ := gatewayStaticKeys(gw); len(keys) > 0 || gw.Sni != nil && gw.Sni.TLS.ClientAuthentication != nil {
			return true
		}
	}
	return false
}

// gatewayStaticKeys returns a gateway's static keys and the field holding its arguments.
func gatewayStaticKeys(gw Gateway) ([]components.StaticKeyArgs, string) {
	switch {
	case gw.PortMapped != nil:
		return gw.PortMapped.StaticKeys, "portMapped"
	case gw.Sni != nil:
		return gw.Sni.StaticKeys, "sni"
	}
	return nil, ""
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
