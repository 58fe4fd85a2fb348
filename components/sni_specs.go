package components

import (
	"maps"
	"net"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// Konnect names of the SNI listener's policies; names are per listener. forward_sni is the name on Kong's page.
const (
	tlsServerPolicyName  = "tls_server"
	sniForwardPolicyName = "forward_sni"
)

// sniLayout is everything derived from validated arguments: names, host names and each object's spec.
type sniLayout struct {
	coreLayout
	args SniGatewayArgs
	// hosts are each virtual cluster's advertised host names.
	hosts []clusterHosts
}

// newSNILayout derives the layout of the component called name.
func newSNILayout(name string, args SniGatewayArgs) sniLayout {
	virtualClusters := args.virtualClusters()
	layout := sniLayout{
		coreLayout: coreLayout{
			component:        name,
			namespace:        args.namespace(),
			labels:           args.Labels,
			wait:             args.waitForProgrammed(),
			konnect:          args.Konnect,
			gateway:          args.gateway(),
			backendCluster:   args.BackendCluster,
			virtualClusters:  virtualClusters,
			schemaRegistries: args.SchemaRegistries,
			staticKeys:       args.StaticKeys,
			trustBundles:     args.TLS.trustBundles(),
			names:            newObjectNames(name, virtualClusters),
		},
		args: args,
	}
	for _, vc := range virtualClusters {
		layout.hosts = append(layout.hosts, newClusterHosts(args.brokerHostFormat(), vc.dnsLabel(), args.SNISuffix,
			args.BackendCluster.MinBrokerID, args.BackendCluster.BrokerCount))
	}
	return layout
}

// advertisedHosts lists every virtual cluster's host names in order.
func (l sniLayout) advertisedHosts() []string {
	var hosts []string
	for _, h := range l.hosts {
		hosts = append(hosts, h.all()...)
	}
	return hosts
}

// createsGateway reports whether the component creates the Gateway rather than attach to one.
func (l sniLayout) createsGateway() bool {
	return l.args.Edge.ExistingGateway == nil
}

// waitsForAddress reports whether DNS takes the address a Gateway controller reports for the created Gateway.
func (l sniLayout) waitsForAddress() bool {
	return l.args.DNS != nil && l.args.Edge.Address == "" && l.createsGateway()
}

// tlsSecretName is the Secret holding the listener's key pair: the user's, or the one cert-manager writes.
func (l sniLayout) tlsSecretName() string {
	if l.args.TLS.Issuer != nil {
		return l.names.Certificate()
	}
	return l.args.TLS.SecretName
}

// certificateNames are the names the certificate covers: computed for cert-manager, declared otherwise.
func (l sniLayout) certificateNames() []string {
	if l.args.TLS.Issuer != nil {
		return certificateNames(l.advertisedHosts())
	}
	return l.args.TLS.CertificateDNSNames
}

func (l sniLayout) listenerSpec() eventgateway.EventGatewayListenerSpec {
	return eventgateway.EventGatewayListenerSpec{
		GatewayRef: eventgateway.RefByName(l.names.Gateway),
		APISpec: eventgateway.ListenerAPISpec{
			Name:      l.names.Listener(),
			Addresses: []string{eventgateway.AllAddresses},
			Ports:     []eventgateway.ListenerPort{eventgateway.SinglePort(l.args.listenPort())},
		},
	}
}

// tlsServerPolicySpec is the listener's tlsServer policy; with client authentication it names the trust bundles by
// the Konnect IDs in bundleIDs (in ClientAuthentication.TrustBundles order).
func (l sniLayout) tlsServerPolicySpec(bundleIDs []string) eventgateway.EventGatewayListenerPolicySpec {
	secret := l.tlsSecretName()
	return eventgateway.EventGatewayListenerPolicySpec{
		EventGatewayListenerRef: eventgateway.RefByName(l.names.Listener()),
		APISpec: eventgateway.ListenerPolicyAPISpec{
			Type: eventgateway.ListenerPolicyTLSServer,
			TLSServer: &eventgateway.TLSServerPolicy{
				ListenerPolicyInfo: eventgateway.ListenerPolicyInfo{Name: tlsServerPolicyName},
				Config: eventgateway.TLSServerConfig{
					Certificates: []eventgateway.CertificateKeyPair{{
						Certificate: eventgateway.FromSecretKey(secret, "tls.crt"),
						Key:         eventgateway.FromSecretKey(secret, "tls.key"),
					}},
					Versions:             l.args.TLS.Versions,
					ClientAuthentication: l.clientAuthentication(bundleIDs),
				},
			},
		},
	}
}

// clientAuthentication is the tlsServer policy's client authentication with the trust bundles bundleIDs, or nil.
func (l sniLayout) clientAuthentication(bundleIDs []string) *eventgateway.ClientAuthentication {
	auth := l.args.TLS.ClientAuthentication
	if auth == nil {
		return nil
	}
	bundles := make([]eventgateway.KonnectRef, len(bundleIDs))
	for i, id := range bundleIDs {
		bundles[i] = eventgateway.KonnectRef{ID: id}
	}
	return &eventgateway.ClientAuthentication{
		Mode: auth.clientAuthMode(), TLSTrustBundles: bundles, PrincipalMapping: auth.PrincipalMapping,
	}
}

func (l sniLayout) forwardPolicySpec() eventgateway.EventGatewayListenerPolicySpec {
	return eventgateway.EventGatewayListenerPolicySpec{
		EventGatewayListenerRef: eventgateway.RefByName(l.names.Listener()),
		APISpec: eventgateway.ListenerPolicyAPISpec{
			Type: eventgateway.ListenerPolicyForwardToVirtualCluster,
			ForwardToVirtualCluster: &eventgateway.ForwardToVirtualClusterPolicy{
				ListenerPolicyInfo: eventgateway.ListenerPolicyInfo{Name: sniForwardPolicyName},
				Config: eventgateway.ForwardToVirtualClusterConfig{
					Type: eventgateway.ForwardSNI,
					SNI: &eventgateway.SNIConfig{
						SNISuffix:        l.args.SNISuffix,
						AdvertisedPort:   l.args.Edge.advertisedPort(),
						BrokerHostFormat: &eventgateway.BrokerHostFormat{Type: l.args.brokerHostFormat()},
					},
				},
			},
		},
	}
}

func (l sniLayout) dataPlaneSpec() eventgateway.KegDataPlaneSpec {
	ports := []eventgateway.ServicePort{servicePort(kafkaServicePortName, l.args.listenPort())}
	return dataPlaneSpec(l.names.Gateway, l.args.dataPlane(), eventgateway.ServiceTypeClusterIP, ports)
}

// edgeGatewayMetadata is the created Gateway's metadata: with the user's annotations, and waiting for its address
// when DNS needs it.
func (l sniLayout) edgeGatewayMetadata() eventgateway.Metadata {
	meta := l.metadata(l.names.EdgeGateway())
	meta.Annotations = maps.Clone(l.args.Edge.GatewayAnnotations)
	if l.waitsForAddress() {
		if meta.Annotations == nil {
			meta.Annotations = map[string]string{}
		}
		meta.Annotations[eventgateway.WaitForAnnotation] = eventgateway.GatewayAddressWaitFor
	}
	return meta
}

func (l sniLayout) edgeGatewaySpec() eventgateway.GatewaySpec {
	return eventgateway.GatewaySpec{
		GatewayClassName: l.args.Edge.GatewayClassName,
		Listeners: []eventgateway.GatewayListener{{
			Name:     edgeListenerName,
			Port:     l.args.Edge.advertisedPort(),
			Protocol: eventgateway.GatewayProtocolTLS,
			TLS:      &eventgateway.GatewayTLSConfig{Mode: eventgateway.GatewayTLSPassthrough},
			AllowedRoutes: &eventgateway.AllowedRoutes{
				Namespaces: &eventgateway.RouteNamespaces{From: eventgateway.FromSameNamespace},
				Kinds:      []eventgateway.RouteGroupKind{{Kind: "TLSRoute"}},
			},
		}},
	}
}

func (l sniLayout) routeSpec(i int) eventgateway.TLSRouteSpec {
	return eventgateway.TLSRouteSpec{
		ParentRefs: []eventgateway.ParentReference{l.args.Edge.parentRef(l.names.EdgeGateway())},
		Hostnames:  l.hosts[i].routed(),
		Rules: []eventgateway.TLSRouteRule{{BackendRefs: []eventgateway.BackendRef{{
			Name: l.names.DataPlaneService(), Port: l.args.listenPort(),
		}}}},
	}
}

func (l sniLayout) certificateSpec() eventgateway.CertificateSpec {
	return eventgateway.CertificateSpec{
		SecretName:     l.names.Certificate(),
		IssuerRef:      l.args.TLS.Issuer.issuerRef(),
		DNSNames:       l.certificateNames(),
		SecretTemplate: &eventgateway.SecretTemplate{Labels: eventgateway.OperatorSecretLabels},
	}
}

// dnsEndpointMetadata is a DNSEndpoint's metadata, with the DNS labels besides the component's.
func (l sniLayout) dnsEndpointMetadata(name string) eventgateway.Metadata {
	meta := l.metadata(name)
	if len(l.args.DNS.Labels) > 0 {
		meta.Labels = maps.Clone(l.labels)
		if meta.Labels == nil {
			meta.Labels = map[string]string{}
		}
		maps.Copy(meta.Labels, l.args.DNS.Labels)
	}
	return meta
}

// dnsEndpointSpec points virtual cluster i's routed names at address.
func (l sniLayout) dnsEndpointSpec(i int, address string) eventgateway.DNSEndpointSpec {
	var spec eventgateway.DNSEndpointSpec
	for _, name := range l.hosts[i].routed() {
		spec.Endpoints = append(spec.Endpoints, eventgateway.DNSRecord{
			DNSName: name, RecordType: recordType(address), Targets: []string{address}, RecordTTL: l.args.DNS.TTL,
		})
	}
	return spec
}

// recordType is A for an IPv4 address, AAAA for an IPv6 address and CNAME for a host name.
func recordType(address string) eventgateway.RecordType {
	ip := net.ParseIP(address)
	switch {
	case ip == nil:
		return eventgateway.RecordTypeCNAME
	case ip.To4() != nil:
		return eventgateway.RecordTypeA
	}
	return eventgateway.RecordTypeAAAA
}
