// Command gen-sdks generates the Node.js, Python and Go SDKs of the package from schema.json into one
// subdirectory per language (see internal/sdkgen):
//
//	go run ./internal/cmd/gen-sdks -schema schema.json -out sdk
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/sdkgen"
)

func main() {
	schemaFile := flag.String("schema", "schema.json", "package schema")
	out := flag.String("out", "sdk", "output directory; one subdirectory per language")
	gomod := flag.String("gomod", "go.mod", "the root module's go.mod, whose Pulumi Go SDK version the Go SDK requires")
	flag.Parse()
	if err := run(*schemaFile, *out, *gomod); err != nil {
		fmt.Fprintln(os.Stderr, "gen-sdks:", err)
		os.Exit(1)
	}
}

func run(schemaFile, out, gomod string) error {
	data, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	version, err := sdkgen.PulumiGoSDKVersion(gomod)
	if err != nil {
		return err
	}
	sdks, err := sdkgen.Generate(data, version)
	if err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	if err := sdkgen.Write(out, sdks); err != nil {
		return err
	}
	for _, lang := range sdkgen.Languages {
		fmt.Printf("%s SDK: %d files in %s\n", lang, len(sdks[lang]), filepath.Join(out, lang))
	}
	return nil
}
