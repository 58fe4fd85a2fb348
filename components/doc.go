// Package components provides Pulumi components that deploy Kong Event Gateway on Kubernetes through Kong Operator.
//
// PortMappedGateway builds the port-mapping pattern: one LoadBalancer Service with a bootstrap port and one port
// per broker for each virtual cluster. Its arguments are plain values, so preview validates all of them before any
// resource is registered and pulumi-go-provider's infer.ComponentF can serve the component to other languages.
// The typed custom resources it creates come from package eventgateway.
package components
