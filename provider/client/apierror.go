package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"

	"github.com/Kong/sdk-konnect-go/models/sdkerrors"
)

// APIError is an error answer of Konnect made readable: its status, title and detail, the fields it names, and
// what to do about the common ones.
type APIError struct {
	// Status is the HTTP status.
	Status int
	// Title and Detail are the problem document's.
	Title, Detail string
	// Fields are the invalid parameters it names, as "field: reason".
	Fields []string
	// Err is the SDK's error.
	Err error
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Konnect answered %d %s", e.Status, http.StatusText(e.Status))
	for _, s := range []string{e.Title, e.Detail} {
		if s != "" && !strings.EqualFold(s, http.StatusText(e.Status)) && !strings.Contains(b.String(), s) {
			b.WriteString(": " + s)
		}
	}
	if len(e.Fields) > 0 {
		b.WriteString(" (" + strings.Join(e.Fields, "; ") + ")")
	}
	if hint := hints[e.Status]; hint != "" {
		b.WriteString(". " + hint)
	} else if e.Status >= 500 {
		b.WriteString(". " + serverErrorHint)
	}
	return b.String()
}

// Unwrap returns the SDK's error.
func (e *APIError) Unwrap() error { return e.Err }

// hints say what to do about the common error statuses.
var hints = map[int]string{
	http.StatusUnauthorized: "The Konnect token is missing, invalid or expired: set a valid kpat_ or spat_ token " +
		"in the provider's token (or KONNECT_TOKEN)",
	http.StatusForbidden: "The token's account may not do this: give it a role on Event Gateways in Konnect, " +
		"or use a token of an account that has one",
	http.StatusNotFound: "The object, or the gateway or virtual cluster it belongs to, no longer exists in Konnect: " +
		"`pulumi refresh` records what is gone, and a changed parent ID recreates the object",
	http.StatusConflict: "An object of this name exists already, or another object still refers to this one " +
		"(such as a policy using a static key): rename it, or change or remove the object that refers to it first",
	http.StatusTooManyRequests: "Konnect is throttling this organization's requests: retry later, or run with " +
		"fewer parallel operations (--parallel)",
}

const serverErrorHint = "Konnect failed on its side and the retries ran out: retry later"

// Explain returns err as an *APIError when it carries an answer of Konnect, and as is otherwise.
func Explain(err error) error {
	if err == nil {
		return nil
	}
	var already *APIError
	if errors.As(err, &already) {
		return err
	}
	status, body, ok := answerOf(err)
	if !ok {
		return err
	}
	var problem struct {
		Status            int    `json:"status"`
		Title             string `json:"title"`
		Detail            string `json:"detail"`
		InvalidParameters []struct {
			Field  string `json:"field"`
			Reason string `json:"reason"`
		} `json:"invalid_parameters"`
	}
	_ = json.Unmarshal([]byte(body), &problem) // a body that is no problem document still has its status
	if status == 0 {
		status = problem.Status
	}
	if status == 0 {
		return err
	}
	e := &APIError{Status: status, Title: problem.Title, Detail: problem.Detail, Err: err}
	for _, p := range problem.InvalidParameters {
		e.Fields = append(e.Fields, p.Field+": "+p.Reason)
	}
	return e
}

// sdkErrorsPackage is the package of the SDK's typed error answers, each of which renders as its problem document.
var sdkErrorsPackage = reflect.TypeFor[sdkerrors.SDKError]().PkgPath()

// answerOf finds the answer of Konnect in err's chain: its status (0 when only the body says it) and body.
func answerOf(err error) (int, string, bool) {
	var se *sdkerrors.SDKError
	if errors.As(err, &se) {
		return se.StatusCode, se.Body, true
	}
	for e := err; e != nil; e = errors.Unwrap(e) {
		if t := reflect.TypeOf(e); t.Kind() == reflect.Pointer && t.Elem().PkgPath() == sdkErrorsPackage {
			return 0, e.Error(), true
		}
	}
	return 0, "", false
}
