// Command keg deploys Kong Event Gateway stacks described by a spec file:
//
//	keg validate|preview|up|refresh|destroy|outputs [-f gateway.yaml] [flags]
//
// Without -f it deploys the embedded default spec, a local one: on the embedded local cluster and Konnect
// emulator, with state in --state-dir. `keg help` documents the spec, the environment and the exit codes.
package main

import (
	"io"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	os.Exit(execute(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// execute runs the CLI and returns its exit code.
func execute(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := &flags{}
	sig := listen(newOutput(stdout, stderr, false))
	defer sig.stop()
	root := newRoot(f, stdin, stdout, stderr, sig)
	root.SetArgs(args)
	root.PersistentPreRun = func(*cobra.Command, []string) {
		sig.out.json = f.json
		if f.binDir == "" {
			f.binDir = os.Getenv(binDirEnv)
		}
	}
	err := root.ExecuteContext(sig.ctx)
	code := exitCodeFor(err)
	if err != nil {
		sig.out.failure(err, code, hintFor(err))
	}
	return code
}
