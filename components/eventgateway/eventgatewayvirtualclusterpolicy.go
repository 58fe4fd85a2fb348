package eventgateway

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var eventGatewayVirtualClusterPolicyKind = kind{ConfigurationAPIVersion, "EventGatewayVirtualClusterPolicy", ConditionProgrammed}

// EventGatewayVirtualClusterPolicySpec is the spec of an EventGatewayVirtualClusterPolicy: a cluster-level policy
// of a virtual cluster.
type EventGatewayVirtualClusterPolicySpec struct {
	EventGatewayVirtualClusterRef ObjectRef                   `json:"eventGatewayVirtualClusterRef" pulumi:"eventGatewayVirtualClusterRef"`
	APISpec                       VirtualClusterPolicyAPISpec `json:"apiSpec" pulumi:"apiSpec"`
}

// VirtualClusterPolicyType is the kind of a cluster-level policy.
type VirtualClusterPolicyType string

// VirtualClusterPolicyACLs is the only VirtualClusterPolicyType.
const VirtualClusterPolicyACLs VirtualClusterPolicyType = "acls"

// VirtualClusterPolicyAPISpec is a union on Type.
type VirtualClusterPolicyAPISpec struct {
	Type VirtualClusterPolicyType `json:"type" pulumi:"type"`
	ACLs *ACLsPolicy              `json:"acls,omitempty" pulumi:"acls,optional"`
}

// ACLsPolicy decides topic, group, transactional-id and cluster access for a virtual cluster whose aclMode is
// enforce_on_gateway.
type ACLsPolicy struct {
	PolicyInfo
	Config ACLsConfig `json:"config" pulumi:"config"`
}

// ACLsConfig lists the ACL rules.
type ACLsConfig struct {
	Rules []ACLRule `json:"rules" pulumi:"rules"`
}

// ACLRule allows or denies operations on named resources.
type ACLRule struct {
	// Action is allow or deny.
	Action ACLAction `json:"action" pulumi:"action"`
	// ResourceType is the kind of Kafka resource the rule covers: topic, group, transactional_id or cluster.
	ResourceType ACLResourceType `json:"resourceType" pulumi:"resourceType"`
	// Operations are the Kafka operations the rule allows or denies.
	Operations []ACLOperation `json:"operations" pulumi:"operations"`
	// ResourceNames selects the resources by name.
	ResourceNames ACLResourceNames `json:"resourceNames" pulumi:"resourceNames"`
}

// ACLAction is what a rule does.
type ACLAction string

// Values of ACLAction.
const (
	ACLAllow ACLAction = "allow"
	ACLDeny  ACLAction = "deny"
)

// ACLResourceType is the kind of Kafka resource a rule covers.
type ACLResourceType string

// Values of ACLResourceType.
const (
	ACLResourceTopic           ACLResourceType = "topic"
	ACLResourceGroup           ACLResourceType = "group"
	ACLResourceTransactionalID ACLResourceType = "transactional_id"
	ACLResourceCluster         ACLResourceType = "cluster"
)

// ACLOperation names one Kafka operation.
type ACLOperation struct {
	// Name is the operation: all, alter, alter_configs, create, delete, describe, describe_configs,
	// idempotent_write, read or write.
	Name ACLOperationName `json:"name" pulumi:"name"`
}

// ACLOperationName is a Kafka operation.
type ACLOperationName string

// Values of ACLOperationName.
const (
	ACLOperationAll             ACLOperationName = "all"
	ACLOperationAlter           ACLOperationName = "alter"
	ACLOperationAlterConfigs    ACLOperationName = "alter_configs"
	ACLOperationCreate          ACLOperationName = "create"
	ACLOperationDelete          ACLOperationName = "delete"
	ACLOperationDescribe        ACLOperationName = "describe"
	ACLOperationDescribeConfigs ACLOperationName = "describe_configs"
	ACLOperationIdempotentWrite ACLOperationName = "idempotent_write"
	ACLOperationRead            ACLOperationName = "read"
	ACLOperationWrite           ACLOperationName = "write"
)

// ACLResourceNamesType says whether resource names are listed or computed.
type ACLResourceNamesType string

// Values of ACLResourceNamesType.
const (
	// ACLResourceNamesStatic lists name patterns in Stat.
	ACLResourceNamesStatic ACLResourceNamesType = "stat"
	// ACLResourceNamesDynamic computes names with the expression in Dynam.
	ACLResourceNamesDynamic ACLResourceNamesType = "dynam"
)

// ACLResourceNames is a union on Type: a list of name patterns or one expression.
type ACLResourceNames struct {
	// Type is stat (patterns listed in stat) or dynam (an expression in dynam).
	Type ACLResourceNamesType `json:"type" pulumi:"type"`
	// Stat lists name patterns; for type stat.
	Stat []Match `json:"stat,omitempty" pulumi:"stat,optional"`
	// Dynam is an expression computing the names; for type dynam.
	Dynam string `json:"dynam,omitempty" pulumi:"dynam,optional"`
}

// Match is one name pattern or field path.
type Match struct {
	// Match is a name pattern (such as orders.*) or a field path, 1-253 characters.
	Match string `json:"match" pulumi:"match"`
}

// NewEventGatewayVirtualClusterPolicy registers an EventGatewayVirtualClusterPolicy
// (configuration.konghq.com/v1alpha1).
func NewEventGatewayVirtualClusterPolicy(ctx *pulumi.Context, name string, meta Metadata,
	spec EventGatewayVirtualClusterPolicySpec, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, eventGatewayVirtualClusterPolicyKind, meta, spec, opts...)
}
