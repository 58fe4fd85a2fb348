package konnect

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// DataPlaneCertificate registers a client certificate that data planes may present to Konnect (mTLS).
type DataPlaneCertificate struct {
	kind[DataPlaneCertificateArgs, DataPlaneCertificateState]
}

var _ resource[DataPlaneCertificateArgs, DataPlaneCertificateState] = (*DataPlaneCertificate)(nil)

// DataPlaneCertificateArgs are the inputs of a DataPlaneCertificate.
type DataPlaneCertificateArgs struct {
	// ID of the event gateway; changing it replaces the certificate.
	GatewayID string `pulumi:"gatewayId" api:"-"`
	// PEM certificate.
	Certificate string `pulumi:"certificate" api:"certificate"`
	// Name (at most 255 characters); defaults to the resource name. The provider uses it to find a certificate an
	// interrupted create may have made.
	Name *string `pulumi:"name,optional" api:"name,omitempty"`
	// Description.
	Description *string `pulumi:"description,optional" api:"description,omitempty"`
}

// CertificateMetadata is what Konnect parsed from a certificate.
type CertificateMetadata struct {
	// Issuer distinguished name.
	Issuer *string `pulumi:"issuer,optional" api:"issuer,omitempty"`
	// Subject distinguished name.
	Subject *string `pulumi:"subject,optional" api:"subject,omitempty"`
	// Key usages.
	KeyUsages []string `pulumi:"keyUsages,optional" api:"key_usages,omitempty"`
	// Expiry as a Unix timestamp.
	Expiry *int `pulumi:"expiry,optional" api:"expiry,omitempty"`
	// Subject alternative names.
	SANNames []string `pulumi:"sanNames,optional" api:"san_names,omitempty"`
	// DNS names.
	DNSNames []string `pulumi:"dnsNames,optional" api:"dns_names,omitempty"`
	// E-mail addresses.
	EmailAddresses []string `pulumi:"emailAddresses,optional" api:"email_addresses,omitempty"`
	// IP addresses.
	IPAddresses []string `pulumi:"ipAddresses,optional" api:"ip_addresses,omitempty"`
	// URIs.
	URIs []string `pulumi:"uris,optional" api:"uris,omitempty"`
	// SHA-256 fingerprint.
	SHA256Fingerprint *string `pulumi:"sha256Fingerprint,optional" api:"sha256_fingerprint,omitempty"`
}

// DataPlaneCertificateState is the state of a DataPlaneCertificate.
type DataPlaneCertificateState struct {
	DataPlaneCertificateArgs
	Timestamps
	// What Konnect parsed from the certificate.
	Metadata *CertificateMetadata `pulumi:"metadata,optional" api:"metadata,omitempty"`
}

// Annotate describes the resource.
func (d *DataPlaneCertificate) Annotate(a infer.Annotator) {
	a.Describe(d, "A client certificate data planes may present to Konnect (mTLS). Import it with the ID "+
		"`<gatewayId>/<certificateId>`.")
}

// defaultName names the certificate after its resource when no name is set.
func (d *DataPlaneCertificateArgs) defaultName(name string) {
	if d.Name == nil {
		d.Name = &name
	}
}

func (d *DataPlaneCertificateArgs) validate(problems *validate.Problems) {
	problems.Check("name", validate.MaxLength(str(d.Name), validate.MaxNameLength))
}

var dataPlaneCertificates = kind[DataPlaneCertificateArgs, DataPlaneCertificateState]{
	idFormat: "<gatewayId>/<certificateId>",
	parents:  func(a *DataPlaneCertificateArgs) []parent { return gatewayParent(&a.GatewayID) },
	args:     func(s *DataPlaneCertificateState) *DataPlaneCertificateArgs { return &s.DataPlaneCertificateArgs },
	create: func(ctx context.Context, c *client.Client, a DataPlaneCertificateArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := sdkModel[components.CreateEventGatewayDataPlaneCertificateRequest](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayDataPlaneCertificates.CreateEventGatewayDataPlaneCertificate(ctx, a.GatewayID, &body, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a DataPlaneCertificateArgs) (json.RawMessage, error) {
		items, err := client.All(ctx, func(ctx context.Context, after *string) (*http.Response, error) {
			res, err := c.SDK.EventGatewayDataPlaneCertificates.ListEventGatewayDataPlaneCertificates(ctx, operations.ListEventGatewayDataPlaneCertificatesRequest{
				GatewayID: a.GatewayID, PageSize: pageSize, PageAfter: after, Filter: nameFilter(str(a.Name)),
			})
			return rawResponse(res, err)
		})
		return pick(items, err, str(a.Name), "")
	},
	get: func(ctx context.Context, c *client.Client, a DataPlaneCertificateArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayDataPlaneCertificates.GetEventGatewayDataPlaneCertificate(ctx, a.GatewayID, id)
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a DataPlaneCertificateArgs, id string) (*http.Response, error) {
		body, err := sdkModel[components.UpdateEventGatewayDataPlaneCertificateRequest](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayDataPlaneCertificates.UpdateEventGatewayDataPlaneCertificate(ctx, operations.UpdateEventGatewayDataPlaneCertificateRequest{
			GatewayID: a.GatewayID, CertificateID: id, UpdateEventGatewayDataPlaneCertificateRequest: &body,
		})
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a DataPlaneCertificateArgs, id string) error {
		_, err := c.SDK.EventGatewayDataPlaneCertificates.DeleteEventGatewayDataPlaneCertificate(ctx, a.GatewayID, id)
		return err
	},
}
