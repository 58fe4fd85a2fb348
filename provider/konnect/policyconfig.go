package konnect

import (
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// This file holds the policy settings shared by consume and produce policies.

// vcPolicyParents are the parents of a virtual-cluster policy.
func vcPolicyParents(gatewayID, virtualClusterID *string) []parent {
	return []parent{{"gatewayId", gatewayID}, {"virtualClusterId", virtualClusterID}}
}

// ModifyHeadersPolicyConfig sets or removes record headers.
type ModifyHeadersPolicyConfig struct {
	// Header changes, applied in order.
	Actions []ModifyHeaderAction `pulumi:"actions" api:"actions"`
}

// ModifyHeaderAction sets or removes one header.
type ModifyHeaderAction struct {
	// `set` or `remove`.
	Op string `pulumi:"op" api:"op"`
	// Header name.
	Key string `pulumi:"key" api:"key"`
	// Header value; required for `set`.
	Value *string `pulumi:"value,optional" api:"value,omitempty"`
}

// SchemaValidationConfig validates record keys and values against a schema.
type SchemaValidationConfig struct {
	// `confluent_schema_registry` or `json`.
	Type string `pulumi:"type" api:"type"`
	// The SchemaRegistry to validate against, by ID or name.
	SchemaRegistry *Ref `pulumi:"schemaRegistry,optional" api:"schema_registry,omitempty"`
	// What to do with an invalid record. Consume: `error`, `skip`, `passthrough` or `mark`; produce: `reject`,
	// `passthrough` or `mark`.
	FailureMode *string `pulumi:"failureMode,optional" api:"failure_mode,omitempty"`
	// Validate record keys.
	ValidateKey *bool `pulumi:"validateKey,optional" api:"validate_key,omitempty"`
	// Validate record values.
	ValidateValue *bool `pulumi:"validateValue,optional" api:"validate_value,omitempty"`
	// Action on an invalid key. Consume: `mark` or `skip`; produce: `reject` or `mark`.
	KeyValidationAction *string `pulumi:"keyValidationAction,optional" api:"key_validation_action,omitempty"`
	// Action on an invalid value. Consume: `mark` or `skip`; produce: `reject` or `mark`.
	ValueValidationAction *string `pulumi:"valueValidationAction,optional" api:"value_validation_action,omitempty"`
}

// DecryptionKeySource is where decryption keys may come from.
type DecryptionKeySource struct {
	// `aws` (AWS KMS) or `static` (StaticKey resources).
	Type EncryptionKeyType `pulumi:"type" api:"type"`
}

// EncryptionKeyReference is the key that encrypts records: an AWS KMS key or a StaticKey.
type EncryptionKeyReference struct {
	// `aws` or `static`.
	Type EncryptionKeyType `pulumi:"type" api:"type"`
	// `aws`: ARN of the KMS key (`arn:aws:kms:...`).
	Arn *string `pulumi:"arn,optional" api:"arn,omitempty"`
	// `static`: the StaticKey, by ID or name.
	Key *Ref `pulumi:"key,optional" api:"key,omitempty"`
}

func (m *ModifyHeadersPolicyConfig) validate(problems *validate.Problems, path validate.Path) {
	problems.Check(path.Field("actions"), validate.NotEmpty(len(m.Actions)))
	for i, a := range m.Actions {
		action := path.Field("actions").Index(i)
		if problems.Check(action.Field("op"), validate.OneOf(a.Op, "set", "remove")) && a.Op != "" {
			problems.Check(action.Field("value"), validate.Member(a.Value != nil, a.Op == "set", "op", a.Op))
		}
	}
}

// validate checks schema validation settings against the failure modes and actions of the policy kind.
func (s *SchemaValidationConfig) validate(problems *validate.Problems, path validate.Path,
	failureModes, actions []string,
) {
	problems.Check(path.Field("type"), validate.OneOf(s.Type, "confluent_schema_registry", "json"))
	checkRef(problems, path.Field("schemaRegistry"), s.SchemaRegistry)
	problems.Check(path.Field("failureMode"), validate.OneOf(str(s.FailureMode), failureModes...))
	problems.Check(path.Field("keyValidationAction"), validate.OneOf(str(s.KeyValidationAction), actions...))
	problems.Check(path.Field("valueValidationAction"), validate.OneOf(str(s.ValueValidationAction), actions...))
}

func (k *EncryptionKeyReference) validate(problems *validate.Problems, path validate.Path) {
	if problems.Check(path.Field("type"), validate.Enum(k.Type)) && k.Type != "" {
		problems.Check(path.Field("arn"), validate.Member(k.Arn != nil, k.Type == "aws", "type", string(k.Type)),
			validate.AWSKMSKeyARN(str(k.Arn)))
		problems.Check(path.Field("key"), validate.Member(k.Key != nil, k.Type == "static", "type", string(k.Type)))
	}
	checkRef(problems, path.Field("key"), k.Key)
}

// keySources checks where decryption keys may come from.
func keySources(problems *validate.Problems, path validate.Path, sources []DecryptionKeySource) {
	problems.Check(path, validate.NotEmpty(len(sources)))
	for i, s := range sources {
		problems.Check(path.Index(i).Field("type"), validate.Enum(s.Type))
	}
}

// recordParts checks the parts of a record a policy applies to.
func recordParts(problems *validate.Problems, path validate.Path, parts []string) {
	problems.Check(path, validate.NotEmpty(len(parts)))
	for i, part := range parts {
		problems.Check(path.Index(i), validate.OneOf(part, "key", "value"))
	}
}
