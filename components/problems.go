package components

import (
	"errors"
	"fmt"
)

// problems collects every validation problem as a *FieldError.
type problems struct {
	errs []error
}

// add records a problem with field, such as "virtualClusters[1].dnsLabel".
func (p *problems) add(field, format string, args ...any) {
	p.errs = append(p.errs, &FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// err joins the problems, or returns nil when there are none.
func (p *problems) err() error {
	return errors.Join(p.errs...)
}

// field builds the path of a nested field: field("virtualClusters[%d].dnsLabel", 1).
func field(format string, args ...any) string {
	return fmt.Sprintf(format, args...)
}

// fieldIndex builds the path of a list item: fieldIndex(".tlsVersions", 1) is ".tlsVersions[1]".
func fieldIndex(list string, i int) string {
	return fmt.Sprintf("%s[%d]", list, i)
}
