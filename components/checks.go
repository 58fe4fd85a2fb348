package components

import (
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

// Patterns from the Kong Operator CRDs, the Konnect API and Kubernetes.
var (
	// dnsLabelPattern is the CRD pattern of a virtual cluster's dnsLabel (RFC 1035/1123 label).
	dnsLabelPattern = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	// dns1035LabelPattern is a Kubernetes Service name.
	dns1035LabelPattern = regexp.MustCompile(`^[a-z]([-a-z0-9]*[a-z0-9])?$`)
	// dns1123SubdomainPattern is a Kubernetes object name.
	dns1123SubdomainPattern = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)
	// konnectLabelValuePattern is the CRD pattern of an apiSpec.labels value.
	konnectLabelValuePattern = regexp.MustCompile(`^[a-z0-9A-Z]{1}([a-z0-9A-Z-._]*[a-z0-9A-Z]+)?$`)
	// kubernetesLabelValuePattern is a Kubernetes label value (may be empty).
	kubernetesLabelValuePattern = regexp.MustCompile(`^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$`)
	// qualifiedNamePattern is the name part of a Kubernetes label or annotation key.
	qualifiedNamePattern = regexp.MustCompile(`^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`)
	// advertisedHostPattern is the CRD pattern of portMapping.advertisedHost.
	advertisedHostPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?)*$`)
	// bootstrapServerPattern is the Konnect API pattern of a backend bootstrap server.
	bootstrapServerPattern = regexp.MustCompile(`^(([a-zA-Z0-9\.\-]+)|\[([a-fA-F0-9:]+)\]):\d+$`)
	// hostnamePattern is an RFC 1123 host name, the CRD's form of a serverURL without scheme.
	hostnamePattern = regexp.MustCompile(`^([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?\.)*[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$`)
	// minRuntimeVersionPattern is the CRD pattern of a gateway's minRuntimeVersion.
	minRuntimeVersionPattern = regexp.MustCompile(`^\d+\.\d+$`)
	// globPattern is the CRD pattern of a namespace glob.
	globPattern = regexp.MustCompile(`^[A-Za-z0-9._?*-]+$`)
	// sniSuffixPattern is the Konnect API pattern of an sni forwarding policy's sniSuffix.
	sniSuffixPattern = regexp.MustCompile(`^[\.-]([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*([a-z0-9-]*[a-z0-9])$`)
	// gatewayHostnamePattern is a Gateway API host name: precise, or with a leading "*." label.
	gatewayHostnamePattern = regexp.MustCompile(`^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)
	// regionPattern is the first label of a Konnect server host: a region such as eu, or global.
	regionPattern = regexp.MustCompile(`^([a-zA-Z]{2}|global)$`)
)

// konnectReservedLabelPrefixes are prefixes Konnect refuses in label keys.
var konnectReservedLabelPrefixes = []string{"kong", "konnect", "mesh", "kic", "_"}

// checkRequired reports an empty value.
func checkRequired(p *problems, field, value string) bool {
	if value == "" {
		p.add(field, "is required")
		return false
	}
	return true
}

// checkLength reports a value longer than maxLen characters.
func checkLength(p *problems, field, value string, maxLen int) {
	if len(value) > maxLen {
		p.add(field, "must be at most %d characters, not %d", maxLen, len(value))
	}
}

// checkPattern reports a value that does not match pattern.
func checkPattern(p *problems, field, value string, pattern *regexp.Regexp) {
	if !pattern.MatchString(value) {
		p.add(field, "%q must match %s", value, pattern)
	}
}

// checkEnum reports a value that is not one of allowed; an empty value passes when optional.
func checkEnum[T ~string](p *problems, field string, value T, optional bool, allowed ...T) {
	if (value == "" && optional) || slices.Contains(allowed, value) {
		return
	}
	p.add(field, "%q must be one of %s", value, joinQuoted(allowed))
}

// checkPort reports a port outside 1-65535.
func checkPort(p *problems, field string, port int) {
	if port < 1 || port > 65535 {
		p.add(field, "%d is outside 1-65535", port)
	}
}

// checkKonnectLabels checks Konnect labels: keys of 1-63 characters without a reserved prefix, values matching
// the CRD pattern.
func checkKonnectLabels(p *problems, field string, labels map[string]string) {
	for _, key := range sortedKeys(labels) {
		keyField := field + "[" + quote(key) + "]"
		if key == "" || len(key) > 63 {
			p.add(keyField, "label keys must be 1-63 characters")
		}
		for _, prefix := range konnectReservedLabelPrefixes {
			if strings.HasPrefix(key, prefix) {
				p.add(keyField, "label keys must not start with %s", joinQuoted(konnectReservedLabelPrefixes))
				break
			}
		}
		checkLength(p, keyField, labels[key], 63)
		checkPattern(p, keyField, labels[key], konnectLabelValuePattern)
	}
}

// checkKubernetesLabels checks Kubernetes label keys and values.
func checkKubernetesLabels(p *problems, field string, labels map[string]string) {
	for _, key := range sortedKeys(labels) {
		keyField := field + "[" + quote(key) + "]"
		checkQualifiedName(p, keyField, key)
		checkLength(p, keyField, labels[key], 63)
		checkPattern(p, keyField, labels[key], kubernetesLabelValuePattern)
	}
}

// checkAnnotationKeys checks Kubernetes annotation keys.
func checkAnnotationKeys(p *problems, field string, annotations map[string]string) {
	for _, key := range sortedKeys(annotations) {
		checkQualifiedName(p, field+"["+quote(key)+"]", key)
	}
}

// checkQualifiedName checks a label or annotation key: an optional DNS subdomain prefix and "/", then a name of
// at most 63 characters.
func checkQualifiedName(p *problems, field, key string) {
	prefix, name, hasPrefix := strings.Cut(key, "/")
	if !hasPrefix {
		prefix, name = "", key
	}
	if hasPrefix && (len(prefix) > 253 || !dns1123SubdomainPattern.MatchString(prefix)) {
		p.add(field, "key prefix %q must be a DNS subdomain", prefix)
	}
	if len(name) > 63 || !qualifiedNamePattern.MatchString(name) {
		p.add(field, "key name %q must be at most 63 characters matching %s", name, qualifiedNamePattern)
	}
}

// checkObjectName checks a required Kubernetes object name (a DNS subdomain).
func checkObjectName(p *problems, field, name string) {
	if checkRequired(p, field, name) {
		checkLength(p, field, name, 253)
		checkPattern(p, field, name, dns1123SubdomainPattern)
	}
}

// checkServerURL checks a Konnect server URL the way the CRD does (an https URL or an RFC 1123 host name) and
// that its first label is a region, which the operator reads from it.
func checkServerURL(p *problems, field, serverURL string) {
	if !checkRequired(p, field, serverURL) {
		return
	}
	host := serverURL
	if strings.Contains(serverURL, "://") {
		u, err := url.Parse(serverURL)
		if err != nil || u.Host == "" {
			p.add(field, "%q is not a valid URL", serverURL)
			return
		}
		if u.Scheme != "https" {
			p.add(field, "%q must use https", serverURL)
		}
		host = u.Hostname()
	}
	if !hostnamePattern.MatchString(host) {
		p.add(field, "%q must be a host name such as eu.api.konghq.com or an https URL", serverURL)
		return
	}
	region, _, _ := strings.Cut(host, ".")
	if !regionPattern.MatchString(region) {
		p.add(field, "%q must start with a region label such as eu, us or au, or global", serverURL)
	}
}

// checkSensitiveDataSource checks that a source holds an inline value or names a Secret key, as its type says.
func checkSensitiveDataSource(p *problems, field string, source eventgateway.SensitiveDataSource) {
	switch source.Type {
	case eventgateway.SensitiveDataInline:
		if checkRequired(p, field+".value", source.Value) {
			checkLength(p, field+".value", source.Value, 4096)
		}
		if source.SecretRef != nil {
			p.add(field+".secretRef", "must not be set for type inline")
		}
	case eventgateway.SensitiveDataSecretRef:
		if source.SecretRef == nil {
			p.add(field+".secretRef", "is required for type secretRef")
			break
		}
		checkRequired(p, field+".secretRef.name", source.SecretRef.Name)
		checkRequired(p, field+".secretRef.key", source.SecretRef.Key)
		if source.Value != "" {
			p.add(field+".value", "must not be set for type secretRef")
		}
	default:
		checkEnum(p, field+".type", source.Type, false, eventgateway.SensitiveDataInline, eventgateway.SensitiveDataSecretRef)
	}
}

// checkUnionMembers reports a union whose set members are not exactly the one its type names.
func checkUnionMembers(p *problems, field, typeName string, members map[string]bool) {
	for _, member := range sortedKeys(members) {
		switch {
		case member == typeName && !members[member]:
			p.add(field+"."+member, "is required for type %s", typeName)
		case member != typeName && members[member]:
			p.add(field+"."+member, "must not be set for type %s", typeName)
		}
	}
}

// checkCredentials checks a username and password of 1-253 characters, never echoing the password.
func checkCredentials(p *problems, field, username, password string) {
	if checkRequired(p, field+".username", username) {
		checkLength(p, field+".username", username, 253)
	}
	if checkRequired(p, field+".password", password) && len(password) > 253 {
		p.add(field+".password", "must be at most 253 characters")
	}
}

// sortedKeys returns the keys of m in order, so problems come out in a stable order.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// quote returns s in double quotes.
func quote(s string) string {
	return strconv.Quote(s)
}

// joinQuoted lists values as "a", "b", "c".
func joinQuoted[T ~string](values []T) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = quote(string(v))
	}
	return strings.Join(quoted, ", ")
}
