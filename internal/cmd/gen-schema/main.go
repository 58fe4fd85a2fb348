// Command gen-schema writes the package schema generated from the provider
// in-process (make schema).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/schemagen"
)

func main() {
	out := flag.String("out", "schema.json", "output file")
	flag.Parse()
	schema, err := schemagen.Schema(context.Background())
	if err == nil {
		err = os.WriteFile(*out, schema, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen-schema:", err)
		os.Exit(1)
	}
}
