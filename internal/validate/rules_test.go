package validate_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// TestRules fixes the message of every rule, and what each passes.
func TestRules(t *testing.T) {
	const (
		dnsLabel = "must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a " +
			"letter or digit"
		dns1035Label = "must be a DNS-1035 label: at most 63 lowercase letters, digits and '-', starting with a letter " +
			"and ending with a letter or digit"
		dnsSubdomain   = "must be a DNS subdomain: at most 253 characters of DNS labels joined by '.'"
		hostPort       = "must be host:port with a port between 1 and 65535"
		advertisedHost = "must be a lowercase host name or IPv4 address of at most 253 characters"
		sniSuffix      = `must start with "." or "-" followed by lowercase DNS labels, such as ".keg.example.com"`
		labelValue     = "must be at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"
		labelKey       = `must be 1-63 characters, not starting with "kong", "konnect", "mesh", "kic", "_"`
		qualifiedName  = `must be a qualified name: an optional DNS subdomain and "/", then at most 63 letters, ` +
			"digits, '-', '_' and '.', starting and ending with a letter or digit"
		glob            = "must be at most 253 letters, digits, '.', '_', '?', '*' and '-'"
		gatewayHostname = `must be a lowercase host name of at most 253 characters, optionally starting with "*."`
		portRange       = `must be a port or a range of ports within 1-65535, such as "9092" or "9092-9095"`
		backendURL      = "must be a Pulumi backend URL: file://, s3://, gs://, azblob://, postgres:// or " +
			"https:// (Pulumi Cloud or a self-hosted service)"
		serverURL = "must be a Konnect API host starting with its region, such as eu.api.konghq.com, or an " +
			"https URL of one"
	)
	long := func(n int) string { return strings.Repeat("a", n) }
	for _, tc := range []struct {
		name, got, want string
	}{
		{"Required reports an empty string", validate.Required(""), "is required"},
		{"Required reports nil", validate.Required((*string)(nil)), "is required"},
		{"Required passes a value", validate.Required("x"), ""},
		{"MaxLength reports a long value", validate.MaxLength("abcdef", 5), "must be at most 5 characters, not 6"},
		{"MaxLength counts characters, not bytes", validate.MaxLength("日本語", 3), ""},
		{"NotEmpty reports nothing", validate.NotEmpty(0), "must have at least one entry"},
		{"NotEmpty passes one", validate.NotEmpty(1), ""},
		{"MaxEntries reports too many", validate.MaxEntries(51, 50), "must have at most 50 entries, not 51"},
		{"MaxEntries passes the limit", validate.MaxEntries(50, 50), ""},
		{"AtLeast reports less", validate.AtLeast(-1, 0), "-1 must be at least 0"},
		{"AtLeast passes the least", validate.AtLeast(1, 1), ""},
		{"Between reports above", validate.Between(43201, 1, 43200), "43201 must be between 1 and 43200"},
		{"Between reports below", validate.Between(0, 1, 43200), "0 must be between 1 and 43200"},
		{"Port reports 0", validate.Port(0), "0 must be between 1 and 65535"},
		{"Port reports 65536", validate.Port(65536), "65536 must be between 1 and 65535"},
		{"Port passes 65535", validate.Port(65535), ""},
		{"OneOf reports another value", validate.OneOf("tls11", "tls12", "tls13"), `"tls11" must be one of "tls12", "tls13"`},
		{"OneOf passes an unset value", validate.OneOf("", "tls12"), ""},
		{"Member reports a missing member", validate.Member(false, true, "type", "sasl_scram"),
			`is required when type is "sasl_scram"`},
		{"Member reports an extra member", validate.Member(true, false, "op", "remove"),
			`does not apply when op is "remove"`},
		{"Member passes a wanted member", validate.Member(true, true, "type", "glob"), ""},
		{"ExactlyOne reports neither", validate.ExactlyOne("id", false, "name", false), "set exactly one of id and name"},
		{"ExactlyOne reports both", validate.ExactlyOne("id", true, "name", true), "set exactly one of id and name"},
		{"ExactlyOne passes one", validate.ExactlyOne("id", true, "name", false), ""},
		{"DNSLabel reports upper case", validate.DNSLabel("Not_A_Label"), `"Not_A_Label" ` + dnsLabel},
		{"DNSLabel reports a leading dash", validate.DNSLabel("-x"), `"-x" ` + dnsLabel},
		{"DNSLabel reports 64 characters", validate.DNSLabel(long(64)), `"` + long(64) + `" ` + dnsLabel},
		{"DNSLabel passes a label", validate.DNSLabel("vc-tls-1"), ""},
		{"DNS1035Label reports a leading digit", validate.DNS1035Label("1-gateway"), `"1-gateway" ` + dns1035Label},
		{"DNS1035Label passes a label", validate.DNS1035Label("gateway-1"), ""},
		{"DNSSubdomain reports upper case", validate.DNSSubdomain("Kong_Class"), `"Kong_Class" ` + dnsSubdomain},
		{"DNSSubdomain passes a subdomain", validate.DNSSubdomain("cert-manager.io"), ""},
		{"HostPort reports no port", validate.HostPort("kafka"), `"kafka" ` + hostPort},
		{"HostPort reports port 70000", validate.HostPort("kafka:70000"), `"kafka:70000" ` + hostPort},
		{"HostPort passes a host name", validate.HostPort("kafka-0.kafka:9092"), ""},
		{"HostPort passes an IPv6 address", validate.HostPort("[::1]:9092"), ""},
		{"AdvertisedHost reports upper case", validate.AdvertisedHost("Kafka.Example.com"),
			`"Kafka.Example.com" ` + advertisedHost},
		{"AdvertisedHost reports 254 characters", validate.AdvertisedHost(strings.Repeat("a.", 127)),
			`"` + strings.Repeat("a.", 127) + `" ` + advertisedHost},
		{"AdvertisedHost passes an IPv4 address", validate.AdvertisedHost("10.0.1.1"), ""},
		{"SNISuffix reports no leading dot", validate.SNISuffix("keg.example.com"), `"keg.example.com" ` + sniSuffix},
		{"SNISuffix passes a dash", validate.SNISuffix("-keg.example.com"), ""},
		{"LabelValue reports a space", validate.LabelValue("bad value!"), `"bad value!" ` + labelValue},
		{"LabelValue reports 64 characters", validate.LabelValue(long(64)), `"` + long(64) + `" ` + labelValue},
		{"LabelValue passes an unset value", validate.LabelValue(""), ""},
		{"KonnectLabelKey reports a reserved prefix", validate.KonnectLabelKey("kong-team"), `key "kong-team" ` + labelKey},
		{"KonnectLabelKey reports a reserved prefix in capitals", validate.KonnectLabelKey("Konnect-x"),
			`key "Konnect-x" ` + labelKey},
		{"KonnectLabelKey reports an empty key", validate.KonnectLabelKey(""), `key "" ` + labelKey},
		{"KonnectLabelKey reports 64 characters", validate.KonnectLabelKey(long(64)), `key "` + long(64) + `" ` + labelKey},
		{"KonnectLabelKey passes a key", validate.KonnectLabelKey("team"), ""},
		{"QualifiedName reports a bad prefix", validate.QualifiedName("Example.com/x"),
			`"Example.com/x" ` + qualifiedName},
		{"QualifiedName reports an empty key", validate.QualifiedName(""), `"" ` + qualifiedName},
		{"QualifiedName passes a prefixed key", validate.QualifiedName("metallb.io/loadBalancerIPs"), ""},
		{"Version reports a v", validate.Version("v1.2"), `"v1.2" must be major.minor, such as 1.2`},
		{"Version passes major.minor", validate.Version("1.2"), ""},
		{"Glob reports a slash", validate.Glob("a/b"), `"a/b" ` + glob},
		{"Glob passes a glob", validate.Glob("orders_*"), ""},
		{"GatewayHostname reports a deep wildcard", validate.GatewayHostname("*.*.example.com"),
			`"*.*.example.com" ` + gatewayHostname},
		{"GatewayHostname passes a wildcard", validate.GatewayHostname("*.keg.example.com"), ""},
		{"UUID reports a name", validate.UUID("gw"), `"gw" must be a UUID`},
		{"UUID passes a UUID", validate.UUID("7f1c9d2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f"), ""},
		{"AWSKMSKeyARN reports a key name", validate.AWSKMSKeyARN("kms-key"),
			`"kms-key" must be an AWS KMS key ARN (arn:aws:kms:...)`},
		{"PortRange reports a name", validate.PortRange("http"), `"http" ` + portRange},
		{"PortRange reports a reversed range", validate.PortRange("9095-9092"), `"9095-9092" ` + portRange},
		{"PortRange reports 0", validate.PortRange("0"), `"0" ` + portRange},
		{"PortRange passes a range", validate.PortRange("9092-9095"), ""},
		{"KonnectToken reports another service's token without quoting it", validate.KonnectToken("ghp_secret"),
			"must start with kpat_ or spat_ (a Konnect personal or system account access token)"},
		{"KonnectToken passes a system account token", validate.KonnectToken("spat_x"), ""},
		{"KonnectServerURL reports http", validate.KonnectServerURL("http://eu.api.konghq.com"),
			`"http://eu.api.konghq.com" ` + serverURL},
		{"KonnectServerURL reports no region", validate.KonnectServerURL("api.konghq.com"),
			`"api.konghq.com" ` + serverURL},
		{"KonnectServerURL reports no host name", validate.KonnectServerURL("eu api"), `"eu api" ` + serverURL},
		{"KonnectServerURL reports a path", validate.KonnectServerURL("https://eu.api.konghq.com/ not a url"),
			`"https://eu.api.konghq.com/ not a url" ` + serverURL},
		{"KonnectServerURL reports a port", validate.KonnectServerURL("https://eu.api.konghq.com:8443"),
			`"https://eu.api.konghq.com:8443" ` + serverURL},
		{"KonnectServerURL reports credentials", validate.KonnectServerURL("https://u:p@eu.api.konghq.com"),
			`"https://u:xxxxx@eu.api.konghq.com" ` + serverURL},
		{"KonnectServerURL reports a query", validate.KonnectServerURL("https://eu.api.konghq.com?x=1"),
			`"https://eu.api.konghq.com?x=1" ` + serverURL},
		{"HTTPURL reports a relative URL", validate.HTTPURL("/jwks"),
			`"/jwks" must be an http or https URL with a host, such as https://host.example.com/path`},
		{"HTTPURL passes https", validate.HTTPURL("https://idp.example.com/jwks"), ""},
		{"BackendURL reports a path", validate.BackendURL("./state"), backendURL},
		{"BackendURL reports an unknown scheme", validate.BackendURL("ftp://x"), backendURL},
		{"BackendURL reports https without a host", validate.BackendURL("https:///x"), backendURL},
		{"BackendURL hides a password", validate.BackendURL("postgres:/u:secret@db"),
			backendURL},
		{"BackendURL passes file", validate.BackendURL("file://~/.keg-state"), ""},
		{"BackendURL passes s3", validate.BackendURL("s3://bucket/prefix?region=eu-west-1"), ""},
		{"KonnectServerURL passes a host", validate.KonnectServerURL("eu.api.konghq.com"), ""},
		{"KonnectServerURL passes an https URL", validate.KonnectServerURL("https://global.api.konghq.com"), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.got)
		})
	}
}

// TestSeen: a repeated value names where it was first used.
func TestSeen(t *testing.T) {
	seen := validate.Seen{}
	assert.Empty(t, seen.Repeated("a", "virtualClusters[0].name"))
	assert.Empty(t, seen.Repeated("b", "virtualClusters[1].name"))
	assert.Equal(t, `"a" is also the value of virtualClusters[0].name`, seen.Repeated("a", "virtualClusters[2].name"))
}

// TestMapRules: label and key checks report each entry under its key.
func TestMapRules(t *testing.T) {
	var p validate.Problems
	p.KonnectLabels("labels", map[string]string{"env": "", "kong-x": "y", "ok": "bad value!", "team": "data"})
	p.KubernetesLabels("metadata.labels", map[string]string{"app": "", "bad key!": "x"})
	p.QualifiedNames("annotations", map[string]string{"metallb.io/loadBalancerIPs": "10.0.0.1", "/x": ""})
	many := map[string]string{}
	for _, key := range strings.Split("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "") {
		many[key] = "v"
	}
	p.KonnectLabels("many", many)
	assert.Equal(t, strings.Join([]string{
		`labels["env"]: is required`,
		`labels["kong-x"]: key "kong-x" must be 1-63 characters, not starting with "kong", "konnect", "mesh", "kic", "_"`,
		`labels["ok"]: "bad value!" must be at most 63 letters, digits, '-', '_' and '.', starting and ending with a ` +
			"letter or digit",
		`metadata.labels["bad key!"]: "bad key!" must be a qualified name: an optional DNS subdomain and "/", then ` +
			"at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
		`annotations["/x"]: "/x" must be a qualified name: an optional DNS subdomain and "/", then at most 63 ` +
			"letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
		"many: must have at most 50 entries, not 52",
	}, "\n"), p.Err().Error())
}

func TestReportsQuoteLongValuesShort(t *testing.T) {
	long := strings.Repeat("X", 100_000)
	assert.Equal(t, `"`+strings.Repeat("X", 256)+`"... must be a UUID`, validate.UUID(long))
}
