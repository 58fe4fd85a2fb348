package konnect

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"

	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// ConsumePolicy processes records a virtual cluster's clients consume.
type ConsumePolicy struct {
	kind[ConsumePolicyArgs, ConsumePolicyState]
}

var _ resource[ConsumePolicyArgs, ConsumePolicyState] = (*ConsumePolicy)(nil)

// ConsumePolicyArgs are the inputs of a ConsumePolicy.
type ConsumePolicyArgs struct {
	// ID of the event gateway; changing it replaces the policy.
	GatewayID string `pulumi:"gatewayId" api:"-"`
	// ID of the virtual cluster; changing it replaces the policy.
	VirtualClusterID string `pulumi:"virtualClusterId" api:"-"`
	// `modify_headers`, `schema_validation`, `decrypt`, `skip_record` or `decrypt_fields`; set the member of the same
	// name (`skip_record` has none). Changing it replaces the policy.
	Type ConsumePolicyKind `pulumi:"type" api:"type"`
	PolicyBase
	// Expression (at most 1000 characters) that limits which records the policy applies to.
	Condition *string `pulumi:"condition,optional" api:"condition,omitempty"`
	// ID of the parent policy; required for `decrypt_fields`, allowed for `modify_headers` and `skip_record`. Changing
	// it replaces the policy.
	ParentPolicyID *string `pulumi:"parentPolicyId,optional" api:"parent_policy_id,omitempty"`
	// Settings of a `modify_headers` policy.
	ModifyHeaders *ModifyHeadersPolicyConfig `pulumi:"modifyHeaders,optional" api:"-" konnect:"modify_headers"`
	// Settings of a `schema_validation` policy.
	SchemaValidation *SchemaValidationConfig `pulumi:"schemaValidation,optional" api:"-" konnect:"schema_validation"`
	// Settings of a `decrypt` policy.
	Decrypt *DecryptPolicyConfig `pulumi:"decrypt,optional" api:"-" konnect:"decrypt"`
	// Settings of a `decrypt_fields` policy.
	DecryptFields *DecryptFieldsPolicyConfig `pulumi:"decryptFields,optional" api:"-" konnect:"decrypt_fields"`
}

// DecryptPolicyConfig decrypts whole record keys or values.
type DecryptPolicyConfig struct {
	// `error` or `passthrough` when a record cannot be decrypted.
	FailureMode string `pulumi:"failureMode" api:"failure_mode"`
	// Where decryption keys may come from.
	KeySources []DecryptionKeySource `pulumi:"keySources" api:"key_sources"`
	// `key` and/or `value`.
	PartOfRecord []string `pulumi:"partOfRecord" api:"part_of_record"`
}

// DecryptFieldsPolicyConfig decrypts fields of parsed records; it runs under an encrypt-fields parent policy.
type DecryptFieldsPolicyConfig struct {
	// `error`, `skip`, `passthrough` or `mark` when a field cannot be decrypted.
	FailureMode string `pulumi:"failureMode"`
	// Where decryption keys may come from.
	KeySources []DecryptionKeySource `pulumi:"keySources"`
	// Field path patterns to decrypt (1-50); or set pathsExpression.
	Paths []string `pulumi:"paths,optional"`
	// Expression selecting the fields to decrypt; or set paths.
	PathsExpression *string `pulumi:"pathsExpression,optional"`
}

// decryptFieldsJSON is the API shape of DecryptFieldsPolicyConfig.
type decryptFieldsJSON struct {
	FailureMode   string                `api:"failure_mode"`
	KeySources    []DecryptionKeySource `api:"key_sources"`
	DecryptFields struct {
		Paths fieldPaths `api:"paths"`
	} `api:"decrypt_fields"`
}

// MarshalJSON writes the API shape.
func (d DecryptFieldsPolicyConfig) MarshalJSON() ([]byte, error) {
	j := decryptFieldsJSON{FailureMode: d.FailureMode, KeySources: d.KeySources}
	j.DecryptFields.Paths = fieldPaths{list: d.Paths, expr: d.PathsExpression}
	return apiJSON.Marshal(j)
}

// UnmarshalJSON reads the API shape.
func (d *DecryptFieldsPolicyConfig) UnmarshalJSON(b []byte) error {
	var j decryptFieldsJSON
	if err := apiJSON.Unmarshal(b, &j); err != nil {
		return err
	}
	*d = DecryptFieldsPolicyConfig{FailureMode: j.FailureMode, KeySources: j.KeySources,
		Paths: j.DecryptFields.Paths.list, PathsExpression: j.DecryptFields.Paths.expr}
	return nil
}

// ConsumePolicyState is the state of a ConsumePolicy.
type ConsumePolicyState struct {
	ConsumePolicyArgs
	Timestamps
}

// Annotate describes the resource.
func (p *ConsumePolicy) Annotate(a infer.Annotator) {
	a.Describe(p, "A consume policy of a virtual cluster: `modify_headers`, `schema_validation`, `decrypt`, "+
		"`skip_record` or `decrypt_fields` (field-level decryption under a parent policy). "+
		"Import it with the ID `<gatewayId>/<virtualClusterId>/<policyId>`.")
}

func (p *ConsumePolicyArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", str(p.Name), str(p.Description), "labels", p.Labels)
	problems.Check("condition", validate.MaxLength(str(p.Condition), 1000))
	checkVariant(problems, p, string(p.Type), enumStrings[ConsumePolicyKind]()...)
	checkParentPolicy(problems, string(p.Type), p.ParentPolicyID, "decrypt_fields", "modify_headers", "skip_record")
	if m := p.ModifyHeaders; m != nil {
		m.validate(problems, "modifyHeaders")
	}
	if s := p.SchemaValidation; s != nil {
		s.validate(problems, "schemaValidation", []string{"error", "skip", "passthrough", "mark"},
			[]string{"mark", "skip"})
	}
	if d := p.Decrypt; d != nil {
		problems.Check("decrypt.failureMode", validate.OneOf(d.FailureMode, "error", "passthrough"))
		keySources(problems, "decrypt.keySources", d.KeySources)
		recordParts(problems, "decrypt.partOfRecord", d.PartOfRecord)
	}
	if d := p.DecryptFields; d != nil {
		problems.Check("decryptFields.failureMode",
			validate.OneOf(d.FailureMode, "error", "skip", "passthrough", "mark"))
		keySources(problems, "decryptFields.keySources", d.KeySources)
		checkPaths(problems, "decryptFields", d.Paths, d.PathsExpression, "paths", "pathsExpression", 50)
	}
}

// checkParentPolicy checks parentPolicyId: required for the type named by required, allowed for those in allowed.
func checkParentPolicy(problems *validate.Problems, typ string, id *string, required string, allowed ...string) {
	member := ""
	if typ != "" {
		member = validate.Member(id != nil, typ == required || id != nil && slices.Contains(allowed, typ), "type", typ)
	}
	problems.Check("parentPolicyId", member, validate.UUID(str(id)))
}

func decodeConsumePolicy(raw json.RawMessage) (string, ConsumePolicyState, error) {
	return decodePolicy(raw,
		func(s *ConsumePolicyState) any { return &s.ConsumePolicyArgs },
		func(s *ConsumePolicyState) string { return string(s.Type) })
}

var consumePolicies = kind[ConsumePolicyArgs, ConsumePolicyState]{
	idFormat: "<gatewayId>/<virtualClusterId>/<policyId>",
	parents:  func(a *ConsumePolicyArgs) []parent { return vcPolicyParents(&a.GatewayID, &a.VirtualClusterID) },
	args:     func(s *ConsumePolicyState) *ConsumePolicyArgs { return &s.ConsumePolicyArgs },
	decode:   decodeConsumePolicy,
	diff:     diffOptions{immutable: []string{"type", "parentPolicyId"}},
	create: func(ctx context.Context, c *client.Client, a ConsumePolicyArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := policyModel[components.EventGatewayConsumePolicyCreate](&a, string(a.Type))
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayVirtualClusterConsumePolicies.CreateEventGatewayVirtualClusterConsumePolicy(ctx,
			operations.CreateEventGatewayVirtualClusterConsumePolicyRequest{
				GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, EventGatewayConsumePolicyCreate: &body,
			}, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a ConsumePolicyArgs) (json.RawMessage, error) {
		res, err := c.SDK.EventGatewayVirtualClusterConsumePolicies.ListEventGatewayVirtualClusterConsumePolicies(ctx,
			operations.ListEventGatewayVirtualClusterConsumePoliciesRequest{GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID})
		items, err := policyList(res, err)
		return pick(items, err, str(a.Name), string(a.Type))
	},
	get: func(ctx context.Context, c *client.Client, a ConsumePolicyArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayVirtualClusterConsumePolicies.GetEventGatewayVirtualClusterConsumePolicy(ctx,
			operations.GetEventGatewayVirtualClusterConsumePolicyRequest{GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, PolicyID: id})
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a ConsumePolicyArgs, id string) (*http.Response, error) {
		body, err := policyModel[components.EventGatewayConsumePolicyUpdate](&a, string(a.Type))
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayVirtualClusterConsumePolicies.UpdateEventGatewayVirtualClusterConsumePolicy(ctx,
			operations.UpdateEventGatewayVirtualClusterConsumePolicyRequest{
				GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, PolicyID: id, EventGatewayConsumePolicyUpdate: &body,
			})
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a ConsumePolicyArgs, id string) error {
		_, err := c.SDK.EventGatewayVirtualClusterConsumePolicies.DeleteEventGatewayVirtualClusterConsumePolicy(ctx,
			operations.DeleteEventGatewayVirtualClusterConsumePolicyRequest{GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, PolicyID: id})
		return err
	},
}
