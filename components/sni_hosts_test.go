package components

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
)

func TestClusterHostNames(t *testing.T) {
	perCluster := newClusterHosts(eventgateway.BrokerHostPerClusterSuffix, "vc-tls-1", ".keg.example.com", 0, 3)
	assert.Equal(t, "bootstrap.vc-tls-1.keg.example.com", perCluster.Bootstrap)
	assert.Equal(t, []string{"broker-0.vc-tls-1.keg.example.com", "broker-1.vc-tls-1.keg.example.com",
		"broker-2.vc-tls-1.keg.example.com"}, perCluster.Brokers)
	assert.Equal(t, []string{"*.vc-tls-1.keg.example.com"}, perCluster.routed())

	shared := newClusterHosts(eventgateway.BrokerHostSharedSuffix, "vc-tls-1", ".keg.example.com", 1, 2)
	assert.Equal(t, []string{"bootstrap-vc-tls-1.keg.example.com", "broker-1-vc-tls-1.keg.example.com",
		"broker-2-vc-tls-1.keg.example.com"}, shared.all())
	assert.Equal(t, shared.all(), shared.routed(), "a shared wildcard would route other clusters' names")

	dashed := newClusterHosts(eventgateway.BrokerHostPerClusterSuffix, "a", "-keg", 0, 1)
	assert.Equal(t, []string{"bootstrap.a-keg", "broker-0.a-keg"}, dashed.routed(),
		"no wildcard right below a single label")
}

func TestCertificateNames(t *testing.T) {
	hosts := func(format eventgateway.BrokerHostFormatType, suffix string, labels ...string) []string {
		var all []string
		for _, label := range labels {
			all = append(all, newClusterHosts(format, label, suffix, 0, 3).all()...)
		}
		return all
	}
	for _, tc := range []struct {
		name  string
		hosts []string
		want  []string
	}{
		{
			name:  "per_cluster_suffix: one wildcard per cluster",
			hosts: hosts(eventgateway.BrokerHostPerClusterSuffix, ".keg.example.com", "vc-tls-1"),
			want:  []string{"*.vc-tls-1.keg.example.com"},
		},
		{
			name:  "per_cluster_suffix with three clusters",
			hosts: hosts(eventgateway.BrokerHostPerClusterSuffix, ".keg.example.com", "a", "b", "c"),
			want:  []string{"*.a.keg.example.com", "*.b.keg.example.com", "*.c.keg.example.com"},
		},
		{
			name:  "shared_suffix: one wildcard for every cluster",
			hosts: hosts(eventgateway.BrokerHostSharedSuffix, ".keg.example.com", "a", "b", "c"),
			want:  []string{"*.keg.example.com"},
		},
		{
			name:  "shared_suffix after a dash: the wildcard sits on the parent domain",
			hosts: hosts(eventgateway.BrokerHostSharedSuffix, "-keg.example.com", "a"),
			want:  []string{"*.example.com"},
		},
		{
			name:  "per_cluster_suffix after a dash",
			hosts: hosts(eventgateway.BrokerHostPerClusterSuffix, "-keg.example.com", "a"),
			want:  []string{"*.a-keg.example.com"},
		},
		{
			name:  "shared_suffix right below a single label: every name",
			hosts: hosts(eventgateway.BrokerHostSharedSuffix, ".localhost", "a"),
			want:  []string{"bootstrap-a.localhost", "broker-0-a.localhost", "broker-1-a.localhost", "broker-2-a.localhost"},
		},
		{
			name:  "per_cluster_suffix under .localhost",
			hosts: hosts(eventgateway.BrokerHostPerClusterSuffix, ".localhost", "a"),
			want:  []string{"*.a.localhost"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			names := certificateNames(tc.hosts)
			assert.Equal(t, tc.want, names)
			assert.Empty(t, uncoveredHosts(tc.hosts, names), "the names cover every host")
		})
	}
}

func TestCertificateCoverage(t *testing.T) {
	for _, tc := range []struct {
		name, host string
		covered    bool
	}{
		{"*.vc-tls-1.keg.example.com", "broker-0.vc-tls-1.keg.example.com", true},
		{"*.vc-tls-1.keg.example.com", "bootstrap.vc-tls-1.keg.example.com", true},
		{"*.keg.example.com", "broker-0.vc-tls-1.keg.example.com", false}, // the defect of Kong's SNI guide
		{"*.keg.example.com", "broker-0-vc-tls-1.keg.example.com", true},
		{"*.example.com", "example.com", false},
		{"bootstrap.a.example.com", "bootstrap.a.example.com", true},
		{"Bootstrap.A.example.com", "bootstrap.a.example.com", true},
		{"bootstrap.a.example.com", "broker-0.a.example.com", false},
	} {
		assert.Equal(t, tc.covered, covers(tc.name, tc.host), "%s covers %s", tc.name, tc.host)
	}
	assert.Equal(t, []string{"broker-0.a.keg.example.com"},
		uncoveredHosts([]string{"bootstrap.a.keg.example.com", "broker-0.a.keg.example.com"},
			[]string{"*.keg.example.com", "bootstrap.a.keg.example.com"}))
}
