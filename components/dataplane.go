package components

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// dataPlaneSpec is the KegDataPlane of gateway with a Service of type serviceType exposing ports.
func dataPlaneSpec(gateway string, dataPlane DataPlaneArgs, serviceType eventgateway.ServiceType,
	ports []eventgateway.ServicePort,
) eventgateway.KegDataPlaneSpec {
	return eventgateway.KegDataPlaneSpec{
		ControlPlaneRef: eventgateway.ControlPlaneRefByName(gateway),
		Deployment:      dataPlaneDeployment(dataPlane),
		Network: &eventgateway.DataPlaneNetwork{Services: &eventgateway.DataPlaneServices{
			Kafka: &eventgateway.KafkaServiceOptions{
				Type:                  serviceType,
				Annotations:           dataPlane.ServiceAnnotations,
				ExternalTrafficPolicy: dataPlane.ExternalTrafficPolicy,
				Ports:                 ports,
			},
		}},
		Config: dataPlane.Config,
	}
}

// kafkaServicePortName is the name of the operator's default Service port {kafka, 9092}; a port of this name
// replaces it.
const kafkaServicePortName = "kafka"

// servicePort is a TCP Service port forwarding to the same container port.
func servicePort(name string, port int) eventgateway.ServicePort {
	target := intstr.FromInt32(int32(port)) //nolint:gosec // validation keeps ports within 1-65535 before any resource is registered
	return eventgateway.ServicePort{Name: name, Port: port, TargetPort: &target}
}

// dataPlaneDeployment turns replicas, image and resources into the KegDataPlane's deployment options, or nil when
// none is set.
func dataPlaneDeployment(dataPlane DataPlaneArgs) *eventgateway.DataPlaneDeployment {
	if dataPlane.Replicas == nil && dataPlane.Image == "" && dataPlane.Resources == nil {
		return nil
	}
	deployment := &eventgateway.DataPlaneDeployment{Replicas: dataPlane.Replicas}
	if dataPlane.Image == "" && dataPlane.Resources == nil {
		return deployment
	}
	container := corev1.Container{Name: eventgateway.DataPlaneContainerName, Image: dataPlane.Image}
	if dataPlane.Resources != nil {
		container.Resources = corev1.ResourceRequirements{
			Requests: resourceList(dataPlane.Resources.Requests),
			Limits:   resourceList(dataPlane.Resources.Limits),
		}
	}
	deployment.PodTemplateSpec = &corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: []corev1.Container{container}}}
	return deployment
}

// resourceList parses validated quantities.
func resourceList(quantities map[string]string) corev1.ResourceList {
	if len(quantities) == 0 {
		return nil
	}
	list := corev1.ResourceList{}
	for name, quantity := range quantities {
		list[corev1.ResourceName(name)] = resource.MustParse(quantity)
	}
	return list
}
