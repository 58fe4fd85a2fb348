package components

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// fuzzArgs are the fuzzed inputs of both gateways: the counts and ports layouts are derived from, and the names
// and host parts host names are built from. virtualClusters is a comma-separated list of names, dnsLabel=name
// when a label is given.
type fuzzArgs struct {
	name, suffix, host, virtualClusters, format string
	brokerCount, minBrokerID, basePort, port    int
}

func (f fuzzArgs) virtualClusterArgs() []VirtualClusterArgs {
	var vcs []VirtualClusterArgs
	for i, entry := range strings.Split(f.virtualClusters, ",") {
		name, label, _ := strings.Cut(entry, "=")
		vc := VirtualClusterArgs{Name: name, DNSLabel: label}
		if i == 1 {
			vc.Port = f.port
		}
		vcs = append(vcs, vc)
	}
	return vcs
}

func (f fuzzArgs) backend() BackendClusterArgs {
	return BackendClusterArgs{BootstrapServers: []string{"kafka:9092"}, BrokerCount: f.brokerCount,
		MinBrokerID: f.minBrokerID}
}

var fuzzKonnect = KonnectArgs{Token: pulumi.String("kpat_fuzz"), ServerURL: "eu.api.konghq.com"}

// FuzzValidate: no argument makes Validate panic, every problem names a field, and arguments Validate accepts give
// a layout (ports, host names, object names) of the size their counts say, without panicking.
func FuzzValidate(f *testing.F) {
	f.Add("gw", ".keg.example.com", "10.0.1.1", "orders,payments=pay", "", 3, 0, 9092, 0)
	f.Add("gw", "-shared.example.com", "kafka.example.com", "a=a,b=b", string(eventgateway.BrokerHostSharedSuffix),
		5, 1, 19092, 20000)
	f.Add("gw", ".x", "h", "vc", "", 1000000000, 9223372036854775807, 9223372036854775806, -1)
	f.Add("g", ".keg.example.com", "10.0.1.1", "vc", "", 1000, 2147482648, 1, 65535)
	f.Fuzz(func(t *testing.T, name, suffix, host, virtualClusters, format string,
		brokerCount, minBrokerID, basePort, port int,
	) {
		in := fuzzArgs{name, suffix, host, virtualClusters, format, brokerCount, minBrokerID, basePort, port}
		portMapped := PortMappedGatewayArgs{Konnect: fuzzKonnect, AdvertisedHost: host, BasePort: basePort,
			BackendCluster: in.backend(), VirtualClusters: in.virtualClusterArgs()}
		if err := portMapped.Validate(name); err != nil {
			requireFields(t, err)
		} else if blocks := newListenerBlocks(portMapped); len(blocks) != len(portMapped.VirtualClusters) {
			t.Fatalf("%d listener blocks for %d virtual clusters", len(blocks), len(portMapped.VirtualClusters))
		}

		var sniVCs []SniVirtualClusterArgs
		for _, vc := range in.virtualClusterArgs() {
			sniVCs = append(sniVCs, SniVirtualClusterArgs{Name: vc.Name, DNSLabel: vc.DNSLabel})
		}
		sni := SniGatewayArgs{Konnect: fuzzKonnect, SNISuffix: suffix,
			BrokerHostFormat: eventgateway.BrokerHostFormatType(format), BackendCluster: in.backend(),
			VirtualClusters: sniVCs, Edge: EdgeArgs{GatewayClassName: "kong", Port: 9092}}
		if err := sni.Validate(name); err != nil {
			requireFields(t, err)
			return
		}
		for _, hosts := range newSNILayout(name, sni).hosts {
			if len(hosts.Brokers) != brokerCount {
				t.Fatalf("%d broker host names for %d brokers", len(hosts.Brokers), brokerCount)
			}
		}
	})
}

// requireFields fails unless every problem of err names a field and says something.
func requireFields(t *testing.T, err error) {
	t.Helper()
	problems := FieldErrors(err)
	if len(problems) == 0 {
		t.Fatalf("not field errors: %v", err)
	}
	for _, fe := range problems {
		if fe.Field == "" || fe.Message == "" {
			t.Fatalf("a problem without field or message: %#v", fe)
		}
	}
}
