// Command gen-annotations writes zz_annotations.go for a Go package: an
// Annotate method (pulumi-go-provider's infer.Annotated) for every struct with
// `pulumi` tags, describing the type and each field with its doc comment, so
// the generated package schema carries the same documentation as the Go code.
//
// Each annotated package configures it in one //go:generate line of its doc.go, which the test reads too:
//
//	//go:generate go run ../internal/cmd/gen-annotations -token PortMappedGateway=index -types index
//
// With -types, every other annotated struct gets a token in that module too, named without a trailing Args (the
// SDKs append their own: BackendClusterArgs in Go stays BackendClusterArgs in TypeScript, Python and the Go SDK,
// never BackendClusterArgsArgs); the arguments of a -token type (PortMappedGatewayArgs) keep none, being its
// inputs rather than a type of the schema. -skip leaves out types that annotate themselves (to set defaults), and
// -verbatim takes doc comments as written, where they do not start with the Go name (the Konnect resources).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/doccomment"
)

const outputFile = "zz_annotations.go"

func main() {
	dir, tokens, types, o, err := parseFlags(os.Args[1:])
	if err != nil {
		os.Exit(2)
	}
	src, err := generate(dir, tokens, types, o)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, outputFile), src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen-annotations:", err)
		os.Exit(1)
	}
}

// parseFlags reads the command line: the package directory, the -token types, the -types module and the options.
func parseFlags(args []string) (dir string, tokens tokenFlags, types string, o options, err error) {
	flags := flag.NewFlagSet("gen-annotations", flag.ContinueOnError)
	flags.StringVar(&dir, "dir", ".", "package directory")
	flags.Var(&tokens, "token", "Type=module: give Type the token <pkg>:module:Type (repeatable)")
	flags.StringVar(&types, "types", "", "module of every other annotated struct's token, named without a trailing Args")
	skip := flags.String("skip", "", "comma-separated types not to annotate (they annotate themselves)")
	verbatim := flags.Bool("verbatim", false, "use doc comments as written, without replacing a leading Go name")
	err = flags.Parse(args)
	return dir, tokens, types, options{skip: strings.Split(*skip, ","), verbatim: *verbatim}, err
}

// tokenFlags maps type names to schema modules.
type tokenFlags map[string]string

func (t *tokenFlags) String() string { return fmt.Sprint(map[string]string(*t)) }

func (t *tokenFlags) Set(v string) error {
	typ, module, ok := strings.Cut(v, "=")
	if !ok {
		return fmt.Errorf("want Type=module, got %q", v)
	}
	if *t == nil {
		*t = tokenFlags{}
	}
	(*t)[typ] = module
	return nil
}

// annotatedType is one struct to annotate.
type annotatedType struct {
	// name is the Go type's; token the schema name that module gives it.
	name, doc, module, token string
	fields                   []annotatedField
}

type annotatedField struct{ name, doc string }

// options are the flags besides the tokens.
type options struct {
	// skip are types not to annotate.
	skip []string
	// verbatim keeps doc comments as written.
	verbatim bool
}

// generate returns the contents of dir's zz_annotations.go.
func generate(dir string, tokens tokenFlags, typesModule string, o options) ([]byte, error) {
	pkg, err := doccomment.Read(dir, outputFile)
	if err != nil {
		return nil, err
	}
	var types []annotatedType
	for _, s := range pkg.Structs {
		if slices.Contains(o.skip, s.Name) {
			continue
		}
		module, name := tokens[s.Name], s.Name
		if _, isInputs := tokens[strings.TrimSuffix(s.Name, "Args")]; module == "" && typesModule != "" && !isInputs {
			module, name = typesModule, strings.TrimSuffix(s.Name, "Args")
		}
		if t, ok := annotate(s, module, name, o.verbatim); ok {
			types = append(types, t)
		}
	}
	return render(pkg.Name, types)
}

// annotate describes s, an exported struct with pulumi-tagged fields or a token module, as module:name; verbatim
// keeps the doc comments as written.
func annotate(s doccomment.Struct, module, name string, verbatim bool) (annotatedType, bool) {
	if !token.IsExported(s.Name) {
		return annotatedType{}, false
	}
	describe := doccomment.Describe
	if verbatim {
		describe = func(doc, _, _ string) string { return doccomment.Describe(doc, "", "") }
	}
	t := annotatedType{name: s.Name, doc: describe(s.Doc, s.Name, name), module: module, token: name}
	for _, f := range s.Fields {
		pulumiName, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
		if pulumiName == "" {
			continue
		}
		if d := describe(f.Doc, f.Name, pulumiName); d != "" {
			t.fields = append(t.fields, annotatedField{name: f.Name, doc: d})
		}
	}
	return t, len(t.fields) > 0 || t.module != ""
}

func render(pkg string, types []annotatedType) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/cmd/gen-annotations from doc comments; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package %s\n\nimport \"github.com/pulumi/pulumi-go-provider/infer\"\n", pkg)
	for _, t := range types {
		fmt.Fprintf(&b, "\n// Annotate describes %s for the package schema.\n", t.name)
		fmt.Fprintf(&b, "func (x *%s) Annotate(a infer.Annotator) {\n", t.name)
		if t.module != "" {
			fmt.Fprintf(&b, "\ta.SetToken(%q, %q)\n", t.module, t.token)
		}
		if t.doc != "" {
			fmt.Fprintf(&b, "\ta.Describe(x, %q)\n", t.doc)
		}
		for _, f := range t.fields {
			fmt.Fprintf(&b, "\ta.Describe(&x.%s, %q)\n", f.name, f.doc)
		}
		b.WriteString("}\n")
	}
	return format.Source(b.Bytes())
}
