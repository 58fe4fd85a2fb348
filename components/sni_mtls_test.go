package components

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/crdschema"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

// caPEM returns a self-signed CA certificate, PEM-encoded.
func caPEM(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "clients CA"}, IsCA: true, BasicConstraintsValid: true,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestSniClientCertificatesThroughTrustBundles(t *testing.T) {
	args := seedSNIArgs()
	ca := caPEM(t)
	args.TLS.ClientAuthentication = &ClientAuthenticationArgs{
		TrustBundles: []TrustBundleArgs{{Name: "clients", TrustedCA: ca}}, PrincipalMapping: "cert.subject.cn",
	}
	recorder := &pulumimock.Recorder{Status: func(r pulumimock.Resource) resource.PropertyMap {
		if r.Kind() == "KonnectEventGateway" {
			return resource.PropertyMap{"id": resource.NewStringProperty("konnect-gateway-id")}
		}
		return nil
	}}
	renderSNI(t, "sni", args, recorder)

	bundle := mustNamed(t, recorder, "sni-trust-clients")
	assert.Equal(t, "kong-event-gateway:konnect:TLSTrustBundle", bundle.Type)
	assert.Equal(t, map[string]any{"gatewayId": "konnect-gateway-id", "name": "clients", "config": map[string]any{"trustedCa": ca}},
		bundle.Plain())
	assert.Contains(t, bundle.Provider, "pulumi:providers:kong-event-gateway::sni-konnect::")

	tlsServer := mustNamed(t, recorder, "sni-tls-server")
	assert.Equal(t, map[string]any{
		"mode": "required", "tlsTrustBundles": []any{map[string]any{"id": "sni-trust-clients-id"}},
		"principalMapping": "cert.subject.cn",
	}, at(tlsServer.Plain(), "spec", "apiSpec", "tlsServer", "config", "clientAuthentication"))
	assert.True(t, tlsServer.DependsOn("sni-trust-clients"))
	if validator, err := crdschema.Load(crdschema.Dir("../../shared/crds/kong-operator")); err == nil {
		assert.NoError(t, validator.Validate(tlsServer.Plain()), "the CRD accepts the tlsServer policy")
	}
	assert.Contains(t, at(mustNamed(t, recorder, "sni-gateway").Plain(), "metadata", "annotations", eventgateway.WaitForAnnotation),
		eventgateway.KonnectGatewayIDWaitFor)
}

func TestSniClientAuthenticationIsChecked(t *testing.T) {
	args := seedSNIArgs()
	args.TLS.ClientAuthentication = &ClientAuthenticationArgs{Mode: "optional", TrustBundles: []TrustBundleArgs{
		{Name: "clients", TrustedCA: caPEM(t)}, {Name: "clients", TrustedCA: "not a certificate"},
	}}
	err := args.Validate("sni")
	require.Error(t, err)
	assert.ElementsMatch(t, []string{
		`tls.clientAuthentication.mode: "optional" must be one of "required", "requested"`,
		`tls.clientAuthentication.trustBundles[1].name: "clients" is also the value of tls.clientAuthentication.trustBundles[0].name`,
		"tls.clientAuthentication.trustBundles[1].trustedCA: must hold PEM-encoded CA certificates (-----BEGIN CERTIFICATE-----)",
	}, fieldErrorTexts(err))

	args.TLS.ClientAuthentication = nil
	recorder, _ := renderSNI(t, "sni", args, nil)
	assert.NotContains(t, at(mustNamed(t, recorder, "sni-tls-server").Plain(), "spec", "apiSpec", "tlsServer", "config"),
		"clientAuthentication", "no client authentication unless asked for")
	_, found := recorder.Named("sni-konnect")
	assert.False(t, found, "no provider without static keys or trust bundles")
}
