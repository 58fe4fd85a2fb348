"""Kong Event Gateway with the SNI pattern of Kong's documentation, from Python.

One virtual cluster behind a Gateway API TLS Passthrough listener on 9092, reached as
bootstrap.vc-tls-1.keg.example.com, with a certificate from a cert-manager ClusterIssuer and ExternalDNS records:
the same program as examples/sni-go, through the kong-event-gateway plugin and its generated Python SDK.

Set the token with: pulumi config set --secret konnectToken kpat_...
"""

import pulumi
import pulumi_kong_event_gateway as keg

config = pulumi.Config()

gateway = keg.SniGateway(
    "sni",
    konnect={"token": config.require_secret("konnectToken"), "server_url": "eu.api.konghq.com"},
    namespace=config.get("namespace") or "kong",
    sni_suffix=".keg.example.com",
    backend_cluster={
        "bootstrap_servers": ["kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"],
        "broker_count": 3,
    },
    virtual_clusters=[{"name": "vc_tls_1", "dns_label": "vc-tls-1"}],
    edge={"gateway_class_name": "kong", "port": 9092},
    tls={"issuer": {"name": "letsencrypt", "kind": "ClusterIssuer"}},
    dns={},
)

# Where Kafka clients connect: {"vc_tls_1": "bootstrap.vc-tls-1.keg.example.com:9092"}.
pulumi.export("bootstrapServers", gateway.bootstrap_servers)
pulumi.export("gatewayAddress", gateway.gateway_address)
