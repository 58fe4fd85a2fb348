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

// ClusterPolicy is a cluster-level policy of a virtual cluster: Kafka ACLs enforced by the gateway.
type ClusterPolicy struct {
	kind[ClusterPolicyArgs, ClusterPolicyState]
}

var _ resource[ClusterPolicyArgs, ClusterPolicyState] = (*ClusterPolicy)(nil)

// ClusterPolicyArgs are the inputs of a ClusterPolicy.
type ClusterPolicyArgs struct {
	GatewayID        string `pulumi:"gatewayId" api:"-"`
	VirtualClusterID string `pulumi:"virtualClusterId" api:"-"`
	Type             string `pulumi:"type,optional" api:"type"`
	PolicyBase
	Condition *string     `pulumi:"condition,optional" api:"condition,omitempty"`
	ACLs      *ACLsConfig `pulumi:"acls,optional" api:"-" konnect:"acls"`
}

// ACLsConfig is a list of ACL rules.
type ACLsConfig struct {
	// ACL rules (at least one).
	Rules []ACLPolicyRule `pulumi:"rules" api:"rules"`
}

// ACLPolicyRule allows or denies operations on resources.
type ACLPolicyRule struct {
	// `topic`, `group`, `transactional_id` or `cluster`.
	ResourceType string `pulumi:"resourceType"`
	// `allow` or `deny`.
	Action string `pulumi:"action"`
	// `all`, `alter`, `alter_configs`, `create`, `delete`, `describe`, `describe_configs`, `idempotent_write`, `read`
	// or `write`.
	Operations []string `pulumi:"operations"`
	// Glob patterns of resource names (at most 50); or set resourceNamesExpression.
	ResourceNames []string `pulumi:"resourceNames,optional"`
	// Expression computing the resource names; or set resourceNames.
	ResourceNamesExpression *string `pulumi:"resourceNamesExpression,optional"`
}

// aclOperation is the API shape of an ACL operation.
type aclOperation struct {
	Name string `api:"name"`
}

// aclRuleJSON is the API shape of ACLPolicyRule.
type aclRuleJSON struct {
	ResourceType  string         `api:"resource_type"`
	Action        string         `api:"action"`
	Operations    []aclOperation `api:"operations"`
	ResourceNames fieldPaths     `api:"resource_names"`
}

// MarshalJSON writes the API shape.
func (r ACLPolicyRule) MarshalJSON() ([]byte, error) {
	j := aclRuleJSON{ResourceType: r.ResourceType, Action: r.Action, Operations: []aclOperation{},
		ResourceNames: fieldPaths{list: r.ResourceNames, expr: r.ResourceNamesExpression}}
	for _, op := range r.Operations {
		j.Operations = append(j.Operations, aclOperation{Name: op})
	}
	return apiJSON.Marshal(j)
}

// UnmarshalJSON reads the API shape.
func (r *ACLPolicyRule) UnmarshalJSON(b []byte) error {
	var j aclRuleJSON
	if err := apiJSON.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = ACLPolicyRule{ResourceType: j.ResourceType, Action: j.Action,
		ResourceNames: j.ResourceNames.list, ResourceNamesExpression: j.ResourceNames.expr}
	for _, op := range j.Operations {
		r.Operations = append(r.Operations, op.Name)
	}
	return nil
}

// ClusterPolicyState is the state of a ClusterPolicy.
type ClusterPolicyState struct {
	ClusterPolicyArgs
	Timestamps
}

// Annotate describes the resource.
func (p *ClusterPolicy) Annotate(a infer.Annotator) {
	a.Describe(p, "A cluster-level policy of a virtual cluster: Kafka ACLs the gateway enforces when the virtual "+
		"cluster's aclMode is `enforce_on_gateway`. Import it with the ID `<gatewayId>/<virtualClusterId>/<policyId>`.")
}

// Annotate describes the inputs.
func (p *ClusterPolicyArgs) Annotate(a infer.Annotator) {
	a.Describe(&p.GatewayID, "ID of the event gateway; changing it replaces the policy.")
	a.Describe(&p.VirtualClusterID, "ID of the virtual cluster; changing it replaces the policy.")
	a.Describe(&p.Type, "Policy type; only `acls` exists.")
	a.SetDefault(&p.Type, "acls")
	a.Describe(&p.Condition, "Expression (at most 1000 characters) that limits which requests the policy applies to.")
	a.Describe(&p.ACLs, "The ACL rules.")
}

func (p *ClusterPolicyArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", str(p.Name), str(p.Description), "labels", p.Labels)
	problems.Check("condition", validate.MaxLength(str(p.Condition), 1000))
	checkVariant(problems, p, p.Type, "acls")
	if p.ACLs == nil {
		return
	}
	const rules validate.Path = "acls.rules"
	problems.Check(rules, validate.NotEmpty(len(p.ACLs.Rules)))
	for i, r := range p.ACLs.Rules {
		rule := rules.Index(i)
		problems.Check(rule.Field("resourceType"),
			validate.OneOf(r.ResourceType, "topic", "group", "transactional_id", "cluster"))
		problems.Check(rule.Field("action"), validate.OneOf(r.Action, "allow", "deny"))
		for j, op := range r.Operations {
			problems.Check(rule.Field("operations").Index(j), validate.OneOf(op, "all", "alter", "alter_configs",
				"create", "delete", "describe", "describe_configs", "idempotent_write", "read", "write"))
		}
		checkPaths(problems, rule, r.ResourceNames, r.ResourceNamesExpression, "resourceNames",
			"resourceNamesExpression", 50)
	}
}

func decodeClusterPolicy(raw json.RawMessage) (string, ClusterPolicyState, error) {
	return decodePolicy(raw,
		func(s *ClusterPolicyState) any { return &s.ClusterPolicyArgs },
		func(s *ClusterPolicyState) string { return s.Type })
}

var clusterPolicies = kind[ClusterPolicyArgs, ClusterPolicyState]{
	idFormat: "<gatewayId>/<virtualClusterId>/<policyId>",
	parents:  func(a *ClusterPolicyArgs) []parent { return vcPolicyParents(&a.GatewayID, &a.VirtualClusterID) },
	args:     func(s *ClusterPolicyState) *ClusterPolicyArgs { return &s.ClusterPolicyArgs },
	decode:   decodeClusterPolicy,
	diff:     diffOptions{immutable: []string{"type"}},
	create: func(ctx context.Context, c *client.Client, a ClusterPolicyArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := policyModel[components.EventGatewayClusterPolicyModify](&a, a.Type)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayVirtualClusterPolicies.CreateEventGatewayVirtualClusterClusterLevelPolicy(ctx,
			operations.CreateEventGatewayVirtualClusterClusterLevelPolicyRequest{
				GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, EventGatewayClusterPolicyModify: &body,
			}, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a ClusterPolicyArgs) (json.RawMessage, error) {
		res, err := c.SDK.EventGatewayVirtualClusterPolicies.ListEventGatewayVirtualClusterClusterLevelPolicies(ctx,
			operations.ListEventGatewayVirtualClusterClusterLevelPoliciesRequest{GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID})
		items, err := policyList(res, err)
		return pick(items, err, str(a.Name), a.Type)
	},
	get: func(ctx context.Context, c *client.Client, a ClusterPolicyArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayVirtualClusterPolicies.GetEventGatewayVirtualClusterClusterLevelPolicy(ctx,
			operations.GetEventGatewayVirtualClusterClusterLevelPolicyRequest{GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, PolicyID: id})
		return rawResponse(res, err)
	},
	update: func(ctx context.Context, c *client.Client, a ClusterPolicyArgs, id string) (*http.Response, error) {
		body, err := policyModel[components.EventGatewayClusterPolicyModify](&a, a.Type)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayVirtualClusterPolicies.UpdateEventGatewayVirtualClusterClusterLevelPolicy(ctx,
			operations.UpdateEventGatewayVirtualClusterClusterLevelPolicyRequest{
				GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, PolicyID: id, EventGatewayClusterPolicyModify: &body,
			})
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a ClusterPolicyArgs, id string) error {
		_, err := c.SDK.EventGatewayVirtualClusterPolicies.DeleteEventGatewayVirtualClusterClusterLevelPolicy(ctx,
			operations.DeleteEventGatewayVirtualClusterClusterLevelPolicyRequest{GatewayID: a.GatewayID, VirtualClusterID: a.VirtualClusterID, PolicyID: id})
		return err
	},
}
