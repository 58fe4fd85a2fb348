// Package components provides Pulumi components that deploy Kong Event Gateway on Kubernetes through Kong Operator.
//
// PortMappedGateway builds the port-mapping pattern: one LoadBalancer Service with a bootstrap port and one port
// per broker for each virtual cluster. SniGateway builds the SNI pattern: one TLS Passthrough Gateway listener,
// TLSRoutes to the data plane, which terminates TLS and routes by server name, plus the certificate and DNS records
// the advertised host names need. Their arguments are plain values, so preview validates all of them before any
// resource is registered (Validate reports each problem as a *FieldError) and pulumi-go-provider's
// infer.ComponentF can serve the components to other languages. The typed custom resources they create come from
// package eventgateway.
package components

//go:generate go run ../internal/cmd/gen-annotations -token PortMappedGateway=index -token SniGateway=index -types index
