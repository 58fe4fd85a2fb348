// Command portmapped-go deploys Kong Event Gateway with the port-mapping pattern from Kong's documentation: one
// virtual cluster over a three-broker Kafka cluster, exposed on 10.0.1.1:9092 (bootstrap) and 9093-9095 (brokers).
//
// Set the token with: pulumi config set --secret konnectToken kpat_...
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/examples/portmapped-go/portmapped"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		return portmapped.Deploy(ctx, portmapped.Args(config.New(ctx, "").RequireSecret("konnectToken")))
	})
}
