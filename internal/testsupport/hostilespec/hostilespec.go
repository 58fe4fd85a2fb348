// Package hostilespec holds spec files that probe keg's decoder and validation with hostile or odd input, each
// with the problem it must be refused for: the spec tests parse them, keg's tests run the binary on them, and they
// seed the decoder's fuzz target.
package hostilespec

import (
	"fmt"
	"strings"
)

// Case is one spec that must be refused before anything is derived from it.
type Case struct {
	// Name says what the spec probes.
	Name string
	// Spec is the file's content.
	Spec []byte
	// Problem is the start of the problem it is refused for, as keg prints it: "line N: field: message".
	Problem string
}

// portMapped is a valid local spec of one port-mapped gateway; %s is inserted in its backendCluster, %s in its
// virtualClusters.
const portMapped = `local: true
gateways:
  - name: pm
    portMapped:
      advertisedHost: 10.0.1.1
      backendCluster:
        bootstrapServers: ["kafka:9092"]
        %s
      virtualClusters:
        %s
`

// sni is a valid local spec of one SNI gateway; %s is inserted in its backendCluster.
const sni = `local: true
gateways:
  - name: sni
    sni:
      sniSuffix: .keg.example.com
      backendCluster:
        bootstrapServers: ["kafka:9092"]
        %s
      virtualClusters: [{name: orders}]
      edge: {gatewayClassName: kong, port: 9092}
`

// oneVC is a portMapped virtual cluster list of one.
const oneVC = "- name: orders"

// Cases returns every hostile spec; a few are large (a 1 MiB file, 100,000 virtual clusters).
func Cases() []Case {
	return []Case{
		{"alias bomb in a known field", []byte(aliasBomb()),
			"line 8: gateways[0].portMapped.virtualClusters[6].topicAliases[5]: uses alias *t, one of more than 64 alias uses"},
		{"aliases of a large mapping", []byte(aliasedLabels()),
			"line 2: gateways[19].portMapped.labels[\"k4897\"]: is beyond the 100000 values a spec may hold"},
		{"billion laughs in an unknown field", []byte("local: true\n" + billionLaughs() + "gateways: []\n"),
			"line 2: lol: unknown field"},
		{"a billion brokers behind SNI", fmt.Appendf(nil, sni, "brokerCount: 1000000000"),
			"line 8: gateways[0].sni.backendCluster.brokerCount: 1000000000 must be at most 1000"},
		{"a billion brokers port-mapped", fmt.Appendf(nil, portMapped, "brokerCount: 1000000000", oneVC),
			"line 8: gateways[0].portMapped.backendCluster.brokerCount: 1000000000 must be at most 1000"},
		{"a fractional broker count", fmt.Appendf(nil, portMapped, "brokerCount: 3.5", oneVC),
			`line 8: gateways[0].portMapped.backendCluster.brokerCount: want an integer, got "3.5"`},
		{"a broker count beyond int64", fmt.Appendf(nil, portMapped, "brokerCount: 9223372036854775808", oneVC),
			`line 8: gateways[0].portMapped.backendCluster.brokerCount: want an integer, got "9223372036854775808"`},
		{"the highest minBrokerID", fmt.Appendf(nil, sni, "brokerCount: 3\n        minBrokerID: 9223372036854775807"),
			"line 9: gateways[0].sni.backendCluster.minBrokerID: 9223372036854775807 must be at most 2147483647"},
		{"broker ids past Kafka's", fmt.Appendf(nil, sni, "brokerCount: 3\n        minBrokerID: 2147483646"),
			"line 9: gateways[0].sni.backendCluster.minBrokerID: 2147483646 with 3 brokers gives broker ids up to " +
				"2147483648, beyond Kafka's highest, 2147483647"},
		{"a port past int64 overflow", fmt.Appendf(nil, portMapped, "brokerCount: 3",
			"- {name: orders, port: 9223372036854775806}"),
			"line 10: gateways[0].portMapped.virtualClusters[0].port: 9223372036854775806 falls outside 1-65535"},
		{"a duplicated key", fmt.Appendf(nil, portMapped, "brokerCount: 3\n        brokerCount: 4", oneVC),
			"line 9: gateways[0].portMapped.backendCluster.brokerCount: duplicate key (first at line 8)"},
		{"100,000 virtual clusters", fmt.Appendf(nil, portMapped, "brokerCount: 1", emptyList(100_000)),
			"line 10: gateways[0].portMapped.virtualClusters: must have at most 1000 entries, not 100000"},
		{"600 virtual clusters behind SNI", []byte(strings.Replace(fmt.Sprintf(sni, "brokerCount: 1"),
			"[{name: orders}]", "\n        "+virtualClusters(600), 1)),
			"line 10: gateways[0].sni.virtualClusters: must have at most 500 entries, not 600"},
		{"a server URL with a path", []byte("konnect: {serverURL: \"https://eu.api.konghq.com/ not a url\"}\n" +
			"kubernetes: {kubeconfig: kubeconfig}\n" + fmt.Sprintf(portMapped[len("local: true\n"):], "brokerCount: 1", oneVC)),
			`line 1: konnect.serverURL: "https://eu.api.konghq.com/ not a url" must be a Konnect API host`},
		{"a backend URL that is a path", []byte("backend: ./state\n" + fmt.Sprintf(portMapped, "brokerCount: 1", oneVC)),
			"line 1: backend: must be a Pulumi backend URL"},
		{"a JWKS endpoint that is no URL", fmt.Appendf(nil, portMapped, "brokerCount: 1", "- name: orders\n"+
			"          authentication: [{type: oauthBearer, oauthBearer: {mediation: terminate, jwks: {endpoint: /keys}}}]"),
			`line 11: gateways[0].portMapped.virtualClusters[0].authentication[0].oauthBearer.jwks.endpoint: "/keys" must be an http or https URL`},
		{"konnect inside a gateway", fmt.Appendf(nil, portMapped, "brokerCount: 1", oneVC+"\n      konnect: {token: kpat_x}"),
			"line 11: gateways[0].portMapped.konnect: not set per gateway"},
		{"two documents", []byte("local: true\ngateways: []\n---\nlocal: false\n"),
			"line 3: (file): holds more than one YAML document; a spec is one document"},
		{"a file over 1 MiB", []byte("local: true\n# " + strings.Repeat("x", 1<<20) + "\ngateways: []\n"),
			"line 1: (file): has more than 1048576 bytes"},
		{"an empty file", nil, "gateways: must have at least one entry"},
		{"a scalar document", []byte("gateways\n"), `line 1: (file): want a mapping, got "gateways"`},
		{"deep nesting", []byte("local: true\ngateways: " + strings.Repeat("[", 20_000) + "\n"),
			"line 2: (file): exceeded max depth of 10000"},
	}
}

// aliasBomb nests aliases in fields the decoder fills: ten virtual clusters, each the alias of a list of ten topic
// aliases that are each the alias of one: 100 values per use, and more alias uses than a spec may make.
func aliasBomb() string {
	return `local: true
gateways:
  - name: pm
    portMapped:
      advertisedHost: 10.0.1.1
      backendCluster: {bootstrapServers: ["kafka:9092"], brokerCount: 1}
      virtualClusters:
        - &v {name: orders, topicAliases: &ts [&t {alias: a, topic: b}, *t, *t, *t, *t, *t, *t, *t, *t, *t]}
        - {name: a1, topicAliases: [*t, *t, *t, *t, *t, *t, *t, *t, *t, *t]}
        - {name: a2, topicAliases: [*t, *t, *t, *t, *t, *t, *t, *t, *t, *t]}
        - {name: a3, topicAliases: [*t, *t, *t, *t, *t, *t, *t, *t, *t, *t]}
        - *v
        - *v
        - *v
        - *v
        - *v
        - {name: a9, topicAliases: [*t, *t, *t, *t, *t, *t, *t, *t, *t, *t]}
`
}

// aliasedLabels repeats, by alias, a gateway with 5,000 labels: each of 20 uses decodes them again, beyond the values
// a spec may hold although it uses few aliases.
func aliasedLabels() string {
	labels := make([]string, 5000)
	for i := range labels {
		labels[i] = fmt.Sprintf("k%d: v", i)
	}
	return "local: true\ngateways: [&g {name: pm, portMapped: {labels: {" + strings.Join(labels, ", ") + "}}}" +
		strings.Repeat(", *g", 20) + "]\n"
}

// billionLaughs is the classic alias bomb, nine levels of nine aliases each: 2.3 KB that expands to 387 million
// values for a decoder that follows its aliases.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("lol:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "  l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 9), ", "))
	}
	return b.String()
}

// emptyList is a one-line flow list of n empty mappings.
func emptyList(n int) string {
	return "[" + strings.TrimSuffix(strings.Repeat("{}, ", n), ", ") + "]"
}

// virtualClusters is a one-line flow list of n port-mapped virtual clusters.
func virtualClusters(n int) string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("{name: vc%d}", i)
	}
	return "[" + strings.Join(names, ", ") + "]"
}
