// Package e2e tests the components against a real local Kubernetes control plane (internal/testsupport/testenv): every
// object they render must be accepted by the API server with the upstream CRDs, a second up must change nothing,
// changes must touch exactly the objects they should, and destroy must leave nothing behind. No operator or
// Gateway controller runs; the tests play the Gateway controller where the components wait for one.
package e2e
