package konnect

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// validated is implemented by input types that check themselves beyond what their Go types express.
type validated interface{ validate(c *checker) }

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
	var c checker
	if v, ok := any(&in).(validated); ok {
		v.validate(&c)
	}
	// Values that are not known yet (during a preview) decode as zero values; their checks wait for the
	// update, when Check runs again with the values.
	for _, f := range c.failures {
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

// checker collects validation failures, each naming the offending property path.
//
// Unknown values (outputs of resources not created yet) decode as "", so every string check skips empty
// strings, and checkInputs drops the failures of properties holding unknowns.
type checker struct{ failures []p.CheckFailure }

func (c *checker) fail(prop, format string, args ...any) {
	c.failures = append(c.failures, p.CheckFailure{Property: prop, Reason: fmt.Sprintf(format, args...)})
}

// topLevel returns the top-level property of a property path such as "tls.tlsVersions[0]".
func topLevel(path string) string {
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

// at joins a property path and an index.
func at(prop string, i int) string { return fmt.Sprintf("%s[%d]", prop, i) }

var (
	hostPortRE     = regexp.MustCompile(`^(([a-zA-Z0-9.\-]+)|\[([a-fA-F0-9:]+)\]):\d+$`)
	dnsLabelRE     = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	hostRE         = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?)*$`)
	sniSuffixRE    = regexp.MustCompile(`^[.-]([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*([a-z0-9-]*[a-z0-9])$`)
	labelValueRE   = regexp.MustCompile(`^[a-z0-9A-Z]([a-z0-9A-Z-._]*[a-z0-9A-Z]+)?$`)
	versionRE      = regexp.MustCompile(`^\d+\.\d+$`)
	portRangeRE    = regexp.MustCompile(`^(\d{1,5})(?:-(\d{1,5}))?$`)
	globRE         = regexp.MustCompile(`^[A-Za-z0-9._?*-]+$`)
	uuidRE         = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	awsKMSArnRE    = regexp.MustCompile(`^arn:aws:kms:.+`)
	reservedLabels = []string{"kong", "konnect", "mesh", "kic", "_"}
)

// match fails when v is set and does not match re; what completes "<value> must ...".
func (c *checker) match(prop, v string, re *regexp.Regexp, what string) {
	if v != "" && !re.MatchString(v) {
		c.fail(prop, "%q must %s", v, what)
	}
}

// oneOf fails when v is set and not one of allowed.
func (c *checker) oneOf(prop, v string, allowed ...string) {
	if v != "" && !slices.Contains(allowed, v) {
		c.fail(prop, "%q is not one of %s", v, strings.Join(allowed, ", "))
	}
}

// maxLen fails when v is longer than n characters.
func (c *checker) maxLen(prop, v string, n int) {
	if len([]rune(v)) > n {
		c.fail(prop, "must be at most %d characters long, not %d", n, len([]rune(v)))
	}
}

// between fails when v is set and outside [lo, hi].
func (c *checker) between(prop string, v *int, lo, hi int) {
	if v != nil && (*v < lo || *v > hi) {
		c.fail(prop, "%d must be between %d and %d", *v, lo, hi)
	}
}

// notEmpty fails when a list that the API requires to be non-empty is empty.
func (c *checker) notEmpty(prop string, n int) {
	if n == 0 {
		c.fail(prop, "must have at least one item")
	}
}

// common checks the name, description and labels every object has.
func (c *checker) common(name, description *string, labels map[string]string) {
	c.maxLen("name", str(name), 255)
	c.maxLen("description", str(description), 512)
	if len(labels) > 50 {
		c.fail("labels", "must have at most 50 entries, not %d", len(labels))
	}
	for k, v := range labels {
		prop := fmt.Sprintf("labels[%q]", k)
		if len(k) < 1 || len(k) > 63 {
			c.fail(prop, "key must be 1-63 characters long")
		}
		for _, r := range reservedLabels {
			if strings.HasPrefix(strings.ToLower(k), r) {
				c.fail(prop, "key must not start with %q", r)
			}
		}
		c.maxLen(prop, v, 63)
		c.match(prop, v, labelValueRE, "be alphanumeric, with '-', '_' or '.' inside")
	}
}

// ref checks a reference: exactly one of id and name (both may be unknown during a preview).
func (c *checker) ref(prop string, r *Ref) {
	if r == nil {
		return
	}
	switch {
	case r.ID == nil && r.Name == nil:
		c.fail(prop, "set id or name")
	case r.ID != nil && r.Name != nil:
		c.fail(prop, "set only one of id and name")
	}
	c.match(prop+".id", str(r.ID), uuidRE, "be a UUID")
	c.maxLen(prop+".name", str(r.Name), 255)
}

// port checks a listener port: "N" or "N-M" with 1 <= N <= M <= 65535.
func (c *checker) port(prop, v string) {
	if v == "" {
		return
	}
	m := portRangeRE.FindStringSubmatch(v)
	if m == nil {
		c.fail(prop, "%q must be a port (\"9092\") or a range (\"9092-9095\")", v)
		return
	}
	lo, _ := strconv.Atoi(m[1])
	hi := lo
	if m[2] != "" {
		hi, _ = strconv.Atoi(m[2])
	}
	if lo < 1 || hi > 65535 || lo > hi {
		c.fail(prop, "%q must lie within 1-65535 and start at or below its end", v)
	}
}
