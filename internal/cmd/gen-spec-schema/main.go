// Command gen-spec-schema writes keg-spec.schema.json, the JSON Schema of keg's spec file, from the Go types and doc
// comments of automation/spec and the components it embeds. automation/spec's doc.go runs it:
//
//	//go:generate go run ../../internal/cmd/gen-spec-schema -out keg-spec.schema.json
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/cmd/gen-spec-schema/specschema"
)

func main() {
	out := flag.String("out", "keg-spec.schema.json", "output file")
	flag.Parse()
	src, err := specschema.Generate()
	if err == nil {
		err = os.WriteFile(*out, src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen-spec-schema:", err)
		os.Exit(1)
	}
}
