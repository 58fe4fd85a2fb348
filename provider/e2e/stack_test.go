package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
)

// fullSet is a gateway with one object of every kind a port's traffic goes through: a SASL backend cluster,
// two virtual clusters, a TLS listener forwarding by SNI, header and encryption policies and a static key.
type fullSet struct {
	gateway string
	// secret wraps a secret value for the program: pulumi.ToSecret, as a generated SDK does, or a plain
	// string, leaving it to the provider's schema to make it secret.
	secret func(string) pulumi.Input
	// tokenSecret marks the provider's token secret in the program.
	tokenSecret bool
	// requestTimeout is the provider's requestTimeoutSeconds; zero leaves the default.
	requestTimeout time.Duration

	saslPassword, principalPassword, staticKey, certPEM, keyPEM string
}

// newFullSet draws the secrets and records them, with the emulator's token, in secrets.
func newFullSet(t *testing.T, gateway string, secrets *secretSet) *fullSet {
	t.Helper()
	f := &fullSet{gateway: gateway, secret: func(v string) pulumi.Input { return pulumi.ToSecret(pulumi.String(v)) }, tokenSecret: true}
	secrets.add("token", token)
	f.saslPassword = secrets.add("SASL password", randomText(t, "sasl-"))
	f.principalPassword = secrets.add("principal password", randomText(t, "principal-"))
	f.staticKey = secrets.add("static key", staticKeyValue(t))
	var key string
	f.certPEM, key = selfSigned(t, "keg.example.com")
	f.keyPEM = secrets.add("private key", key)
	return f
}

// The properties the out-of-band changes touch, as the program sets them.
const (
	listenerDescription = "SNI listener of the e2e test"
	paymentsACLMode     = "enforce_on_gateway"
)

func (f *fullSet) program(ctx *pulumi.Context) error {
	var tok pulumi.Input = pulumi.String(token)
	if f.tokenSecret {
		tok = pulumi.ToSecret(pulumi.String(token))
	}
	config := pulumi.Map{"serverUrl": pulumi.String(emu.URL()), "token": tok}
	if f.requestTimeout != 0 {
		config["requestTimeoutSeconds"] = pulumi.Int(int(f.requestTimeout / time.Second))
	}
	r := newRegistrar(ctx, config)
	gw := r.reg("EventGateway", "gateway", pulumi.Map{
		"name": pulumi.String(f.gateway), "description": pulumi.String("created by the e2e test"),
		"labels": pulumi.StringMap{"env": pulumi.String("e2e")},
	})
	gatewayID := gw.ID()
	backend := r.reg("BackendCluster", "backend", pulumi.Map{
		"gatewayId": gatewayID, "name": pulumi.String("kafka"),
		"bootstrapServers": pulumi.StringArray{pulumi.String("kafka-0.kafka:9092"), pulumi.String("kafka-1.kafka:9092")},
		"authentication": pulumi.Map{
			"type": pulumi.String("sasl_plain"), "username": pulumi.String("gateway"), "password": f.secret(f.saslPassword),
		},
		"tls": pulumi.Map{"enabled": pulumi.Bool(true), "tlsVersions": pulumi.StringArray{pulumi.String("tls13")}},
	})
	orders := r.reg("VirtualCluster", "orders", pulumi.Map{
		"gatewayId": gatewayID, "name": pulumi.String("orders"), "destination": pulumi.Map{"id": backend.ID()},
		"authentication": pulumi.Array{pulumi.Map{"type": pulumi.String("sasl_plain"), "mediation": pulumi.String("passthrough")}},
		"aclMode":        pulumi.String("passthrough"), "dnsLabel": pulumi.String("orders"),
	})
	payments := r.reg("VirtualCluster", "payments", pulumi.Map{
		"gatewayId": gatewayID, "name": pulumi.String("payments"), "destination": pulumi.Map{"id": backend.ID()},
		"authentication": pulumi.Array{pulumi.Map{
			"type": pulumi.String("sasl_plain"), "mediation": pulumi.String("terminate"),
			"principals": pulumi.Array{pulumi.Map{"username": pulumi.String("app"), "password": f.secret(f.principalPassword)}},
		}},
		"aclMode":   pulumi.String(paymentsACLMode),
		"dnsLabel":  pulumi.String("payments"),
		"namespace": pulumi.Map{"mode": pulumi.String("hide_prefix"), "prefix": pulumi.String("payments-")},
	})
	listener := r.reg("Listener", "listener", pulumi.Map{
		"gatewayId": gatewayID, "name": pulumi.String("sni"), "description": pulumi.String(listenerDescription),
		"addresses": pulumi.StringArray{pulumi.String("0.0.0.0")}, "ports": pulumi.StringArray{pulumi.String("9092")},
	})
	tlsServer := r.reg("ListenerPolicy", "tls", pulumi.Map{
		"gatewayId": gatewayID, "listenerId": listener.ID(), "type": pulumi.String("tls_server"),
		"tlsServer": pulumi.Map{"certificates": pulumi.Array{pulumi.Map{
			"certificate": pulumi.String(f.certPEM), "key": f.secret(f.keyPEM),
		}}},
	})
	// SNI routing needs the TLS policy first in the chain.
	r.reg("ListenerPolicy", "forward", pulumi.Map{
		"gatewayId": gatewayID, "listenerId": listener.ID(), "type": pulumi.String("forward_to_virtual_cluster"),
		"forwardToVirtualCluster": pulumi.Map{"type": pulumi.String("sni"), "sniSuffix": pulumi.String(".keg.example.com")},
	}, pulumi.DependsOn([]pulumi.Resource{tlsServer, orders, payments}))
	key := r.reg("StaticKey", "key", pulumi.Map{
		"gatewayId": gatewayID, "name": pulumi.String("orders-key"), "value": f.secret(f.staticKey),
	})
	r.reg("ConsumePolicy", "headers", pulumi.Map{
		"gatewayId": gatewayID, "virtualClusterId": orders.ID(), "type": pulumi.String("modify_headers"),
		"modifyHeaders": pulumi.Map{"actions": pulumi.Array{pulumi.Map{
			"op": pulumi.String("set"), "key": pulumi.String("x-gateway"), "value": pulumi.String("e2e"),
		}}},
	})
	r.reg("ProducePolicy", "encrypt", pulumi.Map{
		"gatewayId": gatewayID, "virtualClusterId": orders.ID(), "type": pulumi.String("encrypt"),
		"encrypt": pulumi.Map{
			"failureMode": pulumi.String("error"), "partOfRecord": pulumi.StringArray{pulumi.String("value")},
			"encryptionKey": pulumi.Map{"type": pulumi.String("static"), "key": pulumi.Map{"id": key.ID()}},
		},
	})
	if r.err != nil {
		return r.err
	}
	ctx.Export("gatewayId", gatewayID)
	ctx.Export("listenerId", listener.ID())
	ctx.Export("paymentsId", payments.ID())
	return nil
}

// fullSetKinds is how many objects of each kind a fullSet makes.
var fullSetKinds = map[konnectemu.Kind]int{
	konnectemu.KindGateway:        1,
	konnectemu.KindBackendCluster: 1,
	konnectemu.KindVirtualCluster: 2,
	konnectemu.KindListener:       1,
	konnectemu.KindListenerPolicy: 2,
	konnectemu.KindConsumePolicy:  1,
	konnectemu.KindProducePolicy:  1,
	konnectemu.KindStaticKey:      1,
}

// fullSetResources is the number of resources a fullSet's `up` reports: the objects, the provider and the stack.
const fullSetResources = 10 + 2

func TestLeakDetector(t *testing.T) {
	var s secretSet
	cert, key := selfSigned(t, "example.com")
	s.add("private key", key)
	doc, err := json.Marshal(map[string]any{"cert": cert, "nested": []any{map[string]any{"k": key}}})
	require.NoError(t, err)
	assert.Equal(t, []string{"private key"}, s.leaksJSON(doc), "a PEM key in JSON (escaped newlines)")
	assert.Empty(t, s.leaksJSON([]byte(`{"cert":`+string(must(json.Marshal(cert)))+`}`)))
	assert.NotContains(t, s.redact("key: "+key), "PRIVATE KEY-----\nM")
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestStack: create, stay idle, notice and repair drift, and destroy a full set through the Pulumi CLI.
func TestStack(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	require.Zero(t, emu.Count(), "the emulator starts empty")
	var secrets secretSet
	set := newFullSet(t, "e2e-full", &secrets)
	s := newStack(t, ctx, "full", &secrets, set.program)
	s.destroyOnFailure()

	emu.ResetCalls()
	preview := s.preview(ctx)
	assert.Equal(t, fullSetResources, preview.Creates, "preview creates")
	assert.Zero(t, emu.WriteCalls(), "a preview writes nothing")

	// Everything is created, with valid requests only.
	emu.ResetCalls()
	up := s.up(ctx)
	createCalls := emu.Calls()
	assert.Equal(t, fullSetResources, up.Creates, "up creates")
	// up --diff prints every input; the secret ones are masked.
	assert.Contains(t, up.Stdout, "password: [secret]")
	gatewayID := output(t, up, "gatewayId")
	assert.Equal(t, fullSetKinds, kinds(gatewayID), "objects in the emulator")
	assert.Equal(t, 10, emu.Count(), "nothing else in the emulator")
	assertValidTraffic(t)
	// One create per object, and no list: a create looks up by name only after an ambiguous failure.
	assert.Equal(t, emu.Count(), callsOf(createCalls, http.MethodPost, true), "creates: %v", createCalls)
	assert.Zero(t, callsOf(createCalls, http.MethodGet, true), "lists during create: %v", createCalls)

	// A second up has nothing to do and sends no write.
	emu.ResetCalls()
	again := s.up(ctx)
	noChanges(t, "the second up", again)
	assert.Equal(t, fullSetResources, again.Sames)
	assert.Zero(t, emu.WriteCalls(), "write calls of the second up: %v", emu.Calls())

	// Changes made in Konnect show in refresh, and the next up repairs them.
	listenerID, paymentsID := output(t, up, "listenerId"), output(t, up, "paymentsId")
	require.NoError(t, emu.Mutate(konnectemu.KindListener, listenerID, func(b map[string]any) {
		b["description"] = "edited in the Konnect UI"
	}))
	require.NoError(t, emu.Mutate(konnectemu.KindVirtualCluster, paymentsID, func(b map[string]any) {
		b["acl_mode"] = "passthrough"
	}))
	emu.ResetCalls()
	refresh := s.refresh(ctx)
	assert.Equal(t, 2, refresh.Updates, "refresh sees both changes")
	assert.Contains(t, refresh.Stdout, `"SNI listener of the e2e test" => "edited in the Konnect UI"`, "refresh --diff shows the change")
	assert.Zero(t, emu.WriteCalls(), "a refresh writes nothing")
	assert.Equal(t, emu.Count(), callsOf(emu.Calls(), http.MethodGet, false), "a refresh reads each object once: %v", emu.Calls())
	assert.Zero(t, callsOf(emu.Calls(), http.MethodGet, true), "lists during refresh: %v", emu.Calls())
	assert.Equal(t, "edited in the Konnect UI", stored(t, konnectemu.KindListener, listenerID)["description"])

	repair := s.up(ctx)
	assert.Equal(t, 2, repair.Updates, "up repairs both changes")
	assert.Zero(t, repair.Creates+repair.Deletes+repair.Replaces, "up only updates: %v", repair.Counts())
	assert.Equal(t, listenerDescription, stored(t, konnectemu.KindListener, listenerID)["description"])
	assert.Equal(t, paymentsACLMode, stored(t, konnectemu.KindVirtualCluster, paymentsID)["acl_mode"])
	assert.Equal(t, fullSetKinds, kinds(gatewayID), "the repair replaced nothing")

	emu.ResetCalls()
	noChanges(t, "the up after the repair", s.up(ctx))
	assert.Zero(t, emu.WriteCalls(), "write calls after the repair: %v", emu.Calls())

	// The checkpoint holds no secret in plain text.
	s.export(ctx)

	// Destroy empties the emulator.
	destroy := s.destroy(ctx)
	assert.Equal(t, fullSetResources, destroy.Deletes, "destroy deletes")
	assert.Zero(t, emu.Count(), "objects left in the emulator: %v", kinds(gatewayID))
	assertValidTraffic(t)
	secrets.assertNoLeaks(t, "the CLI output", s.printed.String())
}

// callsOf counts the calls of method in calls (keyed "METHOD /path/{template}"): those on collections (a path that
// does not end in a template parameter: creates and lists) when collections, else those on single objects.
func callsOf(calls map[string]int, method string, collections bool) int {
	n := 0
	for key, count := range calls {
		m, path, _ := strings.Cut(key, " ")
		if m == method && strings.HasSuffix(path, "}") != collections {
			n += count
		}
	}
	return n
}
