package konnectemu

import (
	"cmp"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"

	liberrors "github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/helpers"
)

// apiError is Konnect's application/problem+json error body (BaseError, BadRequestError).
type apiError struct {
	Status            int                `json:"status"`
	Title             string             `json:"title"`
	Instance          string             `json:"instance"`
	Detail            string             `json:"detail"`
	InvalidParameters []invalidParameter `json:"invalid_parameters,omitempty"`
}

// invalidParameter is the InvalidParameterStandard member of BadRequestError.invalid_parameters.
type invalidParameter struct {
	Field  string `json:"field"`
	Rule   string `json:"rule,omitempty"`
	Source string `json:"source,omitempty"`
	Reason string `json:"reason"`
}

// Rules of InvalidRules the emulator reports.
const (
	ruleRequired         = "required"
	ruleMissingReference = "missing_reference"
)

func newError(status int, format string, args ...any) *apiError {
	return &apiError{Status: status, Title: http.StatusText(status), Detail: fmt.Sprintf(format, args...)}
}

func badRequest(params ...invalidParameter) *apiError {
	e := newError(http.StatusBadRequest, "Invalid parameters")
	e.InvalidParameters = params
	return e
}

func notFound(k Kind, id string) *apiError {
	return newError(http.StatusNotFound, "%s %s not found", k, id)
}

// missingReference is the 400 Konnect answers when a reference names no existing entity.
func missingReference(field, reason string) *apiError {
	return badRequest(invalidParameter{Field: field, Rule: ruleMissingReference, Source: "body", Reason: reason})
}

// keywordRules maps the failing JSON Schema keyword to Konnect's rule name where one fits.
var keywordRules = map[string]string{
	"required":             ruleRequired,
	"type":                 "type",
	"additionalProperties": "unknown_property",
}

// validationError turns validator findings into Konnect's 400.
func validationError(errs []*liberrors.ValidationError) *apiError {
	var params []invalidParameter
	add := func(p invalidParameter) {
		if !slices.Contains(params, p) { // invalid_parameters has uniqueItems
			params = append(params, p)
		}
	}
	for _, e := range errs {
		source := "body"
		if e.ValidationType == helpers.ParameterValidation {
			source = e.ValidationSubType
		}
		if len(e.SchemaValidationErrors) == 0 {
			add(invalidParameter{Field: cmp.Or(e.ParameterName, "body"), Source: source, Reason: e.Message})
			continue
		}
		for _, f := range e.SchemaValidationErrors {
			field := strings.TrimPrefix(strings.TrimPrefix(f.FieldPath, "$"), ".")
			add(invalidParameter{
				Field:  cmp.Or(field, e.ParameterName, "body"),
				Rule:   keywordRules[path.Base(f.KeywordLocation)],
				Source: source,
				Reason: f.Reason,
			})
		}
	}
	return badRequest(params...)
}
