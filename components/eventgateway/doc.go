// Package eventgateway provides typed building blocks for the Kong Operator custom resources that run Kong Event
// Gateway: one Go type per CRD spec, one constructor per kind that registers a Kubernetes CustomResource.
//
// The types follow the CRDs shipped with Kong Operator 2.3 (konnect.konghq.com, configuration.konghq.com and
// eventgateway.konghq.com, all v1alpha1). Every field's json tag is the CRD field name; its pulumi tag carries the
// same name so components can take these types as plain arguments. Enumerations are string types with one constant
// per allowed value (those of required fields are schema enums too: zz_enums.go), the CRDs' string booleans are
// EnabledState, and unions are structs with a Type discriminator plus one pointer per member.
//
// References between resources are plain names (ObjectRef), known at preview because callers choose each resource's
// metadata.name. Fields tagged provider:"secret" reach the Kubernetes API as Pulumi secrets. In the package schema
// (and so in every SDK) these types sit in the index module, beside the components that take them.
//
// The package also types the edge objects the SNI pattern needs around the data plane, limited to the fields it
// uses: the Gateway API Gateway and TLSRoute (gateway.networking.k8s.io), the cert-manager Certificate
// (cert-manager.io/v1) and the ExternalDNS DNSEndpoint (externaldns.k8s.io/v1alpha1).
package eventgateway

//go:generate go run ../../internal/cmd/gen-annotations -types index
//go:generate go run ../../internal/cmd/gen-enums -module index -types ACLAction,ACLOperationName,ACLResourceNamesType,ACLResourceType,BackendClusterAuthType,ConsumePolicyType,CryptoFailureMode,FieldPathsType,HeaderOp,KeyType,KonnectSchemaRegistryRefType,NamespaceMode,OAuthBearerMediation,PrincipalFailureMode,ProducePolicyType,RecordPart,SaslPlainMediation,SaslScramAlgorithm,SchemaType,SchemaValidationType,SelectorType,TLSVersion,VirtualClusterAuthType
