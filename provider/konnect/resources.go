package konnect

import "github.com/pulumi/pulumi-go-provider/infer"

// Resources returns every resource of the package, wired to its API calls.
func Resources() []infer.InferredResource {
	return []infer.InferredResource{
		infer.Resource(&EventGateway{eventGateways}),
		infer.Resource(&BackendCluster{backendClusters}),
		infer.Resource(&VirtualCluster{virtualClusters}),
		infer.Resource(&Listener{listeners}),
		infer.Resource(&ListenerPolicy{listenerPolicies}),
		infer.Resource(&ClusterPolicy{clusterPolicies}),
		infer.Resource(&ConsumePolicy{consumePolicies}),
		infer.Resource(&ProducePolicy{producePolicies}),
		infer.Resource(&SchemaRegistry{schemaRegistries}),
		infer.Resource(&StaticKey{staticKeys}),
		infer.Resource(&PolicyChain{}),
		infer.Resource(&TLSTrustBundle{tlsTrustBundles}),
		infer.Resource(&DataPlaneCertificate{dataPlaneCertificates}),
	}
}

// Functions returns every function of the package.
func Functions() []infer.InferredFunction {
	return []infer.InferredFunction{
		infer.Function(&GetEventGateway{}),
		infer.Function(&GetDataPlaneNodes{}),
	}
}
