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
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/secrets"
)

// ListenerPolicy decides what a listener does with connections: terminate TLS or forward them to a
// virtual cluster.
type ListenerPolicy struct {
	kind[ListenerPolicyArgs, ListenerPolicyState]
}

var _ resource[ListenerPolicyArgs, ListenerPolicyState] = (*ListenerPolicy)(nil)

// ListenerPolicyArgs are the inputs of a ListenerPolicy.
type ListenerPolicyArgs struct {
	// ID of the event gateway; changing it replaces the policy.
	GatewayID string `pulumi:"gatewayId" api:"-"`
	// ID of the listener; changing it replaces the policy.
	ListenerID string `pulumi:"listenerId" api:"-"`
	// `tls_server` or `forward_to_virtual_cluster`; set the member of the same name. Changing it replaces the policy.
	Type ListenerPolicyType `pulumi:"type" api:"type"`
	PolicyBase
	// Settings of a `tls_server` policy.
	TLSServer *TLSServerConfig `pulumi:"tlsServer,optional" api:"-" konnect:"tls_server"`
	// Settings of a `forward_to_virtual_cluster` policy.
	ForwardToVirtualCluster *ForwardToVirtualClusterConfig `pulumi:"forwardToVirtualCluster,optional" api:"-" konnect:"forward_to_virtual_cluster"`
}

// TLSServerConfig terminates TLS on the listener.
type TLSServerConfig struct {
	// Exactly one server certificate.
	Certificates []TLSCertificate `pulumi:"certificates" api:"certificates"`
	// Accepted TLS versions; Konnect's default is TLSv1.2 to TLSv1.3.
	Versions *TLSVersionRange `pulumi:"versions,optional" api:"versions,omitempty"`
	// Also accept connections without TLS.
	AllowPlaintext *bool `pulumi:"allowPlaintext,optional" api:"allow_plaintext,omitempty"`
	// Require or request client certificates.
	ClientAuthentication *TLSClientAuthentication `pulumi:"clientAuthentication,optional" api:"client_authentication,omitempty"`
}

// TLSCertificate is a server certificate and its private key.
type TLSCertificate struct {
	// PEM certificate chain (literal or `${vault...}` reference).
	Certificate string `pulumi:"certificate" api:"certificate"`
	// PEM private key (literal or `${vault...}` reference).
	Key string `pulumi:"key" api:"key" provider:"secret"`
}

// TLSVersionRange bounds the accepted TLS versions.
type TLSVersionRange struct {
	// `TLSv1.2` (default) or `TLSv1.3`.
	Min *string `pulumi:"min,optional" api:"min,omitempty"`
	// `TLSv1.2` or `TLSv1.3` (default).
	Max *string `pulumi:"max,optional" api:"max,omitempty"`
}

// TLSClientAuthentication asks clients for certificates (mutual TLS).
type TLSClientAuthentication struct {
	// `required` or `requested`.
	Mode ClientAuthMode `pulumi:"mode" api:"mode"`
	// Trust bundles (TLSTrustBundle resources) that verify client certificates.
	TLSTrustBundles []Ref `pulumi:"tlsTrustBundles" api:"tls_trust_bundles"`
	// Expression deriving the principal name from the client certificate.
	PrincipalMapping *string `pulumi:"principalMapping,optional" api:"principal_mapping,omitempty"`
}

// ForwardToVirtualClusterConfig routes connections to virtual clusters by port (`port_mapping`) or by TLS
// server name (`sni`).
type ForwardToVirtualClusterConfig struct {
	// `port_mapping` (a port per broker) or `sni` (TLS server names; needs a `tls_server` policy first).
	Type ForwardType `pulumi:"type" api:"type"`
	// `port_mapping`: the virtual cluster, by ID or name.
	Destination *Ref `pulumi:"destination,optional" api:"destination,omitempty"`
	// `port_mapping`: host name or IP address advertised to clients (lower case).
	AdvertisedHost *string `pulumi:"advertisedHost,optional" api:"advertised_host,omitempty"`
	// `port_mapping`: `at_start` (the first listener port is the bootstrap port; default) or `none`.
	BootstrapPort *BootstrapPort `pulumi:"bootstrapPort,optional" api:"bootstrap_port,omitempty"`
	// `port_mapping`: broker ID of the first broker port (default 0).
	MinBrokerID *int `pulumi:"minBrokerId,optional" api:"min_broker_id,omitempty"`
	// `sni`: suffix after `<dnsLabel>`; starts with `.` or `-`, e.g. `.keg.example.com`.
	SNISuffix *string `pulumi:"sniSuffix,optional" api:"sni_suffix,omitempty"`
	// `sni`: port advertised to clients instead of the listener port.
	AdvertisedPort *int `pulumi:"advertisedPort,optional" api:"advertised_port,omitempty"`
	// `sni`: broker host names; default `per_cluster_suffix`.
	BrokerHostFormat *BrokerHostFormat `pulumi:"brokerHostFormat,optional" api:"broker_host_format,omitempty"`
}

// BrokerHostFormat is the SNI host-name scheme of brokers.
type BrokerHostFormat struct {
	// `per_cluster_suffix` (`broker-<id>.<dnsLabel><suffix>`) or `shared_suffix` (`broker-<id>-<dnsLabel><suffix>`, one
	// wildcard certificate for all clusters; runtime 1.1 or later).
	Type BrokerHostFormatType `pulumi:"type" api:"type"`
}

// ListenerPolicyState is the state of a ListenerPolicy. Private keys are not kept; their hashes are.
type ListenerPolicyState struct {
	ListenerPolicyArgs
	Timestamps
	secrets.Sealed
}

// Annotate describes the resource.
func (l *ListenerPolicy) Annotate(a infer.Annotator) {
	a.Describe(l, "A listener policy: `tls_server` terminates TLS, `forward_to_virtual_cluster` routes connections "+
		"to virtual clusters by port or SNI. Policies run in creation order, so create `tls_server` before an SNI "+
		"forward. Import it with the ID `<gatewayId>/<listenerId>/<policyId>`.")
}

func (l *ListenerPolicyArgs) applyDefaults() {
	l.PolicyBase.applyDefaults()
	if t := l.TLSServer; t != nil {
		if t.Versions == nil {
			t.Versions = &TLSVersionRange{}
		}
		if t.Versions.Min == nil {
			t.Versions.Min = new("TLSv1.2")
		}
		if t.Versions.Max == nil {
			t.Versions.Max = new("TLSv1.3")
		}
	}
	if f := l.ForwardToVirtualCluster; f != nil {
		switch {
		case f.Type == "port_mapping" && f.BootstrapPort == nil:
			f.BootstrapPort = new(BootstrapPort("at_start"))
		case f.Type == "sni" && f.BrokerHostFormat == nil:
			f.BrokerHostFormat = &BrokerHostFormat{Type: "per_cluster_suffix"}
		}
	}
}

func (l *ListenerPolicyArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", str(l.Name), str(l.Description), "labels", l.Labels)
	checkVariant(problems, l, string(l.Type), enumStrings[ListenerPolicyType]()...)
	if t := l.TLSServer; t != nil {
		if len(t.Certificates) != 1 {
			problems.Add("tlsServer.certificates", "must have exactly one certificate, not %d", len(t.Certificates))
		}
		if v := t.Versions; v != nil {
			problems.Check("tlsServer.versions.min", validate.OneOf(str(v.Min), "TLSv1.2", "TLSv1.3"))
			problems.Check("tlsServer.versions.max", validate.OneOf(str(v.Max), "TLSv1.2", "TLSv1.3"))
		}
		if ca := t.ClientAuthentication; ca != nil {
			bundles := validate.Path("tlsServer.clientAuthentication.tlsTrustBundles")
			problems.Check("tlsServer.clientAuthentication.mode", validate.Enum(ca.Mode))
			problems.Check(bundles, validate.NotEmpty(len(ca.TLSTrustBundles)))
			for i := range ca.TLSTrustBundles {
				checkRef(problems, bundles.Index(i), &ca.TLSTrustBundles[i])
			}
		}
	}
	if f := l.ForwardToVirtualCluster; f != nil {
		const path validate.Path = "forwardToVirtualCluster"
		problems.Check(path.Field("type"), validate.Enum(f.Type))
		portMapping := f.Destination != nil || f.AdvertisedHost != nil || f.BootstrapPort != nil || f.MinBrokerID != nil
		sni := f.SNISuffix != nil || f.AdvertisedPort != nil || f.BrokerHostFormat != nil
		switch f.Type {
		case "port_mapping":
			if sni {
				problems.Add(path, "sniSuffix, advertisedPort and brokerHostFormat do not apply when type is %q",
					f.Type)
			}
			problems.Check(path.Field("destination"), validate.Member(f.Destination != nil, true, "type", string(f.Type)))
			problems.Check(path.Field("advertisedHost"), validate.Member(f.AdvertisedHost != nil, true, "type", string(f.Type)))
		case "sni":
			if portMapping {
				problems.Add(path, "destination, advertisedHost, bootstrapPort and minBrokerId do not apply when "+
					"type is %q", f.Type)
			}
		}
		checkRef(problems, path.Field("destination"), f.Destination)
		problems.Check(path.Field("advertisedHost"), validate.AdvertisedHost(str(f.AdvertisedHost)))
		problems.Check(path.Field("bootstrapPort"), optionalOneOf(f.BootstrapPort))
		problems.Check(path.Field("sniSuffix"), validate.SNISuffix(str(f.SNISuffix)))
		if f.AdvertisedPort != nil {
			problems.Check(path.Field("advertisedPort"), validate.Port(*f.AdvertisedPort))
		}
		if f.BrokerHostFormat != nil {
			problems.Check(path.Field("brokerHostFormat.type"),
				validate.Enum(f.BrokerHostFormat.Type))
		}
	}
}

func decodeListenerPolicy(raw json.RawMessage) (string, ListenerPolicyState, error) {
	return decodePolicy(raw,
		func(s *ListenerPolicyState) any { return &s.ListenerPolicyArgs },
		func(s *ListenerPolicyState) string { return string(s.Type) })
}

var listenerPolicies = kind[ListenerPolicyArgs, ListenerPolicyState]{
	idFormat: "<gatewayId>/<listenerId>/<policyId>",
	parents: func(a *ListenerPolicyArgs) []parent {
		return []parent{{"gatewayId", &a.GatewayID}, {"listenerId", &a.ListenerID}}
	},
	args:   func(s *ListenerPolicyState) *ListenerPolicyArgs { return &s.ListenerPolicyArgs },
	sealed: func(s *ListenerPolicyState) *secrets.Sealed { return &s.Sealed },
	decode: decodeListenerPolicy,
	diff:   diffOptions{immutable: []string{"type"}},
	create: func(ctx context.Context, c *client.Client, a ListenerPolicyArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := policyModel[components.EventGatewayListenerPolicyCreate](&a, string(a.Type))
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayListenerPolicies.CreateEventGatewayListenerPolicy(ctx, operations.CreateEventGatewayListenerPolicyRequest{
			GatewayID: a.GatewayID, ListenerID: a.ListenerID, EventGatewayListenerPolicyCreate: body,
		}, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a ListenerPolicyArgs) (json.RawMessage, error) {
		res, err := c.SDK.EventGatewayListenerPolicies.ListEventGatewayListenerPolicies(ctx, operations.ListEventGatewayListenerPoliciesRequest{
			GatewayID: a.GatewayID, ListenerID: a.ListenerID,
		})
		items, err := policyList(res, err)
		return pick(items, err, str(a.Name), string(a.Type))
	},
	get: func(ctx context.Context, c *client.Client, a ListenerPolicyArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayListenerPolicies.GetEventGatewayListenerPolicy(ctx, operations.GetEventGatewayListenerPolicyRequest{
			GatewayID: a.GatewayID, ListenerID: a.ListenerID, PolicyID: id,
		})
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a ListenerPolicyArgs, id string) (*http.Response, error) {
		body, err := policyModel[components.EventGatewayListenerPolicyUpdate](&a, string(a.Type))
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayListenerPolicies.UpdateEventGatewayListenerPolicy(ctx, operations.UpdateEventGatewayListenerPolicyRequest{
			GatewayID: a.GatewayID, ListenerID: a.ListenerID, PolicyID: id, EventGatewayListenerPolicyUpdate: body,
		})
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a ListenerPolicyArgs, id string) error {
		_, err := c.SDK.EventGatewayListenerPolicies.DeleteEventGatewayListenerPolicy(ctx, operations.DeleteEventGatewayListenerPolicyRequest{
			GatewayID: a.GatewayID, ListenerID: a.ListenerID, PolicyID: id,
		})
		return err
	},
}
