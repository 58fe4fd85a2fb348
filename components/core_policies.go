package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// schemaRegistryPasswordKey is the data key of a schema registry's password Secret.
const schemaRegistryPasswordKey = "password"

// schemaRegistrySpec is the EventGatewaySchemaRegistry of registry r; its password, if any, is read from the
// registry's Secret.
func (l coreLayout) schemaRegistrySpec(r SchemaRegistryArgs) eventgateway.EventGatewaySchemaRegistrySpec {
	config := eventgateway.ConfluentSchemaRegistryConfig{
		SchemaType: r.SchemaType, Endpoint: r.Endpoint, TimeoutSeconds: r.TimeoutSeconds,
	}
	if r.Username != "" {
		config.Authentication = &eventgateway.SchemaRegistryAuthentication{
			Type: eventgateway.SchemaRegistryAuthBasic,
			Basic: &eventgateway.BasicAuth{
				Username: r.Username,
				Password: eventgateway.FromSecretKey(l.names.SchemaRegistrySecret(r.Name), schemaRegistryPasswordKey),
			},
		}
	}
	return eventgateway.EventGatewaySchemaRegistrySpec{
		GatewayRef: eventgateway.RefByName(l.names.Gateway),
		APISpec: eventgateway.SchemaRegistryAPISpec{
			Type: eventgateway.SchemaRegistryConfluent,
			Confluent: &eventgateway.ConfluentSchemaRegistry{
				Name: r.Name, Description: r.Description, Config: config,
			},
		},
	}
}

// aclPolicySpec is the ACL policy of virtual cluster i.
func (l coreLayout) aclPolicySpec(i int) eventgateway.EventGatewayVirtualClusterPolicySpec {
	return eventgateway.EventGatewayVirtualClusterPolicySpec{
		EventGatewayVirtualClusterRef: eventgateway.RefByName(l.names.VirtualClusters[i]),
		APISpec: eventgateway.VirtualClusterPolicyAPISpec{
			Type: eventgateway.VirtualClusterPolicyACLs,
			ACLs: &eventgateway.ACLsPolicy{Config: eventgateway.ACLsConfig{Rules: l.virtualClusters[i].ACLs}},
		},
	}
}

// consumePolicySpec is consume policy j of virtual cluster i, its schema registry named by the registry's
// Kubernetes name (the operator resolves it), and the Konnect name of that registry ("" for none).
func (l coreLayout) consumePolicySpec(i, j int) (eventgateway.EventGatewayVirtualClusterConsumePolicySpec, string) {
	spec := l.virtualClusters[i].ConsumePolicies[j]
	registry := ""
	if sv := spec.SchemaValidation; sv != nil {
		policy := *sv
		for _, member := range []**eventgateway.ConsumeSchemaValidation{&policy.Config.ConfluentSchemaRegistry, &policy.Config.JSON} {
			if *member == nil || (*member).SchemaRegistry == nil {
				continue
			}
			validation, ref := **member, *(*member).SchemaRegistry
			registry, ref.Name = ref.Name, l.names.SchemaRegistry(ref.Name)
			validation.SchemaRegistry = &ref
			*member = &validation
		}
		spec.SchemaValidation = &policy
	}
	return eventgateway.EventGatewayVirtualClusterConsumePolicySpec{
		EventGatewayVirtualClusterRef: eventgateway.RefByName(l.names.VirtualClusters[i]),
		APISpec:                       spec,
	}, registry
}

// producePolicySpec is produce policy j of virtual cluster i, and the Konnect name of the schema registry it
// validates against ("" for none).
func (l coreLayout) producePolicySpec(i, j int) (eventgateway.EventGatewayVirtualClusterProducePolicySpec, string) {
	spec := l.virtualClusters[i].ProducePolicies[j]
	return eventgateway.EventGatewayVirtualClusterProducePolicySpec{
		EventGatewayVirtualClusterRef: eventgateway.RefByName(l.names.VirtualClusters[i]),
		APISpec:                       spec,
	}, produceRegistry(spec)
}

// produceRegistry is the Konnect name of the schema registry a produce policy validates against, or "".
func produceRegistry(spec eventgateway.ProducePolicyAPISpec) string {
	if spec.SchemaValidation == nil {
		return ""
	}
	config := spec.SchemaValidation.Config
	for _, member := range []*eventgateway.ProduceSchemaValidation{config.ConfluentSchemaRegistry, config.JSON} {
		if member != nil && member.SchemaRegistry != nil && member.SchemaRegistry.Name != nil {
			return member.SchemaRegistry.Name.Name
		}
	}
	return ""
}

// registerSchemaRegistries creates each schema registry, with its password Secret, once the gateway exists.
func (l coreLayout) registerSchemaRegistries(ctx *pulumi.Context, parent, gateway pulumi.Resource) (map[string]pulumi.Resource, error) {
	registries := map[string]pulumi.Resource{}
	for _, r := range l.schemaRegistries {
		deps := []pulumi.Resource{gateway}
		if r.Username != "" {
			name := l.names.SchemaRegistrySecret(r.Name)
			meta := l.metadata(name)
			meta.WaitForProgrammed = false
			secret, err := eventgateway.NewOperatorSecret(ctx, name, meta, schemaRegistryPasswordKey, r.Password, pulumi.Parent(parent))
			if err != nil {
				return nil, err
			}
			deps = append(deps, secret)
		}
		name := l.names.SchemaRegistry(r.Name)
		registry, err := eventgateway.NewEventGatewaySchemaRegistry(ctx, name, l.metadata(name), l.schemaRegistrySpec(r),
			pulumi.Parent(parent), after(deps...))
		if err != nil {
			return nil, err
		}
		registries[r.Name] = registry
	}
	return registries, nil
}

// registerPolicies creates virtual cluster i's ACL policy, then its consume and its produce policies, each list
// one after the other in the listed order, so that Konnect appends them to their chains in that order. A policy
// naming a schema registry waits for it; one naming a static key gets the key's Konnect ID from keys.
func (l coreLayout) registerPolicies(ctx *pulumi.Context, parent, virtualCluster pulumi.Resource, i int,
	registries map[string]pulumi.Resource, keys map[string]pulumi.StringOutput,
) error {
	child := pulumi.Parent(parent)
	vc := l.virtualClusters[i]
	if len(vc.ACLs) > 0 {
		name := l.names.ClusterACLPolicy(i)
		if _, err := eventgateway.NewEventGatewayVirtualClusterPolicy(ctx, name, l.metadata(name), l.aclPolicySpec(i),
			child, after(virtualCluster)); err != nil {
			return err
		}
	}
	previous := virtualCluster
	for j := range vc.ConsumePolicies {
		name := l.names.ClusterConsumePolicy(i, j)
		spec, registry := l.consumePolicySpec(i, j)
		policy, err := eventgateway.NewEventGatewayVirtualClusterConsumePolicy(ctx, name, l.metadata(name), spec,
			child, after(dependencies(previous, registries[registry])...))
		if err != nil {
			return err
		}
		previous = policy
	}
	previous = virtualCluster
	for j := range vc.ProducePolicies {
		name := l.names.ClusterProducePolicy(i, j)
		spec, registry := l.producePolicySpec(i, j)
		opts := []pulumi.ResourceOption{child, after(dependencies(previous, registries[registry])...)}
		var policy pulumi.Resource
		var err error
		if key := staticKeyName(spec.APISpec); key != "" {
			resolved := keys[key].ApplyT(func(id string) eventgateway.EventGatewayVirtualClusterProducePolicySpec {
				return withStaticKeyID(spec, id)
			}).(eventgateway.ProducePolicySpecOutput)
			policy, err = eventgateway.NewEventGatewayVirtualClusterProducePolicyFromOutput(ctx, name, l.metadata(name), resolved, opts...)
		} else {
			policy, err = eventgateway.NewEventGatewayVirtualClusterProducePolicy(ctx, name, l.metadata(name), spec, opts...)
		}
		if err != nil {
			return err
		}
		previous = policy
	}
	return nil
}

// dependencies drops the nil resources from resources.
func dependencies(resources ...pulumi.Resource) []pulumi.Resource {
	out := resources[:0]
	for _, r := range resources {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}
