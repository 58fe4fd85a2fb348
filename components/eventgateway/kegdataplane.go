package eventgateway

import (
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes/apiextensions"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

var kegDataPlaneKind = kind{EventGatewayAPIVersion, "KegDataPlane", ConditionReady}

// KegDataPlaneSpec is the spec of a KegDataPlane: the operator runs a Deployment of the Event Gateway data plane
// (container "keg") connected to the referenced KonnectEventGateway over mTLS, and a Service <name>-kafka in front
// of it.
type KegDataPlaneSpec struct {
	ControlPlaneRef ControlPlaneRef      `json:"controlPlaneRef" pulumi:"controlPlaneRef"`
	Deployment      *DataPlaneDeployment `json:"deployment,omitempty" pulumi:"deployment,optional"`
	Network         *DataPlaneNetwork    `json:"network,omitempty" pulumi:"network,optional"`
	Config          *DataPlaneConfig     `json:"config,omitempty" pulumi:"config,optional"`
}

// ControlPlaneRefType says how a KegDataPlane names its control plane.
type ControlPlaneRefType string

// ControlPlaneKonnectNamespacedRef is the only ControlPlaneRefType: a KonnectEventGateway in the same namespace.
const ControlPlaneKonnectNamespacedRef ControlPlaneRefType = "konnectNamespacedRef"

// ControlPlaneRef is a union on Type naming the KonnectEventGateway.
type ControlPlaneRef struct {
	Type                 ControlPlaneRefType `json:"type" pulumi:"type"`
	KonnectNamespacedRef *LocalObjectRef     `json:"konnectNamespacedRef,omitempty" pulumi:"konnectNamespacedRef,optional"`
}

// ControlPlaneRefByName returns a ControlPlaneRef to the KonnectEventGateway called name.
func ControlPlaneRefByName(name string) ControlPlaneRef {
	return ControlPlaneRef{Type: ControlPlaneKonnectNamespacedRef, KonnectNamespacedRef: &LocalObjectRef{Name: name}}
}

// DataPlaneDeployment shapes the data plane's Deployment. The CRD's scaling field is left out: the operator creates
// no HorizontalPodAutoscaler at this version.
type DataPlaneDeployment struct {
	// Replicas defaults to 1.
	Replicas *int `json:"replicas,omitempty" pulumi:"replicas,optional"`
	// Annotations and Labels go on the Deployment's metadata only.
	Annotations map[string]string `json:"annotations,omitempty" pulumi:"annotations,optional"`
	Labels      map[string]string `json:"labels,omitempty" pulumi:"labels,optional"`
	// PodTemplateSpec is merged into the operator's pod template; the data-plane container is called "keg".
	PodTemplateSpec *corev1.PodTemplateSpec `json:"podTemplateSpec,omitempty" pulumi:"podTemplateSpec,optional"`
}

// DataPlaneContainerName is the name of the data-plane container in the pod template.
const DataPlaneContainerName = "keg"

// DataPlaneNetwork shapes the Services in front of the data plane.
type DataPlaneNetwork struct {
	Services *DataPlaneServices `json:"services,omitempty" pulumi:"services,optional"`
}

// DataPlaneServices holds the options of each Service.
type DataPlaneServices struct {
	Kafka *KafkaServiceOptions `json:"kafka,omitempty" pulumi:"kafka,optional"`
}

// ServiceType is a Kubernetes Service type.
type ServiceType string

// Values of ServiceType.
const (
	ServiceTypeLoadBalancer ServiceType = "LoadBalancer"
	ServiceTypeNodePort     ServiceType = "NodePort"
	ServiceTypeClusterIP    ServiceType = "ClusterIP"
)

// TrafficPolicy routes Service traffic to endpoints on any node or only on the receiving node.
type TrafficPolicy string

// Values of TrafficPolicy.
const (
	TrafficPolicyCluster TrafficPolicy = "Cluster"
	TrafficPolicyLocal   TrafficPolicy = "Local"
)

// TrafficDistribution is a Service's endpoint preference.
type TrafficDistribution string

// Values of TrafficDistribution.
const (
	PreferSameZone TrafficDistribution = "PreferSameZone"
	PreferSameNode TrafficDistribution = "PreferSameNode"
)

// KafkaServiceOptions shapes the Service <name>-kafka. The operator's own port is {name: kafka, port: 9092}; a port
// named "kafka" here replaces it and any other port is added, so name the first Kafka port "kafka" to get exactly
// the ports listed.
type KafkaServiceOptions struct {
	// Type defaults to ClusterIP.
	Type                  ServiceType         `json:"type,omitempty" pulumi:"type,optional"`
	Annotations           map[string]string   `json:"annotations,omitempty" pulumi:"annotations,optional"`
	Labels                map[string]string   `json:"labels,omitempty" pulumi:"labels,optional"`
	ExternalTrafficPolicy TrafficPolicy       `json:"externalTrafficPolicy,omitempty" pulumi:"externalTrafficPolicy,optional"`
	InternalTrafficPolicy TrafficPolicy       `json:"internalTrafficPolicy,omitempty" pulumi:"internalTrafficPolicy,optional"`
	TrafficDistribution   TrafficDistribution `json:"trafficDistribution,omitempty" pulumi:"trafficDistribution,optional"`
	// Ports holds at most 64 entries, all TCP.
	Ports []ServicePort `json:"ports,omitempty" pulumi:"ports,optional"`
}

// ServicePort is one TCP port of a data-plane Service.
type ServicePort struct {
	// Name is a DNS-1123 label, unique within the Service.
	Name       string              `json:"name,omitempty" pulumi:"name,optional"`
	Port       int                 `json:"port" pulumi:"port"`
	TargetPort *intstr.IntOrString `json:"targetPort,omitempty" pulumi:"targetPort,optional"`
	// NodePort needs Service type NodePort or LoadBalancer.
	NodePort int `json:"nodePort,omitempty" pulumi:"nodePort,optional"`
}

// DataPlaneConfig sets the data plane's environment.
type DataPlaneConfig struct {
	// Konnect overrides the data plane's connection to Konnect; region, gateway ID and certificate paths are always
	// derived.
	Konnect *DataPlaneKonnectConfig `json:"konnect,omitempty" pulumi:"konnect,optional"`
	// ConfigPollIntervalSeconds is how often the data plane polls Konnect for configuration changes, at least 1
	// (KEG__CONFIG_POLL_INTERVAL).
	ConfigPollIntervalSeconds int `json:"configPollIntervalSeconds,omitempty" pulumi:"configPollIntervalSeconds,optional"`
	// EnableDebugEndpoints is Enabled or Disabled; Enabled serves /debug/pprof/allocs.
	EnableDebugEndpoints EnabledState `json:"enableDebugEndpoints,omitempty" pulumi:"enableDebugEndpoints,optional"`
	// Observability sets the log level and format.
	Observability *DataPlaneObservability `json:"observability,omitempty" pulumi:"observability,optional"`
	// Runtime sets the health listener address and the shutdown timing.
	Runtime *DataPlaneRuntimeConfig `json:"runtime,omitempty" pulumi:"runtime,optional"`
}

// DataPlaneKonnectConfig tunes the data plane's connection to Konnect.
type DataPlaneKonnectConfig struct {
	// Domain overrides the Konnect domain (default konghq.com).
	Domain string `json:"domain,omitempty" pulumi:"domain,optional"`
	// APIRequestTimeoutSeconds is the timeout of the data plane's Konnect API requests, at least 1
	// (KONG_KONNECT_API_REQUEST_TIMEOUT).
	APIRequestTimeoutSeconds int `json:"apiRequestTimeoutSeconds,omitempty" pulumi:"apiRequestTimeoutSeconds,optional"`
	// InsecureSkipVerify is Enabled or Disabled; Enabled skips TLS verification towards Konnect, for testing only.
	InsecureSkipVerify EnabledState `json:"insecureSkipVerify,omitempty" pulumi:"insecureSkipVerify,optional"`
}

// LogLevel is the data plane's log level.
type LogLevel string

// Values of LogLevel.
const (
	LogTrace LogLevel = "trace"
	LogDebug LogLevel = "debug"
	LogInfo  LogLevel = "info"
	LogWarn  LogLevel = "warn"
	LogError LogLevel = "error"
)

// LogFormat is the data plane's log format.
type LogFormat string

// Values of LogFormat.
const (
	LogFormatLogfmt LogFormat = "logfmt"
	LogFormatJSON   LogFormat = "json"
)

// DataPlaneObservability sets logging.
type DataPlaneObservability struct {
	// LogFlags is the log level: trace, debug, info, warn or error.
	LogFlags LogLevel `json:"logFlags,omitempty" pulumi:"logFlags,optional"`
	// LogFormat is logfmt or json.
	LogFormat LogFormat `json:"logFormat,omitempty" pulumi:"logFormat,optional"`
	// PolicyErrorsInfoLogIntervalSeconds is the interval of INFO-level logs of policy errors; 0 turns them off.
	PolicyErrorsInfoLogIntervalSeconds *int `json:"policyErrorsInfoLogIntervalSeconds,omitempty" pulumi:"policyErrorsInfoLogIntervalSeconds,optional"`
}

// DataPlaneRuntimeConfig sets the health listener and shutdown timing.
type DataPlaneRuntimeConfig struct {
	// HealthListenerAddressPort defaults to 0.0.0.0:8080; keep Kafka listener ports off it.
	HealthListenerAddressPort string `json:"healthListenerAddressPort,omitempty" pulumi:"healthListenerAddressPort,optional"`
	// DrainDurationSeconds is how long the data plane drains existing connections on shutdown, 0 or more.
	DrainDurationSeconds *int `json:"drainDurationSeconds,omitempty" pulumi:"drainDurationSeconds,optional"`
	// ShutdownTimeoutSeconds is the graceful shutdown timeout, at least 1.
	ShutdownTimeoutSeconds int `json:"shutdownTimeoutSeconds,omitempty" pulumi:"shutdownTimeoutSeconds,optional"`
}

// NewKegDataPlane registers a KegDataPlane (eventgateway.konghq.com/v1alpha1). Metadata.WaitForProgrammed waits
// for its Ready condition, which needs a running data-plane pod.
func NewKegDataPlane(ctx *pulumi.Context, name string, meta Metadata, spec KegDataPlaneSpec,
	opts ...pulumi.ResourceOption,
) (*apiextensions.CustomResource, error) {
	return register(ctx, name, kegDataPlaneKind, meta, spec, opts...)
}
