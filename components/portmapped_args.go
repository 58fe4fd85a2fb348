package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// PortMappedGatewayArgs configures a PortMappedGateway. Every field is a plain value known at preview.
type PortMappedGatewayArgs struct {
	// Konnect holds the access token and the regional API server.
	Konnect KonnectArgs `pulumi:"konnect"`
	// AdvertisedHost is the lowercase DNS name or IP address Kafka clients reach the LoadBalancer on; brokers are
	// advertised on it. Reserve it before deploying (a static IP, see DataPlaneArgs.ServiceAnnotations, or a DNS
	// name pointing at the LoadBalancer), or set AdvertisedHostFromLoadBalancer instead.
	AdvertisedHost string `pulumi:"advertisedHost,optional"`
	// AdvertisedHostFromLoadBalancer advertises the brokers on the address the cloud assigns to the data plane's
	// LoadBalancer Service (its first ingress IP or host name), in the same up: the forwarding policies are created
	// once the address is known. Set it instead of AdvertisedHost.
	AdvertisedHostFromLoadBalancer *LoadBalancerAddressArgs `pulumi:"advertisedHostFromLoadBalancer,optional"`
	// BackendCluster is the upstream Kafka cluster.
	BackendCluster BackendClusterArgs `pulumi:"backendCluster"`
	// SchemaRegistries are the schema registries the virtual clusters' schemaValidation policies name.
	SchemaRegistries []SchemaRegistryArgs `pulumi:"schemaRegistries,optional"`
	// StaticKeys are the gateway's static encryption keys, which encrypt policies name. Kong Operator cannot create
	// them: the kong-event-gateway provider does, under the gateway the operator reports.
	StaticKeys []StaticKeyArgs `pulumi:"staticKeys,optional"`
	// VirtualClusters are the clusters clients see; each gets its own listener and its own block of ports.
	VirtualClusters []VirtualClusterArgs `pulumi:"virtualClusters"`
	// Namespace holds every object; it must exist. Defaults to "kong".
	Namespace string `pulumi:"namespace,optional"`
	// Labels are Kubernetes labels added to the metadata of every object created.
	Labels map[string]string `pulumi:"labels,optional"`
	// Gateway describes the Event Gateway control plane in Konnect.
	Gateway *GatewayArgs `pulumi:"gateway,optional"`
	// BasePort is the first listener port of the one virtual cluster that leaves Port unset. Defaults to 9092.
	BasePort int `pulumi:"basePort,optional"`
	// DataPlane shapes the KegDataPlane and its LoadBalancer Service.
	DataPlane *DataPlaneArgs `pulumi:"dataPlane,optional"`
	// WaitForProgrammed makes Pulumi wait until the operator reports each object ready before creating the objects
	// that depend on it. Defaults to true; turn it off when no operator runs.
	WaitForProgrammed *bool `pulumi:"waitForProgrammed,optional"`
}

// LoadBalancerAddressArgs says how long to wait for the data plane's LoadBalancer address.
type LoadBalancerAddressArgs struct {
	// TimeoutSeconds is how long to wait for the cloud to assign an address. Defaults to 600.
	TimeoutSeconds int `pulumi:"timeoutSeconds,optional"`
}

// KonnectArgs says how Kong Operator reaches Konnect.
type KonnectArgs struct {
	// Token is a personal (kpat_) or system (spat_) access token; it may be a secret or another resource's
	// output (its kpat_/spat_ prefix is then checked by the operator, not at preview). It is stored only in a
	// Kubernetes Secret, as a
	// Pulumi secret.
	Token pulumi.StringInput `pulumi:"token" provider:"secret"`
	// ServerURL is the regional Konnect API host, such as eu.api.konghq.com (or https://eu.api.konghq.com). It
	// cannot change after creation.
	ServerURL string `pulumi:"serverURL"`
	// APIURL is the Konnect API base URL the component's own Konnect resources (staticKeys) are managed through,
	// by the kong-event-gateway provider. Defaults to https://<serverURL>; set it to go through a proxy.
	APIURL string `pulumi:"apiURL,optional"`
}

// GatewayArgs describes the KonnectEventGateway.
type GatewayArgs struct {
	// Name is the gateway's name in Konnect. Defaults to the component name.
	Name string `pulumi:"name,optional"`
	// Description is the gateway's description in Konnect, at most 512 characters.
	Description string `pulumi:"description,optional"`
	// KonnectLabels are labels of the gateway in Konnect.
	KonnectLabels map[string]string `pulumi:"konnectLabels,optional"`
	// MinRuntimeVersion ("1.2") pins the oldest data-plane version.
	MinRuntimeVersion string `pulumi:"minRuntimeVersion,optional"`
}

// BackendClusterArgs describes the upstream Kafka cluster.
type BackendClusterArgs struct {
	// Name is the backend cluster's name in Konnect. Defaults to its Kubernetes name.
	Name string `pulumi:"name,optional"`
	// Description is the backend cluster's description in Konnect, at most 512 characters.
	Description string `pulumi:"description,optional"`
	// KonnectLabels are labels of the backend cluster in Konnect.
	KonnectLabels map[string]string `pulumi:"konnectLabels,optional"`
	// BootstrapServers are the brokers the gateway bootstraps from, each host:port.
	BootstrapServers []string `pulumi:"bootstrapServers"`
	// BrokerCount is the number of brokers; each virtual cluster gets one port per broker.
	BrokerCount int `pulumi:"brokerCount"`
	// MinBrokerID is the lowest broker id; broker ids run from it to MinBrokerID+BrokerCount-1.
	MinBrokerID int `pulumi:"minBrokerID,optional"`
	// Authentication towards the brokers. Defaults to anonymous.
	Authentication *eventgateway.BackendClusterAuthentication `pulumi:"authentication,optional"`
	// TLS towards the brokers. Defaults to disabled.
	TLS *eventgateway.BackendClusterTLS `pulumi:"tls,optional"`
	// MetadataUpdateIntervalSeconds is 1-43200; Konnect uses 60 when it is 0.
	MetadataUpdateIntervalSeconds int `pulumi:"metadataUpdateIntervalSeconds,optional"`
}

// VirtualClusterArgs describes one virtual cluster and how clients reach it.
type VirtualClusterArgs struct {
	// Name is the virtual cluster's name in Konnect, such as example_virtual_cluster. Outputs are keyed by it.
	Name string `pulumi:"name"`
	// DNSLabel is an RFC 1035 label. Defaults to Name lowercased with other characters replaced by "-".
	DNSLabel string `pulumi:"dnsLabel,optional"`
	// Description is the virtual cluster's description in Konnect, at most 512 characters.
	Description string `pulumi:"description,optional"`
	// KonnectLabels are labels of the virtual cluster in Konnect.
	KonnectLabels map[string]string `pulumi:"konnectLabels,optional"`
	// ACLMode defaults to passthrough.
	ACLMode eventgateway.ACLMode `pulumi:"aclMode,optional"`
	// Authentication lists the schemes clients may use. Defaults to anonymous; the backend cluster then allows
	// anonymous virtual-cluster auth.
	Authentication []eventgateway.VirtualClusterAuthentication `pulumi:"authentication,optional"`
	// Namespace limits the cluster to backend topics and groups with a prefix.
	Namespace *eventgateway.VirtualClusterNamespace `pulumi:"namespace,optional"`
	// TopicAliases need data plane 1.2 or later.
	TopicAliases []eventgateway.TopicAlias `pulumi:"topicAliases,optional"`
	// BootstrapPort defaults to at_start: the first port bootstraps, one port per broker follows.
	BootstrapPort eventgateway.BootstrapPort `pulumi:"bootstrapPort,optional"`
	// Port is the first listener port: the cluster's block (bootstrap, then one port per broker) starts here and
	// depends on nothing else, so adding, removing or reordering virtual clusters never moves it. One virtual cluster
	// may leave it unset and takes BasePort; every other needs it.
	Port int `pulumi:"port,optional"`
	// ACLs are the rules of the virtual cluster's ACL policy (an EventGatewayVirtualClusterPolicy). They apply when
	// aclMode is enforce_on_gateway, where a cluster without rules denies every client.
	ACLs []eventgateway.ACLRule `pulumi:"acls,optional"`
	// ConsumePolicies process the records the cluster's clients consume, in the listed order: policy i is the
	// EventGatewayVirtualClusterConsumePolicy <cluster>-consume-<i>, so the list order is the evaluation order.
	ConsumePolicies []eventgateway.ConsumePolicyAPISpec `pulumi:"consumePolicies,optional"`
	// ProducePolicies process the records the cluster's clients produce, in the listed order: policy i is the
	// EventGatewayVirtualClusterProducePolicy <cluster>-produce-<i>.
	ProducePolicies []eventgateway.ProducePolicyAPISpec `pulumi:"producePolicies,optional"`
}

// DataPlaneArgs shapes the KegDataPlane and its LoadBalancer Service.
type DataPlaneArgs struct {
	// Replicas defaults to 1.
	Replicas *int `pulumi:"replicas,optional"`
	// Image overrides the operator's data-plane image, such as kong/kong-event-gateway:1.2.1.
	Image string `pulumi:"image,optional"`
	// Resources of the data-plane container.
	Resources *ContainerResources `pulumi:"resources,optional"`
	// ServiceAnnotations go on the LoadBalancer Service: use them for a static IP or an internal load balancer,
	// such as metallb.io/loadBalancerIPs, service.beta.kubernetes.io/azure-load-balancer-ipv4 or
	// networking.gke.io/load-balancer-type: Internal.
	ServiceAnnotations map[string]string `pulumi:"serviceAnnotations,optional"`
	// ExternalTrafficPolicy of the Service; Local keeps client source addresses.
	ExternalTrafficPolicy eventgateway.TrafficPolicy `pulumi:"externalTrafficPolicy,optional"`
	// Config sets the data plane's environment (log level, Konnect timeouts). Kafka ports must avoid the health
	// listener's port: 8080 unless Config.Runtime.HealthListenerAddressPort names another.
	Config *eventgateway.DataPlaneConfig `pulumi:"config,optional"`
}

// ContainerResources are Kubernetes resource quantities by resource name, such as {"cpu": "500m"}.
type ContainerResources struct {
	// Requests are the quantities the data-plane container is scheduled with,
	// such as {"cpu": "500m", "memory": "256Mi"}.
	Requests map[string]string `pulumi:"requests,optional"`
	// Limits cap what the data-plane container may use, such as {"memory": "512Mi"}.
	Limits map[string]string `pulumi:"limits,optional"`
}
