// Kong Event Gateway with the port-mapping pattern of Kong's documentation, from TypeScript: one virtual cluster
// over a three-broker Kafka cluster, exposed on 10.0.1.1:9092 (bootstrap) and 9093-9095 (brokers). The same
// program as examples/portmapped-go, through the kong-event-gateway plugin and its generated Node.js SDK.
//
// Set the token with: pulumi config set --secret konnectToken kpat_...
import * as pulumi from "@pulumi/pulumi";
import * as keg from "@kong-event-gateway/pulumi";

const config = new pulumi.Config();

const gateway = new keg.PortMappedGateway("example", {
    konnect: { token: config.requireSecret("konnectToken"), serverURL: "eu.api.konghq.com" },
    namespace: config.get("namespace") ?? "kong",
    advertisedHost: "10.0.1.1",
    backendCluster: {
        bootstrapServers: ["kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"],
        brokerCount: 3,
    },
    virtualClusters: [{ name: "example_virtual_cluster" }],
    dataPlane: { serviceAnnotations: { "metallb.io/loadBalancerIPs": "10.0.1.1" } },
});

// Where Kafka clients connect: {"example_virtual_cluster": "10.0.1.1:9092"}.
export const bootstrapServers: pulumi.Output<Record<string, string>> = gateway.bootstrapServers;
export const brokerAddresses: pulumi.Output<Record<string, string[]>> = gateway.brokerAddresses;
export const dataPlaneService: pulumi.Output<string> = gateway.dataPlaneServiceName;
