// Package konnectemu is an in-memory emulator of the Konnect Event Gateway API (/v1/event-gateways...) plus
// GET /v3/organizations/me, for tests and local runs of clients built on sdk-konnect-go.
//
// Every request is checked against the openapi.yaml shipped with sdk-konnect-go (libopenapi-validator); a request
// the spec rejects gets Konnect's 400 and is recorded (ValidationErrors), and every response is checked too
// (ResponseValidationErrors). On top of the spec it enforces what Konnect does: bearer token, unique names among
// siblings (409), existing parents (404), references to existing entities of the gateway (400 missing_reference),
// and write-only secrets. Deleting an entity deletes everything below it (cascade) but is refused (409) while
// another entity references it.
package konnectemu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	sdkkonnectgo "github.com/Kong/sdk-konnect-go"
	"github.com/Kong/sdk-konnect-go/models/components"
	"github.com/google/uuid"
	liberrors "github.com/pb33f/libopenapi-validator/errors"
)

// DefaultToken is the personal access token the emulator accepts unless WithToken sets another.
const DefaultToken = "kpat_emulator0000000000000000000000000000000000000" //nolint:gosec // accepted by the local emulator only

type settings struct {
	token string
	addr  string
}

// Option configures New.
type Option func(*settings)

// WithToken sets the bearer token the emulator accepts.
func WithToken(token string) Option { return func(s *settings) { s.token = token } }

// WithAddr sets the listen address (default "127.0.0.1:0", a free port).
func WithAddr(addr string) Option { return func(s *settings) { s.addr = addr } }

// Server is a running emulator.
type Server struct {
	spec    *Spec
	token   string
	url     string
	orgID   string
	ownerID string
	started time.Time
	http    *http.Server

	mu         sync.Mutex
	store      store
	calls      map[string]int
	reqErrors  []string
	respErrors []string
	faults     []*Fault
}

// New loads the spec (once per process) and starts serving.
func New(opts ...Option) (*Server, error) {
	cfg := settings{token: DefaultToken, addr: "127.0.0.1:0"}
	for _, o := range opts {
		o(&cfg)
	}
	spec, err := LoadSpec()
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("konnect emulator: %w", err)
	}
	s := &Server{
		spec:    spec,
		token:   cfg.token,
		url:     "http://" + l.Addr().String(),
		orgID:   uuid.NewString(),
		ownerID: uuid.NewString(),
		started: time.Now().UTC(),
		store:   newStore(),
		calls:   map[string]int{},
	}
	mux := http.NewServeMux()
	for _, rt := range routes() {
		mux.Handle(rt.pattern(), s.serve(rt))
	}
	mux.HandleFunc("/", s.unknown)
	s.http = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.http.Serve(l) }()
	return s, nil
}

// URL is the base URL to give the SDK (sdkkonnectgo.WithServerURL).
func (s *Server) URL() string { return s.url }

// Token is the accepted personal access token.
func (s *Server) Token() string { return s.token }

// OrganizationID is the id GET /v3/organizations/me returns.
func (s *Server) OrganizationID() string { return s.orgID }

// SDK returns a sdk-konnect-go client for the emulator: its URL, token and HTTPClient; opts come last.
func (s *Server) SDK(opts ...sdkkonnectgo.SDKOption) *sdkkonnectgo.SDK {
	return sdkkonnectgo.New(append([]sdkkonnectgo.SDKOption{
		sdkkonnectgo.WithServerURL(s.url),
		sdkkonnectgo.WithClient(s.HTTPClient()),
		sdkkonnectgo.WithSecurity(components.Security{PersonalAccessToken: &s.token}),
	}, opts...)...)
}

// HTTPClient returns a client that sends every request to the emulator, whatever its scheme and host. Give it to
// the SDK (sdkkonnectgo.WithClient): sdk-konnect-go sends GET /v3/organizations/me to https://global.api.konghq.com
// whatever the server URL.
func (s *Server) HTTPClient() *http.Client {
	return &http.Client{Transport: redirectTransport{host: strings.TrimPrefix(s.url, "http://")}}
}

type redirectTransport struct{ host string }

func (t redirectTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = "http", t.host
	return http.DefaultTransport.RoundTrip(r)
}

// Close stops the server and drops open connections.
func (s *Server) Close() { _ = s.http.Close() }

func (s *Server) serve(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.calls[rt.pattern()]++
		fault := s.takeFault(r, rt.path)
		s.mu.Unlock()
		var injected *reply
		if fault != nil {
			var done bool
			if injected, done = fault.before(w, r); done && injected == nil {
				return
			}
		}
		rep := reply{}
		if injected != nil {
			rep = *injected
		} else {
			rep = s.handle(rt, r)
		}
		ctype, data := encodeReply(rep)
		s.checkStatus(rt, r, rep.status, injected != nil)
		s.checkResponse(rt.kind, r, rep.status, ctype, data)
		if fault.drops() {
			drop(w)
			return
		}
		writeRaw(w, rep.status, ctype, data)
	})
}

// handle authenticates, validates and runs the handler.
func (s *Server) handle(rt route, r *http.Request) reply {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "bearer") || token != s.token {
		return errorReply(newError(http.StatusUnauthorized, "Invalid credentials"))
	}
	if ok, errs := s.spec.Validator.ValidateHttpRequest(r); !ok {
		s.recordRequestErrors(r, errs)
		return errorReply(validationError(errs))
	}
	s.spec.Defaults.ValidateHttpRequest(r) // accepted above; this fills in the schema defaults
	body, err := decodeBody(r)
	if err != nil {
		return errorReply(badRequest(invalidParameter{Field: "body", Source: "body", Reason: err.Error()}))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return rt.handle(s, rt.kind, &call{r: r, body: body})
}

// decodeBody reads the (validated) JSON object body; nil when there is none.
func decodeBody(r *http.Request) (map[string]any, error) {
	data, err := io.ReadAll(r.Body)
	if err != nil || len(bytes.TrimSpace(data)) == 0 {
		return nil, err
	}
	var body map[string]any
	return body, json.Unmarshal(data, &body)
}

// unknown answers requests for operations the emulator does not serve, and records them as client errors.
func (s *Server) unknown(w http.ResponseWriter, r *http.Request) {
	_, errs := s.spec.Validator.ValidateHttpRequest(r)
	status := http.StatusNotFound
	if slices.ContainsFunc(errs, (*liberrors.ValidationError).IsOperationMissingError) {
		status = http.StatusMethodNotAllowed
	}
	s.mu.Lock()
	s.calls[r.Method+" "+r.URL.Path]++
	s.reqErrors = append(s.reqErrors, fmt.Sprintf("%s %s: no such operation in the Event Gateway API", r.Method, r.URL.Path))
	s.mu.Unlock()
	writeReply(w, errorReply(newError(status, "%s %s is not an Event Gateway API operation", r.Method, r.URL.Path)))
}

func (s *Server) recordRequestErrors(r *http.Request, errs []*liberrors.ValidationError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range errs {
		s.reqErrors = append(s.reqErrors, fmt.Sprintf("%s %s: %s", r.Method, r.URL.Path, e.Error()))
	}
}

// undeclaredStatuses are the answers real Konnect gives on operations whose spec does not declare them, which the
// emulator gives too; any other undeclared status is recorded as a response the spec does not allow.
var undeclaredStatuses = map[int]string{
	http.StatusBadRequest: "a parameter is invalid",
	http.StatusNotFound:   "an object or its parent is gone",
	http.StatusConflict:   "a name is taken, or the object is still referenced",
}

// checkStatus records an answer whose status the operation's spec does not declare (the validator is configured
// not to check statuses, so that undeclaredStatuses, and injectedStatuses of a fault, can pass).
func (s *Server) checkStatus(rt route, r *http.Request, status int, injected bool) {
	if _, known := undeclaredStatuses[status]; known || (injected && injectedStatuses[status]) {
		return
	}
	item, ok := s.spec.Model.Paths.PathItems.Get(rt.path)
	if !ok {
		return
	}
	op, ok := item.GetOperations().Get(strings.ToLower(rt.method))
	if !ok || op.Responses == nil {
		return
	}
	code := strconv.Itoa(status)
	if _, declared := op.Responses.Codes.Get(code); declared || op.Responses.Default != nil {
		return
	}
	if _, declared := op.Responses.Codes.Get(code[:1] + "XX"); declared {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.respErrors = append(s.respErrors, fmt.Sprintf("%s %s -> %d: the spec declares no such status for %s",
		r.Method, r.URL.Path, status, op.OperationId))
}

// checkResponse validates an answer against the spec and records what is wrong with it.
func (s *Server) checkResponse(k *kindSpec, r *http.Request, status int, ctype string, data []byte) {
	resp := &http.Response{
		StatusCode: status,
		Header:     http.Header{"Content-Type": {ctype}},
		Body:       io.NopCloser(bytes.NewReader(data)),
		Request:    r,
	}
	ok, errs := s.spec.Validator.ValidateHttpResponse(r, resp)
	if ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range errs {
		failures := slices.DeleteFunc(slices.Clone(e.SchemaValidationErrors), func(f *liberrors.SchemaValidationFailure) bool {
			return omittedSecret(k, f)
		})
		if len(e.SchemaValidationErrors) > 0 && len(failures) == 0 {
			continue
		}
		reported := *e
		reported.SchemaValidationErrors = failures
		s.respErrors = append(s.respErrors, fmt.Sprintf("%s %s -> %d: %s", r.Method, r.URL.Path, status, reported.Error()))
	}
}

var missingProperty = regexp.MustCompile(`^missing property '([^']+)'$`)

// omittedSecret reports whether a failure is a secret the response leaves out although the schema requires it
// (tls.client_identity.key of a backend cluster: GatewaySecret says "omitted from API responses").
func omittedSecret(k *kindSpec, f *liberrors.SchemaValidationFailure) bool {
	m := missingProperty.FindStringSubmatch(f.Reason)
	if k == nil || path.Base(f.KeywordLocation) != "required" || m == nil {
		return false
	}
	var segs []string
	for i, seg := range f.InstancePath {
		if _, err := strconv.Atoi(seg); err != nil && (i > 0 || seg != "data") {
			segs = append(segs, seg)
		}
	}
	field := strings.Join(append(segs, m[1]), ".")
	return slices.ContainsFunc(k.secrets, func(p jsonPath) bool { return p.String() == field })
}

func encodeReply(rep reply) (ctype string, data []byte) {
	if rep.body == nil {
		return "", nil
	}
	ctype = "application/json"
	if e, ok := rep.body.(*apiError); ok {
		ctype = "application/problem+json"
		e.Instance = fmt.Sprintf("kong:trace:%019d", rand.Uint64N(1e19)) //nolint:gosec // a trace ID, not a secret
	}
	data, err := json.Marshal(rep.body)
	if err != nil {
		panic(fmt.Sprintf("konnect emulator: encode response: %v", err))
	}
	return ctype, data
}

func writeRaw(w http.ResponseWriter, status int, ctype string, data []byte) {
	if ctype != "" {
		w.Header().Set("Content-Type", ctype)
	}
	w.WriteHeader(status)
	_, _ = w.Write(data) //nolint:gosec // JSON API responses, never rendered as HTML
}

func writeReply(w http.ResponseWriter, rep reply) {
	ctype, data := encodeReply(rep)
	writeRaw(w, rep.status, ctype, data)
}
