package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// FieldError is one problem in a spec file, located by line and field path, such as
// gateways[0].portMapped.advertisedHost.
type FieldError = validate.LineError

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

// Limits of a spec file, so that no input costs more memory or time than its size: they are checked while the
// file is decoded, before anything is derived from it.
const (
	// MaxSize is the largest spec file, in bytes.
	MaxSize = 1 << 20
	// maxAliases is the most alias uses (*name) a spec may make: each decodes its anchor's value once more, so a
	// few nested ones expand a small file to billions of values.
	maxAliases = 64
	// maxValues is the most values (scalars, lists and mappings, aliases expanded) a spec may decode to.
	maxValues = 100_000
	// maxListEntries is the most entries of any list.
	maxListEntries = 1000
)

// decoder fills Go values from a YAML node tree, naming fields by their
// `pulumi` tags (the names the package schema uses), reporting unknown fields
// and wrong types, and remembering the line of every field path. It stops at
// the first limit a file exceeds.
type decoder struct {
	problems *validate.Problems
	lines    map[string]int
	// aliases and values count the alias uses and the values decoded so far; exceeded is set once either
	// passes its limit.
	aliases, values int
	exceeded        bool
}

// withinLimits counts node, an alias use or a value to decode at path, and reports whether the file is still within
// its limits.
func (d *decoder) withinLimits(node *yaml.Node, path validate.Path) bool {
	if d.exceeded {
		return false
	}
	if node.Kind == yaml.AliasNode {
		d.aliases++
	} else {
		d.values++
	}
	switch {
	case d.aliases > maxAliases:
		d.add(path, "uses alias *%s, one of more than %d alias uses; a spec may use at most %d",
			node.Value, maxAliases, maxAliases)
	case d.values > maxValues:
		d.add(path, "is beyond the %d values a spec may hold (aliases expanded)", maxValues)
	default:
		return true
	}
	d.lines[string(path)] = node.Line
	d.exceeded = true
	return false
}

// add reports a problem at path; the document itself (path "") is reported as the file.
func (d *decoder) add(path validate.Path, format string, args ...any) {
	if path == "" {
		path = fileField
	}
	d.problems.Add(path, format, args...)
}

func (d *decoder) decode(node *yaml.Node, v reflect.Value, path validate.Path) {
	if node.Kind == yaml.DocumentNode {
		if len(node.Content) == 0 {
			return
		}
		node = node.Content[0]
	}
	if !d.withinLimits(node, path) {
		return
	}
	if node.Kind == yaml.AliasNode {
		d.decode(node.Alias, v, path)
		return
	}
	d.lines[string(path)] = node.Line
	if node.Tag == "!!null" {
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.Type() != stringInput {
			d.add(path, "cannot be set in a spec file")
			return
		}
		d.decodeSecret(node, v, path)
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(node, v.Elem(), path)
	case reflect.Struct:
		d.decodeStruct(node, v, path)
	case reflect.Slice:
		if node.Kind != yaml.SequenceNode {
			d.add(path, "want a list, got %s", describe(node))
			return
		}
		if problem := validate.MaxEntries(len(node.Content), maxListEntries); problem != "" {
			d.add(path, "%s", problem)
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), len(node.Content), len(node.Content)))
		for i, item := range node.Content {
			d.decode(item, v.Index(i), path.Index(i))
		}
	case reflect.Map:
		if node.Kind != yaml.MappingNode {
			d.add(path, "want a mapping, got %s", describe(node))
			return
		}
		v.Set(reflect.MakeMap(v.Type()))
		seen := map[string]int{}
		for i := 0; i+1 < len(node.Content); i += 2 {
			key, value := node.Content[i], node.Content[i+1]
			if d.duplicate(seen, key, path.Key(key.Value)) {
				continue
			}
			elem := reflect.New(v.Type().Elem()).Elem()
			d.decode(value, elem, path.Key(key.Value))
			v.SetMapIndex(reflect.ValueOf(key.Value).Convert(v.Type().Key()), elem)
		}
	default:
		if node.Kind != yaml.ScalarNode {
			d.add(path, "want %s, got %s", kindName(v.Kind()), describe(node))
			return
		}
		target := reflect.New(v.Type())
		if isInteger(v.Kind()) && node.ShortTag() != "!!int" {
			// YAML would truncate 3.5 to 3.
			d.add(path, "want %s, got %q", kindName(v.Kind()), node.Value)
			return
		}
		if err := node.Decode(target.Interface()); err != nil {
			d.add(path, "want %s, got %q", kindName(v.Kind()), node.Value)
			return
		}
		v.Set(target.Elem())
	}
}

func (d *decoder) decodeStruct(node *yaml.Node, v reflect.Value, path validate.Path) {
	if node.Kind != yaml.MappingNode {
		d.add(path, "want a mapping, got %s", describe(node))
		return
	}
	fields := structFields(v.Type())
	seen := map[string]int{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, value := node.Content[i], node.Content[i+1]
		child := path.Field(key.Value)
		if d.duplicate(seen, key, child) {
			continue
		}
		index, ok := fields[key.Value]
		if !ok {
			d.lines[string(child)] = key.Line
			d.add(child, "%s", unknownField(key.Value, v.Type(), fields))
			continue
		}
		d.decode(value, v.Field(index), child)
	}
}

// unknownField is the message for key, which names no field of struct type t a spec file may set (fields): why it
// may not when t has such a field, otherwise the near field it may be a typo of, and the fields it could name.
func unknownField(key string, t reflect.Type, fields map[string]int) string {
	for i := 0; i < t.NumField(); i++ {
		if name, refused := FieldName(t.Field(i)); name == key && refused != "" {
			return refused
		}
	}
	known := slices.Sorted(maps.Keys(fields))
	if near := nearest(key, known); near != "" {
		return fmt.Sprintf("unknown field; did you mean %s? (known: %s)", near, strings.Join(known, ", "))
	}
	return fmt.Sprintf("unknown field (known: %s)", strings.Join(known, ", "))
}

// nearest returns the candidate closest to name, ignoring case, when it is at most two edits away; the first such
// candidate on a tie, and "" when none is that close.
func nearest(name string, candidates []string) string {
	best, bestDistance := "", 3
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(name), strings.ToLower(c)); d < bestDistance {
			best, bestDistance = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b: the fewest rune insertions, deletions and substitutions
// that turn one into the other.
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	// prev[j] is the distance between the runes of s seen so far and t[:j].
	prev := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := range s {
		cur := make([]int, len(t)+1)
		cur[0] = i + 1
		for j := range t {
			substitute := prev[j]
			if s[i] != t[j] {
				substitute++
			}
			cur[j+1] = min(substitute, prev[j+1]+1, cur[j]+1)
		}
		prev = cur
	}
	return prev[len(t)]
}

// duplicate reports a mapping key seen before in the same mapping (YAML would silently keep the last value); seen
// maps the keys met so far to their lines.
func (d *decoder) duplicate(seen map[string]int, key *yaml.Node, path validate.Path) bool {
	if first, ok := seen[key.Value]; ok {
		d.lines[string(path)] = key.Line
		d.add(path, "duplicate key (first at line %d)", first)
		return true
	}
	seen[key.Value] = key.Line
	return false
}

// structFields maps the names of the fields of struct type t a spec file may set to their indexes.
func structFields(t reflect.Type) map[string]int {
	fields := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		if name, refused := FieldName(t.Field(i)); name != "" && refused == "" {
			fields[name] = i
		}
	}
	return fields
}

// FieldName is the name a spec file gives struct field f, the name of its pulumi tag; "" when f is unexported or
// has none. refused, when not "", says why a spec file may not set the field: a gateway's konnect arguments (whose
// token is a Pulumi input, which YAML cannot hold) come from the spec's top-level konnect section.
func FieldName(f reflect.StructField) (name, refused string) {
	name, _, _ = strings.Cut(f.Tag.Get("pulumi"), ",")
	switch {
	case name == "" || !f.IsExported():
		return "", ""
	case f.Type == reflect.TypeFor[components.KonnectArgs]():
		return name, "not set per gateway: every gateway uses the top-level konnect section (konnect.serverURL, " +
			"konnect.tokenEnv, konnect.tokenFile)"
	}
	return name, ""
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

// isInteger reports whether k is an integer kind.
func isInteger(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

func kindName(k reflect.Kind) string {
	switch {
	case k == reflect.Bool:
		return "true or false"
	case isInteger(k):
		return "an integer"
	case k == reflect.Float32 || k == reflect.Float64:
		return "a number"
	case k == reflect.String:
		return "a string"
	default:
		return k.String()
	}
}

// fileField stands for the whole file in problems that concern no field.
const fileField validate.Path = "(file)"

// yamlErrorLine splits the line off a YAML syntax error: "yaml: line 3: did not find expected key".
var yamlErrorLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeInto parses YAML data, one document of at most MaxSize bytes, into out (a pointer to a struct), reports its
// problems and returns the line of every field path.
func decodeInto(data []byte, out any, problems *validate.Problems) map[string]int {
	lines := map[string]int{string(fileField): 1}
	if len(data) > MaxSize {
		problems.Add(fileField, "has more than %d bytes; a spec may have at most %d", MaxSize, MaxSize)
		return lines
	}
	var root, next yaml.Node
	documents := yaml.NewDecoder(bytes.NewReader(data))
	err := documents.Decode(&root)
	if errors.Is(err, io.EOF) {
		return lines // an empty file: validation reports what it lacks
	}
	if err != nil {
		msg := err.Error()
		if m := yamlErrorLine.FindStringSubmatch(msg); m != nil {
			lines[string(fileField)], _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		problems.Add(fileField, "%s", msg)
		return lines
	}
	if err := documents.Decode(&next); !errors.Is(err, io.EOF) {
		lines[string(fileField)] = max(next.Line, 1)
		problems.Add(fileField, "holds more than one YAML document; a spec is one document")
		return lines
	}
	d := &decoder{problems: problems, lines: lines}
	d.decode(&root, reflect.ValueOf(out).Elem(), "")
	return d.lines
}
