// Package provider assembles the kong-event-gateway Pulumi provider: a plugin that serves the
// PortMappedGateway and SniGateway components to every Pulumi language and manages Kong Event Gateway
// objects in Kong Konnect through the Konnect SDK.
package provider

import (
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/konnect"
)

// Name is the Pulumi package name.
const Name = "kong-event-gateway"

// Version is the version of the provider, schema.json and the SDKs; `make release VERSION=x.y.z` sets it.
var Version = "0.1.0"

// Option customises the provider.
type Option func(*options)

type options struct{ factory konnect.ClientFactory }

// WithClientFactory makes the provider build its Konnect client with f instead of client.New, e.g. to point
// it at an emulator or to shorten retries in tests.
func WithClientFactory(f konnect.ClientFactory) Option {
	return func(o *options) { o.factory = f }
}

// Provider returns the kong-event-gateway provider.
func Provider(opts ...Option) (p.Provider, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return infer.NewProviderBuilder().
		WithDisplayName("Kong Event Gateway").
		WithDescription("Manage Kong Event Gateway (Kong's Kafka proxy) objects in Kong Konnect.").
		WithKeywords("kong", "konnect", "kafka", "event-gateway", "category/network").
		WithHomepage("https://github.com/kong-event-gateway/pulumi-kong-event-gateway").
		WithRepository("https://github.com/kong-event-gateway/pulumi-kong-event-gateway").
		WithPublisher("kong-event-gateway").
		WithLicense("Apache-2.0").
		WithNamespace("kong-event-gateway").
		WithGoImportPath("github.com/kong-event-gateway/pulumi-kong-event-gateway/sdk/go/kongeventgateway").
		WithConfig(infer.Config(konnect.NewConfig(o.factory))).
		WithResources(konnect.Resources()...).
		WithFunctions(konnect.Functions()...).
		WithComponents(
			infer.ComponentF(components.NewPortMappedGateway),
			infer.ComponentF(components.NewSniGateway),
		).
		Build()
}
