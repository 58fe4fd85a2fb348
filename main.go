// Command pulumi-kong-event-gateway serves the kong-event-gateway provider plugin from the repository's root
// package, for PulumiPlugin.yaml (runtime: go): `pulumi package add <this repository>` has the Go language host
// build the root package and runs it as the plugin. It is the same program as
// provider/cmd/pulumi-resource-kong-event-gateway, which release builds and tests use.
package main

//go:generate go run ./internal/cmd/gen-schema -out schema.json
//go:generate go run ./internal/cmd/gen-sdks -schema schema.json -out sdk

import "github.com/kong-event-gateway/pulumi-kong-event-gateway/provider"

func main() { provider.Main() }
