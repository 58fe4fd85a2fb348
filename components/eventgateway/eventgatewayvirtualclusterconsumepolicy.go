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
	Type             ConsumePolicyType              `json:"type" pulumi:"type"`
	Decrypt          *DecryptPolicy                 `json:"decrypt,omitempty" pulumi:"decrypt,optional"`
	DecryptFields    *DecryptFieldsPolicy           `json:"decryptFields,omitempty" pulumi:"decryptFields,optional"`
	ModifyHeaders    *ModifyHeadersPolicy           `json:"modifyHeaders,omitempty" pulumi:"modifyHeaders,optional"`
	SchemaValidation *ConsumeSchemaValidationPolicy `json:"schemaValidation,omitempty" pulumi:"schemaValidation,optional"`
	SkipRecord       *SkipRecordPolicy              `json:"skipRecord,omitempty" pulumi:"skipRecord,optional"`
}

// DecryptPolicy decrypts whole record keys or values.
type DecryptPolicy struct {
	PolicyInfo
	Config DecryptConfig `json:"config" pulumi:"config"`
}

// DecryptConfig says what to decrypt and where the keys come from.
type DecryptConfig struct {
	FailureMode  CryptoFailureMode `json:"failureMode" pulumi:"failureMode"`
	KeySources   []KeySource       `json:"keySources" pulumi:"keySources"`
	PartOfRecord []RecordPart      `json:"partOfRecord" pulumi:"partOfRecord"`
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
	Config DecryptFieldsConfig `json:"config" pulumi:"config"`
}

// DecryptFieldsConfig says which fields to decrypt and where the keys come from.
type DecryptFieldsConfig struct {
	FailureMode   ConsumeFailureMode `json:"failureMode" pulumi:"failureMode"`
	KeySources    []KeySource        `json:"keySources" pulumi:"keySources"`
	DecryptFields DecryptFields      `json:"decryptFields" pulumi:"decryptFields"`
}

// DecryptFields selects the fields to decrypt.
type DecryptFields struct {
	Paths FieldPaths `json:"paths" pulumi:"paths"`
}

// ConsumeSchemaValidationPolicy validates consumed records against a schema.
type ConsumeSchemaValidationPolicy struct {
	PolicyInfo
	Config ConsumeSchemaValidationConfig `json:"config" pulumi:"config"`
}

// ConsumeSchemaValidationConfig is a union on Type; set the member Type names.
type ConsumeSchemaValidationConfig struct {
	Type                    SchemaValidationType     `json:"type" pulumi:"type"`
	ConfluentSchemaRegistry *ConsumeSchemaValidation `json:"confluentSchemaRegistry,omitempty" pulumi:"confluentSchemaRegistry,optional"`
	JSON                    *ConsumeSchemaValidation `json:"json,omitempty" pulumi:"json,optional"`
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
	SchemaRegistry        *SchemaRegistryRef      `json:"schemaRegistry,omitempty" pulumi:"schemaRegistry,optional"`
	FailureMode           ConsumeFailureMode      `json:"failureMode,omitempty" pulumi:"failureMode,optional"`
	ValidateKey           EnabledState            `json:"validateKey,omitempty" pulumi:"validateKey,optional"`
	ValidateValue         EnabledState            `json:"validateValue,omitempty" pulumi:"validateValue,optional"`
	KeyValidationAction   ConsumeValidationAction `json:"keyValidationAction,omitempty" pulumi:"keyValidationAction,optional"`
	ValueValidationAction ConsumeValidationAction `json:"valueValidationAction,omitempty" pulumi:"valueValidationAction,optional"`
}

// SchemaRegistryRef points at an EventGatewaySchemaRegistry by Kubernetes name.
type SchemaRegistryRef struct {
	// Kind defaults to EventGatewaySchemaRegistry, the only value.
	Kind string `json:"kind,omitempty" pulumi:"kind,optional"`
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
