package spec

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FieldError is one problem in a spec file, located by line and field path.
type FieldError struct {
	// Line is the 1-based line in the file; 0 when unknown.
	Line int
	// Field is the path, such as gateways[0].portMapped.advertisedHost.
	Field string
	// Message says what is wrong.
	Message string
}

func (e FieldError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s: %s", e.Line, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Field, e.Message)
}

// InvalidError lists every problem found in a spec; nothing was deployed.
type InvalidError struct {
	// File is the spec file name, when there is one.
	File   string
	Errors []FieldError
}

func (e *InvalidError) Error() string {
	var b strings.Builder
	if e.File != "" {
		fmt.Fprintf(&b, "invalid spec %s:", e.File)
	} else {
		b.WriteString("invalid spec:")
	}
	for _, fe := range e.Errors {
		b.WriteString("\n  ")
		b.WriteString(fe.Error())
	}
	return b.String()
}

// decoder fills Go values from a YAML node tree, naming fields by their
// `pulumi` tags (the names the package schema uses), rejecting unknown fields
// and wrong types, and remembering the line of every field path.
type decoder struct {
	errs  []FieldError
	lines map[string]int
}

func (d *decoder) fail(node *yaml.Node, path, format string, args ...any) {
	d.errs = append(d.errs, FieldError{Line: node.Line, Field: path, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) decode(node *yaml.Node, v reflect.Value, path string) {
	if node.Kind == yaml.DocumentNode {
		if len(node.Content) == 0 {
			return
		}
		node = node.Content[0]
	}
	if node.Kind == yaml.AliasNode {
		node = node.Alias
	}
	d.lines[path] = node.Line
	if node.Tag == "!!null" {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(node, v.Elem(), path)
	case reflect.Struct:
		d.decodeStruct(node, v, path)
	case reflect.Slice:
		if node.Kind != yaml.SequenceNode {
			d.fail(node, path, "want a list, got %s", describe(node))
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), len(node.Content), len(node.Content)))
		for i, item := range node.Content {
			d.decode(item, v.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
	case reflect.Map:
		if node.Kind != yaml.MappingNode {
			d.fail(node, path, "want a mapping, got %s", describe(node))
			return
		}
		v.Set(reflect.MakeMap(v.Type()))
		for i := 0; i+1 < len(node.Content); i += 2 {
			key, value := node.Content[i], node.Content[i+1]
			elem := reflect.New(v.Type().Elem()).Elem()
			d.decode(value, elem, path+"."+key.Value)
			v.SetMapIndex(reflect.ValueOf(key.Value).Convert(v.Type().Key()), elem)
		}
	default:
		if node.Kind != yaml.ScalarNode {
			d.fail(node, path, "want %s, got %s", kindName(v.Kind()), describe(node))
			return
		}
		target := reflect.New(v.Type())
		if err := node.Decode(target.Interface()); err != nil {
			d.fail(node, path, "want %s, got %q", kindName(v.Kind()), node.Value)
			return
		}
		v.Set(target.Elem())
	}
}

func (d *decoder) decodeStruct(node *yaml.Node, v reflect.Value, path string) {
	if node.Kind != yaml.MappingNode {
		d.fail(node, path, "want a mapping, got %s", describe(node))
		return
	}
	fields := structFields(v.Type())
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, value := node.Content[i], node.Content[i+1]
		child := key.Value
		if path != "" {
			child = path + "." + key.Value
		}
		index, ok := fields[key.Value]
		if !ok {
			d.lines[child] = key.Line
			d.fail(key, child, "unknown field (known: %s)", strings.Join(sortedNames(fields), ", "))
			continue
		}
		d.decode(value, v.Field(index), child)
	}
}

// structFields maps a struct's pulumi tag names to field indexes.
func structFields(t reflect.Type) map[string]int {
	fields := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
		if name == "" || !f.IsExported() {
			continue
		}
		fields[name] = i
	}
	return fields
}

func sortedNames(fields map[string]int) []string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func describe(node *yaml.Node) string {
	switch node.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	default:
		return fmt.Sprintf("%q", node.Value)
	}
}

func kindName(k reflect.Kind) string {
	switch k {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	default:
		return k.String()
	}
}

// decodeInto parses YAML data into out (a pointer to a struct).
func decodeInto(data []byte, out any) (map[string]int, []FieldError) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		var typeErr *yaml.TypeError
		msg := err.Error()
		if errors.As(err, &typeErr) {
			msg = strings.Join(typeErr.Errors, "; ")
		}
		return nil, []FieldError{{Field: "(file)", Message: msg}}
	}
	d := &decoder{lines: map[string]int{}}
	d.decode(&root, reflect.ValueOf(out).Elem(), "")
	return d.lines, d.errs
}
