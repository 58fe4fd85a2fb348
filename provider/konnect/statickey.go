package konnect

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"

	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/secrets"
)

// StaticKey is a symmetric key that encrypt and decrypt policies use. Konnect cannot update static keys, so
// every change, including a rotated value, replaces the key. Unless the inputs name the key, its name is
// generated, so that a replacement creates the new key before it deletes the old one, which Konnect refuses
// while a policy uses it.
type StaticKey struct {
	kind[StaticKeyArgs, StaticKeyState]
}

var _ resource[StaticKeyArgs, StaticKeyState] = (*StaticKey)(nil)

// StaticKeyArgs are the inputs of a StaticKey.
type StaticKeyArgs struct {
	// ID of the event gateway.
	GatewayID string `pulumi:"gatewayId" api:"-"`
	// Name, unique within the gateway (1-255 characters); policies may reference the key by it. Default: the resource
	// name and a random suffix, drawn anew for each replacement.
	Name string `pulumi:"name,optional" api:"name"`
	// Description (at most 512 characters).
	Description *string `pulumi:"description,optional" api:"description,omitempty"`
	// The key material (literal or `${vault...}` reference).
	Value string `pulumi:"value" api:"value" provider:"secret"`
	// Labels: at most 50; keys 1-63 characters not starting with kong, konnect, mesh, kic or _.
	Labels map[string]string `pulumi:"labels,optional" api:"labels,omitempty"`
}

// StaticKeyState is the state of a StaticKey. The value is not kept; its hash is.
type StaticKeyState struct {
	StaticKeyArgs
	// Whether the provider generated the name (no `name` input).
	NameGenerated bool `pulumi:"nameGenerated"`
	Timestamps
	secrets.Sealed
}

// Annotate describes the resource.
func (k *StaticKey) Annotate(a infer.Annotator) {
	a.Describe(k, "A static encryption key for `encrypt`/`decrypt` policies. Konnect cannot update static keys: any "+
		"change, including a new value (detected by its hash), replaces the key. Leave `name` unset and reference "+
		"the key by its `id` (or its `name` output): the replacement is then created under a new name first, "+
		"the policies are pointed at it, and the old key is deleted last. A key with a fixed name must be "+
		"deleted first, which Konnect refuses while a policy uses it. Records encrypted with a deleted key "+
		"cannot be decrypted any more: to keep them readable, add the new key as another resource, move the "+
		"policies to it, and remove the old one later. Import a key with the ID `<gatewayId>/<staticKeyId>`; "+
		"the first update afterwards only records the value's hash.")
}

// Check generates the name of a key whose inputs set none, or keeps the one generated before. The engine checks
// the inputs of a replacement again without the prior ones, so a replacement gets a new name.
func (k *StaticKey) Check(ctx context.Context, req infer.CheckRequest) (infer.CheckResponse[StaticKeyArgs], error) {
	if name := req.NewInputs.Get("name"); name.IsNull() {
		old := req.OldInputs.Get("name")
		if !old.IsString() || !isGeneratedName(req.Name, old.AsString()) {
			generated, err := generateName(req.Name)
			if err != nil {
				return infer.CheckResponse[StaticKeyArgs]{}, err
			}
			old = property.New(generated)
		}
		req.NewInputs = req.NewInputs.Set("name", old)
	}
	return k.kind.Check(ctx, req)
}

// Create creates the key and records whether its name was generated.
func (k *StaticKey) Create(ctx context.Context, req infer.CreateRequest[StaticKeyArgs]) (infer.CreateResponse[StaticKeyState], error) {
	res, err := k.kind.Create(ctx, req)
	res.Output.NameGenerated = isGeneratedName(req.Name, req.Inputs.Name)
	return res, err
}

// Read refreshes or imports the key; an imported key's name counts as given.
func (k *StaticKey) Read(ctx context.Context, req infer.ReadRequest[StaticKeyArgs, StaticKeyState]) (infer.ReadResponse[StaticKeyArgs, StaticKeyState], error) {
	res, err := k.kind.Read(ctx, req)
	res.State.NameGenerated = req.State.NameGenerated
	return res, err
}

// Diff replaces a key with a generated name before deleting it: the replacement gets a name of its own.
func (k *StaticKey) Diff(ctx context.Context, req infer.DiffRequest[StaticKeyArgs, StaticKeyState]) (infer.DiffResponse, error) {
	res, err := k.kind.Diff(ctx, req)
	if req.State.NameGenerated && req.Inputs.Name == req.State.Name {
		res.DeleteBeforeReplace = false
	}
	return res, err
}

// generatedSuffix is what generateName appends to the resource name.
var generatedSuffix = regexp.MustCompile(`^-[0-9a-f]{8}$`)

// generateName returns resource plus a random suffix, within Konnect's 255 characters.
func generateName(resource string) (string, error) {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return generatedBase(resource) + "-" + hex.EncodeToString(b), nil
}

// isGeneratedName says whether generateName could have made name for the resource.
func isGeneratedName(resource, name string) bool {
	rest, ok := strings.CutPrefix(name, generatedBase(resource))
	return ok && generatedSuffix.MatchString(rest)
}

// generatedBase is the part of a generated name taken from the resource name: as much of it as leaves room for the
// 9-character suffix within 255.
func generatedBase(resource string) string { return resource[:min(len(resource), 255-9)] }

func (k *StaticKeyArgs) validate(problems *validate.Problems) {
	problems.KonnectEntity("", k.Name, str(k.Description), "labels", k.Labels)
}

var staticKeys = kind[StaticKeyArgs, StaticKeyState]{
	idFormat: "<gatewayId>/<staticKeyId>",
	parents:  func(a *StaticKeyArgs) []parent { return gatewayParent(&a.GatewayID) },
	args:     func(s *StaticKeyState) *StaticKeyArgs { return &s.StaticKeyArgs },
	sealed:   func(s *StaticKeyState) *secrets.Sealed { return &s.Sealed },
	diff:     diffOptions{replaceAll: true},
	create: func(ctx context.Context, c *client.Client, a StaticKeyArgs, opts ...operations.Option) (*http.Response, error) {
		body, err := sdkModel[components.EventGatewayStaticKeyCreate](a)
		if err != nil {
			return nil, err
		}
		res, err := c.SDK.EventGatewayStaticKeys.CreateEventGatewayStaticKey(ctx, a.GatewayID, &body, opts...)
		return rawResponse(res, err)
	},
	find: func(ctx context.Context, c *client.Client, a StaticKeyArgs) (json.RawMessage, error) {
		items, err := client.All(ctx, func(ctx context.Context, after *string) (*http.Response, error) {
			res, err := c.SDK.EventGatewayStaticKeys.ListEventGatewayStaticKeys(ctx, operations.ListEventGatewayStaticKeysRequest{
				GatewayID: a.GatewayID, PageSize: pageSize, PageAfter: after, Filter: nameFilter(a.Name),
			})
			return rawResponse(res, err)
		})
		return pick(items, err, a.Name, "")
	},
	get: func(ctx context.Context, c *client.Client, a StaticKeyArgs, id string) (*http.Response, error) {
		res, err := c.SDK.EventGatewayStaticKeys.GetEventGatewayStaticKey(ctx, a.GatewayID, id)
		return rawResponse(res, err)
	},
	remove: func(ctx context.Context, c *client.Client, a StaticKeyArgs, id string) error {
		_, err := c.SDK.EventGatewayStaticKeys.DeleteEventGatewayStaticKey(ctx, a.GatewayID, id)
		return err
	},
}
