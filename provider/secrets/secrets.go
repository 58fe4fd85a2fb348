// Package secrets finds the secret fields of a resource's inputs and keeps salted hashes of their values in
// state, so the provider can tell when a secret was rotated without storing the secret in its outputs
// (the Konnect API never returns secret values).
package secrets

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-go-provider/infer"
)

// Sealed records which secret values were last applied to an object: HMAC-SHA256 of each value, keyed by a
// random per-resource salt. Embed it in a resource's state.
//
// Both are Pulumi secrets: the state holds them encrypted, so nobody who reads a state file can test guesses of
// a weak password against a hash offline.
type Sealed struct {
	// Salt is the hex-encoded HMAC key; empty until the first secret is sealed (e.g. after an import).
	Salt string `pulumi:"secretSalt,optional" api:"-" provider:"secret"`
	// Hashes maps the property path of each secret input to the hex HMAC of its value.
	Hashes map[string]string `pulumi:"secretHashes,optional" api:"-" provider:"secret"`
}

// Annotate describes the sealed-secret outputs.
func (s *Sealed) Annotate(a infer.Annotator) {
	a.Describe(&s.Salt, "Random per-resource key of the secret hashes in `secretHashes`; a Pulumi secret.")
	a.Describe(&s.Hashes, "HMAC-SHA256 (keyed by `secretSalt`) of each secret input, by property path. Secret "+
		"inputs are write-only: Konnect never returns them and the outputs leave them empty; the provider "+
		"compares these hashes to detect a rotated secret. A Pulumi secret, so state files never hold a hash to test "+
		"guesses against.")
}

// Seal returns the hashes of the secrets in args (a pointer to an input struct). It keeps s's salt, or
// draws a new one when s has none.
func (s Sealed) Seal(args any) (Sealed, error) {
	salt := s.Salt
	if salt == "" {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			return Sealed{}, fmt.Errorf("generating secret salt: %w", err)
		}
		salt = hex.EncodeToString(b)
	}
	hashes := map[string]string{}
	for path, v := range Values(args) {
		hashes[path] = hash(salt, path, v)
	}
	if len(hashes) == 0 {
		return Sealed{}, nil
	}
	return Sealed{Salt: salt, Hashes: hashes}, nil
}

// IsZero reports whether nothing has been sealed yet, which is the case after an import.
func (s Sealed) IsZero() bool { return s.Salt == "" && len(s.Hashes) == 0 }

// Changed returns, sorted, the paths of secrets in args whose value differs from the sealed one, plus the
// paths of sealed secrets args no longer sets.
func (s Sealed) Changed(args any) []string {
	values := Values(args)
	var changed []string
	for path, v := range values {
		if h, ok := s.Hashes[path]; !ok || !hmac.Equal([]byte(h), []byte(hash(s.Salt, path, v))) {
			changed = append(changed, path)
		}
	}
	for path := range s.Hashes {
		if _, ok := values[path]; !ok {
			changed = append(changed, path)
		}
	}
	slices.Sort(changed)
	return changed
}

func hash(salt, path, value string) string {
	key, err := hex.DecodeString(salt)
	if err != nil {
		key = []byte(salt)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(path))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}

// Values returns the non-empty secret values in args (a pointer to a struct), by property path.
func Values(args any) map[string]string {
	values := map[string]string{}
	walk(reflect.ValueOf(args), "", func(path string, v reflect.Value) {
		if s := str(v); s != "" {
			values[path] = s
		}
	})
	return values
}

// Redact clears every secret field in args (a pointer to a struct). Secret fields must be strings or string
// pointers; pointers are set to nil.
func Redact(args any) {
	walk(reflect.ValueOf(args), "", func(_ string, v reflect.Value) {
		v.Set(reflect.Zero(v.Type()))
	})
}

// str returns the string held by a string or *string value.
func str(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	return v.String()
}

// IsSecretField reports whether f carries the `provider:"secret"` tag.
func IsSecretField(f reflect.StructField) bool {
	return slices.Contains(strings.Split(f.Tag.Get("provider"), ","), "secret")
}

// walk calls fn for every secret field reachable from v, with the field's Pulumi property path.
func walk(v reflect.Value, path string, fn func(path string, v reflect.Value)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walk(v.Elem(), path, fn)
		}
	case reflect.Struct:
		for _, f := range reflect.VisibleFields(v.Type()) {
			name := strings.Split(f.Tag.Get("pulumi"), ",")[0]
			if f.Anonymous || !f.IsExported() || name == "" {
				continue
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			field := v.FieldByIndex(f.Index)
			if IsSecretField(f) {
				fn(p, field)
				continue
			}
			walk(field, p, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn)
		}
	}
}
