package eventgateway

// Types shared by consume and produce policies.

// ModifyHeadersPolicy sets or removes record headers.
type ModifyHeadersPolicy struct {
	PolicyInfo
	// Config lists the header actions.
	Config ModifyHeadersConfig `json:"config" pulumi:"config"`
}

// ModifyHeadersConfig lists header actions, applied in order.
type ModifyHeadersConfig struct {
	// Actions are applied in order.
	Actions []HeaderAction `json:"actions,omitempty" pulumi:"actions,optional"`
}

// HeaderOp is what a header action does.
type HeaderOp string

// Values of HeaderOp.
const (
	HeaderOpSet    HeaderOp = "set"
	HeaderOpRemove HeaderOp = "remove"
)

// HeaderAction is a union on Op.
type HeaderAction struct {
	// Op is set or remove; set the member of that name.
	Op HeaderOp `json:"op" pulumi:"op"`
	// Set sets a header.
	Set *SetHeader `json:"set,omitempty" pulumi:"set,optional"`
	// Remove removes a header.
	Remove *RemoveHeader `json:"remove,omitempty" pulumi:"remove,optional"`
}

// SetHeader sets header Key to Value.
type SetHeader struct {
	// Key is the header name.
	Key string `json:"key" pulumi:"key"`
	// Value is the header value.
	Value string `json:"value" pulumi:"value"`
}

// RemoveHeader removes header Key.
type RemoveHeader struct {
	// Key is the header name.
	Key string `json:"key" pulumi:"key"`
}

// CryptoFailureMode says what happens when a record cannot be encrypted or decrypted.
type CryptoFailureMode string

// Values of CryptoFailureMode.
const (
	CryptoFailureModeError       CryptoFailureMode = "error"
	CryptoFailureModePassthrough CryptoFailureMode = "passthrough"
)

// RecordPart is a part of a Kafka record.
type RecordPart string

// Values of RecordPart.
const (
	RecordKey   RecordPart = "key"
	RecordValue RecordPart = "value"
)

// KeyType is where an encryption key lives.
type KeyType string

// Values of KeyType.
const (
	// KeyAWS is a key in AWS KMS.
	KeyAWS KeyType = "aws"
	// KeyStatic is a Konnect static key; static keys have no CRD and are created through the Konnect API.
	KeyStatic KeyType = "static"
)

// KeySource is a union on Type saying where decryption keys are looked up; both members have no fields.
type KeySource struct {
	// Type is aws or static; set the member of that name.
	Type KeyType `json:"type" pulumi:"type"`
	// AWS looks keys up in AWS KMS.
	AWS *EmptyObject `json:"aws,omitempty" pulumi:"aws,optional"`
	// Static looks keys up among the gateway's Konnect static keys.
	Static *EmptyObject `json:"static,omitempty" pulumi:"static,optional"`
}

// EncryptionKey is a union on Type naming the key that encrypts records.
type EncryptionKey struct {
	// Type is aws or static; set the member of that name.
	Type KeyType `json:"type" pulumi:"type"`
	// AWS is a key in AWS KMS.
	AWS *AWSKey `json:"aws,omitempty" pulumi:"aws,optional"`
	// Static is a Konnect static key.
	Static *StaticEncryptionKey `json:"static,omitempty" pulumi:"static,optional"`
}

// AWSKey is an AWS KMS key.
type AWSKey struct {
	// ARN matches ^arn:aws:kms:.+
	ARN string `json:"arn" pulumi:"arn"`
}

// StaticEncryptionKey names a Konnect static key by ID or name.
type StaticEncryptionKey struct {
	// Key names the static key by its Konnect ID or name.
	Key KonnectRef `json:"key" pulumi:"key"`
}

// FieldPathsType says how record fields are selected.
type FieldPathsType string

// Values of FieldPathsType.
const (
	FieldPathsArray      FieldPathsType = "array"
	FieldPathsExpression FieldPathsType = "expression"
)

// FieldPaths is a union on Type: a list of field paths or one expression.
type FieldPaths struct {
	// Type is array (paths listed in array) or expression.
	Type FieldPathsType `json:"type" pulumi:"type"`
	// Array lists the field paths; for type array.
	Array []Match `json:"array,omitempty" pulumi:"array,optional"`
	// Expression selects the fields; for type expression.
	Expression string `json:"expression,omitempty" pulumi:"expression,optional"`
}

// SchemaValidationType is the kind of schema a record is validated against.
type SchemaValidationType string

// Values of SchemaValidationType.
const (
	SchemaValidationConfluentSchemaRegistry SchemaValidationType = "confluentSchemaRegistry"
	SchemaValidationJSON                    SchemaValidationType = "json"
)
