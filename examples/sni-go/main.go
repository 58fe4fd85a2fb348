// Command sni-go deploys Kong Event Gateway with the SNI pattern from Kong's documentation: one TLS Passthrough
// Gateway listener on 9092 routing bootstrap.vc-tls-1.keg.example.com and broker-{0,1,2}.vc-tls-1.keg.example.com to
// the data plane, which terminates TLS with a cert-manager certificate; ExternalDNS publishes the names.
//
// Set the token with: pulumi config set --secret konnectToken kpat_...
// Optionally: pulumi config set gatewayClass <class> (default kong), pulumi config set issuer <ClusterIssuer>
// (default letsencrypt).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/examples/sni-go/sni"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		gatewayClass, issuer := cfg.Get("gatewayClass"), cfg.Get("issuer")
		if gatewayClass == "" {
			gatewayClass = "kong"
		}
		if issuer == "" {
			issuer = "letsencrypt"
		}
		return sni.Deploy(ctx, sni.Args(cfg.RequireSecret("konnectToken"), gatewayClass, issuer))
	})
}
