package konnect

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
