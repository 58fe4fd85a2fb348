package e2e

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
)

// secretSet holds the secret values a test gives its stacks, to look for them in everything the test sees.
type secretSet struct {
	names  []string
	values []string
}

// add records a secret under a name (the name is what failure messages show) and returns it.
func (s *secretSet) add(name, value string) string {
	s.names = append(s.names, name)
	s.values = append(s.values, value)
	return value
}

// needles are the strings that betray a secret: the value, its JSON encoding (escaped newlines) and, for a
// multi-line value such as a PEM key, each substantial line on its own.
func needles(value string) []string {
	out := []string{value}
	if enc, err := json.Marshal(value); err == nil {
		out = append(out, strings.Trim(string(enc), `"`))
	}
	if strings.Contains(value, "\n") {
		for line := range strings.SplitSeq(value, "\n") {
			if line = strings.TrimSpace(line); len(line) >= 16 && !strings.HasPrefix(line, "-----") {
				out = append(out, line)
			}
		}
	}
	return out
}

// leaks returns the names of the secrets that text shows.
func (s *secretSet) leaks(text string) []string {
	var out []string
	for i, v := range s.values {
		if slices.ContainsFunc(needles(v), func(n string) bool { return strings.Contains(text, n) }) {
			out = append(out, s.names[i])
		}
	}
	return out
}

// leaksJSON returns the names of the secrets a JSON document shows, in its text or in any of its strings.
func (s *secretSet) leaksJSON(data []byte) []string {
	found := s.leaks(string(data))
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		return append(found, "(invalid JSON: "+err.Error()+")")
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				found = append(found, s.leaks(k)...)
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case string:
			found = append(found, s.leaks(v)...)
		}
	}
	walk(doc)
	slices.Sort(found)
	return slices.Compact(found)
}

// redact replaces every secret in text.
func (s *secretSet) redact(text string) string {
	for _, v := range s.values {
		for _, n := range needles(v) {
			text = strings.ReplaceAll(text, n, "[secret]")
		}
	}
	return text
}

// logf logs through t after checking that the message shows no secret (and redacting it regardless).
func (s *secretSet) logf(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if leaked := s.leaks(msg); len(leaked) > 0 {
		t.Errorf("a log message of the test shows secrets %v", leaked)
	}
	t.Log(s.redact(msg))
}

// assertNoLeaks fails if text (what the CLI printed, say) shows a secret.
func (s *secretSet) assertNoLeaks(t *testing.T, what, text string) {
	t.Helper()
	assert.Empty(t, s.leaks(text), "secrets in plain text in %s", what)
}

// stack is a stack of the package's Pulumi home whose every operation is checked for leaked secrets.
type stack struct {
	*pulumihome.Stack
	t       *testing.T
	secrets *secretSet
	// printed is everything the CLI printed for this stack, stdout and stderr.
	printed strings.Builder
	// destroyed is set once destroy removed the stack.
	destroyed bool
}

func newStack(t *testing.T, ctx context.Context, name string, secrets *secretSet, program pulumi.RunFunc) *stack {
	t.Helper()
	s, err := env.Stack(ctx, "keg-e2e", name, program)
	require.NoError(t, err)
	return &stack{Stack: s, t: t, secrets: secrets}
}

// done records what an operation printed, checks it for secrets and fails the test on an error, with the
// output redacted.
func (s *stack) done(op string, sum pulumihome.Summary, stderr *bytes.Buffer, err error, start time.Time) pulumihome.Summary {
	s.t.Helper()
	printed := sum.Stdout + stderr.String()
	if err != nil {
		printed += "\n" + err.Error()
	}
	s.printed.WriteString(printed)
	s.secrets.assertNoLeaks(s.t, op+" output", printed)
	if err != nil {
		s.t.Fatalf("%s failed: %s", op, s.secrets.redact(printed))
	}
	s.secrets.logf(s.t, "%s took %s: %v", op, time.Since(start).Round(100*time.Millisecond), sum.Counts())
	return sum
}

func (s *stack) preview(ctx context.Context) pulumihome.Summary {
	s.t.Helper()
	var stderr bytes.Buffer
	start := time.Now()
	sum, err := s.Preview(ctx, optpreview.Diff(), optpreview.ErrorProgressStreams(&stderr))
	return s.done("preview", sum, &stderr, err, start)
}

func (s *stack) up(ctx context.Context) pulumihome.Summary {
	s.t.Helper()
	var stderr bytes.Buffer
	start := time.Now()
	sum, err := s.Up(ctx, optup.Diff(), optup.ErrorProgressStreams(&stderr))
	return s.done("up", sum, &stderr, err, start)
}

func (s *stack) refresh(ctx context.Context) pulumihome.Summary {
	s.t.Helper()
	var stderr bytes.Buffer
	start := time.Now()
	sum, err := s.Refresh(ctx, optrefresh.Diff(), optrefresh.ErrorProgressStreams(&stderr))
	return s.done("refresh", sum, &stderr, err, start)
}

func (s *stack) destroy(ctx context.Context) pulumihome.Summary {
	s.t.Helper()
	var stderr bytes.Buffer
	start := time.Now()
	sum, err := s.Destroy(ctx, optdestroy.Diff(), optdestroy.ErrorProgressStreams(&stderr))
	s.destroyed = err == nil
	return s.done("destroy", sum, &stderr, err, start)
}

// export checks the stack's checkpoint, as `pulumi stack export` prints it, for secrets in plain text. As a
// control it also exports with --show-secrets: the checkpoint does hold every secret, encrypted. It runs the
// CLI itself (like pulumihome.Stack.ExportJSON) because the control needs the extra flag.
func (s *stack) export(ctx context.Context) {
	s.t.Helper()
	data := s.exportCLI(ctx)
	assert.Empty(s.t, s.secrets.leaksJSON(data), "secrets in plain text in the stack export")
	assert.Contains(s.t, string(data), `"ciphertext"`, "the export holds encrypted secrets")
	assertSealedEncrypted(s.t, data)
	assert.ElementsMatch(s.t, s.secrets.names, s.secrets.leaksJSON(s.exportCLI(ctx, "--show-secrets")),
		"secrets the state holds (encrypted)")
}

// assertSealedEncrypted fails when a resource's secret hashes or their salt are in plain text in a stack export:
// with them, guesses of a weak password could be tested offline.
func assertSealedEncrypted(t *testing.T, export []byte) {
	t.Helper()
	var checkpoint struct {
		Deployment struct {
			Resources []struct {
				URN     string                     `json:"urn"`
				Outputs map[string]json.RawMessage `json:"outputs"`
			} `json:"resources"`
		} `json:"deployment"`
	}
	require.NoError(t, json.Unmarshal(export, &checkpoint))
	sealed := 0
	for _, r := range checkpoint.Deployment.Resources {
		for _, name := range []string{"secretSalt", "secretHashes"} {
			if v, ok := r.Outputs[name]; ok {
				sealed++
				assert.Contains(t, string(v), `"ciphertext"`, "%s of %s is encrypted", name, r.URN)
			}
		}
	}
	assert.NotZero(t, sealed, "the stack has resources with sealed secrets")
}

// exportCLI runs `pulumi stack export` with extra flags.
func (s *stack) exportCLI(ctx context.Context, flags ...string) []byte {
	s.t.Helper()
	var vars []string
	for k, v := range env.Vars() {
		vars = append(vars, k+"="+v)
	}
	args := append([]string{"stack", "export", "--stack", s.Name()}, flags...)
	stdout, stderr, _, err := env.Command.Run(ctx, s.Workspace().WorkDir(), nil, nil, nil, vars, args...)
	s.secrets.assertNoLeaks(s.t, "stack export errors", stderr)
	require.NoError(s.t, err, "pulumi stack export: %s", s.secrets.redact(stderr))
	return []byte(stdout)
}

// destroyOnFailure destroys the stack when the test fails before it does, so that later tests start
// with an empty emulator.
func (s *stack) destroyOnFailure() {
	s.t.Cleanup(func() {
		if !s.t.Failed() || s.destroyed {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		emu.ClearFaults()
		if _, err := s.Destroy(ctx); err != nil {
			s.t.Logf("cleanup: destroy failed: %s", s.secrets.redact(err.Error()))
		}
	})
}

// noChanges fails unless an operation changed nothing.
func noChanges(t *testing.T, op string, sum pulumihome.Summary) {
	t.Helper()
	assert.Zero(t, sum.Creates+sum.Updates+sum.Deletes+sum.Replaces, "%s changed something: %v", op, sum.Counts())
}

// assertValidTraffic fails if the provider sent a request the Konnect spec rejects or the emulator answered
// outside the spec.
func assertValidTraffic(t *testing.T) {
	t.Helper()
	assert.Empty(t, emu.ValidationErrors(), "requests the Konnect spec rejects")
	assert.Empty(t, emu.ResponseValidationErrors(), "emulator answers outside the spec")
}

// kinds counts the emulator's objects under a gateway (the gateway included) by kind.
func kinds(gatewayID string) map[konnectemu.Kind]int {
	out := map[konnectemu.Kind]int{}
	for _, o := range underGateway(gatewayID) {
		out[o.Kind]++
	}
	return out
}

// objectsOf returns the emulator's objects of kind k under a gateway.
func objectsOf(gatewayID string, k konnectemu.Kind) []konnectemu.Object {
	var out []konnectemu.Object
	for _, o := range underGateway(gatewayID) {
		if o.Kind == k {
			out = append(out, o)
		}
	}
	return out
}

// underGateway returns the emulator's objects under a gateway at any depth, the gateway included.
func underGateway(gatewayID string) []konnectemu.Object {
	snap := emu.Snapshot()
	parent := map[string]string{}
	for _, o := range snap {
		parent[o.ID] = o.ParentID
	}
	var out []konnectemu.Object
	for _, o := range snap {
		root := o.ID
		for parent[root] != "" {
			root = parent[root]
		}
		if root == gatewayID {
			out = append(out, o)
		}
	}
	return out
}

// stored returns an object's stored body.
func stored(t *testing.T, k konnectemu.Kind, id string) map[string]any {
	t.Helper()
	for _, o := range emu.Snapshot() {
		if o.Kind == k && o.ID == id {
			return o.Body
		}
	}
	t.Fatalf("no %s %s in the emulator", k, id)
	return nil
}

// output returns a string stack output.
func output(t *testing.T, sum pulumihome.Summary, name string) string {
	t.Helper()
	v, ok := sum.Outputs[name]
	require.True(t, ok, "no stack output %s", name)
	s, ok := v.Value.(string)
	require.True(t, ok, "stack output %s is %T", name, v.Value)
	return s
}

// outputList returns a stack output that is a list of strings.
func outputList(t *testing.T, sum pulumihome.Summary, name string) []string {
	t.Helper()
	v, ok := sum.Outputs[name]
	require.True(t, ok, "no stack output %s", name)
	list, ok := v.Value.([]any)
	require.True(t, ok, "stack output %s is %T", name, v.Value)
	out := make([]string, len(list))
	for i, e := range list {
		out[i], ok = e.(string)
		require.True(t, ok, "stack output %s[%d] is %T", name, i, e)
	}
	return out
}

// resource is any provider resource; only its ID is used.
type resource struct {
	pulumi.CustomResourceState
}

// providerResource is an explicit kong-event-gateway provider.
type providerResource struct {
	pulumi.ProviderResourceState
}

// registrar registers the provider's resources generically, with one explicit provider.
type registrar struct {
	ctx  *pulumi.Context
	prov *providerResource
	err  error
}

// newRegistrar registers the provider with its configuration.
func newRegistrar(ctx *pulumi.Context, config pulumi.Map) *registrar {
	r := &registrar{ctx: ctx, prov: &providerResource{}}
	r.err = ctx.RegisterResource("pulumi:providers:kong-event-gateway", "konnect", config, r.prov,
		pulumi.Version(pluginVersion))
	return r
}

// reg registers a kong-event-gateway:konnect:<typ> resource; the first error sticks.
func (r *registrar) reg(typ, name string, props pulumi.Map, opts ...pulumi.ResourceOption) *resource {
	res := &resource{}
	if r.err != nil {
		return res
	}
	r.err = r.ctx.RegisterResource("kong-event-gateway:konnect:"+typ, name, props, res,
		append([]pulumi.ResourceOption{pulumi.Provider(r.prov)}, opts...)...)
	return res
}

// selfSigned returns a self-signed certificate for host and its private key, PEM-encoded.
func selfSigned(t *testing.T, host string) (certPEM, keyPEM string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: host},
		DNSNames:     []string{host, "*." + host},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}))
}

// randomText returns prefix and random hex.
func randomText(t *testing.T, prefix string) string {
	t.Helper()
	b := make([]byte, 16)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return prefix + hex.EncodeToString(b)
}

// staticKeyValue returns random 256-bit key material, base64-encoded.
func staticKeyValue(t *testing.T) string {
	t.Helper()
	b := make([]byte, 32)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(b)
}
