package konnect

import (
	"fmt"
	"net/http"

	jsoniter "github.com/json-iterator/go"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

// apiJSON encodes the provider's types in Konnect's JSON shape, following their `api` struct tags.
//
// The tags cannot be `json`: the Pulumi mapper that infer decodes inputs with reads `json` tags as property
// names too, so a field tagged `json:"bootstrap_servers" pulumi:"bootstrapServers"` would need both keys.
var apiJSON = jsoniter.Config{EscapeHTML: true, SortMapKeys: true, ValidateJsonRawMessage: true, TagKey: "api"}.Froze()

// decodeBody decodes the JSON body of a response the SDK returned into v.
func decodeBody(res *http.Response, v any) error {
	raw, err := client.Body(res)
	if err != nil {
		return err
	}
	if err := apiJSON.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decoding the Konnect response: %w", err)
	}
	return nil
}
