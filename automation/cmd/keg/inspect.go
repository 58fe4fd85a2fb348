package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"sigs.k8s.io/yaml"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
)

// validation is what `keg validate` reports about a valid spec.
type validation struct {
	File     string           `json:"file"`
	Project  string           `json:"project"`
	Stack    string           `json:"stack"`
	Target   string           `json:"target"`
	Gateways []gatewayPattern `json:"gateways"`
}

type gatewayPattern struct {
	Name    string             `json:"name"`
	Pattern automation.Pattern `json:"pattern"`
}

// validateCommand checks a spec without touching any cluster, Konnect or state.
func validateCommand(f *flags, stdout, _ io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "validate",
		Short: "Check a spec without touching any cluster, Konnect or state",
		Long: "Validate decodes the spec and runs every check up and preview run before anything starts: unknown " +
			"fields, types, the local/real target rules and each gateway's component validation. Problems are listed " +
			"with their line and field; exit code 2." + referenceHelp(),
		Example: "  keg validate -f gateway.yaml\n  keg validate -f gateway.yaml --json",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			p, err := loadSpec(f)
			if err != nil {
				return err
			}
			if f.stack != "" {
				p.Stack = f.stack
			}
			v := validation{File: p.File, Project: p.Project, Stack: p.Stack, Target: describeTarget(p)}
			for _, gw := range p.Gateways {
				pattern := automation.PatternPortMapped
				if gw.Sni != nil {
					pattern = automation.PatternSni
				}
				v.Gateways = append(v.Gateways, gatewayPattern{Name: gw.Name, Pattern: pattern})
			}
			if f.json {
				out := newOutput(stdout, nil, true)
				out.emit("validation", v)
				return nil
			}
			fmt.Fprintf(stdout, "%s is valid: stack %s of project %s, %s\n", v.File, v.Stack, v.Project, v.Target)
			for _, gw := range v.Gateways {
				fmt.Fprintf(stdout, "  gateway %s (%s)\n", gw.Name, gw.Pattern)
			}
			return nil
		},
	}
}

// describeTarget says where a spec deploys.
func describeTarget(p *spec.Parsed) string {
	if p.Local {
		return "local: the embedded local cluster and Konnect emulator"
	}
	cluster := "$KUBECONFIG"
	if p.Kubernetes.Kubeconfig != "" {
		cluster = p.Kubernetes.Kubeconfig
	}
	if p.Kubernetes.Context != "" {
		cluster += " (context " + p.Kubernetes.Context + ")"
	}
	return fmt.Sprintf("real: the cluster of %s and Konnect %s (token from %s)", cluster, p.Konnect.ServerURL,
		p.Konnect.TokenSource())
}

// outputsCommand prints the connection info of the last up, from the state alone.
func outputsCommand(f *flags, stdout, stderr io.Writer) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "outputs",
		Short: "Print where Kafka clients connect",
		Long: "Outputs reads the connection info of the last up from the stack's state: no cluster, Konnect or " +
			"token is needed. Exit code 6 when the stack does not exist." + referenceHelp(),
		Example: "  keg outputs -f gateway.yaml\n  keg outputs -f gateway.yaml -o json | jq -r '.portmapped.bootstrapServers.orders'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" && format != "yaml" {
				return usageError{msg: fmt.Sprintf("-o %s: want text, json or yaml", format)}
			}
			p, err := loadSpec(f)
			if err != nil {
				return err
			}
			out := newOutput(stdout, stderr, f.json)
			opts := f.runnerOptions(stdout, stderr, &interrupts{out: out})
			opts.StateOnly = true
			r, err := automation.Open(cmd.Context(), p, opts)
			if err != nil {
				return err
			}
			defer r.Close()
			conns, err := r.Outputs(cmd.Context())
			if err != nil {
				return err
			}
			return printConnections(stdout, out, format, conns)
		},
	}
	cmd.Flags().StringVarP(&format, "output", "o", "text", "text, json or yaml")
	return cmd
}

// printConnections writes the connection info in format; --json wins over -o.
func printConnections(w io.Writer, out *output, format string, conns automation.Connections) error {
	switch {
	case out.json:
		out.result("", automation.Result{Connections: conns})
	case format == "json":
		data, err := json.MarshalIndent(conns, "", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintln(w, string(data))
	case format == "yaml":
		data, err := yaml.Marshal(conns)
		if err != nil {
			return err
		}
		fmt.Fprint(w, string(data))
	default:
		conns.Print(w)
	}
	return nil
}
