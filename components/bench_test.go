package components

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

// BenchmarkPortMappedGateway measures validating and registering a gateway
// with many virtual clusters (each a listener, a policy and 4 Service ports)
// against the mock engine: the cost the component adds to every preview.
func BenchmarkPortMappedGateway(b *testing.B) {
	for _, clusters := range []int{1, 10, 15} {
		args := seedArgs()
		args.VirtualClusters = nil
		for i := range clusters {
			args.VirtualClusters = append(args.VirtualClusters, VirtualClusterArgs{Name: fmt.Sprintf("team_%d", i)})
		}
		b.Run(fmt.Sprintf("virtualClusters=%d", clusters), func(b *testing.B) {
			for b.Loop() {
				if _, err := pulumimock.Run(func(ctx *pulumi.Context) error {
					_, err := NewPortMappedGateway(ctx, "bench", args)
					return err
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSniGateway does the same for the SNI pattern, where virtual
// clusters share one port and add routes, SANs and DNS records instead.
func BenchmarkSniGateway(b *testing.B) {
	for _, clusters := range []int{1, 10, 50} {
		args := seedSNIArgs()
		args.VirtualClusters = nil
		for i := range clusters {
			args.VirtualClusters = append(args.VirtualClusters, SniVirtualClusterArgs{Name: fmt.Sprintf("team_%d", i)})
		}
		b.Run(fmt.Sprintf("virtualClusters=%d", clusters), func(b *testing.B) {
			for b.Loop() {
				if _, err := pulumimock.Run(func(ctx *pulumi.Context) error {
					_, err := NewSniGateway(ctx, "bench", args)
					return err
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
