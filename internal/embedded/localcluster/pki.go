package localcluster

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// etcdPKI names the files writeEtcdPKI writes.
type etcdPKI struct {
	ca, serverCert, serverKey, clientCert, clientKey string
}

// writeEtcdPKI makes a CA whose key never leaves memory, a certificate etcd serves clients and peers with
// (127.0.0.1 and localhost) and a client certificate for kube-apiserver, and writes them 0600 into dir.
func writeEtcdPKI(dir string) (etcdPKI, error) {
	p := etcdPKI{
		ca:         filepath.Join(dir, "etcd-ca.crt"),
		serverCert: filepath.Join(dir, "etcd.crt"),
		serverKey:  filepath.Join(dir, "etcd.key"),
		clientCert: filepath.Join(dir, "apiserver-etcd-client.crt"),
		clientKey:  filepath.Join(dir, "apiserver-etcd-client.key"),
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "keg-localcluster-etcd-ca"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(1, 0, 0),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caKey, caDER, err := newCert(caTmpl, nil, nil)
	if err != nil {
		return p, fmt.Errorf("etcd CA: %w", err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return p, fmt.Errorf("etcd CA: %w", err)
	}
	if err := writePEM(p.ca, "CERTIFICATE", caDER); err != nil {
		return p, err
	}
	leaves := []struct {
		tmpl      *x509.Certificate
		cert, key string
	}{
		{&x509.Certificate{
			SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "etcd"},
			DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
			ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		}, p.serverCert, p.serverKey},
		{&x509.Certificate{
			SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "kube-apiserver-etcd-client"},
			ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
		}, p.clientCert, p.clientKey},
	}
	for _, l := range leaves {
		l.tmpl.NotBefore, l.tmpl.NotAfter = caTmpl.NotBefore, caTmpl.NotAfter
		l.tmpl.KeyUsage = x509.KeyUsageDigitalSignature
		key, der, err := newCert(l.tmpl, ca, caKey)
		if err != nil {
			return p, fmt.Errorf("etcd certificate %s: %w", l.tmpl.Subject.CommonName, err)
		}
		keyDER, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return p, fmt.Errorf("etcd key %s: %w", l.tmpl.Subject.CommonName, err)
		}
		if err := writePEM(l.cert, "CERTIFICATE", der); err != nil {
			return p, err
		}
		if err := writePEM(l.key, "PRIVATE KEY", keyDER); err != nil {
			return p, err
		}
	}
	return p, nil
}

// newCert makes a P-256 key and a certificate for it from tmpl, signed by parent's key (self-signed when parent
// is nil).
func newCert(tmpl, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (*ecdsa.PrivateKey, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	return key, der, err
}

// writePEM writes one PEM block, readable by this user only.
func writePEM(path, blockType string, der []byte) error {
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: blockType, Bytes: der}), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
