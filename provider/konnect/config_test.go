package konnect

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/provider/client"
)

func TestServerURL(t *testing.T) {
	cases := []struct {
		serverURL, region *string
		want, err         string
	}{
		{want: "https://us.api.konghq.com"},
		{region: new("eu"), want: "https://eu.api.konghq.com"},
		{serverURL: new("au.api.konghq.com"), want: "https://au.api.konghq.com"},
		{serverURL: new("https://eu.api.konghq.com/"), region: new("eu"), want: "https://eu.api.konghq.com"},
		{serverURL: new("http://127.0.0.1:8080"), want: "http://127.0.0.1:8080"},
		{region: new("mars"), err: `region: "mars" must be one of "au", "eu", "global", "us"`},
		{serverURL: new("ftp://x"), err: `serverUrl: "ftp://x" is not an http(s) URL`},
		{serverURL: new("https://us.api.konghq.com"), region: new("eu"), err: `serverUrl "https://us.api.konghq.com" and region "eu" disagree; set only one`},
	}
	for _, c := range cases {
		got, err := (&Config{ServerURL: c.serverURL, Region: c.region}).serverURL()
		if c.err != "" {
			assert.EqualError(t, err, c.err)
			continue
		}
		assert.NoError(t, err)
		assert.Equal(t, c.want, got)
	}
}

func TestRequestTimeout(t *testing.T) {
	var got client.Options
	c := NewConfig(func(_ context.Context, o client.Options) (*client.Client, error) {
		got = o
		return client.New(o)
	})
	c.Token, c.RequestTimeoutSeconds = "kpat_x", new(5)
	require.NoError(t, c.Configure(t.Context()))
	assert.Equal(t, 5*time.Second, got.RequestTimeout)

	c.RequestTimeoutSeconds = new(0)
	assert.EqualError(t, c.Configure(t.Context()), "requestTimeoutSeconds: 0 must be between 1 and 600")
}
