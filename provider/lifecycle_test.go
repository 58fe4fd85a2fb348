package provider_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
)

// env is a gateway with one of each parent object, created through the provider.
type env struct {
	h                                                             *harness
	gateway                                                       obj
	gatewayID, backendClusterID, virtualClusterID, listenerID     string
	backendClusterName, virtualClusterName, gatewayName, testName string
}

// newEnv creates a gateway, an anonymous backend cluster, a virtual cluster and a listener; the gateway (and
// everything under it) is deleted when the test ends.
func newEnv(t *testing.T) *env {
	t.Helper()
	h := newHarness(t)
	e := &env{h: h, testName: slug(t.Name())}
	e.gatewayName = "gw-" + e.testName
	e.gateway = h.create("EventGateway", "gw", map[string]any{"name": e.gatewayName})
	e.gatewayID = e.gateway.ID
	t.Cleanup(func() { h.remove(e.gateway) })
	e.backendClusterName = "bc-" + e.testName
	e.backendClusterID = h.create("BackendCluster", "bc", map[string]any{
		"gatewayId": e.gatewayID, "name": e.backendClusterName,
		"bootstrapServers": []any{"kafka:9092"},
		"authentication":   map[string]any{"type": "anonymous"},
		"tls":              map[string]any{"enabled": false},
		"insecureAllowAnonymousVirtualClusterAuth": true,
	}).ID
	e.virtualClusterName = "vc-" + e.testName
	e.virtualClusterID = h.create("VirtualCluster", "vc", map[string]any{
		"gatewayId": e.gatewayID, "name": e.virtualClusterName,
		"destination":    map[string]any{"id": e.backendClusterID},
		"authentication": []any{map[string]any{"type": "anonymous"}},
		"aclMode":        "passthrough",
		"dnsLabel":       "vc",
	}).ID
	e.listenerID = h.create("Listener", "listener", map[string]any{
		"gatewayId": e.gatewayID, "name": "listener-" + e.testName,
		"addresses": []any{"0.0.0.0"}, "ports": []any{"9092-9095"},
	}).ID
	return e
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// lifecycleCase describes one resource type's lifecycle test.
type lifecycleCase struct {
	typ string
	// inputs are the first inputs; update changes them in place, changing the listed properties.
	inputs  func(e *env) map[string]any
	update  func(e *env) map[string]any
	changes []string
	// outOfBand creates an object with a plain API call and returns the import ID and the program inputs that
	// describe it.
	outOfBand func(t *testing.T, e *env) (importID string, program map[string]any)
	// importChanges are the properties a diff against the imported state reports (secrets the API never returns).
	importChanges []string
}

func TestLifecycle(t *testing.T) {
	certPEM, keyPEM := selfSigned(t, "keg.example.com")
	cert2PEM, key2PEM := selfSigned(t, "keg2.example.com")
	cases := []lifecycleCase{
		{
			typ: "EventGateway",
			inputs: func(e *env) map[string]any {
				return map[string]any{"name": "subject-" + e.testName, "description": "first", "labels": map[string]any{"env": "test"}}
			},
			update: func(e *env) map[string]any {
				return map[string]any{"name": "subject-" + e.testName, "description": "second", "labels": map[string]any{"env": "prod"}}
			},
			changes: []string{"description", "labels"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				name := "oob-" + e.testName
				id := apiPost(t, "/v1/event-gateways", map[string]any{"name": name, "description": "made elsewhere"})
				t.Cleanup(func() { _ = emu.Delete(konnectemu.KindGateway, id) })
				return id, map[string]any{"name": name, "description": "made elsewhere"}
			},
		},
		{
			typ: "BackendCluster",
			inputs: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "name": "subject",
					"bootstrapServers": []any{"kafka-0.kafka:9092"},
					"authentication":   map[string]any{"type": "sasl_scram", "algorithm": "sha512", "username": "svc", "password": "first-password"},
					"tls":              map[string]any{"enabled": true, "tlsVersions": []any{"tls13"}},
				}
			},
			update: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "name": "subject", "description": "two brokers",
					"bootstrapServers": []any{"kafka-0.kafka:9092", "kafka-1.kafka:9092"},
					"authentication":   map[string]any{"type": "sasl_scram", "algorithm": "sha512", "username": "svc", "password": "first-password"},
					"tls":              map[string]any{"enabled": true, "tlsVersions": []any{"tls13"}},
				}
			},
			changes: []string{"description", "bootstrapServers"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/backend-clusters", map[string]any{
					"name": "oob", "bootstrap_servers": []any{"broker:9093"},
					"authentication": map[string]any{"type": "sasl_plain", "username": "u", "password": "oob-password"},
					"tls":            map[string]any{"enabled": true},
				})
				return e.gatewayID + "/" + id, map[string]any{
					"gatewayId": e.gatewayID, "name": "oob", "bootstrapServers": []any{"broker:9093"},
					"authentication": map[string]any{"type": "sasl_plain", "username": "u", "password": "oob-password"},
					"tls":            map[string]any{"enabled": true},
				}
			},
			importChanges: []string{"authentication.password"},
		},
		{
			typ: "VirtualCluster",
			inputs: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "name": "subject", "destination": map[string]any{"id": e.backendClusterID},
					"authentication": []any{map[string]any{"type": "anonymous"}},
					"aclMode":        "passthrough", "dnsLabel": "subject",
					"namespace": map[string]any{"mode": "hide_prefix", "prefix": "team-"},
				}
			},
			update: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "name": "subject", "destination": map[string]any{"id": e.backendClusterID},
					"authentication": []any{
						map[string]any{"type": "anonymous"},
						map[string]any{"type": "sasl_plain", "mediation": "terminate",
							"principals": []any{map[string]any{"username": "app", "password": "app-password"}}},
					},
					"aclMode": "enforce_on_gateway", "dnsLabel": "subject",
					"namespace": map[string]any{"mode": "hide_prefix", "prefix": "team-"},
				}
			},
			changes: []string{"authentication", "aclMode", "authentication[1].principals[0].password"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/virtual-clusters", map[string]any{
					"name": "oob", "destination": map[string]any{"name": e.backendClusterName},
					"authentication": []any{map[string]any{"type": "sasl_scram", "algorithm": "sha256"}},
					"acl_mode":       "enforce_on_gateway", "dns_label": "oob",
					"topic_aliases": []any{map[string]any{"alias": "orders", "topic": "orders-v2"}},
				})
				return e.gatewayID + "/" + id, map[string]any{
					"gatewayId": e.gatewayID, "name": "oob", "destination": map[string]any{"name": e.backendClusterName},
					"authentication": []any{map[string]any{"type": "sasl_scram", "algorithm": "sha256"}},
					"aclMode":        "enforce_on_gateway", "dnsLabel": "oob",
					"topicAliases": []any{map[string]any{"alias": "orders", "topic": "orders-v2"}},
				}
			},
		},
		{
			typ: "Listener",
			inputs: func(e *env) map[string]any {
				return map[string]any{"gatewayId": e.gatewayID, "name": "subject", "addresses": []any{"0.0.0.0"}, "ports": []any{"19092-19095"}}
			},
			update: func(e *env) map[string]any {
				return map[string]any{"gatewayId": e.gatewayID, "name": "subject", "addresses": []any{"0.0.0.0"}, "ports": []any{"19092", "19093-19096"}}
			},
			changes: []string{"ports"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/listeners", map[string]any{
					"name": "oob", "addresses": []any{"::"}, "ports": []any{29092, "29093-29094"},
				})
				return e.gatewayID + "/" + id, map[string]any{
					"gatewayId": e.gatewayID, "name": "oob", "addresses": []any{"::"}, "ports": []any{"29092", "29093-29094"},
				}
			},
		},
		{
			typ: "ListenerPolicy",
			inputs: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "listenerId": e.listenerID, "type": "tls_server",
					"tlsServer": map[string]any{"certificates": []any{map[string]any{"certificate": certPEM, "key": keyPEM}}},
				}
			},
			update: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "listenerId": e.listenerID, "type": "tls_server",
					"tlsServer": map[string]any{
						"certificates":   []any{map[string]any{"certificate": cert2PEM, "key": key2PEM}},
						"allowPlaintext": true,
					},
				}
			},
			changes: []string{"tlsServer", "tlsServer.certificates[0].key"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/listeners/"+e.listenerID+"/policies", map[string]any{
					"type": "forward_to_virtual_cluster", "name": "oob",
					"config": map[string]any{"type": "port_mapping", "destination": map[string]any{"name": e.virtualClusterName},
						"advertised_host": "10.0.0.7"},
				})
				return e.gatewayID + "/" + e.listenerID + "/" + id, map[string]any{
					"gatewayId": e.gatewayID, "listenerId": e.listenerID, "type": "forward_to_virtual_cluster", "name": "oob",
					"forwardToVirtualCluster": map[string]any{"type": "port_mapping",
						"destination": map[string]any{"name": e.virtualClusterName}, "advertisedHost": "10.0.0.7"},
				}
			},
		},
		{
			typ: "ClusterPolicy",
			inputs: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID,
					"acls": map[string]any{"rules": []any{map[string]any{
						"resourceType": "topic", "action": "allow", "operations": []any{"read"}, "resourceNames": []any{"orders-*"},
					}}},
				}
			},
			update: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "condition": "context.auth.principal.name == 'app'",
					"acls": map[string]any{"rules": []any{map[string]any{
						"resourceType": "topic", "action": "allow", "operations": []any{"read", "describe"}, "resourceNames": []any{"orders-*"},
					}}},
				}
			},
			changes: []string{"condition", "acls"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/virtual-clusters/"+e.virtualClusterID+"/cluster-policies", map[string]any{
					"type": "acls", "name": "oob",
					"config": map[string]any{"rules": []any{map[string]any{
						"resource_type": "group", "action": "deny", "operations": []any{map[string]any{"name": "all"}},
						"resource_names": "context.auth.principal.name",
					}}},
				})
				return e.gatewayID + "/" + e.virtualClusterID + "/" + id, map[string]any{
					"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "name": "oob",
					"acls": map[string]any{"rules": []any{map[string]any{
						"resourceType": "group", "action": "deny", "operations": []any{"all"},
						"resourceNamesExpression": "context.auth.principal.name",
					}}},
				}
			},
		},
		{
			typ: "ConsumePolicy",
			inputs: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "modify_headers",
					"modifyHeaders": map[string]any{"actions": []any{map[string]any{"op": "set", "key": "x-env", "value": "test"}}},
				}
			},
			update: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "modify_headers", "enabled": false,
					"modifyHeaders": map[string]any{"actions": []any{
						map[string]any{"op": "set", "key": "x-env", "value": "test"},
						map[string]any{"op": "remove", "key": "x-internal"},
					}},
				}
			},
			changes: []string{"enabled", "modifyHeaders"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/virtual-clusters/"+e.virtualClusterID+"/consume-policies", map[string]any{
					"type": "skip_record", "name": "oob", "condition": "record.value.size > 1000",
				})
				return e.gatewayID + "/" + e.virtualClusterID + "/" + id, map[string]any{
					"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "skip_record", "name": "oob",
					"condition": "record.value.size > 1000",
				}
			},
		},
		{
			typ: "ProducePolicy",
			inputs: func(e *env) map[string]any {
				e.h.create("StaticKey", "key", map[string]any{"gatewayId": e.gatewayID, "name": "key", "value": staticKeyValue(t)})
				return map[string]any{
					"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "encrypt",
					"encrypt": map[string]any{"failureMode": "error", "partOfRecord": []any{"value"},
						"encryptionKey": map[string]any{"type": "static", "key": map[string]any{"name": "key"}}},
				}
			},
			update: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "encrypt",
					"encrypt": map[string]any{"failureMode": "passthrough", "partOfRecord": []any{"key", "value"},
						"encryptionKey": map[string]any{"type": "static", "key": map[string]any{"name": "key"}}},
				}
			},
			changes: []string{"encrypt"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/virtual-clusters/"+e.virtualClusterID+"/produce-policies", map[string]any{
					"type": "modify_headers", "name": "oob",
					"config": map[string]any{"actions": []any{map[string]any{"op": "remove", "key": "x-debug"}}},
				})
				return e.gatewayID + "/" + e.virtualClusterID + "/" + id, map[string]any{
					"gatewayId": e.gatewayID, "virtualClusterId": e.virtualClusterID, "type": "modify_headers", "name": "oob",
					"modifyHeaders": map[string]any{"actions": []any{map[string]any{"op": "remove", "key": "x-debug"}}},
				}
			},
		},
		{
			typ: "SchemaRegistry",
			inputs: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "name": "subject",
					"config": map[string]any{"schemaType": "avro", "endpoint": "https://registry.example.com",
						"authentication": map[string]any{"username": "reader", "password": "registry-password"}},
				}
			},
			update: func(e *env) map[string]any {
				return map[string]any{
					"gatewayId": e.gatewayID, "name": "subject", "labels": map[string]any{"team": "data"},
					"config": map[string]any{"schemaType": "avro", "endpoint": "https://registry.example.com", "timeoutSeconds": 30,
						"authentication": map[string]any{"username": "reader", "password": "registry-password"}},
				}
			},
			changes: []string{"labels", "config"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/schema-registries", map[string]any{
					"type": "confluent", "name": "oob", "config": map[string]any{"schema_type": "json", "endpoint": "http://registry:8081"},
				})
				return e.gatewayID + "/" + id, map[string]any{
					"gatewayId": e.gatewayID, "name": "oob", "config": map[string]any{"schemaType": "json", "endpoint": "http://registry:8081"},
				}
			},
		},
		{
			typ: "TLSTrustBundle",
			inputs: func(e *env) map[string]any {
				return map[string]any{"gatewayId": e.gatewayID, "name": "subject", "config": map[string]any{"trustedCa": certPEM}}
			},
			update: func(e *env) map[string]any {
				return map[string]any{"gatewayId": e.gatewayID, "name": "subject", "config": map[string]any{"trustedCa": certPEM + cert2PEM}}
			},
			changes: []string{"config"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/tls-trust-bundles", map[string]any{
					"name": "oob", "description": "clients", "config": map[string]any{"trusted_ca": cert2PEM},
				})
				return e.gatewayID + "/" + id, map[string]any{
					"gatewayId": e.gatewayID, "name": "oob", "description": "clients", "config": map[string]any{"trustedCa": cert2PEM},
				}
			},
		},
		{
			typ: "DataPlaneCertificate",
			inputs: func(e *env) map[string]any {
				return map[string]any{"gatewayId": e.gatewayID, "certificate": certPEM}
			},
			update: func(e *env) map[string]any {
				return map[string]any{"gatewayId": e.gatewayID, "certificate": cert2PEM, "description": "rotated"}
			},
			changes: []string{"certificate", "description"},
			outOfBand: func(t *testing.T, e *env) (string, map[string]any) {
				id := apiPost(t, "/v1/event-gateways/"+e.gatewayID+"/data-plane-certificates", map[string]any{
					"name": "oob", "certificate": cert2PEM,
				})
				return e.gatewayID + "/" + id, map[string]any{"gatewayId": e.gatewayID, "name": "oob", "certificate": cert2PEM}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.typ, func(t *testing.T) {
			e := newEnv(t)
			h := e.h
			inputs, updated := c.inputs(e), c.update(e)

			created := h.create(c.typ, "subject", inputs)
			secretsIn := append(secretValues(created.Inputs), secretValues(h.check(c.typ, "subject", created.Inputs, updated))...)
			var states []obj
			defer func() {
				for _, o := range states {
					for _, s := range secretsIn {
						assertNotInState(t, o, s)
					}
				}
			}()
			read := h.read(created)
			states = append(states, created, read)
			assert.Equal(t, created.ID, read.ID)
			assert.Equal(t, plain(created.State), plain(read.State), "state after refresh")
			assert.Equal(t, plain(created.Inputs), plain(read.Inputs), "inputs after refresh")
			assertNoChanges(t, h.diff(read, inputs))

			assertUpdates(t, h.diff(read, updated), c.changes...)
			emu.ResetCalls()
			after := h.update(read, updated)
			assert.Zero(t, countCalls("POST "), "an update must not create")
			after = h.read(after)
			states = append(states, after)
			assertNoChanges(t, h.diff(after, updated))

			h.remove(after)
			assert.Empty(t, h.read(after).ID, "a deleted object reads as gone")
			h.remove(after) // already gone: still a success

			importID, program := c.outOfBand(t, e)
			imported := h.importID(c.typ, "imported", importID)
			require.NotEmpty(t, imported.ID, "import")
			assert.Equal(t, importID[strings.LastIndex(importID, "/")+1:], imported.ID, "the resource ID is the object's ID")
			if len(c.importChanges) == 0 {
				assertNoChanges(t, h.diff(imported, program))
			} else {
				assertUpdates(t, h.diff(imported, program), c.importChanges...)
			}
		})
	}
}

// countCalls counts the emulator calls whose key starts with prefix (e.g. "POST ").
func countCalls(prefix string) int {
	n := 0
	for k, v := range emu.Calls() {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// selfSigned returns a self-signed certificate for host and its private key, PEM-encoded.
func selfSigned(t *testing.T, host string) (certPEM, keyPEM string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: host},
		DNSNames:     []string{host},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	keyDER, err := x509.MarshalECPrivateKey(key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}))
}

// staticKeyValue returns random key material.
func staticKeyValue(t *testing.T) string {
	t.Helper()
	b := make([]byte, 32)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(b)
}
