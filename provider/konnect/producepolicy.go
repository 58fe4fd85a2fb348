package konnect

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// ProducePolicy processes records a virtual cluster's clients produce.
type ProducePolicy struct {
	kind[ProducePolicyArgs, ProducePolicyState]
}

var _ resource[ProducePolicyArgs, ProducePolicyState] = (*ProducePolicy)(nil)

// ProducePolicyArgs are the inputs of a ProducePolicy.
type ProducePolicyArgs struct {
	// ID of the event gateway; changing it replaces the policy.
	GatewayID string `pulumi:"gatewayId" api:"-"`
	// ID of the virtual cluster; changing it replaces the policy.
	VirtualClusterID string `pulumi:"virtualClusterId" api:"-"`
	// `modify_headers`, `schema_validation`, `encrypt` or `encrypt_fields`; set the member of the same name. Changing
	// it replaces the policy.
	Type ProducePolicyKind `pulumi:"type" api:"type"`
	PolicyBase
	// Expression (at most 1000 characters) that limits which records the policy applies to.
	Condition *string `pulumi:"condition,optional" api:"condition,omitempty"`
	// ID of the parent policy; required for `encrypt_fields`, allowed for `modify_headers`. Changing it replaces the
	// policy.
	ParentPolicyID *string `pulumi:"parentPolicyId,optional" api:"parent_policy_id,omitempty"`
	// Settings of a `modify_headers` policy.
	ModifyHeaders *ModifyHeadersPolicyConfig `pulumi:"modifyHeaders,optional" api:"-" konnect:"modify_headers"`
	// Settings of a `schema_validation` policy.
	SchemaValidation *SchemaValidationConfig `pulumi:"schemaValidation,optional" api:"-" konnect:"schema_validation"`
	// Settings of an `encrypt` policy.
	Encrypt *EncryptPolicyConfig `pulumi:"encrypt,optional" api:"-" konnect:"encrypt"`
	// Settings of an `encrypt_fields` policy.
	EncryptFields *EncryptFieldsPolicyConfig `pulumi:"encryptFields,optional" api:"-" konnect:"encrypt_fields"`
}

// EncryptPolicyConfig encrypts whole record keys or values.
type EncryptPolicyConfig struct {
	// `error` or `passthrough` when a record cannot be encrypted.
	FailureMode string `pulumi:"failureMode" api:"failure_mode"`
	// `key` and/or `value`.
	PartOfRecord []string `pulumi:"partOfRecord" api:"part_of_record"`
	// The key to encrypt with.
	EncryptionKey EncryptionKeyReference `pulumi:"encryptionKey" api:"encryption_key"`
}

// EncryptFieldsPolicyConfig encrypts fields of parsed records; it runs under a parent policy.
type EncryptFieldsPolicyConfig struct {
	// `reject`, `passthrough` or `mark` when a field cannot be encrypted.
	FailureMode string `pulumi:"failureMode" api:"failure_mode"`
	// Field selections and their keys (1-256).
	Fields []EncryptField `pulumi:"fields" api:"encrypt_fields"`
}

// EncryptField selects fields and the key that encrypts them.
type EncryptField struct {
	// Field path patterns to encrypt (1-50); or set pathsExpression.
	Paths []string `pulumi:"paths,optional"`
	// Expression selecting the fields to encrypt; or set paths.
	PathsExpression *string `pulumi:"pathsExpression,optional"`
	// The key to encrypt the fields with.
	EncryptionKey EncryptionKeyReference `pulumi:"encryptionKey"`
}

// encryptFieldJSON is the API shape of EncryptField.
type encryptFieldJSON struct {
	Paths         fieldPaths             `api:"paths"`
	EncryptionKey EncryptionKeyReference `api:"encryption_key"`
}

// MarshalJSON writes the API shape.
func (e EncryptField) MarshalJSON() ([]byte, error) {
	return apiJSON.Marshal(encryptFieldJSON{Paths: fieldPaths{list: e.Paths, expr: e.PathsExpression}, EncryptionKey: e.EncryptionKey})
}

// UnmarshalJSON reads the API shape.
func (e *EncryptField) UnmarshalJSON(b []byte) error {
	var j encryptFieldJSON
	if err := apiJSON.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = EncryptField{Paths: j.Paths.list, PathsExpression: j.Paths.expr, EncryptionKey: j.EncryptionKey}
	return nil
}

// ProducePolicyState is the state of a ProducePolicy.
type ProducePolicyState struct {
	ProducePolicyArgs
	Timestamps
}

// Annotate describes the resource.
func (p *ProducePolicy) Annotate(a infer.Annotator) {
	a.Describe(p, "A produce policy of a virtual cluster: `modify_headers`, `schema_validation`, `encrypt` or "+
		"`encrypt_fields` (field-level encryption under a parent policy). "+
		"Import it with the ID `<gatewayId>/<virtualClusterId>/<policyId>`.")
}

func (p *ProducePolicyArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", str(p.Name), str(p.Description), "labels", p.Labels)
	problems.Check("condition", validate.MaxLength(str(p.Condition), 1000))
	checkVariant(problems, p, string(p.Type), enumStrings[ProducePolicyKind]()...)
	checkParentPolicy(problems, string(p.Type), p.ParentPolicyID, "encrypt_fields", "modify_headers")
	if m := p.ModifyHeaders; m != nil {
		m.validate(problems, "modifyHeaders")
	}
	if s := p.SchemaValidation; s != nil {
		s.validate(problems, "schemaValidation", []string{"reject", "passthrough", "mark"}, []string{"reject", "mark"})
	}
	if e := p.Encrypt; e != nil {
		problems.Check("encrypt.failureMode", validate.OneOf(e.FailureMode, "error", "passthrough"))
		recordParts(problems, "encrypt.partOfRecord", e.PartOfRecord)
		e.EncryptionKey.validate(problems, "encrypt.encryptionKey")
	}
	if e := p.EncryptFields; e != nil {
		const fields validate.Path = "encryptFields.fields"
		problems.Check("encryptFields.failureMode", validate.OneOf(e.FailureMode, "reject", "passthrough", "mark"))
		problems.Check(fields, validate.NotEmpty(len(e.Fields)), validate.MaxEntries(len(e.Fields), 256))
		for i, f := range e.Fields {
			checkPaths(problems, fields.Index(i), f.Paths, f.PathsExpression, "paths", "pathsExpression", 50)
			f.EncryptionKey.validate(problems, fields.Index(i).Field("encryptionKey"))
		}
	}
}

func decodeProducePolicy(raw json.RawMessage) (string, ProducePolicyState, error) {
	return decodePolicy(raw,
		func(s *ProducePolicyState) any { return &s.ProducePolicyArgs },
		func(s *ProducePolicyState) string { return string(s.Type) })
}

var producePolicies = kind[ProducePolicyArgs, ProducePolicyState]{
	idFormat: "<gatewayId>/<virtualClusterId>/<policyId>",
	parents:  func(a *ProducePolicyArgs) []parent { return vcPolicyParents(&a.GatewayID, &a.VirtualClusterID) },
	args:     func(s *ProducePolicyState) *ProducePolicyArgs { return &s.ProducePolicyArgs },
	decode:   decodeProducePolicy,
	diff:     diffOptions{immutable: []string{"type", "parentPolicyId"}},
	create: func(ctx context.Context, c *client.Client, a ProducePolicyArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := policyModel[components.EventGatewayProducePolicyCreate](&a, string(a.Type))
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayVirtualClusterProducePolicies.CreateEventGatewayVirtualClusterProducePolicy(ctx,
			operations.CreateEventGatewayVirtualClusterProducePolicyRequest{
				GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, EventGatewayProducePolicyCreate: &body,
			}, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a ProducePolicyArgs) (json.RawMessage, error) {
		res, err := c.SDK.EventGatewayVirtualClusterProducePolicies.ListEventGatewayVirtualClusterProducePolicies(ctx,
			operations.ListEventGatewayVirtualClusterProducePoliciesRequest{GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID})
		items, err := policyList(res, err)
		return pick(items, err, str(a.Name), string(a.Type))
	},
	get: func(ctx context.Context, c *client.Client, a ProducePolicyArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayVirtualClusterProducePolicies.GetEventGatewayVirtualClusterProducePolicy(ctx,
			operations.GetEventGatewayVirtualClusterProducePolicyRequest{GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, PolicyID: id})
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a ProducePolicyArgs, id string) (*http.Response, error) {
		body, err := policyModel[components.EventGatewayProducePolicyUpdate](&a, string(a.Type))
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayVirtualClusterProducePolicies.UpdateEventGatewayVirtualClusterProducePolicy(ctx,
			operations.UpdateEventGatewayVirtualClusterProducePolicyRequest{
				GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, PolicyID: id, EventGatewayProducePolicyUpdate: &body,
			})
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a ProducePolicyArgs, id string) error {
		_, err := c.SDK.EventGatewayVirtualClusterProducePolicies.DeleteEventGatewayVirtualClusterProducePolicy(ctx,
			operations.DeleteEventGatewayVirtualClusterProducePolicyRequest{GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, PolicyID: id})
		return err
	},
}
