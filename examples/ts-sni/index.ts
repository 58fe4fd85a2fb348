// Kong Event Gateway with the SNI pattern of Kong's documentation, from TypeScript: one virtual cluster behind a
// Gateway API TLS Passthrough listener on 9092, reached as bootstrap.vc-tls-1.keg.example.com, with a certificate from
// a cert-manager ClusterIssuer and ExternalDNS records. The same program as examples/sni-go, through the
// kong-event-gateway plugin and its generated Node.js SDK.
//
// Set the token with: pulumi config set --secret konnectToken kpat_...
import * as pulumi from "@pulumi/pulumi";
import * as keg from "@kong-event-gateway/pulumi";

const config = new pulumi.Config();

const sni = new keg.SniGateway("sni", {
    konnect: { token: config.requireSecret("konnectToken"), serverURL: "eu.api.konghq.com" },
    namespace: config.get("namespace") ?? "kong",
    sniSuffix: ".keg.example.com",
    backendCluster: {
        bootstrapServers: ["kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"],
        brokerCount: 3,
    },
    virtualClusters: [{ name: "vc_tls_1", dnsLabel: "vc-tls-1" }],
    edge: { gatewayClassName: "kong", port: 9092 },
    tls: { issuer: { name: "letsencrypt", kind: "ClusterIssuer" } },
    dns: {},
});

// Where Kafka clients connect: {"vc_tls_1": "bootstrap.vc-tls-1.keg.example.com:9092"}.
export const bootstrapServers: pulumi.Output<Record<string, string>> = sni.bootstrapServers;
export const gatewayAddress: pulumi.Output<string> = sni.gatewayAddress;
