package eventgateway

import (
	"reflect"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ExternalDNSAPIVersion is the API version of ExternalDNS's DNSEndpoint.
const ExternalDNSAPIVersion = "externaldns.k8s.io/v1alpha1"

var dnsEndpointKind = kind{ExternalDNSAPIVersion, "DNSEndpoint", ""}

// DNSEndpointSpec lists the records ExternalDNS publishes (with its crd source enabled).
type DNSEndpointSpec struct {
	Endpoints []DNSRecord `json:"endpoints" pulumi:"endpoints"`
}

// RecordType is a DNS record type.
type RecordType string

// Values of RecordType.
const (
	RecordTypeA     RecordType = "A"
	RecordTypeAAAA  RecordType = "AAAA"
	RecordTypeCNAME RecordType = "CNAME"
)

// DNSRecord is one DNS record.
type DNSRecord struct {
	// DNSName is the record name, precise or with a leading "*." label.
	DNSName    string     `json:"dnsName" pulumi:"dnsName"`
	RecordType RecordType `json:"recordType" pulumi:"recordType"`
	Targets    []string   `json:"targets" pulumi:"targets"`
	// RecordTTL is in seconds; 0 leaves it to ExternalDNS.
	RecordTTL int `json:"recordTTL,omitempty" pulumi:"recordTTL,optional"`
}

// DNSEndpointSpecOutput is a DNSEndpointSpec known once other resources report what it needs, such as a Gateway's
// address: build it with ApplyT on that output.
type DNSEndpointSpecOutput struct{ *pulumi.OutputState }

// ElementType is DNSEndpointSpec.
func (DNSEndpointSpecOutput) ElementType() reflect.Type {
	return reflect.TypeFor[DNSEndpointSpec]()
}

func init() {
	pulumi.RegisterOutputType(DNSEndpointSpecOutput{})
}

// NewDNSEndpoint registers a DNSEndpoint (externaldns.k8s.io/v1alpha1) once spec resolves.
func NewDNSEndpoint(ctx *pulumi.Context, name string, meta Metadata, spec DNSEndpointSpecOutput,
	opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return registerResolved(ctx, name, dnsEndpointKind, meta, spec, opts...)
}
