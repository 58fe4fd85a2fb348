package konnect

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/Kong/sdk-konnect-go/models/components"
	p "github.com/pulumi/pulumi-go-provider"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/secrets"
)

// Ref is a reference to another object of the same event gateway; set `id` or `name`.
type Ref struct {
	// ID of the referenced object.
	ID *string `pulumi:"id,optional" api:"id,omitempty"`
	// Name of the referenced object.
	Name *string `pulumi:"name,optional" api:"name,omitempty"`
}

// Timestamps are the creation and last-update times Konnect reports for an object.
type Timestamps struct {
	// When Konnect created the object (RFC 3339).
	CreatedAt string `pulumi:"createdAt" api:"created_at"`
	// When Konnect last updated the object (RFC 3339).
	UpdatedAt string `pulumi:"updatedAt" api:"updated_at"`
}

// checkRef checks a reference: exactly one of id and name (both may be unknown during a preview).
func checkRef(problems *validate.Problems, path validate.Path, r *Ref) {
	if r == nil {
		return
	}
	problems.Check(path, validate.ExactlyOne("id", r.ID != nil, "name", r.Name != nil))
	problems.Check(path.Field("id"), validate.UUID(str(r.ID)))
	problems.Check(path.Field("name"), validate.MaxLength(str(r.Name), validate.MaxNameLength))
}

// str returns *s, or "" for nil.
func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// sdkModel converts v to the SDK request model T through JSON, so the SDK's own decoders choose union
// variants (and reject unknown ones) and its encoder writes the request body.
func sdkModel[T any](v any) (T, error) {
	var out T
	b, err := apiJSON.Marshal(v)
	if err == nil {
		err = json.Unmarshal(b, &out)
	}
	if err != nil {
		return out, fmt.Errorf("building the request body: %w", err)
	}
	return out, nil
}

// splitID splits a composite import ID such as "<gatewayId>/<id>" into its n parts.
func splitID(id string, n int, format string) ([]string, error) {
	parts := strings.Split(id, "/")
	if len(parts) != n || slices.Contains(parts, "") {
		return nil, fmt.Errorf("invalid ID %q: expected %s", id, format)
	}
	return parts, nil
}

// findNamed returns the one item of items whose name (and type, when typ is not empty) match, or nil.
func findNamed(items []json.RawMessage, name, typ string) (json.RawMessage, error) {
	var found json.RawMessage
	for _, item := range items {
		var obj struct {
			Name *string `api:"name"`
			Type string  `api:"type"`
		}
		if err := apiJSON.Unmarshal(item, &obj); err != nil {
			return nil, fmt.Errorf("decoding a listed object: %w", err)
		}
		if str(obj.Name) != name || (typ != "" && obj.Type != typ) {
			continue
		}
		if found != nil {
			return nil, fmt.Errorf("several objects are named %q; cannot tell which one an interrupted create made", name)
		}
		found = item
	}
	return found, nil
}

// pick returns the one listed item with the given name (and type, when typ is not empty), or nil.
func pick(items []json.RawMessage, err error, name, typ string) (json.RawMessage, error) {
	if err != nil {
		return nil, err
	}
	return findNamed(items, name, typ)
}

// rawResponse returns the HTTP response of an SDK call, or its error explained (client.Explain).
func rawResponse(res interface{ GetRawResponse() *http.Response }, err error) (*http.Response, error) {
	if err != nil {
		return nil, client.Explain(err)
	}
	return res.GetRawResponse(), nil
}

// diffOptions say which input changes the API cannot apply in place.
type diffOptions struct {
	// parents are the ids of the objects this one lives under (kind.Diff fills them in); a change replaces it.
	parents []string
	// immutable are other properties whose change replaces the object.
	immutable []string
	// replaceAll makes every change a replacement (the API has no update for the object).
	replaceAll bool
	// computed are properties Konnect fills in when they are unset; leaving one unset keeps its value.
	computed []string
}

// diffInputs compares the inputs recorded in state with new inputs, and the sealed secret hashes with the new
// secret values. A secret change never replaces an object whose secrets were never sealed (an imported
// one): the first update only records their hashes. Replacing an object whose name and parents stay the
// same deletes it first, since Konnect names are unique within a parent.
func diffInputs[T any](state T, sealed secrets.Sealed, inputs T, o diffOptions) p.DiffResponse {
	detailed := map[string]p.PropertyDiff{}
	replace := false
	kindOf := func(prop string) p.DiffKind {
		if o.replaceAll || slices.Contains(o.parents, prop) || slices.Contains(o.immutable, prop) {
			replace = true
			return p.UpdateReplace
		}
		return p.Update
	}
	changed := changedProperties(state, inputs)
	for _, prop := range changed {
		detailed[prop] = p.PropertyDiff{Kind: kindOf(prop), InputDiff: true}
	}
	for _, path := range sealed.Changed(&inputs) {
		kind := p.Update
		if !sealed.IsZero() {
			kind = kindOf(topLevel(path))
		}
		detailed[path] = p.PropertyDiff{Kind: kind, InputDiff: true}
	}
	renamedOrMoved := slices.ContainsFunc(changed, func(prop string) bool {
		return prop == "name" || slices.Contains(o.parents, prop)
	})
	return p.DiffResponse{
		HasChanges:          len(detailed) > 0,
		DetailedDiff:        detailed,
		DeleteBeforeReplace: replace && !renamedOrMoved,
	}
}

// pageSize is the page size of list calls.
var pageSize = func() *int64 { n := int64(100); return &n }()

// nameFilter filters a list by names containing name.
func nameFilter(name string) *components.EventGatewayCommonFilter {
	return &components.EventGatewayCommonFilter{Name: &components.StringFieldContainsFilter{Contains: name}}
}

// decodeObject decodes an object's JSON into its id and state.
func decodeObject[S any](raw json.RawMessage) (string, S, error) {
	var (
		obj struct {
			ID string `api:"id"`
		}
		state S
	)
	if err := apiJSON.Unmarshal(raw, &obj); err != nil {
		return "", state, fmt.Errorf("decoding the object Konnect returned: %w", err)
	}
	if err := apiJSON.Unmarshal(raw, &state); err != nil {
		return "", state, fmt.Errorf("decoding the object Konnect returned: %w", err)
	}
	return obj.ID, state, nil
}

// ignoreNotFound returns nil for a 404: a delete of an object that is already gone succeeds.
func ignoreNotFound(err error) error {
	if client.IsNotFound(err) {
		return nil
	}
	return err
}
