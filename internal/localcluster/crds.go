package localcluster

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"time"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/wait"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// KongCRDsDirEnv overrides the directory holding the upstream Kong Operator CRDs.
const KongCRDsDirEnv = "KEG_KONG_CRDS_DIR"

// CRDSource is a set of CRD manifests: a directory on disk, or a directory
// inside a Go module version that is fetched through the module cache.
type CRDSource struct {
	// Name says what the CRDs are, for messages.
	Name string
	// Dir is a directory of YAML files; used when Module is empty.
	Dir string
	// Module and Version name a Go module whose zip carries the CRD YAML.
	Module, Version string
	// Subdir is the directory inside the module.
	Subdir string
}

// Kong Operator CRDs (read from ../shared), Gateway API (experimental
// channel, so TLSRoute is served), cert-manager and ExternalDNS.
var (
	GatewayAPICRDs  = CRDSource{Name: "Gateway API", Module: "sigs.k8s.io/gateway-api", Version: "v1.6.1", Subdir: "config/crd/experimental"}
	CertManagerCRDs = CRDSource{Name: "cert-manager", Module: "github.com/cert-manager/cert-manager", Version: "v1.21.1", Subdir: "deploy/crds"}
	ExternalDNSCRDs = CRDSource{Name: "ExternalDNS", Module: "sigs.k8s.io/external-dns", Version: "v0.20.0", Subdir: "config/crd/standard"}
)

// KongCRDs returns the Kong Operator CRD source: $KEG_KONG_CRDS_DIR, or
// ../shared/crds/kong-operator beside the repository root.
func KongCRDs() (CRDSource, error) {
	if dir := os.Getenv(KongCRDsDirEnv); dir != "" {
		return CRDSource{Name: "Kong Operator", Dir: dir}, nil
	}
	root, err := RepoRoot()
	if err != nil {
		return CRDSource{}, err
	}
	return CRDSource{Name: "Kong Operator", Dir: filepath.Join(root, "..", "shared", "crds", "kong-operator")}, nil
}

// DefaultCRDs is every CRD source the project's components need.
func DefaultCRDs() ([]CRDSource, error) {
	kong, err := KongCRDs()
	if err != nil {
		return nil, err
	}
	return []CRDSource{kong, GatewayAPICRDs, CertManagerCRDs, ExternalDNSCRDs}, nil
}

// RepoRoot walks up from the working directory to the directory holding go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Directory resolves the source to a directory on disk, downloading the
// module into the module cache when needed.
func (s CRDSource) Directory(ctx context.Context) (string, error) {
	if s.Module == "" {
		return s.Dir, nil
	}
	out, err := exec.CommandContext(ctx, "go", "mod", "download", "-json", s.Module+"@"+s.Version).Output()
	if err != nil {
		return "", fmt.Errorf("locate %s CRDs (go mod download %s@%s): %w", s.Name, s.Module, s.Version, err)
	}
	var mod struct{ Dir, Error string }
	if err := json.Unmarshal(out, &mod); err != nil {
		return "", fmt.Errorf("locate %s CRDs: %w", s.Name, err)
	}
	if mod.Error != "" || mod.Dir == "" {
		return "", fmt.Errorf("locate %s CRDs: %s", s.Name, mod.Error)
	}
	return filepath.Join(mod.Dir, s.Subdir), nil
}

// Load reads every CustomResourceDefinition in the source's top-level YAML files.
func (s CRDSource) Load(ctx context.Context) ([]*unstructured.Unstructured, error) {
	dir, err := s.Directory(ctx)
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var crds []*unstructured.Unstructured
	for _, file := range files {
		docs, err := readCRDs(file)
		if err != nil {
			return nil, fmt.Errorf("%s CRDs: %s: %w", s.Name, file, err)
		}
		crds = append(crds, docs...)
	}
	if len(crds) == 0 {
		return nil, fmt.Errorf("%s CRDs: no CustomResourceDefinition in %s (set %s?)", s.Name, dir, KongCRDsDirEnv)
	}
	return crds, nil
}

// readCRDs decodes the CustomResourceDefinition documents of a multi-document YAML file.
func readCRDs(file string) ([]*unstructured.Unstructured, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	decoder := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	var crds []*unstructured.Unstructured
	for {
		obj := map[string]any{}
		if err := decoder.Decode(&obj); err != nil {
			if errors.Is(err, io.EOF) {
				return crds, nil
			}
			return nil, err
		}
		u := &unstructured.Unstructured{Object: obj}
		if u.GetKind() == "CustomResourceDefinition" {
			crds = append(crds, u)
		}
	}
}

// InstallCRDs applies the CRDs server-side (the KegDataPlane CRD is too large
// for client-side apply's annotation) and waits until each is Established.
func InstallCRDs(ctx context.Context, c client.Client, crds []*unstructured.Unstructured) error {
	for _, crd := range crds {
		crd.SetManagedFields(nil)
		crd.SetResourceVersion("")
		if err := c.Patch(ctx, crd, client.Apply, client.FieldOwner("keg-localcluster"), client.ForceOwnership); err != nil {
			return fmt.Errorf("apply CRD %s: %w", crd.GetName(), err)
		}
	}
	for _, crd := range crds {
		name := crd.GetName()
		err := wait.PollUntilContextTimeout(ctx, 50*time.Millisecond, time.Minute, true, func(ctx context.Context) (bool, error) {
			var got apiextensionsv1.CustomResourceDefinition
			if err := c.Get(ctx, client.ObjectKey{Name: name}, &got); err != nil {
				return false, err
			}
			for _, cond := range got.Status.Conditions {
				if cond.Type == apiextensionsv1.Established && cond.Status == apiextensionsv1.ConditionTrue {
					return true, nil
				}
			}
			return false, nil
		})
		if err != nil {
			return fmt.Errorf("CRD %s not established: %w", name, err)
		}
	}
	return nil
}
