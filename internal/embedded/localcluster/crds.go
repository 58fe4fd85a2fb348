package localcluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/wait"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// KongCRDsDirEnv overrides the directory holding the upstream Kong Operator CRDs.
const KongCRDsDirEnv = "KEG_KONG_CRDS_DIR"

// CRDSet is a named directory of CRD manifests.
type CRDSet struct {
	// Name says what the CRDs are, for messages.
	Name string
	// Dir holds the YAML files.
	Dir string
}

// StagedCRDs are the CRD sets that come from pinned Go modules. `make tools` stages each into
// <bin>/crds/<directory> (the Makefile's CRD_MODULES pins their versions), so starting a cluster never runs `go`.
var StagedCRDs = []struct{ Name, Directory string }{
	{Name: "Gateway API", Directory: "gateway-api"}, // experimental channel, so TLSRoute is served
	{Name: "cert-manager", Directory: "cert-manager"},
	{Name: "ExternalDNS", Directory: "external-dns"},
}

// MissingCRDsError says a CRD directory was not found or holds no CustomResourceDefinition.
type MissingCRDsError struct {
	// Name says which CRDs.
	Name string
	// Looked lists the directories looked in.
	Looked []string
}

func (e *MissingCRDsError) Error() string {
	if len(e.Looked) == 0 {
		return e.Name + " CRDs not found"
	}
	return fmt.Sprintf("%s CRDs not found in %s", e.Name, strings.Join(e.Looked, ", "))
}

// DefaultCRDs is every CRD set the project's components need: the Kong Operator CRDs in kongDir and the staged
// sets in crdsDir.
func DefaultCRDs(kongDir, crdsDir string) []CRDSet {
	sets := []CRDSet{{Name: "Kong Operator", Dir: kongDir}}
	for _, s := range StagedCRDs {
		sets = append(sets, CRDSet{Name: s.Name, Dir: filepath.Join(crdsDir, s.Directory)})
	}
	return sets
}

// FindKongCRDs returns $KEG_KONG_CRDS_DIR, or the first shared/crds/kong-operator directory beside a repository
// root (a directory holding go.mod) at or above one of the start directories.
func FindKongCRDs(starts ...string) (string, error) {
	if dir := os.Getenv(KongCRDsDirEnv); dir != "" {
		return dir, nil
	}
	var looked []string
	for _, start := range starts {
		root, err := RepoRootFrom(start)
		if err != nil {
			continue
		}
		dir := filepath.Join(filepath.Dir(root), "shared", "crds", "kong-operator")
		looked = append(looked, dir)
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir, nil
		}
	}
	return "", &MissingCRDsError{Name: "Kong Operator", Looked: looked}
}

// RepoRoot walks up from the working directory to the directory holding go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return RepoRootFrom(dir)
}

// RepoRootFrom walks up from dir to the directory holding go.mod.
func RepoRootFrom(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("go.mod not found at or above %s", dir)
		}
		dir = parent
	}
}

// Load reads every CustomResourceDefinition in the set's top-level YAML files.
func (s CRDSet) Load() ([]*unstructured.Unstructured, error) {
	files, err := filepath.Glob(filepath.Join(s.Dir, "*.yaml"))
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
		return nil, &MissingCRDsError{Name: s.Name, Looked: []string{s.Dir}}
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

// waitForDiscovery waits until the API server's discovery lists the plural of every CRD's versions.
func waitForDiscovery(ctx context.Context, cfg *rest.Config, crds []*unstructured.Unstructured) error {
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return err
	}
	for _, crd := range crds {
		group, _, _ := unstructured.NestedString(crd.Object, "spec", "group")
		plural, _, _ := unstructured.NestedString(crd.Object, "spec", "names", "plural")
		versions, _, _ := unstructured.NestedSlice(crd.Object, "spec", "versions")
		for _, v := range versions {
			version, _ := v.(map[string]any)["name"].(string)
			err := wait.PollUntilContextTimeout(ctx, 50*time.Millisecond, time.Minute, true, func(context.Context) (bool, error) {
				list, err := dc.ServerResourcesForGroupVersion(group + "/" + version)
				if err != nil {
					return false, nil //nolint:nilerr // not served yet: poll again
				}
				return slices.ContainsFunc(list.APIResources, func(r metav1.APIResource) bool { return r.Name == plural }), nil
			})
			if err != nil {
				return fmt.Errorf("CRD %s not discoverable: %w", crd.GetName(), err)
			}
		}
	}
	return nil
}

// InstallCRDs applies the CRDs server-side (the KegDataPlane CRD is too large
// for client-side apply's annotation) and waits until each is Established.
//
// A CRD whose names an earlier apiserver accepted but which it did not establish before it was killed is never
// established by the next one: its establishing controller acts on update events only. Such a CRD is updated
// (an annotation), once, when it is still not Established a second after the apply.
func InstallCRDs(ctx context.Context, c client.Client, crds []*unstructured.Unstructured) error {
	for _, crd := range crds {
		crd.SetManagedFields(nil)
		crd.SetResourceVersion("")
		err := c.Apply(ctx, client.ApplyConfigurationFromUnstructured(crd), client.FieldOwner("keg-localcluster"), client.ForceOwnership)
		if err != nil {
			return fmt.Errorf("apply CRD %s: %w", crd.GetName(), err)
		}
	}
	applied := time.Now()
	for _, crd := range crds {
		name, nudged := crd.GetName(), false
		err := wait.PollUntilContextTimeout(ctx, 50*time.Millisecond, time.Minute, true, func(ctx context.Context) (bool, error) {
			var got apiextensionsv1.CustomResourceDefinition
			if err := c.Get(ctx, client.ObjectKey{Name: name}, &got); err != nil {
				return false, err
			}
			if condition(&got, apiextensionsv1.Established) {
				return true, nil
			}
			if !nudged && condition(&got, apiextensionsv1.NamesAccepted) && time.Since(applied) > time.Second {
				nudged = true
				patch := fmt.Sprintf(`{"metadata":{"annotations":{%q:%q}}}`, establishAnnotation, time.Now().UTC().Format(time.RFC3339Nano))
				if err := c.Patch(ctx, &got, client.RawPatch(types.MergePatchType, []byte(patch))); err != nil {
					return false, err
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

// establishAnnotation records when InstallCRDs updated a CRD so that the apiserver establishes it.
const establishAnnotation = "keg-localcluster-establish"

// condition reports whether the CRD's condition of type kind is True.
func condition(crd *apiextensionsv1.CustomResourceDefinition, kind apiextensionsv1.CustomResourceDefinitionConditionType) bool {
	for _, cond := range crd.Status.Conditions {
		if cond.Type == kind && cond.Status == apiextensionsv1.ConditionTrue {
			return true
		}
	}
	return false
}
