package konnect

import (
	"context"
	"reflect"
	"strings"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// validated is implemented by input types that check themselves beyond what their Go types express. Values not
// known yet (outputs of resources not created yet) decode as zero values, which the rules pass; checkInputs drops
// the problems of properties holding unknowns.
type validated interface{ validate(p *validate.Problems) }

// autoNamed is implemented by inputs whose name is optional and defaults to the resource name.
type autoNamed interface{ defaultName(name string) }

// checkInputs decodes and defaults the inputs, then runs their validate method.
func checkInputs[T any](ctx context.Context, req infer.CheckRequest) (infer.CheckResponse[T], error) {
	in, failures, err := infer.DefaultCheck[T](ctx, req.NewInputs)
	if err != nil || len(failures) > 0 {
		return infer.CheckResponse[T]{Inputs: in, Failures: failures}, err
	}
	if n, ok := any(&in).(autoNamed); ok {
		n.defaultName(req.Name)
	}
	keepUnknowns(reflect.ValueOf(&in).Elem(), property.New(req.NewInputs))
	var problems validate.Problems
	if v, ok := any(&in).(validated); ok {
		v.validate(&problems)
	}
	// Values that are not known yet (during a preview) decode as zero values; their checks wait for the
	// update, when Check runs again with the values.
	for _, f := range problems.CheckFailures() {
		if !req.NewInputs.Get(topLevel(f.Property)).HasComputed() {
			failures = append(failures, f)
		}
	}
	return infer.CheckResponse[T]{Inputs: in, Failures: failures}, nil
}

// keepUnknowns gives every wholly unknown list, map or object in the inputs one placeholder element.
//
// infer decodes an unknown list as an empty one, re-encodes the checked inputs from the Go value (which omits
// empty lists) and only then marks the value unknown again; a required list would vanish from the inputs and
// the preview of Create would fail. A placeholder keeps the property, still marked unknown.
func keepUnknowns(v reflect.Value, p property.Value) {
	switch {
	case p.IsComputed():
		switch v.Kind() {
		case reflect.Slice:
			if v.Len() == 0 {
				v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			}
		case reflect.Map:
			if v.Len() == 0 {
				v.Set(reflect.MakeMap(v.Type()))
				v.SetMapIndex(reflect.Zero(v.Type().Key()), reflect.Zero(v.Type().Elem()))
			}
		case reflect.Pointer:
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
		}
	case p.IsMap():
		for v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return
		}
		for _, f := range fieldsOf(v.Type()) {
			keepUnknowns(v.FieldByIndex(f.index), p.AsMap().Get(f.name))
		}
	case p.IsArray() && v.Kind() == reflect.Slice:
		for i, e := range p.AsArray().All {
			if i < v.Len() {
				keepUnknowns(v.Index(i), e)
			}
		}
	}
}

// topLevel returns the top-level property of a property path such as "tls.tlsVersions[0]".
func topLevel(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}
