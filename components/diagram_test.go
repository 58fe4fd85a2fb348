package components

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/internal/pulumimock"
)

// updateDiagrams rewrites the README's diagrams from the components' graphs: go test ./components -run Diagram -update.
var updateDiagrams = flag.Bool("update", false, "rewrite the README's diagrams")

// readme is the README the diagrams live in, between <!-- BEGIN diagram NAME --> and <!-- END diagram NAME -->.
const readme = "../README.md"

// mermaid draws the children a component registered as a Mermaid flowchart: one node per object (kind and name),
// and an arrow from each object to every object that waits for it or refers to it.
func mermaid(recorder *pulumimock.Recorder, component string) string {
	var children []pulumimock.Resource
	for _, r := range recorder.Resources() {
		if r.Name != component {
			children = append(children, r)
		}
	}
	slices.SortFunc(children, func(a, b pulumimock.Resource) int { return strings.Compare(a.Name, b.Name) })
	ids := map[string]string{}
	var b strings.Builder
	b.WriteString("```mermaid\nflowchart LR\n")
	for i, r := range children {
		ids[r.Name] = fmt.Sprintf("n%d", i)
		fmt.Fprintf(&b, "  n%d[\"%s<br/>%s\"]\n", i, r.Kind(), r.Name)
	}
	for _, r := range children {
		var from []string
		for _, urn := range r.Dependencies {
			if id, ok := ids[pulumimock.URNName(urn)]; ok {
				from = append(from, id)
			}
		}
		slices.Sort(from)
		for _, id := range slices.Compact(from) {
			fmt.Fprintf(&b, "  %s --> %s\n", id, ids[r.Name])
		}
	}
	b.WriteString("```\n")
	return b.String()
}

// TestREADMEDiagramsMatchTheGraph: the README draws what each component creates for Kong's examples, and the
// drawing is the graph the component registers; -update rewrites it.
func TestREADMEDiagramsMatchTheGraph(t *testing.T) {
	portMapped, _ := render(t, "example", seedArgs())
	sniArgs := seedSNIArgs()
	sniArgs.TLS = SniTLSArgs{Issuer: &IssuerArgs{Name: "letsencrypt", Kind: "ClusterIssuer"}}
	sniArgs.DNS = &DNSArgs{}
	sni, _ := renderSNI(t, "sni", sniArgs, nil)
	diagrams := map[string]string{"portmapped": mermaid(portMapped, "example"), "sni": mermaid(sni, "sni")}

	data, err := os.ReadFile(readme)
	require.NoError(t, err)
	text := string(data)
	for name, diagram := range diagrams {
		block := regexp.MustCompile(`(?s)(<!-- BEGIN diagram ` + name + ` -->\n).*?(<!-- END diagram ` + name + ` -->)`)
		require.Regexp(t, block, text, "the README has no diagram %s", name)
		want := block.ReplaceAllString(text, "${1}"+strings.ReplaceAll(diagram, "$", "$$")+"${2}")
		if *updateDiagrams {
			text = want
			continue
		}
		assert.Equal(t, want, text, "the README's %s diagram is stale: go test ./components -run Diagram -update", name)
	}
	if *updateDiagrams {
		require.NoError(t, os.WriteFile(readme, []byte(text), 0o644))
	}
}
