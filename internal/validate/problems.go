// Package validate checks arguments the same way, with the same words, in the components, the provider and the
// keg spec: field paths (Path), the problems found at them (Problems, each a *FieldError rendered "field:
// message"), and the rules of the Kong Operator CRDs, the Konnect API and Kubernetes.
//
// A rule returns "" for a valid value, else what is wrong with it, worded to follow the field path; Problems.Check
// records it. Rules of a string value pass "": an optional field that is not set or, in the provider, a value not
// known until the update. Required reports a required field that is not set. Map keys are always set, so the rules
// of keys (KonnectLabelKey, QualifiedName) check "" too. Where the components and the provider checked one rule
// differently, the rule here is the stricter one that the Kong Operator CRDs and the Konnect API agree with, and
// says so.
package validate

import (
	"errors"
	"fmt"
	"strconv"

	provider "github.com/pulumi/pulumi-go-provider"
)

// Path is a field path such as virtualClusters[1].dnsLabel; the empty Path is the root.
type Path string

// Field is the path of the field name below p; name may itself be a path such as "tls.versions".
func (p Path) Field(name string) Path {
	if p == "" {
		return Path(name)
	}
	return p + "." + Path(name)
}

// Index is the path of item i of the list at p.
func (p Path) Index(i int) Path {
	return p + Path("["+strconv.Itoa(i)+"]")
}

// Key is the path of the entry key of the map at p, such as labels["env"].
func (p Path) Key(key string) Path {
	return p + Path("["+strconv.Quote(key)+"]")
}

// FieldError is one invalid field.
type FieldError struct {
	// Field is the field's path, such as "virtualClusters[1].dnsLabel".
	Field string `json:"field"`
	// Message says what is wrong with it.
	Message string `json:"message"`
}

// Error is "field: message".
func (e *FieldError) Error() string {
	return e.Field + ": " + e.Message
}

// FieldErrors returns every *FieldError in err's tree, in order; nil when there is none.
func FieldErrors(err error) []*FieldError {
	switch e := err.(type) { //nolint:errorlint // walks the error tree itself, as errors.As does
	case interface{ Unwrap() []error }:
		var found []*FieldError
		for _, inner := range e.Unwrap() {
			found = append(found, FieldErrors(inner)...)
		}
		return found
	case interface{ Unwrap() error }:
		return FieldErrors(e.Unwrap())
	}
	var found *FieldError
	if errors.As(err, &found) {
		return []*FieldError{found}
	}
	return nil
}

// LineError is a FieldError located at a line of a file.
type LineError struct {
	// Line is the field's 1-based line; 0 when unknown.
	Line int `json:"line,omitempty"`
	FieldError
}

// Error is "line N: field: message", or "field: message" when the line is unknown.
func (e LineError) Error() string {
	if e.Line > 0 {
		return "line " + strconv.Itoa(e.Line) + ": " + e.FieldError.Error()
	}
	return e.FieldError.Error()
}

// Problems collects the problems of a set of fields. The zero value is empty and ready to use.
type Problems struct {
	found []*FieldError
}

// Add records a problem of the field at path.
func (p *Problems) Add(path Path, format string, args ...any) {
	p.found = append(p.found, &FieldError{Field: string(path), Message: fmt.Sprintf(format, args...)})
}

// Check records the first of problems that is not "" (the results of rules) at path, and reports whether there
// was none.
func (p *Problems) Check(path Path, problems ...string) bool {
	for _, problem := range problems {
		if problem != "" {
			p.Add(path, "%s", problem)
			return false
		}
	}
	return true
}

// Err returns the problems joined with errors.Join, each a *FieldError, or nil when there is none.
func (p *Problems) Err() error {
	errs := make([]error, len(p.found))
	for i, found := range p.found {
		errs[i] = found
	}
	return errors.Join(errs...)
}

// CheckFailures returns the problems as the check failures of a provider resource.
func (p *Problems) CheckFailures() []provider.CheckFailure {
	var failures []provider.CheckFailure
	for _, found := range p.found {
		failures = append(failures, provider.CheckFailure{Property: found.Field, Reason: found.Message})
	}
	return failures
}

// Locate returns the problems, each at the line that line gives for its field.
func (p *Problems) Locate(line func(field string) int) []LineError {
	var located []LineError
	for _, found := range p.found {
		located = append(located, LineError{Line: line(found.Field), FieldError: *found})
	}
	return located
}
