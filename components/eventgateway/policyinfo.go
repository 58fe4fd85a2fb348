package eventgateway

// PolicyInfo holds the fields every virtual-cluster policy (ACL, consume, produce) has besides its config.
type PolicyInfo struct {
	// Name is the policy's name in Konnect, at most 255 characters.
	Name string `json:"name,omitempty" pulumi:"name,optional"`
	// Description is the policy's description in Konnect, at most 512 characters.
	Description string `json:"description,omitempty" pulumi:"description,optional"`
	// Enabled defaults to Enabled in Konnect.
	Enabled EnabledState `json:"enabled,omitempty" pulumi:"enabled,optional"`
	// Labels are the policy's labels in Konnect.
	Labels map[string]string `json:"labels,omitempty" pulumi:"labels,optional"`
	// Condition is an expression (at most 1000 characters) that limits when the policy applies.
	Condition string `json:"condition,omitempty" pulumi:"condition,optional"`
}
