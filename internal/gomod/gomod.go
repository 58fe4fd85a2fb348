// Package gomod locates Go modules for the project's generators and tests, through `go mod download -json`, which
// downloads a module the cache lacks (listing the build list alone names no directory for it). Nothing that ships calls it:
// the embedded runtime reads only what the build put beside or inside its binaries.
package gomod

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
)

// Module is a downloaded module version.
type Module struct {
	// Path is the module path.
	Path string
	// Version is the version downloaded.
	Version string
	// Dir is its directory in the module cache.
	Dir string
}

// Download returns module (a path, resolved in the main module's build list, or path@version), downloading it first
// when the module cache lacks it.
func Download(ctx context.Context, module string) (Module, error) {
	out, err := exec.CommandContext(ctx, "go", "mod", "download", "-json", module).Output()
	var mod struct {
		Module
		Error string
	}
	if jsonErr := json.Unmarshal(out, &mod); jsonErr != nil && err == nil {
		err = jsonErr
	}
	switch {
	case mod.Error != "":
		return Module{}, fmt.Errorf("go mod download %s: %s", module, mod.Error)
	case err != nil:
		return Module{}, fmt.Errorf("go mod download %s: %w", module, err)
	case mod.Dir == "":
		return Module{}, fmt.Errorf("go mod download %s: no directory", module)
	}
	return mod.Module, nil
}
