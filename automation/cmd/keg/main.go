// Command keg deploys Kong Event Gateway stacks described by a spec file:
//
//	keg preview|up|refresh|destroy|outputs [-f gateway.yaml] [--json] [--yes]
//
// Without -f it deploys the embedded default spec; a spec without a
// kubeconfig and a Konnect server runs on the embedded local cluster and
// Konnect emulator, with state in --state-dir.
package main

import (
	"os"
)

func main() {
	os.Exit(execute(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
