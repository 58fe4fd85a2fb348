package automation

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
)

// ConnectionsOutput is the stack output holding, per gateway, where Kafka
// clients connect (see Connections).
const ConnectionsOutput = "connections"

// Target is where the program deploys: the Konnect region and token the
// operator uses, and whether an operator runs to report objects Programmed.
type Target struct {
	// KonnectServerURL is the regional API host written into the auth configuration.
	KonnectServerURL string
	// KonnectToken is the access token.
	KonnectToken string
	// KonnectAPIURL is the API base URL of the provider-managed Konnect objects; "" for https://<KonnectServerURL>.
	KonnectAPIURL string
	// WaitForProgrammed waits for the operator's Programmed condition.
	WaitForProgrammed bool
	// KubeContext selects a context of the kubeconfig; its current context when empty.
	KubeContext string
}

// Program returns the inline Pulumi program deploying every gateway of s.
func Program(s spec.Spec, target Target) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		konnect := components.KonnectArgs{
			Token:     pulumi.ToSecret(pulumi.String(target.KonnectToken)).(pulumi.StringOutput),
			ServerURL: target.KonnectServerURL, APIURL: target.KonnectAPIURL,
		}
		wait := func(set *bool) *bool {
			if set != nil {
				return set
			}
			w := target.WaitForProgrammed
			return &w
		}
		var opts []pulumi.ResourceOption
		if target.KubeContext != "" {
			prov, err := kubernetes.NewProvider(ctx, "kubernetes", &kubernetes.ProviderArgs{
				Context: pulumi.String(target.KubeContext),
			})
			if err != nil {
				return err
			}
			opts = append(opts, pulumi.Providers(prov))
		}
		connections := pulumi.Map{}
		for _, gw := range s.Gateways {
			switch {
			case gw.PortMapped != nil:
				args := *gw.PortMapped
				args.Konnect, args.WaitForProgrammed = konnect, wait(args.WaitForProgrammed)
				res, err := components.NewPortMappedGateway(ctx, gw.Name, args, opts...)
				if err != nil {
					return err
				}
				connections[gw.Name] = connectionsMap(PatternPortMapped, res.BootstrapServers, res.BrokerAddresses)
			case gw.Sni != nil:
				args := *gw.Sni
				args.Konnect, args.WaitForProgrammed = konnect, wait(args.WaitForProgrammed)
				res, err := components.NewSniGateway(ctx, gw.Name, args, opts...)
				if err != nil {
					return err
				}
				connections[gw.Name] = connectionsMap(PatternSni, res.BootstrapServers, res.BrokerAddresses)
			}
		}
		ctx.Export(ConnectionsOutput, connections)
		return nil
	}
}

func connectionsMap(pattern Pattern, bootstrap pulumi.StringMapOutput, brokers pulumi.StringArrayMapOutput) pulumi.Map {
	return pulumi.Map{
		"pattern":          pulumi.String(pattern),
		"bootstrapServers": bootstrap,
		"brokerAddresses":  brokers,
	}
}
