package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
)

// dayTwo is a virtual cluster with an encrypt policy using a static key, and three consume policies whose order a
// PolicyChain holds. keyValue and middleType change between updates.
type dayTwo struct {
	keyValue   string
	middleType string
}

func (d *dayTwo) program(ctx *pulumi.Context) error {
	r := newRegistrar(ctx, pulumi.Map{"serverUrl": pulumi.String(emu.URL()), "token": pulumi.ToSecret(pulumi.String(token))})
	gatewayID := r.reg("EventGateway", "gateway", pulumi.Map{"name": pulumi.String("e2e-day-two")}).ID()
	backend := r.reg("BackendCluster", "backend", pulumi.Map{
		"gatewayId": gatewayID, "name": pulumi.String("kafka"),
		"bootstrapServers": pulumi.StringArray{pulumi.String("kafka:9092")},
		"authentication":   pulumi.Map{"type": pulumi.String("anonymous")},
		"tls":              pulumi.Map{"enabled": pulumi.Bool(false)},
		"insecureAllowAnonymousVirtualClusterAuth": pulumi.Bool(true),
	})
	vc := r.reg("VirtualCluster", "orders", pulumi.Map{
		"gatewayId": gatewayID, "name": pulumi.String("orders"), "destination": pulumi.Map{"id": backend.ID()},
		"authentication": pulumi.Array{pulumi.Map{"type": pulumi.String("anonymous")}},
		"aclMode":        pulumi.String("passthrough"), "dnsLabel": pulumi.String("orders"),
	})
	// No name: the provider generates one, so that a rotation creates the new key first.
	key := r.reg("StaticKey", "key", pulumi.Map{"gatewayId": gatewayID, "value": pulumi.ToSecret(pulumi.String(d.keyValue))})
	r.reg("ProducePolicy", "encrypt", pulumi.Map{
		"gatewayId": gatewayID, "virtualClusterId": vc.ID(), "type": pulumi.String("encrypt"),
		"encrypt": pulumi.Map{
			"failureMode": pulumi.String("error"), "partOfRecord": pulumi.StringArray{pulumi.String("value")},
			"encryptionKey": pulumi.Map{"type": pulumi.String("static"), "key": pulumi.Map{"id": key.ID()}},
		},
	})
	var chain pulumi.StringArray
	for _, name := range []string{"first", "middle", "last"} {
		props := pulumi.Map{
			"gatewayId": gatewayID, "virtualClusterId": vc.ID(), "type": pulumi.String("modify_headers"),
			"modifyHeaders": pulumi.Map{"actions": pulumi.Array{pulumi.Map{"op": pulumi.String("remove"), "key": pulumi.String(name)}}},
		}
		if name == "middle" && d.middleType == "skip_record" {
			delete(props, "modifyHeaders")
			props["type"], props["condition"] = pulumi.String("skip_record"), pulumi.String("record.value.size > 1000")
		}
		chain = append(chain, r.reg("ConsumePolicy", name, props).ID().ToStringOutput())
	}
	r.reg("PolicyChain", "consume-order", pulumi.Map{
		"gatewayId": gatewayID, "virtualClusterId": vc.ID(), "type": pulumi.String("consume"), "policies": chain,
	})
	if r.err != nil {
		return r.err
	}
	ctx.Export("gatewayId", gatewayID)
	ctx.Export("virtualClusterId", vc.ID())
	ctx.Export("keyId", key.ID())
	ctx.Export("chain", chain)
	return nil
}

// TestDayTwo: a static key an encrypt policy uses rotates without a failed delete (the new key is created first
// and the policy moved to it), and a replaced policy in the middle of a chain keeps its place.
func TestDayTwo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	require.Zero(t, emu.Count(), "the emulator starts empty")
	var secrets secretSet
	d := &dayTwo{keyValue: secrets.add("static key", staticKeyValue(t)), middleType: "modify_headers"}
	s := newStack(t, ctx, "day-two", &secrets, d.program)
	s.destroyOnFailure()

	up := s.up(ctx)
	gatewayID, vcID := output(t, up, "gatewayId"), output(t, up, "virtualClusterId")
	before := outputList(t, up, "chain")
	assert.Equal(t, before, policyChain(t, gatewayID, vcID, "consume"), "the chain is in program order")

	d.keyValue = secrets.add("rotated key", staticKeyValue(t))
	d.middleType = "skip_record"
	emu.ResetCalls()
	changed := s.up(ctx)
	assert.Equal(t, 2, changed.Replaces, "the key and the middle policy are replaced: %v", changed.Counts())
	assert.Equal(t, 1, emu.Calls()["DELETE "+gwPath+"/static-keys/{staticKeyId}"], "one key deleted, at the first try: %v", emu.Calls())

	keys := objectsOf(gatewayID, konnectemu.KindStaticKey)
	require.Len(t, keys, 1, "one key in Konnect after the rotation")
	keyID := output(t, changed, "keyId")
	assert.Equal(t, keyID, keys[0].ID)
	assert.NotEqual(t, output(t, up, "keyId"), keyID, "the key was replaced")
	policies := objectsOf(gatewayID, konnectemu.KindProducePolicy)
	require.Len(t, policies, 1)
	assert.Equal(t, keyID, policies[0].Body["config"].(map[string]any)["encryption_key"].(map[string]any)["key"].(map[string]any)["id"],
		"the encrypt policy uses the new key")

	after := outputList(t, changed, "chain")
	assert.Equal(t, before[0], after[0])
	assert.NotEqual(t, before[1], after[1], "the middle policy was replaced")
	assert.Equal(t, before[2], after[2])
	assert.Equal(t, after, policyChain(t, gatewayID, vcID, "consume"), "the replaced policy is back in the middle")

	noChanges(t, "the up after the changes", s.up(ctx))
	assertValidTraffic(t)

	destroy := s.destroy(ctx)
	assert.Zero(t, emu.Count(), "objects left in the emulator: %v (%v)", kinds(gatewayID), destroy.Counts())
	secrets.assertNoLeaks(t, "the CLI output", s.printed.String())
}

// policyChain reads a virtual cluster's chain of policies from the emulator's API.
func policyChain(t *testing.T, gatewayID, vcID, chain string) []string {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet,
		emu.URL()+"/v1/event-gateways/"+gatewayID+"/virtual-clusters/"+vcID+"/"+chain+"-policy-chain", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+emu.Token())
	res, err := emu.HTTPClient().Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	var body struct {
		Policies []string `json:"policies"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&body))
	return body.Policies
}

// TestCancelledCreate: an up cancelled (as Ctrl-C does) while Konnect is still answering a create ends with the
// object Konnect committed in the state, found by its name; the next up creates the rest, and no object exists
// twice.
func TestCancelledCreate(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	require.Zero(t, emu.Count(), "the emulator starts empty")
	var secrets secretSet
	first, second := secrets.add("first key", staticKeyValue(t)), secrets.add("second key", staticKeyValue(t))
	s := newStack(t, ctx, "cancelled", &secrets, func(ctx *pulumi.Context) error {
		r := newRegistrar(ctx, pulumi.Map{"serverUrl": pulumi.String(emu.URL()), "token": pulumi.ToSecret(pulumi.String(token))})
		gatewayID := r.reg("EventGateway", "gateway", pulumi.Map{"name": pulumi.String("e2e-cancelled")}).ID()
		key := r.reg("StaticKey", "first", pulumi.Map{"gatewayId": gatewayID, "value": pulumi.ToSecret(pulumi.String(first))})
		r.reg("StaticKey", "second", pulumi.Map{"gatewayId": gatewayID, "value": pulumi.ToSecret(pulumi.String(second))},
			pulumi.DependsOn([]pulumi.Resource{key}))
		if r.err != nil {
			return r.err
		}
		ctx.Export("gatewayId", gatewayID)
		return nil
	})
	s.destroyOnFailure()
	t.Cleanup(emu.ClearFaults)

	// The first key's create commits 500 ms after it arrived; the lookup after the cancellation is answered later.
	const keys = gwPath + "/static-keys"
	emu.InjectFault(konnectemu.Fault{Method: http.MethodPost, PathPattern: keys, Times: 1, Kind: konnectemu.FaultCommitLate(500 * time.Millisecond)})
	emu.InjectFault(konnectemu.Fault{Method: http.MethodGet, PathPattern: keys, Times: 1, Kind: konnectemu.FaultLatency(time.Second)})
	emu.ResetCalls()
	upCtx, cancelUp := context.WithCancel(ctx)
	defer cancelUp()
	go func() {
		for upCtx.Err() == nil && emu.Calls()["POST "+keys] == 0 {
			time.Sleep(10 * time.Millisecond)
		}
		cancelUp()
	}()
	_, err := s.Up(upCtx)
	require.Error(t, err, "the cancelled up fails")
	emu.ClearFaults()
	assert.Equal(t, 1, emu.Calls()["POST "+keys], "the second key was not started: %v", emu.Calls())
	assert.Equal(t, 1, emu.Calls()["GET "+keys], "the cancelled create looked for its object")

	require.NoError(t, s.ResolvePending(ctx))
	up := s.up(ctx)
	assert.Equal(t, 1, up.Creates, "the rerun creates the second key only: %v", up.Counts())
	gatewayID := output(t, up, "gatewayId")
	assert.Len(t, objectsOf(gatewayID, konnectemu.KindStaticKey), 2, "one object per key")
	noChanges(t, "the up after the rerun", s.up(ctx))
	assertValidTraffic(t)
	s.destroy(ctx)
	assert.Zero(t, emu.Count())
}
