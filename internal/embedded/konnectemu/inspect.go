package konnectemu

import (
	"cmp"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Calls counts requests by "METHOD /spec/path/{template}" (for example
// "POST /v1/event-gateways/{gatewayId}/listeners"); requests for unknown operations count under their raw path.
func (s *Server) Calls() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.calls)
}

// WriteCalls counts POST, PUT, PATCH and DELETE requests.
func (s *Server) WriteCalls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for key, count := range s.calls {
		method, _, _ := strings.Cut(key, " ")
		switch method {
		case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
			n += count
		}
	}
	return n
}

// ResetCalls zeroes the call counters.
func (s *Server) ResetCalls() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.calls)
}

// ValidationErrors lists the requests the spec rejected (and requests for operations it does not have).
func (s *Server) ValidationErrors() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.reqErrors)
}

// ResponseValidationErrors lists emulator answers that do not match the spec; it should always be empty.
func (s *Server) ResponseValidationErrors() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.respErrors)
}

// Object is a stored entity as Snapshot reports it.
type Object struct {
	Kind Kind
	ID   string
	// ParentID is the id of the gateway, listener or virtual cluster above it ("" for gateways).
	ParentID string
	// Body holds the stored client fields, secrets included (nil for nodes).
	Body map[string]any
}

// Count is the number of stored entities of every kind, nodes included.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.store.objects)
}

// Snapshot copies every stored entity, ordered by kind, then parent, then position.
func (s *Server) Snapshot() []Object {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Object
	for key, ids := range s.store.children {
		for _, id := range ids {
			out = append(out, Object{Kind: key.kind, ID: id, ParentID: key.parent, Body: deepCopy(s.store.objects[id].body)})
		}
	}
	slices.SortStableFunc(out, func(a, b Object) int {
		return cmp.Or(strings.Compare(string(a.Kind), string(b.Kind)), strings.Compare(a.ParentID, b.ParentID))
	})
	return out
}

// Mutate changes a stored entity out of band, as a change in the Konnect UI would: fn edits the stored fields in
// place (no validation, references are not re-resolved) and updated_at and the gateway version move on.
func (s *Server) Mutate(k Kind, id string, fn func(body map[string]any)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.store.objects[id]
	if o == nil || o.kind != k || o.body == nil {
		return fmt.Errorf("konnect emulator: no %s %s", k, id)
	}
	fn(o.body)
	s.store.touch(o, time.Now().UTC())
	return nil
}

// Delete removes a stored entity and everything below it out of band, as a deletion in the Konnect UI would; like
// the API it refuses while another entity references it.
func (s *Server) Delete(k Kind, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.store.objects[id]
	if o == nil || o.kind != k {
		return fmt.Errorf("konnect emulator: no %s %s", k, id)
	}
	if err := s.remove(o); err != nil {
		return fmt.Errorf("konnect emulator: %s", err.Detail)
	}
	return nil
}

// SeedNode registers a data-plane node with a gateway (nothing in the API creates nodes) and returns its id.
func (s *Server) SeedNode(gatewayID string, n Node) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.store.get(KindGateway, "", gatewayID)
	if g == nil {
		return "", fmt.Errorf("konnect emulator: no %s %s", KindGateway, gatewayID)
	}
	now := time.Now().UTC()
	n.ID = cmp.Or(n.ID, uuid.NewString())
	n.Version = cmp.Or(n.Version, "1.1.0")
	n.ConfigVersion = cmp.Or(n.ConfigVersion, gatewayVersion(g.version))
	if n.LastSeenAt.IsZero() {
		n.LastSeenAt = now
	}
	if n.ConfigAppliedAt.IsZero() {
		n.ConfigAppliedAt = now
	}
	s.store.insert(&object{kind: KindNode, id: n.ID, parentID: gatewayID, created: now, updated: now, node: &n}, -1)
	return n.ID, nil
}
