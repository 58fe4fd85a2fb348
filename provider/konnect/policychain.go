package konnect

import (
	"context"
	"fmt"
	"slices"

	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// PolicyChain holds the evaluation order of a chain of policies: a listener's, or a virtual cluster's cluster,
// consume or produce policies. Konnect appends a new policy to its chain, so a replaced policy would move to the
// end; with a PolicyChain listing it, the next step puts it back in place.
type PolicyChain struct{}

var _ interface {
	infer.CustomResource[PolicyChainArgs, PolicyChainState]
	infer.CustomCheck[PolicyChainArgs]
	infer.CustomDiff[PolicyChainArgs, PolicyChainState]
	infer.CustomRead[PolicyChainArgs, PolicyChainState]
	infer.CustomUpdate[PolicyChainArgs, PolicyChainState]
	infer.CustomDelete[PolicyChainState]
	infer.Annotated
} = (*PolicyChain)(nil)

// PolicyChainArgs are the inputs of a PolicyChain.
type PolicyChainArgs struct {
	// ID of the event gateway.
	GatewayID string `pulumi:"gatewayId"`
	// Which chain: `listener` (set listenerId), or a virtual cluster's `cluster`, `consume` or `produce` policies (set
	// virtualClusterId).
	Type PolicyChainType `pulumi:"type"`
	// ID of the listener, for the `listener` chain.
	ListenerID *string `pulumi:"listenerId,optional"`
	// ID of the virtual cluster, for the `cluster`, `consume` and `produce` chains.
	VirtualClusterID *string `pulumi:"virtualClusterId,optional"`
	// IDs of the policies in evaluation order.
	Policies []string `pulumi:"policies"`
}

// PolicyChainState is the state of a PolicyChain.
type PolicyChainState struct {
	PolicyChainArgs
	// IDs of every policy of the chain in evaluation order, as Konnect last reported them.
	Chain []string `pulumi:"chain"`
}

// Annotate describes the resource.
func (c *PolicyChain) Annotate(a infer.Annotator) {
	a.Describe(c, "The evaluation order of a chain of policies. Konnect appends each new policy to its chain, so a "+
		"policy replaced after a change of its type or parent would otherwise move to the end. The listed policies "+
		"come first, in the listed order; policies the list leaves out follow in their current order. Deleting the "+
		"resource leaves the order as it is. Import it with the ID `<gatewayId>/<listenerId or virtualClusterId>/<type>`.")
}

func (c *PolicyChainArgs) validate(problems *validate.Problems) {
	if problems.Check("type", validate.Enum(c.Type)) && c.Type != "" {
		listener := c.Type == "listener"
		problems.Check("listenerId", validate.Member(c.ListenerID != nil, listener, "type", string(c.Type)))
		problems.Check("virtualClusterId", validate.Member(c.VirtualClusterID != nil, !listener, "type", string(c.Type)))
	}
	seen := validate.Seen{}
	for i, id := range c.Policies {
		problems.Check(validate.Path("policies").Index(i), validate.Required(id), seen.Repeated(id, validate.Path("policies").Index(i)))
	}
}

// parentID is the listener or virtual cluster whose chain this is.
func (c *PolicyChainArgs) parentID() string {
	if c.Type == "listener" {
		return str(c.ListenerID)
	}
	return str(c.VirtualClusterID)
}

// id is the chain's ID: <gatewayId>/<parentId>/<type>.
func (c *PolicyChainArgs) id() string {
	return c.GatewayID + "/" + c.parentID() + "/" + string(c.Type)
}

// Check validates the inputs.
func (c *PolicyChain) Check(ctx context.Context, req infer.CheckRequest) (infer.CheckResponse[PolicyChainArgs], error) {
	return checkInputs[PolicyChainArgs](ctx, req)
}

// Diff compares the listed order with the new one; another chain is another resource.
func (c *PolicyChain) Diff(_ context.Context, req infer.DiffRequest[PolicyChainArgs, PolicyChainState]) (infer.DiffResponse, error) {
	detailed := map[string]p.PropertyDiff{}
	old, inputs := req.State.PolicyChainArgs, req.Inputs
	for prop, changed := range map[string]bool{
		"gatewayId":        old.GatewayID != inputs.GatewayID,
		"type":             old.Type != inputs.Type,
		"listenerId":       str(old.ListenerID) != str(inputs.ListenerID),
		"virtualClusterId": str(old.VirtualClusterID) != str(inputs.VirtualClusterID),
	} {
		if changed {
			detailed[prop] = p.PropertyDiff{Kind: p.UpdateReplace, InputDiff: true}
		}
	}
	if !slices.Equal(old.Policies, inputs.Policies) {
		detailed["policies"] = p.PropertyDiff{Kind: p.Update, InputDiff: true}
	}
	return infer.DiffResponse{HasChanges: len(detailed) > 0, DetailedDiff: detailed}, nil
}

// Create puts the listed policies first in the chain.
func (c *PolicyChain) Create(ctx context.Context, req infer.CreateRequest[PolicyChainArgs]) (infer.CreateResponse[PolicyChainState], error) {
	state, err := c.apply(ctx, req.Inputs, req.DryRun)
	return infer.CreateResponse[PolicyChainState]{ID: req.Inputs.id(), Output: state}, err
}

// Update puts the listed policies first in the chain, in their new order.
func (c *PolicyChain) Update(ctx context.Context, req infer.UpdateRequest[PolicyChainArgs, PolicyChainState]) (infer.UpdateResponse[PolicyChainState], error) {
	state, err := c.apply(ctx, req.Inputs, req.DryRun)
	return infer.UpdateResponse[PolicyChainState]{Output: state}, err
}

// apply reads the chain and writes it back with the listed policies first, unless it already is in that order.
func (c *PolicyChain) apply(ctx context.Context, a PolicyChainArgs, dryRun bool) (PolicyChainState, error) {
	state := PolicyChainState{PolicyChainArgs: a, Chain: a.Policies}
	if dryRun {
		return state, nil
	}
	cl, err := clientOf(ctx)
	if err != nil {
		return state, err
	}
	chain, err := chainCalls[string(a.Type)].get(ctx, cl, a)
	if err != nil {
		return state, err
	}
	for _, id := range a.Policies {
		if !slices.Contains(chain, id) {
			return state, fmt.Errorf("policy %s is not in the %s chain of %s (chain: %v)", id, a.Type, a.parentID(), chain)
		}
	}
	order := slices.Concat(a.Policies, slices.DeleteFunc(slices.Clone(chain), func(id string) bool {
		return slices.Contains(a.Policies, id)
	}))
	if !slices.Equal(order, chain) {
		if chain, err = chainCalls[string(a.Type)].put(ctx, cl, a, order); err != nil {
			return state, err
		}
	}
	state.Chain = chain
	return state, nil
}

// Read reports the listed policies in their order in Konnect, dropping those no longer in the chain. An import
// (ID <gatewayId>/<parentId>/<type>) lists the whole chain.
func (c *PolicyChain) Read(ctx context.Context, req infer.ReadRequest[PolicyChainArgs, PolicyChainState]) (infer.ReadResponse[PolicyChainArgs, PolicyChainState], error) {
	a := req.State.PolicyChainArgs
	imported := a.GatewayID == ""
	if imported {
		parts, err := splitID(req.ID, 3, "<gatewayId>/<listenerId or virtualClusterId>/<type>")
		if err != nil {
			return infer.ReadResponse[PolicyChainArgs, PolicyChainState]{}, err
		}
		a = PolicyChainArgs{GatewayID: parts[0], Type: PolicyChainType(parts[2])}
		if a.Type == "listener" {
			a.ListenerID = &parts[1]
		} else {
			a.VirtualClusterID = &parts[1]
		}
		if _, ok := chainCalls[string(a.Type)]; !ok {
			return infer.ReadResponse[PolicyChainArgs, PolicyChainState]{},
				fmt.Errorf("invalid ID %q: %s", req.ID, validate.Enum(a.Type))
		}
	}
	cl, err := clientOf(ctx)
	if err != nil {
		return infer.ReadResponse[PolicyChainArgs, PolicyChainState]{}, err
	}
	chain, err := chainCalls[string(a.Type)].get(ctx, cl, a)
	if client.IsNotFound(err) {
		return infer.ReadResponse[PolicyChainArgs, PolicyChainState]{}, nil
	}
	if err != nil {
		return infer.ReadResponse[PolicyChainArgs, PolicyChainState]{}, err
	}
	listed := slices.DeleteFunc(slices.Clone(chain), func(id string) bool {
		return !imported && !slices.Contains(a.Policies, id)
	})
	a.Policies = listed
	return infer.ReadResponse[PolicyChainArgs, PolicyChainState]{
		ID: a.id(), Inputs: a, State: PolicyChainState{PolicyChainArgs: a, Chain: chain},
	}, nil
}

// Delete leaves the chain as it is: its policies are deleted by their own resources.
func (c *PolicyChain) Delete(context.Context, infer.DeleteRequest[PolicyChainState]) (infer.DeleteResponse, error) {
	return infer.DeleteResponse{}, nil
}

// chainCall reads or writes one kind of policy chain.
type chainCall struct {
	get func(ctx context.Context, c *client.Client, a PolicyChainArgs) ([]string, error)
	put func(ctx context.Context, c *client.Client, a PolicyChainArgs, order []string) ([]string, error)
}

// chainResponse is what every chain call answers.
type chainResponse interface {
	GetEventGatewayPolicyChainResponse() *components.EventGatewayPolicyChainResponse
}

// policiesOf returns the policy IDs of a chain answer, or its error explained.
func policiesOf(res chainResponse, err error) ([]string, error) {
	if err != nil {
		return nil, client.Explain(err)
	}
	return res.GetEventGatewayPolicyChainResponse().GetPolicies(), nil
}

// chainCalls are the API calls of each chain type.
var chainCalls = map[string]chainCall{
	"listener": {
		get: func(ctx context.Context, c *client.Client, a PolicyChainArgs) ([]string, error) {
			return policiesOf(c.SDK.EventGatewayListenerPolicies.GetEventGatewayListenerPolicyChain(ctx, a.GatewayID, a.parentID()))
		},
		put: func(ctx context.Context, c *client.Client, a PolicyChainArgs, order []string) ([]string, error) {
			return policiesOf(c.SDK.EventGatewayListenerPolicies.UpdateEventGatewayListenerPolicyChain(ctx,
				operations.UpdateEventGatewayListenerPolicyChainRequest{GatewayID: a.GatewayID,
					ListenerID: a.parentID(), UpdateEventGatewayPolicyChainRequest: chainBody(order)}))
		},
	},
	"cluster": {
		get: func(ctx context.Context, c *client.Client, a PolicyChainArgs) ([]string, error) {
			return policiesOf(c.SDK.EventGatewayVirtualClusterPolicies.GetEventGatewayVirtualClusterClusterLevelPolicyChain(ctx, a.GatewayID, a.parentID()))
		},
		put: func(ctx context.Context, c *client.Client, a PolicyChainArgs, order []string) ([]string, error) {
			return policiesOf(c.SDK.EventGatewayVirtualClusterPolicies.UpdateEventGatewayVirtualClusterClusterLevelPolicyChain(ctx,
				operations.UpdateEventGatewayVirtualClusterClusterLevelPolicyChainRequest{GatewayID: a.GatewayID,
					VirtualClusterID: a.parentID(), UpdateEventGatewayPolicyChainRequest: chainBody(order)}))
		},
	},
	"consume": {
		get: func(ctx context.Context, c *client.Client, a PolicyChainArgs) ([]string, error) {
			return policiesOf(c.SDK.EventGatewayVirtualClusterConsumePolicies.GetEventGatewayVirtualClusterConsumePolicyChain(ctx, a.GatewayID, a.parentID()))
		},
		put: func(ctx context.Context, c *client.Client, a PolicyChainArgs, order []string) ([]string, error) {
			return policiesOf(c.SDK.EventGatewayVirtualClusterConsumePolicies.UpdateEventGatewayVirtualClusterConsumePolicyChain(ctx,
				operations.UpdateEventGatewayVirtualClusterConsumePolicyChainRequest{GatewayID: a.GatewayID,
					VirtualClusterID: a.parentID(), UpdateEventGatewayPolicyChainRequest: chainBody(order)}))
		},
	},
	"produce": {
		get: func(ctx context.Context, c *client.Client, a PolicyChainArgs) ([]string, error) {
			return policiesOf(c.SDK.EventGatewayVirtualClusterProducePolicies.GetEventGatewayVirtualClusterProducePolicyChain(ctx, a.GatewayID, a.parentID()))
		},
		put: func(ctx context.Context, c *client.Client, a PolicyChainArgs, order []string) ([]string, error) {
			return policiesOf(c.SDK.EventGatewayVirtualClusterProducePolicies.UpdateEventGatewayVirtualClusterProducePolicyChain(ctx,
				operations.UpdateEventGatewayVirtualClusterProducePolicyChainRequest{GatewayID: a.GatewayID,
					VirtualClusterID: a.parentID(), UpdateEventGatewayPolicyChainRequest: chainBody(order)}))
		},
	},
}

// chainBody is the body of a chain update.
func chainBody(order []string) *components.UpdateEventGatewayPolicyChainRequest {
	return &components.UpdateEventGatewayPolicyChainRequest{Policies: order}
}
