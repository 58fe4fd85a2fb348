package pulumihome

import (
	"debug/buildinfo"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"golang.org/x/mod/module"
)

// Where a Locator found a binary.
const (
	FoundInDir        = "bin directory"
	FoundBesideBinary = "beside this binary"
	FoundOnPath       = "PATH"
)

// Locator finds the binaries a run needs (the pulumi CLI, plugins, the local control plane): in Dir alone when it
// is set, else beside the running executable, then on PATH. No Go toolchain or checkout is involved.
type Locator struct {
	// Dir is an explicit directory (keg's --bin or $KEG_BIN_DIR); when set, nothing else is searched.
	Dir string
}

// Tool is a binary a Locator found.
type Tool struct {
	// Name is the binary's name without any .exe suffix.
	Name string
	// Path is its absolute path.
	Path string
	// Found says where it was found (FoundInDir, FoundBesideBinary or FoundOnPath).
	Found string
	// Version is the version the binary was built with, or "" when it records none.
	Version string
}

// MissingToolError says a binary was not found; Looked lists where it was looked for.
type MissingToolError struct {
	Name   string
	Looked []string
}

func (e *MissingToolError) Error() string {
	return fmt.Sprintf("%s not found (looked in %s)", e.Name, strings.Join(e.Looked, ", "))
}

// Find locates the binary name.
func (l Locator) Find(name string) (Tool, error) {
	file := name
	if runtime.GOOS == "windows" {
		file += ".exe"
	}
	var looked []string
	try := func(dir, found string) (Tool, bool) {
		path, err := filepath.Abs(filepath.Join(dir, file))
		if err != nil {
			return Tool{}, false
		}
		looked = append(looked, filepath.Dir(path))
		if info, err := os.Stat(path); err != nil || info.IsDir() {
			return Tool{}, false
		}
		return Tool{Name: name, Path: path, Found: found, Version: BinaryVersion(path)}, true
	}
	if l.Dir != "" {
		if t, ok := try(l.Dir, FoundInDir); ok {
			return t, nil
		}
		return Tool{}, &MissingToolError{Name: name, Looked: looked}
	}
	if exe, err := os.Executable(); err == nil {
		if exe, err = filepath.EvalSymlinks(exe); err == nil {
			if t, ok := try(filepath.Dir(exe), FoundBesideBinary); ok {
				return t, nil
			}
		}
	}
	looked = append(looked, "PATH")
	path, err := exec.LookPath(file)
	if err != nil {
		return Tool{}, &MissingToolError{Name: name, Looked: looked}
	}
	if path, err = filepath.Abs(path); err != nil {
		return Tool{}, err
	}
	return Tool{Name: name, Path: path, Found: FoundOnPath, Version: BinaryVersion(path)}, nil
}

// versionFlag matches the linker flags Go release builds stamp a version with: -X <pkg>/version.Version=<v>
// (Pulumi and its plugins) or -X <pkg>/version.gitVersion=<v> (Kubernetes).
var versionFlag = regexp.MustCompile(`-X[= ]\S*/version\.(?:Version|gitVersion)=(\S+)`)

// BinaryVersion reads a Go binary's version from its build information, executing nothing (see versionOf); "" when
// it records none or is not a Go binary.
func BinaryVersion(path string) string {
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		return ""
	}
	return versionOf(info)
}

// versionOf is the version stamped at link time (recorded only without -trimpath), else the release version of the
// module that holds the main package: a dependency's (a tool built from a pinned module) or the main module's
// (`go install module@version`). A pseudo-version says which commit of a local module was built, not which release
// of the tool it is, so it counts as none.
func versionOf(info *debug.BuildInfo) string {
	for _, s := range info.Settings {
		if s.Key == "-ldflags" {
			if m := versionFlag.FindStringSubmatch(s.Value); m != nil {
				return strings.Trim(m[1], `"'`)
			}
		}
	}
	mods := append([]*debug.Module{&info.Main}, info.Deps...)
	best := ""
	version := ""
	for _, m := range mods {
		if (info.Path == m.Path || strings.HasPrefix(info.Path, m.Path+"/")) && len(m.Path) > len(best) {
			best, version = m.Path, m.Version
		}
	}
	if version == "(devel)" || module.IsPseudoVersion(version) {
		return ""
	}
	return version
}

// LinkedVersion returns the version of module linked into the running binary, or "" when it is not linked in (or
// the binary is a test binary, which records no dependencies).
func LinkedVersion(module string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, dep := range info.Deps {
		if dep.Path == module {
			if dep.Replace != nil {
				return dep.Replace.Version
			}
			return dep.Version
		}
	}
	return ""
}

// KubernetesPluginVersion is the version of the Kubernetes SDK go.mod pins (a test checks it): the components'
// resources ask for the plugin of that version.
const KubernetesPluginVersion = "v4.32.0"

// KubernetesPlugin finds pulumi-resource-kubernetes and checks that it is KubernetesPluginVersion (a binary that
// records no version is trusted).
func KubernetesPlugin(l Locator) (Plugin, error) {
	want := KubernetesPluginVersion
	tool, err := l.Find("pulumi-resource-kubernetes")
	if err != nil {
		return Plugin{}, err
	}
	if tool.Version != "" && strings.TrimPrefix(tool.Version, "v") != strings.TrimPrefix(want, "v") {
		return Plugin{}, fmt.Errorf("%s is version %s; programs built with the Kubernetes SDK %s need that version",
			tool.Path, tool.Version, want)
	}
	return Plugin{Name: "kubernetes", Version: want, File: tool.Path}, nil
}
