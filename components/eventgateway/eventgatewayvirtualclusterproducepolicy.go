package eventgateway

import (
	"reflect"

	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var eventGatewayVirtualClusterProducePolicyKind = kind{ConfigurationAPIVersion, "EventGatewayVirtualClusterProducePolicy", ConditionProgrammed}

// EventGatewayVirtualClusterProducePolicySpec is the spec of an EventGatewayVirtualClusterProducePolicy: a policy
// applied to records a virtual cluster's clients produce.
type EventGatewayVirtualClusterProducePolicySpec struct {
	EventGatewayVirtualClusterRef ObjectRef            `json:"eventGatewayVirtualClusterRef" pulumi:"eventGatewayVirtualClusterRef"`
	APISpec                       ProducePolicyAPISpec `json:"apiSpec" pulumi:"apiSpec"`
}

// ProducePolicyType is the kind of a produce policy.
type ProducePolicyType string

// Values of ProducePolicyType.
const (
	ProducePolicyEncrypt          ProducePolicyType = "encrypt"
	ProducePolicyEncryptFields    ProducePolicyType = "encryptFields"
	ProducePolicyModifyHeaders    ProducePolicyType = "modifyHeaders"
	ProducePolicySchemaValidation ProducePolicyType = "schemaValidation"
)

// ProducePolicyAPISpec is a union on Type; set the member Type names.
type ProducePolicyAPISpec struct {
	// Type is encrypt, encryptFields, modifyHeaders or schemaValidation; set the member of that name.
	Type ProducePolicyType `json:"type" pulumi:"type"`
	// Encrypt encrypts whole record keys or values.
	Encrypt *EncryptPolicy `json:"encrypt,omitempty" pulumi:"encrypt,optional"`
	// EncryptFields encrypts fields of record values; Konnect rejects it from a custom resource (it needs a
	// parent policy).
	EncryptFields *EncryptFieldsPolicy `json:"encryptFields,omitempty" pulumi:"encryptFields,optional"`
	// ModifyHeaders sets or removes record headers.
	ModifyHeaders *ModifyHeadersPolicy `json:"modifyHeaders,omitempty" pulumi:"modifyHeaders,optional"`
	// SchemaValidation validates produced records against a schema.
	SchemaValidation *ProduceSchemaValidationPolicy `json:"schemaValidation,omitempty" pulumi:"schemaValidation,optional"`
}

// EncryptPolicy encrypts whole record keys or values.
type EncryptPolicy struct {
	PolicyInfo
	// Config says what to encrypt and with which key.
	Config EncryptConfig `json:"config" pulumi:"config"`
}

// EncryptConfig says what to encrypt and with which key.
type EncryptConfig struct {
	// FailureMode is error or passthrough: what happens to a record that cannot be encrypted.
	FailureMode CryptoFailureMode `json:"failureMode" pulumi:"failureMode"`
	// PartOfRecord lists the parts to encrypt: key and/or value.
	PartOfRecord []RecordPart `json:"partOfRecord" pulumi:"partOfRecord"`
	// EncryptionKey is the key to encrypt with.
	EncryptionKey EncryptionKey `json:"encryptionKey" pulumi:"encryptionKey"`
}

// ProduceFailureMode says what happens to a produced record a policy cannot process.
type ProduceFailureMode string

// Values of ProduceFailureMode.
const (
	ProduceFailureModeReject      ProduceFailureMode = "reject"
	ProduceFailureModePassthrough ProduceFailureMode = "passthrough"
	ProduceFailureModeMark        ProduceFailureMode = "mark"
)

// EncryptFieldsPolicy encrypts selected fields of record values. Konnect requires a parent policy for it, which a
// CR cannot set, so Konnect rejects it at this operator version.
type EncryptFieldsPolicy struct {
	PolicyInfo
	// Config lists the fields to encrypt and their keys.
	Config EncryptFieldsConfig `json:"config" pulumi:"config"`
}

// EncryptFieldsConfig lists the fields to encrypt, at most 256 entries.
type EncryptFieldsConfig struct {
	// FailureMode is reject, passthrough or mark.
	FailureMode ProduceFailureMode `json:"failureMode" pulumi:"failureMode"`
	// EncryptFields are the field selections and their keys, at most 256.
	EncryptFields []FieldEncryption `json:"encryptFields" pulumi:"encryptFields"`
}

// FieldEncryption encrypts the fields at Paths with EncryptionKey.
type FieldEncryption struct {
	// Paths selects the fields: a list of paths or an expression.
	Paths FieldPaths `json:"paths" pulumi:"paths"`
	// EncryptionKey is the key to encrypt with.
	EncryptionKey EncryptionKey `json:"encryptionKey" pulumi:"encryptionKey"`
}

// ProduceSchemaValidationPolicy validates produced records against a schema.
type ProduceSchemaValidationPolicy struct {
	PolicyInfo
	// Config says which schema to validate against and what to do with invalid records.
	Config ProduceSchemaValidationConfig `json:"config" pulumi:"config"`
}

// ProduceSchemaValidationConfig is a union on Type; set the member Type names.
type ProduceSchemaValidationConfig struct {
	// Type is confluentSchemaRegistry or json; set the member of that name.
	Type SchemaValidationType `json:"type" pulumi:"type"`
	// ConfluentSchemaRegistry validates against the schemas of a registry.
	ConfluentSchemaRegistry *ProduceSchemaValidation `json:"confluentSchemaRegistry,omitempty" pulumi:"confluentSchemaRegistry,optional"`
	// JSON validates that records are JSON.
	JSON *ProduceSchemaValidation `json:"json,omitempty" pulumi:"json,optional"`
}

// ProduceValidationAction is what happens to a produced record that fails validation.
type ProduceValidationAction string

// Values of ProduceValidationAction.
const (
	ProduceValidationReject ProduceValidationAction = "reject"
	ProduceValidationMark   ProduceValidationAction = "mark"
)

// ProduceSchemaValidation configures validation of produced records.
type ProduceSchemaValidation struct {
	// SchemaRegistry names the registry in Konnect.
	SchemaRegistry *KonnectSchemaRegistryRef `json:"schemaRegistry,omitempty" pulumi:"schemaRegistry,optional"`
	// FailureMode is reject, passthrough or mark: what happens to a record that cannot be validated.
	FailureMode ProduceFailureMode `json:"failureMode,omitempty" pulumi:"failureMode,optional"`
	// ValidateKey is Enabled to validate record keys.
	ValidateKey EnabledState `json:"validateKey,omitempty" pulumi:"validateKey,optional"`
	// ValidateValue is Enabled to validate record values.
	ValidateValue EnabledState `json:"validateValue,omitempty" pulumi:"validateValue,optional"`
	// KeyValidationAction is reject or mark: what happens to a record whose key is invalid.
	KeyValidationAction ProduceValidationAction `json:"keyValidationAction,omitempty" pulumi:"keyValidationAction,optional"`
	// ValueValidationAction is reject or mark: what happens to a record whose value is invalid.
	ValueValidationAction ProduceValidationAction `json:"valueValidationAction,omitempty" pulumi:"valueValidationAction,optional"`
}

// KonnectSchemaRegistryRefType says how a produce policy names its schema registry.
type KonnectSchemaRegistryRefType string

// Values of KonnectSchemaRegistryRefType.
const (
	// KonnectSchemaRegistryByID has no field for the ID in this CRD version; use KonnectSchemaRegistryByName.
	KonnectSchemaRegistryByID   KonnectSchemaRegistryRefType = "id"
	KonnectSchemaRegistryByName KonnectSchemaRegistryRefType = "name"
)

// KonnectSchemaRegistryRef is a union on Type naming a schema registry in Konnect; the operator does not resolve it.
type KonnectSchemaRegistryRef struct {
	// Type is name (set name); id has no field for the ID in this CRD version.
	Type KonnectSchemaRegistryRefType `json:"type" pulumi:"type"`
	// ID is reserved: the CRD has no field for the ID.
	ID *EmptyObject `json:"id,omitempty" pulumi:"id,optional"`
	// Name names the registry by its Konnect name.
	Name *KonnectSchemaRegistryName `json:"name,omitempty" pulumi:"name,optional"`
}

// KonnectSchemaRegistryName is a schema registry's Konnect name.
type KonnectSchemaRegistryName struct {
	// Name is the registry's name in Konnect.
	Name string `json:"name" pulumi:"name"`
}

// NewEventGatewayVirtualClusterProducePolicy registers an EventGatewayVirtualClusterProducePolicy
// (configuration.konghq.com/v1alpha1).
func NewEventGatewayVirtualClusterProducePolicy(ctx *pulumi.Context, name string, meta Metadata,
	spec EventGatewayVirtualClusterProducePolicySpec, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, eventGatewayVirtualClusterProducePolicyKind, meta, spec, opts...)
}

// ProducePolicySpecOutput is an EventGatewayVirtualClusterProducePolicySpec known once other resources report what
// it needs, such as the Konnect ID of a static key: build it with ApplyT on that output.
type ProducePolicySpecOutput struct{ *pulumi.OutputState }

// ElementType is EventGatewayVirtualClusterProducePolicySpec.
func (ProducePolicySpecOutput) ElementType() reflect.Type {
	return reflect.TypeFor[EventGatewayVirtualClusterProducePolicySpec]()
}

func init() {
	pulumi.RegisterOutputType(ProducePolicySpecOutput{})
}

// NewEventGatewayVirtualClusterProducePolicyFromOutput registers an EventGatewayVirtualClusterProducePolicy once
// spec resolves.
func NewEventGatewayVirtualClusterProducePolicyFromOutput(ctx *pulumi.Context, name string, meta Metadata,
	spec ProducePolicySpecOutput, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return registerResolved(ctx, name, eventGatewayVirtualClusterProducePolicyKind, meta, spec, opts...)
}
