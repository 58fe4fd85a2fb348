package konnectemu

// Kind names an entity kind the emulator stores.
type Kind string

// The stored entity kinds.
const (
	KindGateway              Kind = "event-gateway"
	KindBackendCluster       Kind = "backend-cluster"
	KindVirtualCluster       Kind = "virtual-cluster"
	KindListener             Kind = "listener"
	KindListenerPolicy       Kind = "listener-policy"
	KindClusterPolicy        Kind = "cluster-policy"
	KindConsumePolicy        Kind = "consume-policy"
	KindProducePolicy        Kind = "produce-policy"
	KindSchemaRegistry       Kind = "schema-registry"
	KindDataPlaneCertificate Kind = "data-plane-certificate"
	KindTLSTrustBundle       Kind = "tls-trust-bundle"
	KindStaticKey            Kind = "static-key"
	KindNode                 Kind = "node"
)

const eventGatewaysPath = "/v1/event-gateways"

// op is a set of the generic operations a kind supports.
type op uint8

const (
	opList op = 1 << iota
	opCreate
	opGet
	opPut
	opPatch
	opDelete

	opsNoPatch = opList | opCreate | opGet | opPut | opDelete
	opsAll     = opsNoPatch | opPatch
)

// reference is a field holding {id}|{name} references (or an array of them) to entities of another kind of the
// same gateway.
type reference struct {
	path   jsonPath
	target Kind
}

// kindSpec describes how a kind is addressed and what Konnect enforces for it.
type kindSpec struct {
	kind   Kind
	parent Kind
	// collection is the spec path template of the collection; the item path appends "/{idParam}".
	collection string
	idParam    string
	ops        op
	// bareList: the list operation returns a JSON array rather than {meta, data}.
	bareList bool
	// uniqueName: names are unique among siblings (409 otherwise).
	uniqueName bool
	// chain is the path segment of the policy chain next to the collection ("" for non-policies).
	chain string
	// secrets are write-only GatewaySecret fields: kept on PUT when omitted, returned only as ${...} expressions.
	secrets []jsonPath
	// references must name existing entities; referenced entities cannot be deleted.
	references []reference
	// keepOnPut are fields the update schema makes optional but every response has: an update without them
	// keeps the stored value.
	keepOnPut []string
}

const gatewayItem = eventGatewaysPath + "/{gatewayId}"

var kindSpecs = []*kindSpec{
	{
		kind: KindGateway, collection: eventGatewaysPath, idParam: "gatewayId", ops: opsAll, uniqueName: true,
		// "When not specified, the minimum runtime version will not be updated."
		keepOnPut: []string{"name", "min_runtime_version"},
	},
	{
		kind: KindBackendCluster, parent: KindGateway, collection: gatewayItem + "/backend-clusters",
		idParam: "backendClusterId", ops: opsNoPatch, uniqueName: true,
		secrets: jsonPaths("authentication.password", "tls.client_identity.key"),
	},
	{
		kind: KindVirtualCluster, parent: KindGateway, collection: gatewayItem + "/virtual-clusters",
		idParam: "virtualClusterId", ops: opsNoPatch, uniqueName: true,
		secrets:    jsonPaths("authentication[].principals[].password"),
		references: []reference{{parsePath("destination"), KindBackendCluster}},
	},
	{
		kind: KindListener, parent: KindGateway, collection: gatewayItem + "/listeners",
		idParam: "eventGatewayListenerId", ops: opsNoPatch, uniqueName: true,
	},
	{
		kind: KindListenerPolicy, parent: KindListener,
		collection: gatewayItem + "/listeners/{eventGatewayListenerId}/policies",
		idParam:    "policyId", ops: opsAll, bareList: true, uniqueName: true, chain: "policy-chain",
		secrets: jsonPaths("config.certificates[].key"),
		references: []reference{
			{parsePath("config.destination"), KindVirtualCluster},
			{parsePath("config.client_authentication.tls_trust_bundles"), KindTLSTrustBundle},
		},
	},
	{
		kind: KindClusterPolicy, parent: KindVirtualCluster,
		collection: gatewayItem + "/virtual-clusters/{virtualClusterId}/cluster-policies",
		idParam:    "policyId", ops: opsAll, bareList: true, uniqueName: true, chain: "cluster-policy-chain",
	},
	{
		kind: KindConsumePolicy, parent: KindVirtualCluster,
		collection: gatewayItem + "/virtual-clusters/{virtualClusterId}/consume-policies",
		idParam:    "policyId", ops: opsAll, bareList: true, uniqueName: true, chain: "consume-policy-chain",
		references: []reference{{parsePath("config.schema_registry"), KindSchemaRegistry}},
	},
	{
		kind: KindProducePolicy, parent: KindVirtualCluster,
		collection: gatewayItem + "/virtual-clusters/{virtualClusterId}/produce-policies",
		idParam:    "policyId", ops: opsAll, bareList: true, uniqueName: true, chain: "produce-policy-chain",
		references: []reference{
			{parsePath("config.schema_registry"), KindSchemaRegistry},
			{parsePath("config.encryption_key.key"), KindStaticKey},
			{parsePath("config.encrypt_fields[].encryption_key.key"), KindStaticKey},
		},
	},
	{
		kind: KindSchemaRegistry, parent: KindGateway, collection: gatewayItem + "/schema-registries",
		idParam: "schemaRegistryId", ops: opsNoPatch, uniqueName: true,
		secrets: jsonPaths("config.authentication.password"),
	},
	{
		kind: KindDataPlaneCertificate, parent: KindGateway, collection: gatewayItem + "/data-plane-certificates",
		idParam: "certificateId", ops: opsNoPatch,
	},
	{
		kind: KindTLSTrustBundle, parent: KindGateway, collection: gatewayItem + "/tls-trust-bundles",
		idParam: "tlsTrustBundleId", ops: opsNoPatch, uniqueName: true, keepOnPut: []string{"name", "config"},
	},
	{
		kind: KindStaticKey, parent: KindGateway, collection: gatewayItem + "/static-keys",
		idParam: "staticKeyId", ops: opList | opCreate | opGet | opDelete, uniqueName: true,
		secrets: jsonPaths("value"),
	},
	{
		kind: KindNode, parent: KindGateway, collection: gatewayItem + "/nodes",
		idParam: "eventGatewayNodeId", ops: opList | opGet,
	},
}

var kindsByName = func() map[Kind]*kindSpec {
	m := make(map[Kind]*kindSpec, len(kindSpecs))
	for _, k := range kindSpecs {
		m[k.kind] = k
	}
	return m
}()

func (k *kindSpec) item() string { return k.collection + "/{" + k.idParam + "}" }

// isPolicy reports whether the kind lives in a policy chain.
func (k *kindSpec) isPolicy() bool { return k.chain != "" }

// ancestors lists the kinds above k, outermost first.
func (k *kindSpec) ancestors() []*kindSpec {
	var out []*kindSpec
	for p := k.parent; p != ""; p = kindsByName[p].parent {
		out = append([]*kindSpec{kindsByName[p]}, out...)
	}
	return out
}
