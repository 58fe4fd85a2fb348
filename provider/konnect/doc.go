// Package konnect holds the provider's configuration, resources and functions for Kong Event Gateway
// objects in Konnect. Its Go package name is the Pulumi module: tokens are kong-event-gateway:konnect:<Name>.
//
// The inputs, outputs and nested types are documented by their doc comments, which zz_annotations.go carries into
// the schema; the resources, the functions and the types that set defaults annotate themselves.
package konnect

//go:generate go run ../../internal/cmd/gen-annotations -verbatim -skip Config,ClusterPolicyArgs,SchemaRegistryArgs,SchemaRegistryAuthentication
