package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// Body returns the JSON body of a response the SDK has already decoded.
//
// The SDK puts the bytes back into RawResponse.Body after reading them. Decoding those bytes instead of the
// SDK's models matters for policies and schema registries: v0.50.0 models their `config` as an empty struct
// and drops it.
func Body(res *http.Response) (json.RawMessage, error) {
	if res == nil || res.Body == nil {
		return nil, fmt.Errorf("konnect returned no response body")
	}
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("reading konnect response: %w", err)
	}
	return b, nil
}

// Decode decodes the JSON body of res into v.
func Decode(res *http.Response, v any) error {
	b, err := Body(res)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decoding konnect response: %w", err)
	}
	return nil
}

// PageFunc fetches one page of a cursor-paginated list; after is nil for the first page.
type PageFunc func(ctx context.Context, after *string) (*http.Response, error)

// All fetches every page of a cursor-paginated list and returns the items' JSON.
func All(ctx context.Context, page PageFunc) ([]json.RawMessage, error) {
	var (
		items []json.RawMessage
		after *string
	)
	for {
		res, err := page(ctx, after)
		if err != nil {
			return nil, err
		}
		var p struct {
			Meta struct {
				Page struct {
					Next *string `json:"next"`
				} `json:"page"`
			} `json:"meta"`
			Data []json.RawMessage `json:"data"`
		}
		if err := Decode(res, &p); err != nil {
			return nil, err
		}
		items = append(items, p.Data...)
		next, err := cursor(p.Meta.Page.Next)
		if err != nil || next == nil {
			return items, err
		}
		after = next
	}
}

// cursor extracts page[after] from a `next` link; nil means there is no next page.
func cursor(next *string) (*string, error) {
	if next == nil || *next == "" {
		return nil, nil
	}
	u, err := url.Parse(*next)
	if err != nil {
		return nil, fmt.Errorf("parsing next-page link %q: %w", *next, err)
	}
	after := u.Query().Get("page[after]")
	if after == "" {
		return nil, fmt.Errorf("next-page link %q has no page[after] cursor", *next)
	}
	return &after, nil
}
