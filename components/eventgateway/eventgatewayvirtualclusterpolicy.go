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
	Action        ACLAction        `json:"action" pulumi:"action"`
	ResourceType  ACLResourceType  `json:"resourceType" pulumi:"resourceType"`
	Operations    []ACLOperation   `json:"operations" pulumi:"operations"`
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
	Type  ACLResourceNamesType `json:"type" pulumi:"type"`
	Stat  []Match              `json:"stat,omitempty" pulumi:"stat,optional"`
	Dynam string               `json:"dynam,omitempty" pulumi:"dynam,optional"`
}

// Match is one name pattern or field path.
type Match struct {
	Match string `json:"match" pulumi:"match"`
}

// NewEventGatewayVirtualClusterPolicy registers an EventGatewayVirtualClusterPolicy
// (configuration.konghq.com/v1alpha1).
func NewEventGatewayVirtualClusterPolicy(ctx *pulumi.Context, name string, meta Metadata,
	spec EventGatewayVirtualClusterPolicySpec, opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, eventGatewayVirtualClusterPolicyKind, meta, spec, opts...)
}
