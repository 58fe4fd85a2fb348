// Command pulumi-kong-event-gateway serves the kong-event-gateway provider plugin from the repository's root
// package, for PulumiPlugin.yaml (runtime: go): `pulumi package add <this repository>` has the Go language host
// build the root package and runs it as the plugin. It is the same program as
// provider/cmd/pulumi-resource-kong-event-gateway, which release builds and tests use.
package main

import (
	"context"
	"fmt"
	"os"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider"
)

func main() {
	prov, err := provider.Provider()
	if err == nil {
		err = p.RunProvider(context.Background(), provider.Name, provider.Version, prov)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
}
