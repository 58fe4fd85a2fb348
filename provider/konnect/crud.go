package konnect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"

	"github.com/Kong/sdk-konnect-go/models/operations"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/secrets"
)

// kind implements the Pulumi lifecycle of one kind of Konnect object with inputs A and state S. Resources
// embed it and get Check, Diff, Create, Read, Update and Delete; it only needs the kind's API calls, so a
// resource is usable only as wired by Resources.
//
// The state embeds the inputs as Konnect last confirmed them, spelled like the user's inputs where they
// mean the same (see reconcile), with secret fields cleared and their hashes sealed.
type kind[A, S any] struct {
	// idFormat describes an import ID, e.g. "<gatewayId>/<backendClusterId>".
	idFormat string
	// parents points at the parent-ID fields of A, in idFormat order. Changing one replaces the object.
	parents func(a *A) []parent
	// args points at the inputs embedded in a state.
	args func(s *S) *A
	// sealed points at the secret hashes embedded in a state; nil if the kind has no secrets.
	sealed func(s *S) *secrets.Sealed
	// decode turns an object's JSON into its ID and state; nil means decodeObject.
	decode func(raw json.RawMessage) (string, S, error)
	// diff says which changes replace the object, beyond its parents.
	diff diffOptions

	// create sends one create request.
	create func(ctx context.Context, c *client.Client, a A, opts ...operations.Option) (*http.Response, error)
	// find looks for the object a create may have made (by name and type); it returns nil if there is none.
	find func(ctx context.Context, c *client.Client, a A) (json.RawMessage, error)
	// get reads the object id under the parents set in a.
	get func(ctx context.Context, c *client.Client, a A, id string) (*http.Response, error)
	// update replaces the object's settings; nil if the API cannot update the object.
	update func(ctx context.Context, c *client.Client, a A, id string) (*http.Response, error)
	// remove deletes the object.
	remove func(ctx context.Context, c *client.Client, a A, id string) error
}

// resource is what every resource gets from kind: infer's whole lifecycle, and a description for the schema.
type resource[A, S any] interface {
	infer.CustomResource[A, S]
	infer.ExplicitDependencies[A, S]
	infer.CustomCheck[A]
	infer.CustomDiff[A, S]
	infer.CustomRead[A, S]
	infer.CustomUpdate[A, S]
	infer.CustomDelete[S]
	infer.Annotated
}

// WireDependencies keeps infer's default flow of secrets and unknowns from inputs to outputs, and makes the sealed
// secret hashes Pulumi secrets, so the state holds them encrypted.
func (k kind[A, S]) WireDependencies(f infer.FieldSelector, _ *A, state *S) {
	if k.sealed == nil {
		return
	}
	sealed := k.sealed(state)
	f.OutputField(&sealed.Salt).AlwaysSecret()
	f.OutputField(&sealed.Hashes).AlwaysSecret()
}

// Check validates the inputs.
func (k kind[A, S]) Check(ctx context.Context, req infer.CheckRequest) (infer.CheckResponse[A], error) {
	return checkInputs[A](ctx, req)
}

// Diff compares the recorded inputs and secret hashes with the new inputs. Unset computed properties keep
// the value Konnect chose.
func (k kind[A, S]) Diff(_ context.Context, req infer.DiffRequest[A, S]) (infer.DiffResponse, error) {
	for _, name := range k.diff.computed {
		if in := propertyOf(&req.Inputs, name); isZero(in) {
			in.Set(propertyOf(k.args(&req.State), name))
		}
	}
	o := k.diff
	o.parents = k.parentNames()
	return diffInputs(*k.args(&req.State), k.sealedOf(&req.State), req.Inputs, o), nil
}

// Create creates the object exactly once, adopting the one an interrupted earlier attempt made.
func (k kind[A, S]) Create(ctx context.Context, req infer.CreateRequest[A]) (infer.CreateResponse[S], error) {
	var state S
	if req.DryRun {
		k.setArgs(&state, req.Inputs, req.Inputs)
		return infer.CreateResponse[S]{Output: state}, nil
	}
	c, err := clientOf(ctx)
	if err != nil {
		return infer.CreateResponse[S]{}, err
	}
	raw, err := c.Create(ctx,
		func(ctx context.Context, opts ...operations.Option) (*http.Response, error) {
			return k.create(ctx, c, req.Inputs, opts...)
		},
		func(ctx context.Context) (json.RawMessage, error) { return k.find(ctx, c, req.Inputs) })
	if exists := (*client.ExistsError)(nil); errors.As(err, &exists) {
		return infer.CreateResponse[S]{}, k.existsError(req, exists)
	}
	if err != nil {
		return infer.CreateResponse[S]{}, err
	}
	id, state, err := k.decodeRaw(raw)
	if err != nil {
		return infer.CreateResponse[S]{}, err
	}
	k.setArgs(&state, req.Inputs, *k.args(&state))
	err = k.seal(&state, secrets.Sealed{}, req.Inputs)
	return infer.CreateResponse[S]{ID: id, Output: state}, err
}

// packageName is the Pulumi package of the resource type tokens, kong-event-gateway:konnect:<Kind>.
const packageName = "kong-event-gateway"

// existsError says that Konnect already holds an object of the name a create asked for, which this stack does not
// manage, and how to adopt it.
func (k kind[A, S]) existsError(req infer.CreateRequest[A], exists *client.ExistsError) error {
	id, _, err := k.decodeRaw(exists.Object)
	if err != nil {
		return exists
	}
	ids := make([]string, 0, 3)
	for _, p := range k.parents(&req.Inputs) {
		ids = append(ids, *p.id)
	}
	kindName := strings.TrimSuffix(reflect.TypeFor[A]().Name(), "Args")
	return fmt.Errorf("a %s of this name already exists in Konnect (ID %s) and this stack does not manage it: "+
		"choose another name, or adopt it with `pulumi import %s:konnect:%s %s %s` (or the import resource "+
		"option): %w",
		kindName, id, packageName, kindName, req.Name, strings.Join(append(ids, id), "/"), exists.Err)
}

// Read refreshes the object. Without prior state it imports the object named by a composite ID.
func (k kind[A, S]) Read(ctx context.Context, req infer.ReadRequest[A, S]) (infer.ReadResponse[A, S], error) {
	prior := *k.args(&req.State)
	id := req.ID
	if parents := k.parents(&prior); len(parents) > 0 && *parents[0].id == "" {
		parts, err := splitID(req.ID, len(parents)+1, k.idFormat)
		if err != nil {
			return infer.ReadResponse[A, S]{}, err
		}
		for i, p := range parents {
			*p.id = parts[i]
		}
		id = parts[len(parents)]
	}
	c, err := clientOf(ctx)
	if err != nil {
		return infer.ReadResponse[A, S]{}, err
	}
	res, err := k.get(ctx, c, prior, id)
	if client.IsNotFound(err) {
		return infer.ReadResponse[A, S]{}, nil
	}
	if err != nil {
		return infer.ReadResponse[A, S]{}, err
	}
	raw, err := client.Body(res)
	if err != nil {
		return infer.ReadResponse[A, S]{}, err
	}
	id, state, err := k.decodeRaw(raw)
	if err != nil {
		return infer.ReadResponse[A, S]{}, err
	}
	api := *k.args(&state)
	k.copyParents(&api, &prior)
	inputs := reconcile(req.Inputs, api)
	k.copyParents(&inputs, &prior)
	for _, name := range k.diff.computed {
		if isZero(propertyOf(&req.Inputs, name)) {
			f := propertyOf(&inputs, name)
			f.Set(reflect.Zero(f.Type()))
		}
	}
	k.setArgs(&state, prior, api)
	if k.sealed != nil {
		*k.sealed(&state) = *k.sealed(&req.State)
	}
	return infer.ReadResponse[A, S]{ID: id, Inputs: inputs, State: state}, nil
}

// Update applies the new inputs. For a kind without an update operation, the only update Diff asks for is
// recording the hashes of secrets that were never sealed (after an import), which needs no API call.
func (k kind[A, S]) Update(ctx context.Context, req infer.UpdateRequest[A, S]) (infer.UpdateResponse[S], error) {
	prior := k.sealedOf(&req.State)
	if req.DryRun || k.update == nil {
		state := req.State
		k.setArgs(&state, req.Inputs, req.Inputs)
		err := k.seal(&state, prior, req.Inputs)
		return infer.UpdateResponse[S]{Output: state}, err
	}
	c, err := clientOf(ctx)
	if err != nil {
		return infer.UpdateResponse[S]{}, err
	}
	res, err := k.update(ctx, c, req.Inputs, req.ID)
	if err != nil {
		return infer.UpdateResponse[S]{}, err
	}
	raw, err := client.Body(res)
	if err != nil {
		return infer.UpdateResponse[S]{}, err
	}
	_, state, err := k.decodeRaw(raw)
	if err != nil {
		return infer.UpdateResponse[S]{}, err
	}
	k.setArgs(&state, req.Inputs, *k.args(&state))
	err = k.seal(&state, prior, req.Inputs)
	return infer.UpdateResponse[S]{Output: state}, err
}

// Delete deletes the object; one that is already gone counts as deleted.
func (k kind[A, S]) Delete(ctx context.Context, req infer.DeleteRequest[S]) (infer.DeleteResponse, error) {
	c, err := clientOf(ctx)
	if err != nil {
		return infer.DeleteResponse{}, err
	}
	// remove returns the SDK's error as is (a delete answers no body, so it skips rawResponse).
	return infer.DeleteResponse{}, client.Explain(ignoreNotFound(k.remove(ctx, c, *k.args(&req.State), req.ID)))
}

// setArgs stores api in the state, spelled like prior where they mean the same, without secrets.
func (k kind[A, S]) setArgs(state *S, prior, api A) {
	k.copyParents(&api, &prior)
	a := clone(reconcile(prior, api))
	secrets.Redact(&a)
	*k.args(state) = a
}

// seal records the hashes of the secrets in inputs, keeping prior's salt.
func (k kind[A, S]) seal(state *S, prior secrets.Sealed, inputs A) error {
	if k.sealed == nil {
		return nil
	}
	s, err := prior.Seal(&inputs)
	*k.sealed(state) = s
	return err
}

func (k kind[A, S]) sealedOf(state *S) secrets.Sealed {
	if k.sealed == nil {
		return secrets.Sealed{}
	}
	return *k.sealed(state)
}

func (k kind[A, S]) decodeRaw(raw json.RawMessage) (string, S, error) {
	if k.decode != nil {
		return k.decode(raw)
	}
	return decodeObject[S](raw)
}

// copyParents copies the parent IDs of src into dst.
func (k kind[A, S]) copyParents(dst, src *A) {
	from := k.parents(src)
	for i, p := range k.parents(dst) {
		*p.id = *from[i].id
	}
}

// parentNames returns the Pulumi names of the parent-ID properties.
func (k kind[A, S]) parentNames() []string {
	var a A
	var names []string
	for _, p := range k.parents(&a) {
		names = append(names, p.name)
	}
	return names
}

// parent is a parent-ID field of an input struct.
type parent struct {
	// name is the Pulumi property name.
	name string
	id   *string
}

// gatewayParent is the parent of objects that live directly under an event gateway.
func gatewayParent(id *string) []parent { return []parent{{"gatewayId", id}} }
