// Package sni is the program of the sni-go example, kept apart from main so tests can run it.
package sni

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
)

// Args are the inputs of Kong's SNI example: virtual cluster vc-tls-1 over a three-broker Kafka cluster, reached
// as bootstrap.vc-tls-1.keg.example.com:9092 and broker-{0,1,2}.vc-tls-1.keg.example.com:9092 through one TLS
// Passthrough listener of a Gateway of class gatewayClass. Unlike Kong's guide, the certificate comes from the
// cert-manager ClusterIssuer issuer with a wildcard per cluster that covers every broker name, the brokers are
// advertised on the Gateway's own port, and ExternalDNS points the names at the Gateway's address. The component
// stores token only in a Kubernetes Secret, as a Pulumi secret.
func Args(token pulumi.StringInput, gatewayClass, issuer string) components.SniGatewayArgs {
	return components.SniGatewayArgs{
		Konnect:   components.KonnectArgs{Token: token, ServerURL: "eu.api.konghq.com"},
		SNISuffix: ".keg.example.com",
		BackendCluster: components.BackendClusterArgs{
			BootstrapServers: []string{"kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"},
			BrokerCount:      3,
		},
		VirtualClusters: []components.SniVirtualClusterArgs{{Name: "vc_tls_1", DNSLabel: "vc-tls-1"}},
		Edge:            components.EdgeArgs{GatewayClassName: gatewayClass, Port: 9092},
		TLS:             components.SniTLSArgs{Issuer: &components.IssuerArgs{Name: issuer, Kind: "ClusterIssuer"}},
		DNS:             &components.DNSArgs{TTL: 300},
	}
}

// Deploy creates the SniGateway "sni" and exports where Kafka clients connect and what the edge serves.
func Deploy(ctx *pulumi.Context, args components.SniGatewayArgs) error {
	gateway, err := components.NewSniGateway(ctx, "sni", args)
	if err != nil {
		return err
	}
	ctx.Export("bootstrapServers", gateway.BootstrapServers)
	ctx.Export("brokerAddresses", gateway.BrokerAddresses)
	ctx.Export("certificateDnsNames", gateway.CertificateDNSNames)
	ctx.Export("dnsRecordNames", gateway.DNSRecordNames)
	ctx.Export("gatewayAddress", gateway.GatewayAddress)
	return nil
}
