package konnect

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// PolicyBase holds the settings every policy has.
type PolicyBase struct {
	// Name of the policy (at most 255 characters); defaults to the resource name. The provider uses it to find a policy
	// an interrupted create may have made.
	Name *string `pulumi:"name,optional" api:"name,omitempty"`
	// Description (at most 512 characters).
	Description *string `pulumi:"description,optional" api:"description,omitempty"`
	// Whether the policy is applied (default true).
	Enabled *bool `pulumi:"enabled,optional" api:"enabled,omitempty"`
	// Labels: at most 50; keys 1-63 characters not starting with kong, konnect, mesh, kic or _.
	Labels map[string]string `pulumi:"labels,optional" api:"labels,omitempty"`
}

func (b *PolicyBase) applyDefaults() {
	if b.Enabled == nil {
		b.Enabled = new(true)
	}
}

// defaultName names the policy after its resource when no name is set.
func (b *PolicyBase) defaultName(name string) {
	if b.Name == nil {
		b.Name = &name
	}
}

// Policy inputs select their variant with `type` and carry the variant's settings in the member field tagged
// `konnect:"<type>"`; the API wants those settings under `config`.

// policyMember returns the member field of args (a pointer to a policy's inputs) for typ, or false when
// the type has no settings.
func policyMember(args any, typ string) (reflect.Value, bool) {
	v := reflect.ValueOf(args).Elem()
	for _, f := range reflect.VisibleFields(v.Type()) {
		if f.Tag.Get("konnect") == typ {
			return v.FieldByIndex(f.Index), true
		}
	}
	return reflect.Value{}, false
}

// policyJSON returns the API body of a policy: the tagged inputs plus the member for its type as config.
func policyJSON(args any, typ string) (json.RawMessage, error) {
	b, err := apiJSON.Marshal(args)
	if err != nil {
		return nil, err
	}
	m, ok := policyMember(args, typ)
	if !ok || m.IsNil() {
		return b, nil
	}
	var body map[string]json.RawMessage
	if err := apiJSON.Unmarshal(b, &body); err != nil {
		return nil, err
	}
	if body["config"], err = apiJSON.Marshal(m.Interface()); err != nil {
		return nil, err
	}
	return apiJSON.Marshal(body)
}

// decodePolicy decodes a policy object into its ID and state S, whose inputs (at args) get the config in the
// member for their type.
func decodePolicy[S any](raw json.RawMessage, args func(*S) any, typ func(*S) string) (string, S, error) {
	id, state, err := decodeObject[S](raw)
	if err != nil {
		return "", state, err
	}
	var body struct {
		Config json.RawMessage `api:"config"`
	}
	if err := apiJSON.Unmarshal(raw, &body); err != nil {
		return "", state, fmt.Errorf("decoding policy config: %w", err)
	}
	m, ok := policyMember(args(&state), typ(&state))
	if !ok || len(body.Config) == 0 || string(body.Config) == "null" {
		return id, state, nil
	}
	cfg := reflect.New(m.Type().Elem())
	if err := apiJSON.Unmarshal(body.Config, cfg.Interface()); err != nil {
		return "", state, fmt.Errorf("decoding %s policy config: %w", typ(&state), err)
	}
	m.Set(cfg)
	return id, state, nil
}

// checkVariant checks a policy's type and that exactly the member for it is set.
func checkVariant(problems *validate.Problems, args any, typ string, types ...string) {
	problems.Check("type", validate.OneOf(typ, types...))
	if !slices.Contains(types, typ) {
		return
	}
	v := reflect.ValueOf(args).Elem()
	for _, f := range reflect.VisibleFields(v.Type()) {
		if member := f.Tag.Get("konnect"); member != "" {
			name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
			set := !v.FieldByIndex(f.Index).IsNil()
			problems.Check(validate.Path(name), validate.Member(set, member == typ, "type", typ))
		}
	}
}

// fieldPaths is the API's selection of record fields: a list of {match} patterns, or an expression.
type fieldPaths struct {
	list []string
	expr *string
}

// MarshalJSON writes the list form when there is one, else the expression.
func (f fieldPaths) MarshalJSON() ([]byte, error) {
	if f.expr != nil {
		return apiJSON.Marshal(*f.expr)
	}
	matches := make([]struct {
		Match string `api:"match"`
	}, len(f.list))
	for i, m := range f.list {
		matches[i].Match = m
	}
	return apiJSON.Marshal(matches)
}

// UnmarshalJSON reads either form.
func (f *fieldPaths) UnmarshalJSON(b []byte) error {
	var expr string
	if apiJSON.Unmarshal(b, &expr) == nil {
		f.expr = &expr
		return nil
	}
	var matches []struct {
		Match string `api:"match"`
	}
	if err := apiJSON.Unmarshal(b, &matches); err != nil {
		return err
	}
	for _, m := range matches {
		f.list = append(f.list, m.Match)
	}
	return nil
}

// checkPaths checks a list-or-expression selection: exactly one form, at most limit list entries.
func checkPaths(problems *validate.Problems, path validate.Path, list []string, expr *string,
	listName, exprName string, limit int,
) {
	if problems.Check(path, validate.ExactlyOne(listName, len(list) > 0, exprName, expr != nil)) {
		problems.Check(path.Field(listName), validate.MaxEntries(len(list), limit))
	}
}

// policyModel converts a policy's inputs into the SDK request model T.
func policyModel[T any](args any, typ string) (T, error) {
	body, err := policyJSON(args, typ)
	if err != nil {
		var zero T
		return zero, err
	}
	return sdkModel[T](body)
}

// policyList decodes a policy list, which the API returns as a bare array.
func policyList(res interface{ GetRawResponse() *http.Response }, err error) ([]json.RawMessage, error) {
	raw, err := rawResponse(res, err)
	if err != nil {
		return nil, err
	}
	var items []json.RawMessage
	return items, client.Decode(raw, &items)
}
