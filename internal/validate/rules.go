package validate

import (
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pulumi/pulumi-go-provider/infer"
)

// Konnect limits of every entity (CRDs and API).
const (
	// MaxNameLength is the most characters of a Konnect entity's name.
	MaxNameLength        = 255
	maxDescriptionLength = 512
	maxLabels            = 50
)

// Patterns of the Kong Operator CRDs, the Konnect API and Kubernetes.
var (
	// dnsLabelPattern is an RFC 1123 label: a virtual cluster's dnsLabel (CRD and API), a Kubernetes namespace.
	dnsLabelPattern = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	// dns1035LabelPattern is an RFC 1035 label, such as a Kubernetes Service name.
	dns1035LabelPattern = regexp.MustCompile(`^[a-z]([-a-z0-9]*[a-z0-9])?$`)
	// dnsSubdomainPattern is an RFC 1123 subdomain, such as a Kubernetes object name.
	dnsSubdomainPattern = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)
	// hostPortPattern is a backend cluster's bootstrap server (API).
	hostPortPattern = regexp.MustCompile(`^(([a-zA-Z0-9.\-]+)|\[([a-fA-F0-9:]+)\]):\d+$`)
	// advertisedHostPattern is a port-mapping policy's advertisedHost (CRD and API).
	advertisedHostPattern = regexp.MustCompile(
		`^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?)*$`)
	// sniSuffixPattern is an SNI forwarding policy's sniSuffix (CRD and API).
	sniSuffixPattern = regexp.MustCompile(`^[.-]([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*([a-z0-9-]*[a-z0-9])$`)
	// labelValuePattern is a Konnect label value (CRD and API) and a non-empty Kubernetes label value.
	labelValuePattern = regexp.MustCompile(`^[a-z0-9A-Z]([a-z0-9A-Z-._]*[a-z0-9A-Z]+)?$`)
	// qualifiedNamePattern is the name part of a Kubernetes label or annotation key.
	qualifiedNamePattern = regexp.MustCompile(`^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`)
	// versionPattern is a gateway's minRuntimeVersion (CRD and API).
	versionPattern = regexp.MustCompile(`^\d+\.\d+$`)
	// globPattern is a topic or group glob of a virtual cluster namespace (CRD and API).
	globPattern = regexp.MustCompile(`^[A-Za-z0-9._?*-]+$`)
	// gatewayHostnamePattern is a Gateway API host name: precise, or with a leading "*." label.
	gatewayHostnamePattern = regexp.MustCompile(
		`^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)
	// hostNamePattern is an RFC 1123 host name, the CRD's form of a Konnect server URL without scheme.
	hostNamePattern = regexp.MustCompile(
		`^([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$`)
	// regionPattern is the first label of a Konnect server host: a region such as eu, or global.
	regionPattern = regexp.MustCompile(`^([a-zA-Z]{2}|global)$`)
	// uuidPattern is a Konnect object ID.
	uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	// awsKMSKeyARNPattern is the ARN of an AWS KMS key (API).
	awsKMSKeyARNPattern = regexp.MustCompile(`^arn:aws:kms:.+`)
	// portRangePattern is a listener port: "N" or "N-M" (API).
	portRangePattern = regexp.MustCompile(`^(\d{1,5})(?:-(\d{1,5}))?$`)
)

// konnectReservedLabelPrefixes start no Konnect label key.
var konnectReservedLabelPrefixes = []string{"kong", "konnect", "mesh", "kic", "_"}

// Required reports a value that is not set: the zero value of its type.
func Required[T comparable](v T) string {
	var zero T
	if v == zero {
		return "is required"
	}
	return ""
}

// MaxLength reports a value longer than n characters. Characters are Unicode code points, as the CRDs' and the
// API's maxLength counts them (the components counted bytes).
func MaxLength(v string, n int) string {
	if length := utf8.RuneCountInString(v); length > n {
		return fmt.Sprintf("must be at most %d characters, not %d", n, length)
	}
	return ""
}

// NotEmpty reports a list or map of n entries that needs at least one.
func NotEmpty(n int) string {
	if n == 0 {
		return "must have at least one entry"
	}
	return ""
}

// MaxEntries reports a list or map of n entries that may have at most limit.
func MaxEntries(n, limit int) string {
	if n > limit {
		return fmt.Sprintf("must have at most %d entries, not %d", limit, n)
	}
	return ""
}

// AtLeast reports n below least.
func AtLeast(n, least int) string {
	if n < least {
		return fmt.Sprintf("%d must be at least %d", n, least)
	}
	return ""
}

// AtMost reports n above most.
func AtMost(n, most int) string {
	if n > most {
		return fmt.Sprintf("%d must be at most %d", n, most)
	}
	return ""
}

// Between reports n outside lo-hi.
func Between(n, lo, hi int) string {
	if n < lo || n > hi {
		return fmt.Sprintf("%d must be between %d and %d", n, lo, hi)
	}
	return ""
}

// Port reports a port outside 1-65535.
func Port(n int) string {
	return Between(n, 1, 65535)
}

// OneOf reports a value that is not one of allowed.
func OneOf[T ~string](v T, allowed ...T) string {
	if v == "" || slices.Contains(allowed, v) {
		return ""
	}
	return fmt.Sprintf("%q must be one of %s", v, quoteAll(allowed))
}

// Enum reports a value outside the closed set its type lists for the schema (infer.Enum), so the check and the
// schema read the values from one place.
func Enum[T interface {
	~string
	Values() []infer.EnumValue[T]
}](v T) string {
	values := v.Values()
	allowed := make([]T, 0, len(values))
	for _, e := range values {
		allowed = append(allowed, e.Value)
	}
	return OneOf(v, allowed...)
}

// Member reports a union member that is not set although wanted, or set although not wanted, when the union's
// discriminator (such as type) is value.
func Member(set, wanted bool, discriminator, value string) string {
	switch {
	case wanted && !set:
		return fmt.Sprintf("is required when %s is %q", discriminator, value)
	case set && !wanted:
		return fmt.Sprintf("does not apply when %s is %q", discriminator, value)
	}
	return ""
}

// ExactlyOne reports that both or neither of the fields a and b are set.
func ExactlyOne(a string, aSet bool, b string, bSet bool) string {
	if aSet == bSet {
		return fmt.Sprintf("set exactly one of %s and %s", a, b)
	}
	return ""
}

// Seen remembers where each value of a field that must be unique was first used.
type Seen map[string]Path

// Repeated records v at path, and reports it when it was used before.
func (s Seen) Repeated(v string, path Path) string {
	if first, used := s[v]; used {
		return fmt.Sprintf("%q is also the value of %s", v, first)
	}
	s[v] = path
	return ""
}

// DNSLabel reports a value that is no RFC 1123 label of at most 63 characters (CRD and API).
func DNSLabel(v string) string {
	return match(v, 63, dnsLabelPattern, "must be a DNS label: at most 63 lowercase letters, digits and '-', "+
		"starting and ending with a letter or digit")
}

// DNS1035Label reports a value that is no RFC 1035 label of at most 63 characters.
func DNS1035Label(v string) string {
	return match(v, 63, dns1035LabelPattern, "must be a DNS-1035 label: at most 63 lowercase letters, digits and "+
		"'-', starting with a letter and ending with a letter or digit")
}

// DNSSubdomain reports a value that is no RFC 1123 subdomain of at most 253 characters.
func DNSSubdomain(v string) string {
	return match(v, 253, dnsSubdomainPattern,
		"must be a DNS subdomain: at most 253 characters of DNS labels joined by '.'")
}

// HostPort reports a bootstrap server that is not host:port. The API's pattern takes any port number; a port
// outside 1-65535 is refused too, as the components did.
func HostPort(v string) string {
	if v == "" {
		return ""
	}
	if hostPortPattern.MatchString(v) {
		port, err := strconv.Atoi(v[strings.LastIndex(v, ":")+1:])
		if err == nil && Port(port) == "" {
			return ""
		}
	}
	return fmt.Sprintf("%q must be host:port with a port between 1 and 65535", v)
}

// AdvertisedHost reports a value that is no lowercase host name or IPv4 address of at most 253 characters: the
// API's pattern and the CRD's maxLength (the provider checked only the pattern).
func AdvertisedHost(v string) string {
	return match(v, 253, advertisedHostPattern,
		"must be a lowercase host name or IPv4 address of at most 253 characters")
}

// SNISuffix reports a value that is not "." or "-" followed by lowercase DNS labels (CRD and API).
func SNISuffix(v string) string {
	return match(v, 0, sniSuffixPattern,
		`must start with "." or "-" followed by lowercase DNS labels, such as ".keg.example.com"`)
}

// LabelValue reports a label value (of Konnect or Kubernetes) that is not at most 63 letters, digits, '-', '_' and
// '.' starting and ending with a letter or digit. Konnect needs a value; see KonnectLabels.
func LabelValue(v string) string {
	return match(v, 63, labelValuePattern,
		"must be at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit")
}

// KonnectLabelKey reports a Konnect label key that is not 1-63 characters or starts with a reserved prefix. The
// prefixes are refused in any letter case, as the provider did (the components only refused lowercase ones).
func KonnectLabelKey(key string) string {
	length, lower := utf8.RuneCountInString(key), strings.ToLower(key)
	reserved := slices.ContainsFunc(konnectReservedLabelPrefixes, func(prefix string) bool {
		return strings.HasPrefix(lower, prefix)
	})
	if length >= 1 && length <= 63 && !reserved {
		return ""
	}
	return fmt.Sprintf("key %q must be 1-63 characters, not starting with %s", key,
		quoteAll(konnectReservedLabelPrefixes))
}

// QualifiedName reports a Kubernetes label or annotation key, or a resource name, that is not an optional DNS
// subdomain and "/", then a name of at most 63 characters.
func QualifiedName(key string) string {
	prefix, name, hasPrefix := strings.Cut(key, "/")
	if !hasPrefix {
		name = key
	}
	if (!hasPrefix || len(prefix) <= 253 && dnsSubdomainPattern.MatchString(prefix)) &&
		len(name) <= 63 && qualifiedNamePattern.MatchString(name) {
		return ""
	}
	return fmt.Sprintf(`%q must be a qualified name: an optional DNS subdomain and "/", then at most 63 letters, `+
		"digits, '-', '_' and '.', starting and ending with a letter or digit", key)
}

// Version reports a value that is not major.minor (CRD and API).
func Version(v string) string {
	return match(v, 0, versionPattern, "must be major.minor, such as 1.2")
}

// Glob reports a glob that is not at most 253 of A-Za-z0-9._?*-: the API's pattern and the CRD's maxLength.
func Glob(v string) string {
	return match(v, 253, globPattern, "must be at most 253 letters, digits, '.', '_', '?', '*' and '-'")
}

// GatewayHostname reports a value that is no Gateway API host name: a lowercase host name of at most 253
// characters, optionally starting with "*.".
func GatewayHostname(v string) string {
	return match(v, 253, gatewayHostnamePattern,
		`must be a lowercase host name of at most 253 characters, optionally starting with "*."`)
}

// UUID reports a value that is no UUID, such as a Konnect object ID.
func UUID(v string) string {
	return match(v, 0, uuidPattern, "must be a UUID")
}

// AWSKMSKeyARN reports a value that is not the ARN of an AWS KMS key.
func AWSKMSKeyARN(v string) string {
	return match(v, 0, awsKMSKeyARNPattern, "must be an AWS KMS key ARN (arn:aws:kms:...)")
}

// PortRange reports a listener port that is neither a port ("9092") nor a range ("9092-9095") within 1-65535.
func PortRange(v string) string {
	if v == "" {
		return ""
	}
	if m := portRangePattern.FindStringSubmatch(v); m != nil {
		lo, _ := strconv.Atoi(m[1])
		hi := lo
		if m[2] != "" {
			hi, _ = strconv.Atoi(m[2])
		}
		if 1 <= lo && lo <= hi && hi <= 65535 {
			return ""
		}
	}
	return fmt.Sprintf(`%q must be a port or a range of ports within 1-65535, such as "9092" or "9092-9095"`, v)
}

// KonnectTokenPrefixes start every Konnect access token: personal (kpat_) and system account (spat_).
var KonnectTokenPrefixes = []string{"kpat_", "spat_"}

// KonnectToken reports a set token that is no Konnect access token (no kpat_ or spat_ prefix), without quoting it.
func KonnectToken(v string) string {
	if v == "" || slices.ContainsFunc(KonnectTokenPrefixes, func(prefix string) bool { return strings.HasPrefix(v, prefix) }) {
		return ""
	}
	return "must start with kpat_ or spat_ (a Konnect personal or system account access token)"
}

// KonnectServerURL reports a Konnect server that is neither an RFC 1123 host name (the CRD's form) nor an https
// URL of one with no port, path, query or credentials, or whose first label is no region (such as eu, or global),
// which Kong Operator reads from it.
func KonnectServerURL(v string) string {
	host := v
	if strings.Contains(v, "://") {
		host = ""
		if u, err := url.Parse(v); err == nil && u.Scheme == "https" && u.User == nil && u.Port() == "" &&
			u.EscapedPath() == "" && !u.ForceQuery && u.RawQuery == "" && u.Fragment == "" {
			host = u.Hostname()
		}
	}
	region, _, _ := strings.Cut(host, ".")
	if v == "" || hostNamePattern.MatchString(host) && regionPattern.MatchString(region) {
		return ""
	}
	shown := v
	if u, err := url.Parse(v); err == nil && u.User != nil {
		shown = u.Redacted() // no password in messages
	}
	return fmt.Sprintf("%q must be a Konnect API host starting with its region, such as eu.api.konghq.com, "+
		"or an https URL of one", shown)
}

// HTTPURL reports a value that is no absolute http or https URL with a host, such as a JWKS endpoint or a schema
// registry (the API's format: uri).
func HTTPURL(v string) string {
	if v == "" {
		return ""
	}
	if u, err := url.Parse(v); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		return ""
	}
	return fmt.Sprintf("%q must be an http or https URL with a host, such as https://host.example.com/path", v)
}

// backendSchemes are the URL schemes of the Pulumi state backends.
var backendSchemes = []string{"file", "s3", "gs", "azblob", "postgres", "https", "http"}

// BackendURL reports a Pulumi state backend URL with no scheme Pulumi knows, or a Pulumi service URL with no host.
// The report does not quote the value, which may hold credentials.
func BackendURL(v string) string {
	if v == "" {
		return ""
	}
	u, err := url.Parse(v)
	if err == nil && slices.Contains(backendSchemes, u.Scheme) && strings.HasPrefix(v, u.Scheme+"://") &&
		(u.Host != "" || u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	return "must be a Pulumi backend URL: file://, s3://, gs://, azblob://, postgres:// or https:// (Pulumi Cloud " +
		"or a self-hosted service)"
}

// secretsSchemes are the URL schemes of the secrets providers Pulumi supports besides passphrase and default.
var secretsSchemes = []string{"awskms://", "gcpkms://", "azurekeyvault://", "hashivault://"}

// SecretsProvider reports a secrets provider Pulumi does not know.
func SecretsProvider(v string) string {
	if v == "" || v == "passphrase" || v == "default" {
		return ""
	}
	for _, scheme := range secretsSchemes {
		if strings.HasPrefix(v, scheme) && len(v) > len(scheme) {
			return ""
		}
	}
	return fmt.Sprintf("%q must be passphrase, default, or a key URL starting with %s", v, strings.Join(secretsSchemes, ", "))
}

// KonnectEntity checks what every Konnect entity at path has: a name, a description, and labels in the field
// labelsField.
func (p *Problems) KonnectEntity(path Path, name, description, labelsField string, labels map[string]string) {
	p.Check(path.Field("name"), MaxLength(name, MaxNameLength))
	p.Check(path.Field("description"), MaxLength(description, maxDescriptionLength))
	p.KonnectLabels(path.Field(labelsField), labels)
}

// KonnectLabels checks Konnect labels: at most 50, keys by KonnectLabelKey, values set and by LabelValue.
func (p *Problems) KonnectLabels(path Path, labels map[string]string) {
	p.Check(path, MaxEntries(len(labels), maxLabels))
	for _, key := range slices.Sorted(maps.Keys(labels)) {
		p.Check(path.Key(key), KonnectLabelKey(key), Required(labels[key]), LabelValue(labels[key]))
	}
}

// KubernetesLabels checks Kubernetes labels: keys by QualifiedName, values empty or by LabelValue.
func (p *Problems) KubernetesLabels(path Path, labels map[string]string) {
	for _, key := range slices.Sorted(maps.Keys(labels)) {
		p.Check(path.Key(key), QualifiedName(key), LabelValue(labels[key]))
	}
}

// QualifiedNames checks the keys of a map, such as Kubernetes annotations, by QualifiedName.
func (p *Problems) QualifiedNames(path Path, m map[string]string) {
	for _, key := range slices.Sorted(maps.Keys(m)) {
		p.Check(path.Key(key), QualifiedName(key))
	}
}

// match reports v unless it is "" or at most maxLength characters (0: any number) matching pattern; predicate
// follows the quoted value in the report.
func match(v string, maxLength int, pattern *regexp.Regexp, predicate string) string {
	if v == "" || (maxLength == 0 || utf8.RuneCountInString(v) <= maxLength) && pattern.MatchString(v) {
		return ""
	}
	return fmt.Sprintf("%s %s", quoteShort(v), predicate)
}

// maxQuoted is the most characters of a value a report quotes.
const maxQuoted = 256

// quoteShort quotes v, cut to its first maxQuoted characters and "..." when longer, so that a report stays one
// readable line whatever the input.
func quoteShort(v string) string {
	if utf8.RuneCountInString(v) <= maxQuoted {
		return strconv.Quote(v)
	}
	return strconv.Quote(string([]rune(v)[:maxQuoted])) + "..."
}

// quoteAll lists values as "a", "b", "c".
func quoteAll[T ~string](values []T) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(string(v))
	}
	return strings.Join(quoted, ", ")
}
