package provider

import (
	"context"
	"fmt"
	"os"

	p "github.com/pulumi/pulumi-go-provider"
)

// Main serves the provider plugin until the engine stops it; it exits the
// process with status 1 on error. Both plugin mains call it.
func Main() {
	prov, err := Provider()
	if err == nil {
		err = p.RunProvider(context.Background(), Name, Version, prov)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
}
