// Command pulumi-resource-kong-event-gateway serves the kong-event-gateway Pulumi provider plugin.
package main

import "github.com/kong-event-gateway/pulumi-kong-event-gateway/provider"

func main() { provider.Main() }
