// Command portmapped-go deploys Kong Event Gateway with the port-mapping pattern from Kong's documentation: one
// virtual cluster over a three-broker Kafka cluster, exposed on 10.0.1.1:9092 (bootstrap) and 9093-9095 (brokers).
//
// Set the token with: pulumi config set --secret konnectToken kpat_...
package main

import (
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		gateway, err := components.NewPortMappedGateway(ctx, "example", components.PortMappedGatewayArgs{
			Konnect: components.KonnectArgs{
				// The component stores the token only in a Kubernetes Secret, as a Pulumi secret.
				Token:     cfg.Require("konnectToken"),
				ServerURL: "eu.api.konghq.com",
			},
			AdvertisedHost: "10.0.1.1",
			BackendCluster: components.BackendClusterArgs{
				BootstrapServers: []string{"kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"},
				BrokerCount:      3,
			},
			VirtualClusters: []components.VirtualClusterArgs{{Name: "example_virtual_cluster"}},
			DataPlane: &components.DataPlaneArgs{
				ServiceAnnotations: map[string]string{"metallb.io/loadBalancerIPs": "10.0.1.1"},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("bootstrapServers", gateway.BootstrapServers)
		ctx.Export("brokerAddresses", gateway.BrokerAddresses)
		ctx.Export("dataPlaneService", gateway.DataPlaneServiceName)
		return nil
	})
}
