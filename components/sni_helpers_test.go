package components

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

// seedSNIArgs are the inputs of Kong's SNI example: suffix .keg.example.com, per_cluster_suffix, a Gateway
// listener on 9092, the virtual cluster labelled vc-tls-1 and three brokers, with a TLS Secret of the user's.
func seedSNIArgs() SniGatewayArgs {
	return SniGatewayArgs{
		Konnect:   KonnectArgs{Token: pulumi.String(seedToken), ServerURL: "eu.api.konghq.com"},
		SNISuffix: ".keg.example.com",
		BackendCluster: BackendClusterArgs{
			BootstrapServers: []string{"kafka-0.kafka:9092", "kafka-1.kafka:9092", "kafka-2.kafka:9092"},
			BrokerCount:      3,
		},
		VirtualClusters: []SniVirtualClusterArgs{{Name: "vc_tls_1", DNSLabel: "vc-tls-1"}},
		Edge:            EdgeArgs{GatewayClassName: "kong", Port: 9092},
		TLS:             SniTLSArgs{SecretName: "keg-tls"},
	}
}

// threeTeamsArgs has three virtual clusters behind one Gateway, a cert-manager certificate and DNS records.
func threeTeamsArgs() SniGatewayArgs {
	args := seedSNIArgs()
	args.VirtualClusters = []SniVirtualClusterArgs{
		{Name: "team_a"}, {Name: "team_b"}, {Name: "team_c", DNSLabel: "c"},
	}
	args.TLS = SniTLSArgs{Issuer: &IssuerArgs{Name: "letsencrypt", Kind: "ClusterIssuer"}}
	args.DNS = &DNSArgs{TTL: 60, Labels: map[string]string{"dns": "public"}}
	return args
}

// renderSNI builds an SniGateway called name with recorder (a new one when nil) and returns the recording.
func renderSNI(t *testing.T, name string, args SniGatewayArgs, recorder *pulumimock.Recorder,
) (*pulumimock.Recorder, *SniGateway) {
	t.Helper()
	if recorder == nil {
		recorder = &pulumimock.Recorder{}
	}
	var gateway *SniGateway
	require.NoError(t, recorder.Run(func(ctx *pulumi.Context) error {
		var err error
		gateway, err = NewSniGateway(ctx, name, args)
		return err
	}))
	return recorder, gateway
}
