package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
)

// version is keg's version; the Makefile stamps it (-ldflags "-X main.version=…").
var version = ""

// kegVersion returns the stamped version, else the module version `go install` records, else "dev".
func kegVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// versionReport is what `keg version` prints.
type versionReport struct {
	Keg       string   `json:"keg"`
	Go        string   `json:"go"`
	Platform  string   `json:"platform"`
	BinDir    string   `json:"binDir,omitempty"`
	Libraries []module `json:"libraries"`
	// Tools are the binaries keg runs, each found or not.
	Tools []toolReport `json:"tools"`
}

type module struct {
	Path    string `json:"path"`
	Version string `json:"version"`
}

type toolReport struct {
	Name    string `json:"name"`
	Use     string `json:"use"`
	Path    string `json:"path,omitempty"`
	Found   string `json:"found,omitempty"`
	Version string `json:"version,omitempty"`
	Missing string `json:"missing,omitempty"`
}

// linkedLibraries are the libraries whose versions decide what keg deploys.
var linkedLibraries = []string{
	"github.com/pulumi/pulumi/sdk/v3",
	"github.com/pulumi/pulumi-kubernetes/sdk/v4",
	"github.com/Kong/sdk-konnect-go",
}

// requiredTools are the binaries keg looks for, and what each is for.
var requiredTools = []struct{ name, use string }{
	{"pulumi", "Pulumi CLI (every command)"},
	{"pulumi-resource-kubernetes", "Kubernetes plugin (every command)"},
	{"pulumi-resource-kong-event-gateway", "provider plugin (specs with staticKeys or SNI client certificates)"},
	{"etcd", "embedded local cluster only"},
	{"kube-apiserver", "embedded local cluster only"},
	{"kube-controller-manager", "embedded local cluster only"},
}

// printVersions prints keg's version, the libraries linked in (the components run inside keg) and each binary keg
// would use, with where it was found, or where it was looked for.
func printVersions(w io.Writer, f *flags) error {
	r := versionReport{Keg: kegVersion(), Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH, BinDir: f.binDir}
	for _, path := range linkedLibraries {
		r.Libraries = append(r.Libraries, module{Path: path, Version: pulumihome.LinkedVersion(path)})
	}
	tools := pulumihome.Locator{Dir: f.binDir}
	for _, t := range requiredTools {
		report := toolReport{Name: t.name, Use: t.use}
		if found, err := tools.Find(t.name); err != nil {
			report.Missing = err.Error()
		} else {
			report.Path, report.Found, report.Version = found.Path, found.Found, found.Version
		}
		r.Tools = append(r.Tools, report)
	}
	if f.json {
		newOutput(w, nil, true).emit("version", r)
		return nil
	}
	fmt.Fprintf(w, "keg %s (%s, %s)\n", r.Keg, r.Go, r.Platform)
	fmt.Fprintln(w, "components run inside keg, built with:")
	for _, m := range r.Libraries {
		fmt.Fprintf(w, "  %-44s %s\n", m.Path, m.Version)
	}
	fmt.Fprintln(w, "binaries:")
	for _, t := range r.Tools {
		if t.Missing != "" {
			fmt.Fprintf(w, "  %-35s NOT FOUND: %s [%s]\n", t.Name, t.Missing, t.Use)
			continue
		}
		v := t.Version
		if v == "" {
			v = "unrecorded" // a binary built from a main package of its own records no module version
		}
		fmt.Fprintf(w, "  %-35s %-10s %s (%s) [%s]\n", t.Name, v, t.Path, t.Found, t.Use)
	}
	return nil
}
