// Package schemagen produces the package schema from the provider in-process.
package schemagen

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider"
)

// Schema returns the provider's schema.json, indented, with a trailing newline.
func Schema(ctx context.Context) ([]byte, error) {
	prov, err := provider.Provider()
	if err != nil {
		return nil, err
	}
	server, err := integration.NewServer(ctx, provider.Name, semver.MustParse(provider.Version), integration.WithProvider(prov))
	if err != nil {
		return nil, err
	}
	res, err := server.GetSchema(p.GetSchemaRequest{})
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, []byte(res.Schema), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}
