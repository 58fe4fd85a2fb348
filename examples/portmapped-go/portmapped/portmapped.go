// Package portmapped is the program of the portmapped-go example, kept apart from main so tests can run it.
package portmapped

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
)

// Args are the inputs of Kong's port-mapping example: one virtual cluster over a three-broker Kafka cluster,
// exposed on 10.0.1.1:9092 (bootstrap) and 9093-9095 (brokers). The component stores token only in a Kubernetes
// Secret, as a Pulumi secret.
func Args(token pulumi.StringInput) components.PortMappedGatewayArgs {
	return components.PortMappedGatewayArgs{
		Konnect:        components.KonnectArgs{Token: token, ServerURL: "eu.api.konghq.com"},
		AdvertisedHost: "10.0.1.1",
		BackendCluster: components.BackendClusterArgs{
			BootstrapServers: []string{"kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"},
			BrokerCount:      3,
		},
		VirtualClusters: []components.VirtualClusterArgs{{Name: "example_virtual_cluster"}},
		DataPlane: &components.DataPlaneArgs{
			ServiceAnnotations: map[string]string{"metallb.io/loadBalancerIPs": "10.0.1.1"},
		},
	}
}

// Deploy creates the PortMappedGateway "example" and exports where Kafka clients connect.
func Deploy(ctx *pulumi.Context, args components.PortMappedGatewayArgs) error {
	gateway, err := components.NewPortMappedGateway(ctx, "example", args)
	if err != nil {
		return err
	}
	ctx.Export("bootstrapServers", gateway.BootstrapServers)
	ctx.Export("brokerAddresses", gateway.BrokerAddresses)
	ctx.Export("dataPlaneService", gateway.DataPlaneServiceName)
	return nil
}
