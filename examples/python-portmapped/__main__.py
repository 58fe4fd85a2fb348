"""Kong Event Gateway with the port-mapping pattern of Kong's documentation, from Python.

One virtual cluster over a three-broker Kafka cluster, exposed on 10.0.1.1:9092 (bootstrap) and 9093-9095
(brokers): the same program as examples/portmapped-go, through the kong-event-gateway plugin and its generated
Python SDK.

Set the token with: pulumi config set --secret konnectToken kpat_...
"""

import pulumi
import pulumi_kong_event_gateway as keg

config = pulumi.Config()

gateway = keg.PortMappedGateway(
    "example",
    konnect={"token": config.require_secret("konnectToken"), "server_url": "eu.api.konghq.com"},
    namespace=config.get("namespace") or "kong",
    advertised_host="10.0.1.1",
    backend_cluster={
        "bootstrap_servers": ["kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"],
        "broker_count": 3,
    },
    virtual_clusters=[{"name": "example_virtual_cluster"}],
    data_plane={"service_annotations": {"metallb.io/loadBalancerIPs": "10.0.1.1"}},
)

# Where Kafka clients connect: {"example_virtual_cluster": "10.0.1.1:9092"}.
pulumi.export("bootstrapServers", gateway.bootstrap_servers)
pulumi.export("brokerAddresses", gateway.broker_addresses)
