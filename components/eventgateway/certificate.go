package eventgateway

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// CertManagerGroup is cert-manager's API group.
const CertManagerGroup = "cert-manager.io"

// CertManagerAPIVersion is the API version of cert-manager's Certificate.
const CertManagerAPIVersion = CertManagerGroup + "/v1"

var certificateKind = kind{CertManagerAPIVersion, "Certificate", ConditionReady}

// CertificateSpec is the spec of a cert-manager Certificate, limited to what a TLS listener needs. cert-manager
// writes the key pair to the kubernetes.io/tls Secret SecretName (keys tls.crt and tls.key).
type CertificateSpec struct {
	SecretName string    `json:"secretName" pulumi:"secretName"`
	IssuerRef  IssuerRef `json:"issuerRef" pulumi:"issuerRef"`
	// DNSNames are the subject alternative names, each precise or with a leading "*." label.
	DNSNames []string `json:"dnsNames" pulumi:"dnsNames"`
	// SecretTemplate adds labels and annotations to the Secret, such as konghq.com/secret: "true".
	SecretTemplate *SecretTemplate `json:"secretTemplate,omitempty" pulumi:"secretTemplate,optional"`
}

// IssuerKind is the kind of a cert-manager issuer.
type IssuerKind string

// Values of IssuerKind.
const (
	// IssuerKindIssuer is an Issuer in the Certificate's namespace.
	IssuerKindIssuer IssuerKind = "Issuer"
	// IssuerKindClusterIssuer is a cluster-wide ClusterIssuer.
	IssuerKindClusterIssuer IssuerKind = "ClusterIssuer"
)

// IssuerRef names the issuer that signs a Certificate.
type IssuerRef struct {
	Name string `json:"name" pulumi:"name"`
	// Kind defaults to Issuer.
	Kind IssuerKind `json:"kind,omitempty" pulumi:"kind,optional"`
	// Group defaults to cert-manager.io; external issuers have their own.
	Group string `json:"group,omitempty" pulumi:"group,optional"`
}

// SecretTemplate holds metadata cert-manager copies to a Certificate's Secret.
type SecretTemplate struct {
	Labels      map[string]string `json:"labels,omitempty" pulumi:"labels,optional"`
	Annotations map[string]string `json:"annotations,omitempty" pulumi:"annotations,optional"`
}

// NewCertificate registers a Certificate (cert-manager.io/v1). Metadata.WaitForProgrammed waits for its Ready
// condition, which needs cert-manager to issue it.
func NewCertificate(ctx *pulumi.Context, name string, meta Metadata, spec CertificateSpec,
	opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, certificateKind, meta, spec, opts...)
}
