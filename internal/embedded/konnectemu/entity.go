package konnectemu

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// admit checks and completes o (new, or the replacement of old) before it is stored: kept fields and secrets,
// unique name, references, kind-specific rules and server-side fields, parent policy.
func (s *Server) admit(k *kindSpec, o, old *object) *apiError {
	if old != nil {
		for _, f := range k.keepOnPut {
			if _, set := o.body[f]; !set && old.body[f] != nil {
				o.body[f] = old.body[f]
			}
		}
		// Update bodies may omit secrets (the *SensitiveDataAware schemas): Konnect keeps the stored value
		// of the same credential.
		for _, p := range k.secrets {
			p.eachPair(o.body, old.body, func(next, prev map[string]any, key string) {
				if _, set := next[key]; !set && prev[key] != nil && sameCredential(next, prev) {
					next[key] = prev[key]
				}
			})
		}
	}
	if name, ok := o.body["name"].(string); ok && k.uniqueName {
		if other := s.store.byName(o.parentID, k.kind, name); other != nil && other.id != o.id {
			return newError(http.StatusConflict, "%s with name %q already exists", k.kind, name)
		}
	}
	if err := s.resolveReferences(k, o); err != nil {
		return err
	}
	switch k.kind {
	case KindGateway:
		if o.body["min_runtime_version"] == nil {
			o.body["min_runtime_version"] = defaultMinRuntimeVersion
		}
	case KindDataPlaneCertificate:
		pemText, _ := o.body["certificate"].(string)
		md, err := parseCertificate(pemText)
		if err != nil {
			return badRequest(invalidParameter{Field: "certificate", Rule: "invalid", Source: "body", Reason: err.Error()})
		}
		o.metadata = md
	case KindVirtualCluster:
		// "If true, virtual clusters can have allow anonymous authentication and use this backend cluster."
		schemes, _ := o.body["authentication"].([]any)
		anonymous := slices.ContainsFunc(schemes, func(a any) bool { return a.(map[string]any)["type"] == "anonymous" })
		if anonymous && s.store.objects[o.refs[0]].body["insecure_allow_anonymous_virtual_cluster_auth"] != true {
			return badRequest(invalidParameter{Field: "authentication", Rule: "invalid", Source: "body",
				Reason: "anonymous authentication needs a backend cluster with insecure_allow_anonymous_virtual_cluster_auth"})
		}
	}
	if parent, ok := o.body["parent_policy_id"].(string); ok && k.isPolicy() {
		if p := s.store.get(k.kind, o.parentID, parent); p == nil || p.id == o.id {
			return missingReference("parent_policy_id", fmt.Sprintf("policy %s does not exist", parent))
		}
	}
	return nil
}

// sameCredential reports whether two objects holding a secret describe the same credential.
func sameCredential(a, b map[string]any) bool {
	for _, f := range []string{"type", "username", "certificate"} {
		if a[f] != b[f] {
			return false
		}
	}
	return true
}

// resolveReferences sets o.refs from the {id}|{name} references in its body; each must exist in the gateway.
func (s *Server) resolveReferences(k *kindSpec, o *object) *apiError {
	gateway := s.store.gateway(o)
	o.refs = nil
	for _, ref := range k.references {
		var missing *apiError
		ref.path.each(o.body, func(holder map[string]any, key string) {
			values, isList := holder[key].([]any)
			if !isList {
				values = []any{holder[key]}
			}
			for _, v := range values {
				m, ok := v.(map[string]any)
				if !ok || missing != nil {
					continue
				}
				id, _ := m["id"].(string)
				name, _ := m["name"].(string)
				target := s.store.get(ref.target, gateway.id, id)
				if id == "" {
					target = s.store.byName(gateway.id, ref.target, name)
				}
				if target == nil {
					missing = missingReference(ref.path.String(), fmt.Sprintf("%s %q does not exist", ref.target, cmp.Or(id, name)))
					continue
				}
				o.refs = append(o.refs, target.id)
			}
		})
		if missing != nil {
			return missing
		}
	}
	return nil
}

// render is the API view of o: stored fields plus server-side ones, with plain-text secrets left out.
func (s *Server) render(o *object) map[string]any {
	if o.kind == KindNode {
		return o.node.render(o)
	}
	out := deepCopy(o.body)
	for _, p := range kindsByName[o.kind].secrets {
		p.each(out, func(holder map[string]any, key string) {
			if v, ok := holder[key].(string); ok && !isExpression(v) {
				delete(holder, key)
			}
		})
	}
	out["id"] = o.id
	out["created_at"] = o.created.Format(time.RFC3339Nano)
	out["updated_at"] = o.updated.Format(time.RFC3339Nano)
	switch o.kind {
	case KindGateway:
		out["nodes_total"] = len(s.store.list(o.id, KindNode))
		out["virtual_clusters_total"] = len(s.store.list(o.id, KindVirtualCluster))
		out["version"] = gatewayVersion(o.version)
	case KindVirtualCluster:
		// The response destination is {id, name}, whatever the request used.
		bc := s.store.objects[o.refs[0]]
		out["destination"] = map[string]any{"id": bc.id, "name": bc.body["name"]}
	case KindDataPlaneCertificate:
		out["metadata"] = o.metadata
	}
	return out
}

// gatewayVersion renders a gateway's change count the way Konnect shows versions ("v1.123").
func gatewayVersion(n int) string { return fmt.Sprintf("v1.%d", n) }

// Node is a data-plane node to seed with SeedNode; zero fields get defaults.
type Node struct {
	// ID defaults to a new UUID.
	ID string
	// Version is the node's runtime version (default "1.1.0").
	Version string
	// LastSeenAt defaults to the seeding time.
	LastSeenAt time.Time
	// ConfigVersion is the applied gateway configuration version (default: the gateway's current version).
	ConfigVersion string
	// ConfigAppliedAt defaults to the seeding time.
	ConfigAppliedAt time.Time
	// Errors are served by the node errors endpoint.
	Errors []NodeError
}

// NodeError is an error reported by a node.
type NodeError struct {
	Name    string `json:"name"`
	Message string `json:"message"`
}

func (n *Node) render(o *object) map[string]any {
	return map[string]any{
		"id":                o.id,
		"version":           n.Version,
		"last_seen_at":      n.LastSeenAt.Format(time.RFC3339Nano),
		"created_at":        o.created.Format(time.RFC3339Nano),
		"updated_at":        o.updated.Format(time.RFC3339Nano),
		"config_applied_at": n.ConfigAppliedAt.Format(time.RFC3339Nano),
		"config_version":    n.ConfigVersion,
	}
}
