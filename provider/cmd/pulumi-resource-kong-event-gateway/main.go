// Command pulumi-resource-kong-event-gateway serves the kong-event-gateway Pulumi provider plugin.
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
