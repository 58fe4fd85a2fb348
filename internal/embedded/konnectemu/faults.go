package konnectemu

import (
	"bytes"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"
)

type faultMode int

const (
	modeStatus faultMode = iota + 1
	modeLatency
	modeCommitLate
	modeCommitThenDrop
)

// FaultKind is what an injected fault does: FaultStatus(code) (Fault429, Fault500), FaultLatency(d),
// FaultCommitLate(d) or FaultCommitThenDrop.
type FaultKind struct {
	mode   faultMode
	status int
	delay  time.Duration
}

var (
	// Fault429 answers 429 Too Many Requests with a Retry-After header, without performing the operation.
	Fault429 = FaultStatus(http.StatusTooManyRequests)
	// Fault500 answers 500 Internal Server Error without performing the operation.
	Fault500 = FaultStatus(http.StatusInternalServerError)
	// FaultCommitThenDrop performs the operation, then closes the connection without a response: an ambiguous
	// outcome for the client.
	FaultCommitThenDrop = FaultKind{mode: modeCommitThenDrop}
)

// FaultStatus answers status (429, 500, 502, 503 or 504) with a problem document, without performing the
// operation. Its answer is checked against the spec like any other; another status is recorded as off-spec.
func FaultStatus(status int) FaultKind { return FaultKind{mode: modeStatus, status: status} }

// FaultLatency delays the request by d, then serves it normally; a client that gives up first gets nothing done.
func FaultLatency(d time.Duration) FaultKind { return FaultKind{mode: modeLatency, delay: d} }

// FaultCommitLate performs the operation d after the request arrived, whether or not the client is still waiting:
// a client that times out first has a create land after it gave up.
func FaultCommitLate(d time.Duration) FaultKind { return FaultKind{mode: modeCommitLate, delay: d} }

// Fault describes requests to disturb and how.
type Fault struct {
	// Method matches the request method; "" matches any.
	Method string
	// PathPattern matches the spec path template ("/v1/event-gateways/{gatewayId}/listeners") or the concrete
	// request path; "" matches any.
	PathPattern string
	// Times is how many matching requests the fault hits; 0 or less means all of them, until ClearFaults.
	Times int
	// Kind is what the fault does.
	Kind FaultKind
	// RetryAfter is the Retry-After of a FaultStatus answer, rounded up to whole seconds; a 429's defaults to 1s,
	// other statuses send none by default.
	RetryAfter time.Duration
	// RetryAfterDate sends RetryAfter as an HTTP date instead of seconds.
	RetryAfterDate bool
}

func (f *Fault) matches(method, template, path string) bool {
	return (f.Method == "" || f.Method == method) &&
		(f.PathPattern == "" || f.PathPattern == template || f.PathPattern == path)
}

// InjectFault adds a fault; the first active fault matching a request applies to it.
func (s *Server) InjectFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults removes every injected fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// takeFault returns the fault for a request and uses one of its Times. Call with s.mu held.
func (s *Server) takeFault(r *http.Request, template string) *Fault {
	for i, f := range s.faults {
		if !f.matches(r.Method, template, r.URL.Path) {
			continue
		}
		if f.Times > 0 {
			if f.Times--; f.Times == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
		}
		return f
	}
	return nil
}

// before applies the part of the fault that precedes the operation. It returns the fault's own answer, if it has
// one, and whether the request is done with (answered, or given up by its client).
func (f *Fault) before(w http.ResponseWriter, r *http.Request) (*reply, bool) {
	switch f.Kind.mode {
	case modeLatency:
		select {
		case <-time.After(f.Kind.delay):
		case <-r.Context().Done():
			return nil, true
		}
	case modeCommitLate:
		// Keep the body: the client's connection may be gone when the operation runs.
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, true
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		time.Sleep(f.Kind.delay)
	case modeStatus:
		f.setRetryAfter(w.Header())
		detail := "injected fault"
		if f.Kind.status == http.StatusTooManyRequests {
			detail = "API rate limit exceeded"
		}
		rep := errorReply(newError(f.Kind.status, "%s", detail))
		return &rep, true
	}
	return nil, false
}

// injectedStatuses are the statuses FaultStatus may answer with on any operation, declared there or not: every
// Konnect operation can meet throttling and a failing or unreachable upstream.
var injectedStatuses = map[int]bool{
	http.StatusTooManyRequests:     true,
	http.StatusInternalServerError: true,
	http.StatusBadGateway:          true,
	http.StatusServiceUnavailable:  true,
	http.StatusGatewayTimeout:      true,
}

// setRetryAfter sets the answer's Retry-After header, in seconds or as an HTTP date.
func (f *Fault) setRetryAfter(h http.Header) {
	retry := f.RetryAfter
	if retry <= 0 && f.Kind.status == http.StatusTooManyRequests {
		retry = time.Second
	}
	switch {
	case retry <= 0:
	case f.RetryAfterDate:
		h.Set("Retry-After", time.Now().Add(retry).Add(time.Second-1).UTC().Format(http.TimeFormat))
	default:
		h.Set("Retry-After", strconv.Itoa(int(math.Ceil(retry.Seconds()))))
	}
}

// drops reports whether the answer must be swallowed by closing the connection.
func (f *Fault) drops() bool { return f != nil && f.Kind.mode == modeCommitThenDrop }

// drop closes the client connection without writing a response.
func drop(w http.ResponseWriter) {
	if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
		_ = conn.Close()
	}
}
