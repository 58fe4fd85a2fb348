package konnect

import "github.com/pulumi/pulumi-go-provider/infer"

// This file holds the policy settings shared by consume and produce policies.

// vcPolicyParents are the parents of a virtual-cluster policy.
func vcPolicyParents(gatewayID, virtualClusterID *string) []parent {
	return []parent{{"gatewayId", gatewayID}, {"virtualClusterId", virtualClusterID}}
}

// ModifyHeadersConfig sets or removes record headers.
type ModifyHeadersConfig struct {
	Actions []HeaderAction `pulumi:"actions" api:"actions"`
}

// HeaderAction sets or removes one header.
type HeaderAction struct {
	Op    string  `pulumi:"op" api:"op"`
	Key   string  `pulumi:"key" api:"key"`
	Value *string `pulumi:"value,optional" api:"value,omitempty"`
}

// SchemaValidationConfig validates record keys and values against a schema.
type SchemaValidationConfig struct {
	Type                  string  `pulumi:"type" api:"type"`
	SchemaRegistry        *Ref    `pulumi:"schemaRegistry,optional" api:"schema_registry,omitempty"`
	FailureMode           *string `pulumi:"failureMode,optional" api:"failure_mode,omitempty"`
	ValidateKey           *bool   `pulumi:"validateKey,optional" api:"validate_key,omitempty"`
	ValidateValue         *bool   `pulumi:"validateValue,optional" api:"validate_value,omitempty"`
	KeyValidationAction   *string `pulumi:"keyValidationAction,optional" api:"key_validation_action,omitempty"`
	ValueValidationAction *string `pulumi:"valueValidationAction,optional" api:"value_validation_action,omitempty"`
}

// KeySource is where decryption keys may come from.
type KeySource struct {
	Type string `pulumi:"type" api:"type"`
}

// EncryptionKey is the key that encrypts records: an AWS KMS key or a StaticKey.
type EncryptionKey struct {
	Type string  `pulumi:"type" api:"type"`
	Arn  *string `pulumi:"arn,optional" api:"arn,omitempty"`
	Key  *Ref    `pulumi:"key,optional" api:"key,omitempty"`
}

// Annotate describes header modification.
func (m *ModifyHeadersConfig) Annotate(a infer.Annotator) {
	a.Describe(&m.Actions, "Header changes, applied in order.")
}

// Annotate describes a header action.
func (h *HeaderAction) Annotate(a infer.Annotator) {
	a.Describe(&h.Op, "`set` or `remove`.")
	a.Describe(&h.Key, "Header name.")
	a.Describe(&h.Value, "Header value; required for `set`.")
}

// Annotate describes schema validation.
func (s *SchemaValidationConfig) Annotate(a infer.Annotator) {
	a.Describe(&s.Type, "`confluent_schema_registry` or `json`.")
	a.Describe(&s.SchemaRegistry, "The SchemaRegistry to validate against, by ID or name.")
	a.Describe(&s.FailureMode, "What to do with an invalid record. Consume: `error`, `skip`, `passthrough` or `mark`; "+
		"produce: `reject`, `passthrough` or `mark`.")
	a.Describe(&s.ValidateKey, "Validate record keys.")
	a.Describe(&s.ValidateValue, "Validate record values.")
	a.Describe(&s.KeyValidationAction, "Action on an invalid key. Consume: `mark` or `skip`; produce: `reject` or `mark`.")
	a.Describe(&s.ValueValidationAction, "Action on an invalid value. Consume: `mark` or `skip`; produce: `reject` or `mark`.")
}

// Annotate describes a key source.
func (k *KeySource) Annotate(a infer.Annotator) {
	a.Describe(&k.Type, "`aws` (AWS KMS) or `static` (StaticKey resources).")
}

// Annotate describes an encryption key.
func (k *EncryptionKey) Annotate(a infer.Annotator) {
	a.Describe(&k.Type, "`aws` or `static`.")
	a.Describe(&k.Arn, "`aws`: ARN of the KMS key (`arn:aws:kms:...`).")
	a.Describe(&k.Key, "`static`: the StaticKey, by ID or name.")
}

func (m *ModifyHeadersConfig) validate(c *checker, prop string) {
	c.notEmpty(prop+".actions", len(m.Actions))
	for i, a := range m.Actions {
		p := at(prop+".actions", i)
		c.oneOf(p+".op", a.Op, "set", "remove")
		if a.Op == "set" && a.Value == nil {
			c.fail(p+".value", "required for set")
		}
		if a.Op == "remove" && a.Value != nil {
			c.fail(p+".value", "does not apply to remove")
		}
	}
}

// validate checks schema validation settings against the failure modes and actions of the policy kind.
func (s *SchemaValidationConfig) validate(c *checker, prop string, failureModes, actions []string) {
	c.oneOf(prop+".type", s.Type, "confluent_schema_registry", "json")
	c.ref(prop+".schemaRegistry", s.SchemaRegistry)
	c.oneOf(prop+".failureMode", str(s.FailureMode), failureModes...)
	c.oneOf(prop+".keyValidationAction", str(s.KeyValidationAction), actions...)
	c.oneOf(prop+".valueValidationAction", str(s.ValueValidationAction), actions...)
}

func (k *EncryptionKey) validate(c *checker, prop string) {
	c.oneOf(prop+".type", k.Type, "aws", "static")
	switch k.Type {
	case "aws":
		if k.Arn == nil || k.Key != nil {
			c.fail(prop, "an aws key needs arn and no key")
		}
	case "static":
		if k.Key == nil || k.Arn != nil {
			c.fail(prop, "a static key needs key and no arn")
		}
	}
	c.match(prop+".arn", str(k.Arn), awsKMSArnRE, "be an AWS KMS key ARN (arn:aws:kms:...)")
	c.ref(prop+".key", k.Key)
}

func keySources(c *checker, prop string, sources []KeySource) {
	c.notEmpty(prop, len(sources))
	for i, s := range sources {
		c.oneOf(at(prop, i)+".type", s.Type, "aws", "static")
	}
}

func recordParts(c *checker, prop string, parts []string) {
	c.notEmpty(prop, len(parts))
	for i, p := range parts {
		c.oneOf(at(prop, i), p, "key", "value")
	}
}
