package konnectemu

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"slices"
)

// certificateMetadata is the CertificateMetadata Konnect derives from a data-plane certificate.
type certificateMetadata struct {
	Issuer            string   `json:"issuer"`
	Subject           string   `json:"subject"`
	KeyUsages         []string `json:"key_usages,omitempty"`
	Expiry            int64    `json:"expiry"`
	SANNames          []string `json:"san_names,omitempty"`
	DNSNames          []string `json:"dns_names,omitempty"`
	EmailAddresses    []string `json:"email_addresses,omitempty"`
	IPAddresses       []string `json:"ip_addresses,omitempty"`
	URIs              []string `json:"uris,omitempty"`
	SHA256Fingerprint string   `json:"sha256_fingerprint"`
}

var keyUsageNames = []struct {
	usage x509.KeyUsage
	name  string
}{
	{x509.KeyUsageDigitalSignature, "digital_signature"},
	{x509.KeyUsageContentCommitment, "content_commitment"},
	{x509.KeyUsageKeyEncipherment, "key_encipherment"},
	{x509.KeyUsageDataEncipherment, "data_encipherment"},
	{x509.KeyUsageKeyAgreement, "key_agreement"},
	{x509.KeyUsageCertSign, "cert_sign"},
	{x509.KeyUsageCRLSign, "crl_sign"},
	{x509.KeyUsageEncipherOnly, "encipher_only"},
	{x509.KeyUsageDecipherOnly, "decipher_only"},
}

// parseCertificate reads the first PEM certificate; Konnect rejects anything else.
func parseCertificate(pemText string) (*certificateMetadata, error) {
	block, _ := pem.Decode([]byte(pemText))
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, errors.New("is not a PEM encoded certificate")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(cert.Raw)
	md := &certificateMetadata{
		Issuer:            cert.Issuer.String(),
		Subject:           cert.Subject.String(),
		Expiry:            cert.NotAfter.Unix(),
		DNSNames:          cert.DNSNames,
		EmailAddresses:    cert.EmailAddresses,
		SHA256Fingerprint: hex.EncodeToString(sum[:]),
	}
	for _, ku := range keyUsageNames {
		if cert.KeyUsage&ku.usage != 0 {
			md.KeyUsages = append(md.KeyUsages, ku.name)
		}
	}
	for _, ip := range cert.IPAddresses {
		md.IPAddresses = append(md.IPAddresses, ip.String())
	}
	for _, u := range cert.URIs {
		md.URIs = append(md.URIs, u.String())
	}
	md.SANNames = slices.Concat(md.DNSNames, md.EmailAddresses, md.IPAddresses, md.URIs)
	return md, nil
}
