package konnect

import (
	"reflect"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/secrets"
)

// defaulter is implemented by input types with API defaults: values Konnect uses for unset fields, which
// it may or may not echo back. applyDefaults fills them in (on a deep copy, see withDefaults) so that
// comparisons see the effective values.
type defaulter interface{ applyDefaults() }

// withDefaults returns a deep copy of v with its API defaults applied.
func withDefaults[T any](v T) T {
	c := clone(v)
	if d, ok := any(&c).(defaulter); ok {
		d.applyDefaults()
	}
	return c
}

// clone returns a deep copy of v, so that the copy can be changed without touching v.
func clone[T any](v T) T {
	return deepCopy(reflect.ValueOf(&v).Elem()).Interface().(T)
}

func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(deepCopy(v.Elem()))
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			c.SetMapIndex(it.Key(), deepCopy(it.Value()))
		}
		return c
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				c.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return c
	default:
		return v
	}
}

// field is a top-level input property of an args struct.
type field struct {
	name  string
	index []int
	// secret fields are compared by hash, never by value.
	secret bool
}

// fieldsOf lists the top-level Pulumi properties of struct type t, including promoted ones.
func fieldsOf(t reflect.Type) []field {
	var fs []field
	for _, f := range reflect.VisibleFields(t) {
		name := strings.Split(f.Tag.Get("pulumi"), ",")[0]
		if f.Anonymous || !f.IsExported() || name == "" {
			continue
		}
		fs = append(fs, field{name: name, index: f.Index, secret: secrets.IsSecretField(f)})
	}
	return fs
}

// propertyOf returns the field of *v for a top-level Pulumi property name.
func propertyOf[T any](v *T, name string) reflect.Value {
	s := reflect.ValueOf(v).Elem()
	for _, f := range fieldsOf(s.Type()) {
		if f.name == name {
			return s.FieldByIndex(f.index)
		}
	}
	panic("no property " + name)
}

// changedProperties returns the top-level properties whose values differ between before and after once API
// defaults are applied; see sameValue for what counts as equal. Secret fields are ignored (they are
// compared by hash).
func changedProperties[T any](before, after T) []string {
	o, n := reflect.ValueOf(withDefaults(before)), reflect.ValueOf(withDefaults(after))
	var changed []string
	for _, f := range fieldsOf(o.Type()) {
		if !f.secret && !sameValue(o.FieldByIndex(f.index), n.FieldByIndex(f.index)) {
			changed = append(changed, f.name)
		}
	}
	return changed
}

// reconcile returns api with each top-level property that means the same as in prior replaced by prior's
// spelling (e.g. an unset description instead of "", a reference by name instead of {id, name}), so reading
// an object back does not produce spurious diffs. Properties that really differ keep the API's value.
// Secret properties always come from prior: the API never returns them.
func reconcile[T any](prior, api T) T {
	p, a := reflect.ValueOf(withDefaults(prior)), reflect.ValueOf(withDefaults(api))
	out := api
	o := reflect.ValueOf(&out).Elem()
	raw := reflect.ValueOf(prior)
	for _, f := range fieldsOf(o.Type()) {
		if f.secret || sameValue(p.FieldByIndex(f.index), a.FieldByIndex(f.index)) {
			o.FieldByIndex(f.index).Set(raw.FieldByIndex(f.index))
		}
	}
	return out
}

var refType = reflect.TypeFor[Ref]()

// sameValue is a deep equality where nil pointers, zero values and empty slices and maps are alike,
// secret struct fields are skipped, and references are compared by whichever of id and name both carry.
func sameValue(a, b reflect.Value) bool {
	a, b = deref(a), deref(b)
	if isZero(a) || isZero(b) {
		return isZero(a) && isZero(b)
	}
	if a.Type() == refType {
		return sameRef(a.Interface().(Ref), b.Interface().(Ref))
	}
	switch a.Kind() {
	case reflect.Struct:
		for i := range a.NumField() {
			f := a.Type().Field(i)
			if !f.IsExported() || secrets.IsSecretField(f) {
				continue
			}
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() || !sameValue(a.MapIndex(k), bv) {
				return false
			}
		}
		return true
	default:
		return a.Interface() == b.Interface()
	}
}

// deref follows pointers; a nil pointer becomes the invalid Value.
func deref(v reflect.Value) reflect.Value {
	for v.IsValid() && (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) {
		if v.IsNil() {
			return reflect.Value{}
		}
		v = v.Elem()
	}
	return v
}

// isZero reports whether v is unset: invalid, a zero scalar, an empty slice or map, or a struct of unset
// non-secret fields.
func isZero(v reflect.Value) bool {
	v = deref(v)
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.IsExported() && !secrets.IsSecretField(f) && !isZero(v.Field(i)) {
				return false
			}
		}
		return true
	default:
		return v.IsZero()
	}
}

// sameRef compares two references by id when both have one, else by name.
func sameRef(a, b Ref) bool {
	if str(a.ID) != "" && str(b.ID) != "" {
		return str(a.ID) == str(b.ID)
	}
	return str(a.Name) == str(b.Name)
}
