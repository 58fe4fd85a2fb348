package eventgateway

// EnabledState is the string form the CRDs use for booleans.
type EnabledState string

// Values of EnabledState.
const (
	Enabled  EnabledState = "Enabled"
	Disabled EnabledState = "Disabled"
)

// EnabledIf returns Enabled when on is true and Disabled otherwise.
func EnabledIf(on bool) EnabledState {
	if on {
		return Enabled
	}
	return Disabled
}

// ObjectRefType says how an ObjectRef points at its target.
type ObjectRefType string

// Values of ObjectRefType.
const (
	// ObjectRefNamespacedRef points at a Kubernetes object by name; the only type the operator resolves.
	ObjectRefNamespacedRef ObjectRefType = "namespacedRef"
	// ObjectRefKonnectID points at a Konnect entity by ID; the operator rejects it ("unsupported ref type").
	ObjectRefKonnectID ObjectRefType = "konnectID"
)

// ObjectRef is a parent reference (gatewayRef, eventGatewayListenerRef, eventGatewayBackendClusterRef,
// eventGatewayVirtualClusterRef). It cannot change once the referring object is Programmed.
type ObjectRef struct {
	Type          ObjectRefType  `json:"type" pulumi:"type"`
	KonnectID     string         `json:"konnectID,omitempty" pulumi:"konnectID,optional"`
	NamespacedRef *NamespacedRef `json:"namespacedRef,omitempty" pulumi:"namespacedRef,optional"`
}

// RefByName returns an ObjectRef to the object called name in the referrer's namespace.
func RefByName(name string) ObjectRef {
	return ObjectRef{Type: ObjectRefNamespacedRef, NamespacedRef: &NamespacedRef{Name: name}}
}

// NamespacedRef names a Kubernetes object; an empty Namespace means the referrer's namespace.
type NamespacedRef struct {
	Name      string `json:"name" pulumi:"name"`
	Namespace string `json:"namespace,omitempty" pulumi:"namespace,optional"`
}

// LocalObjectRef names a Kubernetes object in the referrer's namespace.
type LocalObjectRef struct {
	Name string `json:"name" pulumi:"name"`
}

// KonnectRef points at a Konnect entity by its ID or by its name; set exactly one.
type KonnectRef struct {
	// ID is the entity's Konnect ID.
	ID string `json:"id,omitempty" pulumi:"id,optional"`
	// Name is the entity's Konnect name.
	Name string `json:"name,omitempty" pulumi:"name,optional"`
}

// EmptyObject is a union member the CRD defines without fields; its presence is all that matters.
type EmptyObject struct{}

// SensitiveDataSourceType says where a SensitiveDataSource takes its value from.
type SensitiveDataSourceType string

// Values of SensitiveDataSourceType.
const (
	SensitiveDataInline    SensitiveDataSourceType = "inline"
	SensitiveDataSecretRef SensitiveDataSourceType = "secretRef"
)

// OperatorSecretLabels mark a Secret Kong Operator may read: its cache holds only Secrets labelled so. Every
// Secret a custom resource references (token, TLS key pair, password) needs them.
var OperatorSecretLabels = map[string]string{"konghq.com/secret": "true"}

// SensitiveDataSource is a value (certificate, key, password) given inline or read by the operator from a Secret.
// A referenced Secret needs the label konghq.com/secret: "true", or the operator cannot see it.
type SensitiveDataSource struct {
	// Type is inline (the value is given in value) or secretRef (the operator reads it from secretRef).
	Type SensitiveDataSourceType `json:"type" pulumi:"type"`
	// Value is the data itself, at most 4096 characters; required when type is inline. It is stored as a Pulumi
	// secret.
	Value string `json:"value,omitempty" pulumi:"value,optional" provider:"secret"`
	// SecretRef names the Secret and data key to read; required when type is secretRef.
	SecretRef *SecretKeyRef `json:"secretRef,omitempty" pulumi:"secretRef,optional"`
}

// SecretKeyRef names one data key of a Secret.
type SecretKeyRef struct {
	// Name is the Secret's name, 1-253 characters.
	Name string `json:"name" pulumi:"name"`
	// Key is the data key within the Secret, such as tls.crt; 1-253 characters.
	Key string `json:"key" pulumi:"key"`
	// Namespace defaults to the namespace of the object that references the Secret.
	Namespace string `json:"namespace,omitempty" pulumi:"namespace,optional"`
}

// FromSecretKey returns a SensitiveDataSource read from key of the Secret called name.
func FromSecretKey(name, key string) SensitiveDataSource {
	return SensitiveDataSource{Type: SensitiveDataSecretRef, SecretRef: &SecretKeyRef{Name: name, Key: key}}
}

// Inline returns a SensitiveDataSource holding value itself; the value is stored as a Pulumi secret.
func Inline(value string) SensitiveDataSource {
	return SensitiveDataSource{Type: SensitiveDataInline, Value: value}
}

// CertificateKeyPair is a PEM certificate and its private key.
type CertificateKeyPair struct {
	// Certificate is the PEM certificate.
	Certificate SensitiveDataSource `json:"certificate" pulumi:"certificate"`
	// Key is the PEM private key of the certificate.
	Key SensitiveDataSource `json:"key" pulumi:"key"`
}

// SaslScramAlgorithm is the hash of a SASL/SCRAM exchange.
type SaslScramAlgorithm string

// Values of SaslScramAlgorithm.
const (
	SaslScramSHA256 SaslScramAlgorithm = "sha256"
	SaslScramSHA512 SaslScramAlgorithm = "sha512"
)
