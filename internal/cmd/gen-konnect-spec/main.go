// Command gen-konnect-spec writes the Konnect emulator's embedded OpenAPI document: Konnect's openapi.yaml from the
// sdk-konnect-go module go.mod pins, trimmed to the paths the emulator serves. `go generate` runs it in
// internal/embedded/konnectemu; a test there fails when the embedded copy differs from a fresh one.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/konnectemu"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/gomod"
)

func main() {
	out := flag.String("out", "openapi.yaml", "file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen-konnect-spec:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	mod, err := gomod.Download(context.Background(), konnectemu.SDKModule)
	if err != nil {
		return err
	}
	raw, err := os.ReadFile(filepath.Join(mod.Dir, "openapi.yaml"))
	if err != nil {
		return err
	}
	trimmed, err := konnectemu.TrimSpec(raw, mod.Path+"@"+mod.Version)
	if err != nil {
		return err
	}
	return os.WriteFile(out, trimmed, 0o644)
}
