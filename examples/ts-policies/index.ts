// A port-mapped Kong Event Gateway whose virtual cluster carries the policies a platform team puts a gateway in front
// of Kafka for, from TypeScript: an ACL allowing one topic prefix, produce-side schema validation against a schema
// registry and encryption with a static key, and consume-side decryption. The static key is created in Konnect by the
// kong-event-gateway provider under the gateway Kong Operator reports; the brokers are advertised on the address the
// cloud gives the data plane's LoadBalancer.
//
// Set the secrets with:
//   pulumi config set --secret konnectToken kpat_...
//   pulumi config set --secret registryPassword ...
//   pulumi config set --secret ordersKey "$(openssl rand -base64 32)"
import * as pulumi from "@pulumi/pulumi";
import * as keg from "@kong-event-gateway/pulumi";

const config = new pulumi.Config();

const gateway = new keg.PortMappedGateway("orders", {
    konnect: { token: config.requireSecret("konnectToken"), serverURL: "eu.api.konghq.com" },
    namespace: config.get("namespace") ?? "kong",
    advertisedHostFromLoadBalancer: { timeoutSeconds: 600 },
    backendCluster: {
        bootstrapServers: ["kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"],
        brokerCount: 3,
    },
    schemaRegistries: [{
        name: "orders-registry",
        schemaType: "avro",
        endpoint: "https://registry.example.com",
        username: "gateway",
        password: config.requireSecret("registryPassword"),
    }],
    staticKeys: [{ name: "orders-key", value: config.requireSecret("ordersKey") }],
    virtualClusters: [{
        name: "orders",
        aclMode: "enforce_on_gateway",
        acls: [{
            action: "allow",
            resourceType: "topic",
            operations: [{ name: "all" }],
            resourceNames: { type: "stat", stat: [{ match: "orders.*" }] },
        }],
        producePolicies: [
            {
                type: "schemaValidation",
                schemaValidation: {
                    config: {
                        type: "confluentSchemaRegistry",
                        confluentSchemaRegistry: {
                            schemaRegistry: { type: "name", name: { name: "orders-registry" } },
                            failureMode: "reject",
                        },
                    },
                },
            },
            {
                type: "encrypt",
                encrypt: {
                    config: {
                        failureMode: "error",
                        partOfRecord: ["value"],
                        encryptionKey: { type: "static", static: { key: { name: "orders-key" } } },
                    },
                },
            },
        ],
        consumePolicies: [{
            type: "decrypt",
            decrypt: {
                config: { failureMode: "error", keySources: [{ type: "static", static: {} }], partOfRecord: ["value"] },
            },
        }],
    }],
});

// Where Kafka clients connect, on the load balancer's address.
export const advertisedHost: pulumi.Output<string> = gateway.advertisedHost;
export const bootstrapServers: pulumi.Output<Record<string, string>> = gateway.bootstrapServers;
