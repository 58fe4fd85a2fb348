package konnectemu

import (
	"maps"
	"strings"
)

// jsonPath is a dotted path into decoded JSON; a segment ending in "[]" steps into every element of an array.
type jsonPath []string

func parsePath(s string) jsonPath { return strings.Split(s, ".") }

func jsonPaths(ss ...string) []jsonPath {
	out := make([]jsonPath, len(ss))
	for i, s := range ss {
		out[i] = parsePath(s)
	}
	return out
}

// String renders the path with array markers removed, as Konnect names fields ("config.destination").
func (p jsonPath) String() string { return strings.ReplaceAll(strings.Join(p, "."), "[]", "") }

// each calls fn for every object that holds the path's last key (whether or not the key is set there).
func (p jsonPath) each(v any, fn func(holder map[string]any, key string)) {
	m, ok := v.(map[string]any)
	if !ok || len(p) == 0 {
		return
	}
	key, many := strings.CutSuffix(p[0], "[]")
	if len(p) == 1 {
		fn(m, key)
		return
	}
	if !many {
		p[1:].each(m[key], fn)
		return
	}
	items, _ := m[key].([]any)
	for _, item := range items {
		p[1:].each(item, fn)
	}
}

// eachPair walks the path through two documents in step (arrays pair up by index) and calls fn for every pair of
// objects holding the last key.
func (p jsonPath) eachPair(a, b any, fn func(ha, hb map[string]any, key string)) {
	ma, okA := a.(map[string]any)
	mb, okB := b.(map[string]any)
	if !okA || !okB || len(p) == 0 {
		return
	}
	key, many := strings.CutSuffix(p[0], "[]")
	if len(p) == 1 {
		fn(ma, mb, key)
		return
	}
	if !many {
		p[1:].eachPair(ma[key], mb[key], fn)
		return
	}
	ia, _ := ma[key].([]any)
	ib, _ := mb[key].([]any)
	for i := range min(len(ia), len(ib)) {
		p[1:].eachPair(ia[i], ib[i], fn)
	}
}

// isExpression reports whether a secret is a template expression such as ${vault.env['X']}, which Konnect stores
// and returns as-is.
func isExpression(s string) bool { return strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}") }

// deepCopy copies a decoded JSON object.
func deepCopy(m map[string]any) map[string]any {
	c, _ := copyValue(m).(map[string]any)
	return c
}

func copyValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := maps.Clone(t)
		for k, e := range m {
			m[k] = copyValue(e)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, e := range t {
			s[i] = copyValue(e)
		}
		return s
	default:
		return v
	}
}
