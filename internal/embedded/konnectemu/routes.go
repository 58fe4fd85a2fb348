package konnectemu

import (
	"net/http"
	"path"
)

// call is one authenticated, spec-valid request on its way to a handler.
type call struct {
	r *http.Request
	// body is the decoded JSON object with schema defaults applied; nil when the request has none.
	body map[string]any
}

// reply is a handler's answer; body is marshalled as JSON (an *apiError as problem+json), nil means none.
type reply struct {
	status int
	body   any
}

func errorReply(e *apiError) reply { return reply{status: e.Status, body: e} }

// handler serves a route; it runs with the server lock held. k is the route's kind (nil for the organization).
type handler func(s *Server, k *kindSpec, c *call) reply

// route is one spec operation: method, spec path template (also the ServeMux pattern) and handler.
type route struct {
	method string
	path   string
	kind   *kindSpec
	handle handler
}

// pattern is the ServeMux pattern, which is also the key of Calls.
func (rt route) pattern() string { return rt.method + " " + rt.path }

// routes lists every served operation.
func routes() []route {
	rs := []route{{method: http.MethodGet, path: orgMePath, handle: (*Server).organization}}
	for _, k := range kindSpecs {
		add := func(o op, method, p string, h handler) {
			if k.ops&o != 0 {
				rs = append(rs, route{method: method, path: p, kind: k, handle: h})
			}
		}
		add(opList, http.MethodGet, k.collection, (*Server).list)
		add(opCreate, http.MethodPost, k.collection, (*Server).create)
		add(opGet, http.MethodGet, k.item(), (*Server).get)
		add(opPut, http.MethodPut, k.item(), (*Server).update)
		add(opPatch, http.MethodPatch, k.item(), (*Server).patch)
		add(opDelete, http.MethodDelete, k.item(), (*Server).delete)
		if k.isPolicy() {
			chain := path.Dir(k.collection) + "/" + k.chain
			rs = append(rs,
				route{method: http.MethodPost, path: k.item() + "/move", kind: k, handle: (*Server).move},
				route{method: http.MethodGet, path: chain, kind: k, handle: (*Server).getChain},
				route{method: http.MethodPut, path: chain, kind: k, handle: (*Server).putChain},
			)
		}
		if k.kind == KindNode {
			rs = append(rs,
				route{method: http.MethodGet, path: k.item() + "/errors", kind: k, handle: (*Server).nodeErrors},
				route{method: http.MethodGet, path: k.item() + "/status", kind: k, handle: (*Server).nodeStatus},
			)
		}
	}
	return rs
}
