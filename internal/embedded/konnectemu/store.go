package konnectemu

import (
	"slices"
	"time"
)

// object is a stored entity.
type object struct {
	kind     Kind
	id       string
	parentID string // "" for gateways
	// body holds the client-supplied fields (schema defaults applied, secrets included).
	body             map[string]any
	created, updated time.Time
	// refs are the ids of the entities body references.
	refs []string
	// version counts the changes in a gateway (gateways only).
	version int
	// metadata is the parsed certificate (data-plane certificates only).
	metadata *certificateMetadata
	// node is the seeded node (nodes only).
	node *Node
}

type childKey struct {
	parent string
	kind   Kind
}

// store keeps entities by id and, per parent and kind, in chain order.
type store struct {
	objects  map[string]*object
	children map[childKey][]string
}

func newStore() store {
	return store{objects: map[string]*object{}, children: map[childKey][]string{}}
}

// get returns the entity of the given kind and parent, or nil.
func (s *store) get(k Kind, parentID, id string) *object {
	o := s.objects[id]
	if o == nil || o.kind != k || o.parentID != parentID {
		return nil
	}
	return o
}

func (s *store) list(parentID string, k Kind) []*object {
	ids := s.children[childKey{parentID, k}]
	out := make([]*object, len(ids))
	for i, id := range ids {
		out[i] = s.objects[id]
	}
	return out
}

// insert adds o at position pos of its siblings (clamped; -1 appends).
func (s *store) insert(o *object, pos int) {
	key := childKey{o.parentID, o.kind}
	ids := s.children[key]
	if pos < 0 || pos > len(ids) {
		pos = len(ids)
	}
	s.children[key] = slices.Insert(ids, pos, o.id)
	s.objects[o.id] = o
}

// subtree returns id and everything that goes with it: children of every kind and child policies.
func (s *store) subtree(id string) []string {
	o := s.objects[id]
	if o == nil {
		return nil
	}
	out := []string{id}
	for _, k := range kindSpecs {
		if k.parent == o.kind {
			for _, c := range s.children[childKey{id, k.kind}] {
				out = append(out, s.subtree(c)...)
			}
		}
	}
	if kindsByName[o.kind].isPolicy() {
		for _, sib := range s.list(o.parentID, o.kind) {
			if sib.body["parent_policy_id"] == id {
				out = append(out, s.subtree(sib.id)...)
			}
		}
	}
	return out
}

// referrers returns the entities outside the excluded set that reference one of ids.
func (s *store) referrers(ids []string) []*object {
	var out []*object
	for _, o := range s.objects {
		if slices.Contains(ids, o.id) {
			continue
		}
		for _, r := range o.refs {
			if slices.Contains(ids, r) {
				out = append(out, o)
				break
			}
		}
	}
	return out
}

func (s *store) remove(ids []string) {
	for _, id := range ids {
		o := s.objects[id]
		if o == nil {
			continue
		}
		key := childKey{o.parentID, o.kind}
		s.children[key] = slices.DeleteFunc(s.children[key], func(c string) bool { return c == id })
		if len(s.children[key]) == 0 {
			delete(s.children, key)
		}
		delete(s.objects, id)
	}
}

// gateway returns the gateway o belongs to (o itself for a gateway).
func (s *store) gateway(o *object) *object {
	for o != nil && o.kind != KindGateway {
		o = s.objects[o.parentID]
	}
	return o
}

// touch records a change of o at t: its updated_at and its gateway's version.
func (s *store) touch(o *object, t time.Time) {
	o.updated = t
	if g := s.gateway(o); g != nil {
		g.version++
	}
}

// byName finds a sibling by name.
func (s *store) byName(parentID string, k Kind, name string) *object {
	for _, o := range s.list(parentID, k) {
		if o.body["name"] == name {
			return o
		}
	}
	return nil
}
