package konnectemu

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

const (
	defaultPageSize = 100
	// defaultMinRuntimeVersion is what Konnect pins a gateway to when the create omits it: the latest release
	// (the newest x-min-runtime-version the spec mentions).
	defaultMinRuntimeVersion = "1.3"
)

// parentOf checks that every parent named in the path exists under its own parent and returns the direct parent.
func (s *Server) parentOf(k *kindSpec, r *http.Request) (string, *apiError) {
	parent := ""
	for _, a := range k.ancestors() {
		id := r.PathValue(a.idParam)
		if s.store.get(a.kind, parent, id) == nil {
			return "", notFound(a.kind, id)
		}
		parent = id
	}
	return parent, nil
}

func (s *Server) lookup(k *kindSpec, r *http.Request) (*object, *apiError) {
	parent, err := s.parentOf(k, r)
	if err != nil {
		return nil, err
	}
	id := r.PathValue(k.idParam)
	o := s.store.get(k.kind, parent, id)
	if o == nil {
		return nil, notFound(k.kind, id)
	}
	return o, nil
}

// requireBody rejects a write without a body: the spec marks most request bodies optional, Konnect does not.
func (s *Server) requireBody(c *call) *apiError {
	if c.body != nil {
		return nil
	}
	s.reqErrors = append(s.reqErrors, fmt.Sprintf("%s %s: request body is missing", c.r.Method, c.r.URL.Path))
	return badRequest(invalidParameter{Field: "body", Rule: ruleRequired, Source: "body", Reason: "is required"})
}

func (s *Server) get(k *kindSpec, c *call) reply {
	o, err := s.lookup(k, c.r)
	if err != nil {
		return errorReply(err)
	}
	return reply{http.StatusOK, s.render(o)}
}

func (s *Server) create(k *kindSpec, c *call) reply {
	parent, err := s.parentOf(k, c.r)
	if err == nil {
		err = s.requireBody(c)
	}
	if err != nil {
		return errorReply(err)
	}
	now := time.Now().UTC()
	o := &object{kind: k.kind, id: uuid.NewString(), parentID: parent, body: c.body, created: now, updated: now}
	if err := s.admit(k, o, nil); err != nil {
		return errorReply(err)
	}
	pos := -1
	if k.isPolicy() {
		if pos, err = s.position(k, parent, c.r.URL.Query()); err != nil {
			return errorReply(err)
		}
	}
	s.store.insert(o, pos)
	s.store.touch(o, now)
	return reply{http.StatusCreated, s.render(o)}
}

// update is PUT: a full replace (omitted secrets are kept).
func (s *Server) update(k *kindSpec, c *call) reply {
	o, err := s.lookup(k, c.r)
	if err == nil {
		err = s.requireBody(c)
	}
	if err != nil {
		return errorReply(err)
	}
	return s.replace(k, o, c.body)
}

// patch is PATCH: a JSON merge patch (RFC 7386) of the stored fields.
func (s *Server) patch(k *kindSpec, c *call) reply {
	o, err := s.lookup(k, c.r)
	if err == nil {
		err = s.requireBody(c)
	}
	if err != nil {
		return errorReply(err)
	}
	return s.replace(k, o, mergePatch(deepCopy(o.body), c.body))
}

func (s *Server) replace(k *kindSpec, o *object, body map[string]any) reply {
	next := *o
	next.body = body
	if err := s.admit(k, &next, o); err != nil {
		return errorReply(err)
	}
	*o = next
	s.store.touch(o, time.Now().UTC())
	return reply{http.StatusOK, s.render(o)}
}

func mergePatch(target, patch map[string]any) map[string]any {
	for key, v := range patch {
		switch pv := v.(type) {
		case nil:
			delete(target, key)
		case map[string]any:
			tv, _ := target[key].(map[string]any)
			if tv == nil {
				tv = map[string]any{}
			}
			target[key] = mergePatch(tv, pv)
		default:
			target[key] = v
		}
	}
	return target
}

// delete removes the entity with everything below it (cascade), unless something else references it (409).
func (s *Server) delete(k *kindSpec, c *call) reply {
	o, err := s.lookup(k, c.r)
	if err == nil {
		err = s.remove(o)
	}
	if err != nil {
		return errorReply(err)
	}
	return reply{status: http.StatusNoContent}
}

func (s *Server) remove(o *object) *apiError {
	ids := s.store.subtree(o.id)
	if users := s.store.referrers(ids); len(users) > 0 {
		return newError(http.StatusConflict, "%s %s is referenced by %s %s", o.kind, o.id, users[0].kind, users[0].id)
	}
	s.store.touch(o, time.Now().UTC())
	s.store.remove(ids)
	return nil
}

// listPage is the paginated list shape {meta: CursorMeta, data}.
type listPage struct {
	Meta cursorMeta `json:"meta"`
	Data []any      `json:"data"`
}

type cursorMeta struct {
	Page cursorPage `json:"page"`
}

type cursorPage struct {
	Size     int     `json:"size"`
	Next     *string `json:"next"`
	Previous *string `json:"previous"`
}

func (s *Server) list(k *kindSpec, c *call) reply {
	parent, err := s.parentOf(k, c.r)
	if err != nil {
		return errorReply(err)
	}
	q := c.r.URL.Query()
	items := []any{}
	for _, o := range s.store.list(parent, k.kind) {
		if s.matches(o, q) {
			items = append(items, s.render(o))
		}
	}
	if k.bareList {
		return reply{http.StatusOK, items}
	}
	return s.page(c.r, items)
}

// matches applies the filter[...] query parameters the spec defines for lists.
func (s *Server) matches(o *object, q url.Values) bool {
	if q.Has("filter[name][contains]") {
		name, _ := o.body["name"].(string)
		if !strings.Contains(strings.ToLower(name), strings.ToLower(q.Get("filter[name][contains]"))) {
			return false
		}
	}
	if q.Has("filter[backend_cluster_id][eq]") && !slices.Contains(o.refs, q.Get("filter[backend_cluster_id][eq]")) {
		return false
	}
	if q.Has("filter[virtual_cluster_id][eq]") {
		vc := q.Get("filter[virtual_cluster_id][eq]")
		if !slices.ContainsFunc(s.store.list(o.id, KindListenerPolicy), func(p *object) bool { return slices.Contains(p.refs, vc) }) {
			return false
		}
	}
	if q.Has("filter[parent_policy_id]") && o.body["parent_policy_id"] != q.Get("filter[parent_policy_id]") {
		return false
	}
	return true
}

// page cuts a page out of items; the page[after] cursor is an opaque encoding of the offset.
func (s *Server) page(r *http.Request, items []any) reply {
	q := r.URL.Query()
	size := defaultPageSize
	if n, err := strconv.Atoi(q.Get("page[size]")); err == nil && n > 0 {
		size = n
	}
	offset := 0
	if after := q.Get("page[after]"); after != "" {
		raw, err := base64.RawURLEncoding.DecodeString(after)
		if err == nil {
			offset, err = strconv.Atoi(string(raw))
		}
		if err != nil || offset < 0 {
			return errorReply(badRequest(invalidParameter{Field: "page[after]", Source: "query", Reason: "is not a valid cursor"}))
		}
	}
	offset = min(offset, len(items))
	end := min(offset+size, len(items))
	link := func(at int) *string {
		q.Set("page[after]", base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(at))))
		l := r.URL.Path + "?" + q.Encode()
		return &l
	}
	p := cursorPage{Size: size}
	if end < len(items) {
		p.Next = link(end)
	}
	if offset > 0 {
		p.Previous = link(max(0, offset-size))
	}
	return reply{http.StatusOK, listPage{Meta: cursorMeta{Page: p}, Data: items[offset:end]}}
}

// position finds where a new policy goes from the before/after query parameters (-1: the end of the chain).
func (s *Server) position(k *kindSpec, parent string, q url.Values) (int, *apiError) {
	before, after := q.Get("before"), q.Get("after")
	if before != "" && after != "" {
		return 0, badRequest(invalidParameter{Field: "before", Source: "query", Reason: "before and after are mutually exclusive"})
	}
	anchor, field, offset := before, "before", 0
	if after != "" {
		anchor, field, offset = after, "after", 1
	}
	if anchor == "" {
		return -1, nil
	}
	i := slices.Index(s.store.children[childKey{parent, k.kind}], anchor)
	if i < 0 {
		return 0, badRequest(invalidParameter{Field: field, Rule: ruleMissingReference, Source: "query",
			Reason: fmt.Sprintf("policy %s does not exist", anchor)})
	}
	return i + offset, nil
}

// move is POST .../move {index}: the policy goes to that position of its chain.
func (s *Server) move(k *kindSpec, c *call) reply {
	o, err := s.lookup(k, c.r)
	if err == nil {
		err = s.requireBody(c)
	}
	if err != nil {
		return errorReply(err)
	}
	index, _ := c.body["index"].(float64)
	s.store.remove([]string{o.id})
	s.store.insert(o, int(index))
	s.store.touch(o, time.Now().UTC())
	return reply{status: http.StatusNoContent}
}

// policyChain is the EventGatewayPolicyChainResponse and update body.
type policyChain struct {
	Policies []string `json:"policies"`
}

func (s *Server) getChain(k *kindSpec, c *call) reply {
	parent, err := s.parentOf(k, c.r)
	if err != nil {
		return errorReply(err)
	}
	return reply{http.StatusOK, policyChain{Policies: slices.Clone(s.store.children[childKey{parent, k.kind}])}}
}

// putChain reorders the chain; the body must list every policy of the chain exactly once.
func (s *Server) putChain(k *kindSpec, c *call) reply {
	parent, err := s.parentOf(k, c.r)
	if err == nil {
		err = s.requireBody(c)
	}
	if err != nil {
		return errorReply(err)
	}
	key := childKey{parent, k.kind}
	var order []string
	for _, v := range c.body["policies"].([]any) {
		order = append(order, v.(string))
	}
	current := slices.Sorted(slices.Values(s.store.children[key]))
	if !slices.Equal(slices.Sorted(slices.Values(order)), current) {
		return errorReply(badRequest(invalidParameter{Field: "policies", Source: "body",
			Reason: "must list every policy of the chain exactly once"}))
	}
	if len(order) > 0 {
		s.store.children[key] = order
		s.store.touch(s.store.objects[order[0]], time.Now().UTC())
	}
	return reply{http.StatusOK, policyChain{Policies: slices.Clone(order)}}
}

func (s *Server) nodeErrors(k *kindSpec, c *call) reply {
	o, err := s.lookup(k, c.r)
	if err != nil {
		return errorReply(err)
	}
	items := []any{}
	for _, e := range o.node.Errors {
		items = append(items, e)
	}
	return reply{http.StatusOK, listPage{Meta: cursorMeta{Page: cursorPage{Size: len(items)}}, Data: items}}
}

// nodeStatus is the EventGatewayNodeStatus response.
type nodeStatus struct {
	ConfigAppliedAt time.Time `json:"config_applied_at"`
	ConfigVersion   string    `json:"config_version"`
}

func (s *Server) nodeStatus(k *kindSpec, c *call) reply {
	o, err := s.lookup(k, c.r)
	if err != nil {
		return errorReply(err)
	}
	return reply{http.StatusOK, nodeStatus{ConfigAppliedAt: o.node.ConfigAppliedAt, ConfigVersion: o.node.ConfigVersion}}
}

// organization is the MeOrganization response.
type organization struct {
	ID                  string    `json:"id"`
	Name                string    `json:"name"`
	OwnerID             string    `json:"owner_id"`
	LoginPath           string    `json:"login_path"`
	CreatedAt           time.Time `json:"created_at"`
	UpdatedAt           time.Time `json:"updated_at"`
	State               string    `json:"state"`
	RetentionPeriodDays int       `json:"retention_period_days"`
}

func (s *Server) organization(*kindSpec, *call) reply {
	return reply{http.StatusOK, organization{
		ID: s.orgID, Name: "Konnect Emulator", OwnerID: s.ownerID,
		CreatedAt: s.started, UpdatedAt: s.started, State: "active", RetentionPeriodDays: 90,
	}}
}
