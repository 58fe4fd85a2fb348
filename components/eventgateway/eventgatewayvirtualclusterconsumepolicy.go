package eventgateway

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var eventGatewayVirtualClusterConsumePolicyKind = kind{ConfigurationAPIVersion, "EventGatewayVirtualClusterConsumePolicy", ConditionProgrammed}

// EventGatewayVirtualClusterConsumePolicySpec is the spec of an EventGatewayVirtualClusterConsumePolicy: a policy
// applied to records a virtual cluster's clients consume.
type EventGatewayVirtualClusterConsumePolicySpec struct {
	EventGatewayVirtualClusterRef ObjectRef            `json:"eventGatewayVirtualClusterRef" pulumi:"eventGatewayVirtualClusterRef"`
	APISpec                       ConsumePolicyAPISpec `json:"apiSpec" pulumi:"apiSpec"`
}

// ConsumePolicyType is the kind of a consume policy.
type ConsumePolicyType string

// Values of ConsumePolicyType.
const (
	ConsumePolicyDecrypt          ConsumePolicyType = "decrypt"
	ConsumePolicyDecryptFields    ConsumePolicyType = "decryptFields"
	ConsumePolicyModifyHeaders    ConsumePolicyType = "modifyHeaders"
	ConsumePolicySchemaValidation ConsumePolicyType = "schemaValidation"
	ConsumePolicySkipRecord       ConsumePolicyType = "skipRecord"
)

// ConsumePolicyAPISpec is a union on Type; set the member Type names.
type ConsumePolicyAPISpec struct {
	// Type is decrypt, decryptFields, modifyHeaders, schemaValidation or skipRecord; set the member of that name.
	Type ConsumePolicyType `json:"type" pulumi:"type"`
	// Decrypt decrypts whole record keys or values.
	Decrypt *DecryptPolicy `json:"decrypt,omitempty" pulumi:"decrypt,optional"`
	// DecryptFields decrypts fields of record values; Konnect rejects it from a custom resource (it needs a
	// parent policy).
	DecryptFields *DecryptFieldsPolicy `json:"decryptFields,omitempty" pulumi:"decryptFields,optional"`
	// ModifyHeaders sets or removes record headers.
	ModifyHeaders *ModifyHeadersPolicy `json:"modifyHeaders,omitempty" pulumi:"modifyHeaders,optional"`
	// SchemaValidation validates consumed records against a schema.
	SchemaValidation *ConsumeSchemaValidationPolicy `json:"schemaValidation,omitempty" pulumi:"schemaValidation,optional"`
	// SkipRecord drops consumed records, usually those its condition selects.
	SkipRecord *SkipRecordPolicy `json:"skipRecord,omitempty" pulumi:"skipRecord,optional"`
}

// DecryptPolicy decrypts whole record keys or values.
type DecryptPolicy struct {
	PolicyInfo
	// Config says what to decrypt and where the keys come from.
	Config DecryptConfig `json:"config" pulumi:"config"`
}

// DecryptConfig says what to decrypt and where the keys come from.
type DecryptConfig struct {
	// FailureMode is error or passthrough: what happens to a record that cannot be decrypted.
	FailureMode CryptoFailureMode `json:"failureMode" pulumi:"failureMode"`
	// KeySources are where decryption keys are looked up.
	KeySources []KeySource `json:"keySources" pulumi:"keySources"`
	// PartOfRecord lists the parts to decrypt: key and/or value.
	PartOfRecord []RecordPart `json:"partOfRecord" pulumi:"partOfRecord"`
}

// ConsumeFailureMode says what happens to a consumed record a policy cannot process.
type ConsumeFailureMode string

// Values of ConsumeFailureMode.
const (
	ConsumeFailureModeError       ConsumeFailureMode = "error"
	ConsumeFailureModeSkip        ConsumeFailureMode = "skip"
	ConsumeFailureModePassthrough ConsumeFailureMode = "passthrough"
	ConsumeFailureModeMark        ConsumeFailureMode = "mark"
)

// DecryptFieldsPolicy decrypts selected fields of record values. Konnect requires a parent policy for it, which a
// CR cannot set, so Konnect rejects it at this operator version.
type DecryptFieldsPolicy struct {
	PolicyInfo
	// Config says which fields to decrypt and where the keys come from.
	Config DecryptFieldsConfig `json:"config" pulumi:"config"`
}

// DecryptFieldsConfig says which fields to decrypt and where the keys come from.
type DecryptFieldsConfig struct {
	// FailureMode is error, skip, passthrough or mark.
	FailureMode ConsumeFailureMode `json:"failureMode" pulumi:"failureMode"`
	// KeySources are where decryption keys are looked up.
	KeySources []KeySource `json:"keySources" pulumi:"keySources"`
	// DecryptFields selects the fields to decrypt.
	DecryptFields DecryptFields `json:"decryptFields" pulumi:"decryptFields"`
}

// DecryptFields selects the fields to decrypt.
type DecryptFields struct {
	// Paths selects the fields: a list of paths or an expression.
	Paths FieldPaths `json:"paths" pulumi:"paths"`
}

// ConsumeSchemaValidationPolicy validates consumed records against a schema.
type ConsumeSchemaValidationPolicy struct {
	PolicyInfo
	// Config says which schema to validate against and what to do with invalid records.
	Config ConsumeSchemaValidationConfig `json:"config" pulumi:"config"`
}

// ConsumeSchemaValidationConfig is a union on Type; set the member Type names.
type ConsumeSchemaValidationConfig struct {
	// Type is confluentSchemaRegistry or json; set the member of that name.
	Type SchemaValidationType `json:"type" pulumi:"type"`
	// ConfluentSchemaRegistry validates against the schemas of a registry.
	ConfluentSchemaRegistry *ConsumeSchemaValidation `json:"confluentSchemaRegistry,omitempty" pulumi:"confluentSchemaRegistry,optional"`
	// JSON validates that records are JSON.
	JSON *ConsumeSchemaValidation `json:"json,omitempty" pulumi:"json,optional"`
}

// ConsumeValidationAction is what happens to a consumed record that fails validation.
type ConsumeValidationAction string

// Values of ConsumeValidationAction.
const (
	ConsumeValidationMark ConsumeValidationAction = "mark"
	ConsumeValidationSkip ConsumeValidationAction = "skip"
)

// ConsumeSchemaValidation configures validation of consumed records.
type ConsumeSchemaValidation struct {
	// SchemaRegistry points at an EventGatewaySchemaRegistry of the same gateway; the operator resolves it.
	SchemaRegistry *SchemaRegistryRef `json:"schemaRegistry,omitempty" pulumi:"schemaRegistry,optional"`
	// FailureMode is error, skip, passthrough or mark: what happens to a record that cannot be validated.
	FailureMode ConsumeFailureMode `json:"failureMode,omitempty" pulumi:"failureMode,optional"`
	// ValidateKey is Enabled to validate record keys.
	ValidateKey EnabledState `json:"validateKey,omitempty" pulumi:"validateKey,optional"`
	// ValidateValue is Enabled to validate record values.
	ValidateValue EnabledState `json:"validateValue,omitempty" pulumi:"validateValue,optional"`
	// KeyValidationAction is mark or skip: what happens to a record whose key is invalid.
	KeyValidationAction ConsumeValidationAction `json:"keyValidationAction,omitempty" pulumi:"keyValidationAction,optional"`
	// ValueValidationAction is mark or skip: what happens to a record whose value is invalid.
	ValueValidationAction ConsumeValidationAction `json:"valueValidationAction,omitempty" pulumi:"valueValidationAction,optional"`
}

// SchemaRegistryRef points at an EventGatewaySchemaRegistry by Kubernetes name.
type SchemaRegistryRef struct {
	// Kind defaults to EventGatewaySchemaRegistry, the only value.
	Kind string `json:"kind,omitempty" pulumi:"kind,optional"`
	// Name is the schema registry (in a component, its Konnect name; in a custom resource, its Kubernetes name).
	Name string `json:"name" pulumi:"name"`
	// Namespace is reserved; leave it empty.
	Namespace string `json:"namespace,omitempty" pulumi:"namespace,optional"`
}

// SkipRecordPolicy drops consumed records, usually with a Condition.
type SkipRecordPolicy struct {
	PolicyInfo
}

// NewEventGatewayVirtualClusterConsumePolicy registers an EventGatewayVirtualClusterConsumePolicy
// (configuration.konghq.com/v1alpha1).
func NewEventGatewayVirtualClusterConsumePolicy(ctx *pulumi.Context, name string, meta Metadata,
	spec EventGatewayVirtualClusterConsumePolicySpec, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, eventGatewayVirtualClusterConsumePolicyKind, meta, spec, opts...)
}
