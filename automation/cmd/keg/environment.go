package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
)

// environmentVariables documents every variable keg reads, for --help and the README.
var environmentVariables = []struct{ Name, Meaning string }{
	{binDirEnv, "directory of the pulumi CLI, the Kubernetes plugin and the local-cluster binaries (--bin)"},
	{localcluster.KongCRDsDirEnv, "Kong Operator CRD directory for the embedded local cluster (--kong-crds)"},
	{"KONNECT_TOKEN", "the Konnect token of a real spec (konnect.tokenEnv names another variable; konnect.tokenFile or --konnect-token-stdin replace it)"},
	{"PULUMI_CONFIG_PASSPHRASE", "passphrase of the passphrase secrets provider (PULUMI_CONFIG_PASSPHRASE_FILE: a file holding it); a real spec or a remote backend needs one of them or secretsProvider"},
	{"KUBECONFIG", "the kubeconfig of a real spec without kubernetes.kubeconfig (default ~/.kube/config)"},
	{"PULUMI_HOME", "the Pulumi home of a real spec, with its `pulumi login` credentials (default ~/.pulumi); a local spec keeps its own under --state-dir"},
	{"PULUMI_ACCESS_TOKEN", "the Pulumi Cloud token, for a Pulumi Cloud backend without `pulumi login`"},
}

// referenceHelp is what every command's help ends with: the spec, the environment variables and the exit codes.
func referenceHelp() string {
	return "\n\n" + specHelp + "\n\n" + environmentHelp() + "\n\n" + exitCodesHelp()
}

// environmentHelp lists the environment variables.
func environmentHelp() string {
	lines := []string{"Environment variables:"}
	for _, v := range environmentVariables {
		lines = append(lines, fmt.Sprintf("  %-30s %s", v.Name, v.Meaning))
	}
	return strings.Join(lines, "\n")
}

// exitCodesHelp lists the exit codes.
func exitCodesHelp() string {
	lines := []string{"Exit codes (the Pulumi CLI's numbering):"}
	for _, c := range exitCodes {
		lines = append(lines, fmt.Sprintf("  %d  %s", c.Code, c.Meaning))
	}
	return strings.Join(lines, "\n")
}

// specHelp summarizes the spec file.
const specHelp = `The spec (-f; the JSON Schema automation/spec/keg-spec.schema.json documents every field):
  project, stack        Pulumi project and stack (default kong-event-gateway, dev; -s overrides the stack)
  local: true           the embedded local cluster and Konnect emulator keg starts: a demo and test bed
  kubernetes            a real spec's cluster: kubeconfig, context (default $KUBECONFIG, current context)
  konnect               a real spec's Konnect: serverURL (required, e.g. eu.api.konghq.com), tokenEnv or tokenFile
  backend               Pulumi state backend URL (default: --state-dir/state)
  secretsProvider       passphrase (default), default (Pulumi Cloud), awskms://, gcpkms://, azurekeyvault://, hashivault://
  gateways              each a name and portMapped or sni: the arguments of PortMappedGateway or SniGateway
A spec is local or real; mixing them (local: true with kubernetes or konnect, or a real spec without
konnect.serverURL) is a spec error.`

// hintFor returns the sentence that tells the user what to do about err, or "".
func hintFor(err error) string {
	var (
		tool    *pulumihome.MissingToolError
		crds    *localcluster.MissingCRDsError
		cluster *automation.ClusterUnreachableError
		konnect *automation.KonnectUnreachableError
	)
	switch {
	case errors.As(err, &tool):
		return "keg runs the Pulumi CLI, the Kubernetes plugin and (for the embedded local cluster) etcd, " +
			"kube-apiserver and kube-controller-manager: pass --bin DIR (or set " + binDirEnv + ") to the directory " +
			"that holds them; `make tools` builds them into ./bin of the checkout."
	case errors.As(err, &crds) && crds.Name == "Kong Operator":
		return "The embedded local cluster installs the Kong Operator CRDs: pass --kong-crds DIR (or set " +
			localcluster.KongCRDsDirEnv + "), or write a real spec (without local: true) to deploy to a real cluster."
	case errors.As(err, &crds):
		return "The embedded local cluster installs the CRDs `make tools` stages into bin/crds: pass --bin DIR " +
			"(or set " + binDirEnv + ") to a directory holding crds/, or write a real spec (without local: true)."
	case errors.As(err, &cluster):
		return "Check kubernetes.kubeconfig and kubernetes.context in the spec (or $KUBECONFIG), and that the " +
			"cluster's API server is running and reachable from here; nothing was deployed."
	case errors.As(err, &konnect):
		return "Check konnect.serverURL and that this host reaches it; nothing was deployed."
	}
	return ""
}
