package components

// FieldError is one invalid argument. Validate returns every FieldError of the arguments joined with errors.Join,
// each as a *FieldError: range over the errors of an error with Unwrap() []error, or collect them with FieldErrors.
type FieldError struct {
	// Field is the argument's path, such as "virtualClusters[1].dnsLabel", or "name" for the component name.
	Field string
	// Message says what is wrong with it.
	Message string
}

// Error is "field: message".
func (e *FieldError) Error() string {
	return e.Field + ": " + e.Message
}

// FieldErrors returns every *FieldError in err's tree, in order; nil when there is none.
func FieldErrors(err error) []*FieldError {
	switch e := err.(type) {
	case *FieldError:
		return []*FieldError{e}
	case interface{ Unwrap() []error }:
		var found []*FieldError
		for _, inner := range e.Unwrap() {
			found = append(found, FieldErrors(inner)...)
		}
		return found
	case interface{ Unwrap() error }:
		return FieldErrors(e.Unwrap())
	}
	return nil
}
