package pulumihome

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// ResolvePending resolves the operations that a killed or failed up, refresh or destroy left pending in the
// stack's state, when its operationFile says there was one, the way `pulumi refresh --import-pending-creates` and
// `--clear-pending-creates` would: pending creates of Kubernetes objects are imported by their namespace/name (an
// object the create never reached the cluster with is then dropped by the refresh), other pending creates are
// cleared, and the refresh resolves pending updates and deletes. HomeOptions.Notify says what was done. A run of
// another live process is left alone: it holds the stack's lock. The refresh reads the cluster, so call it once
// the cluster answers, before the next operation.
func (s *Stack) ResolvePending(ctx context.Context) error {
	marker := filepath.Join(s.Workspace().WorkDir(), operationFile)
	data, err := os.ReadFile(marker)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if pid, _ := strconv.Atoi(string(data)); pid > 0 && pid != os.Getpid() && !processGone(pid) {
		return nil
	}
	pending, err := s.pendingOperations(ctx)
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		var imports []optrefresh.PendingCreate
		var described []string
		clearOthers := false
		for _, op := range pending {
			described = append(described, string(op.Type)+" "+op.Resource.URN.Name())
			if op.Type != apitype.OperationTypeCreating {
				continue
			}
			if id := kubernetesID(op.Resource); id != "" {
				imports = append(imports, optrefresh.PendingCreate{URN: string(op.Resource.URN), ID: id})
			} else {
				clearOthers = true
			}
		}
		if len(imports) > 0 {
			if _, err := s.Stack.Refresh(ctx, optrefresh.ImportPendingCreates(imports)); err != nil {
				return fmt.Errorf("resolve the operations a stopped run left pending: %w", err)
			}
		}
		if clearOthers || len(imports) == 0 {
			if _, err := s.Stack.Refresh(ctx, optrefresh.ClearPendingCreates()); err != nil {
				return fmt.Errorf("resolve the operations a stopped run left pending: %w", err)
			}
		}
		s.home.notify(fmt.Sprintf("the last run on stack %s stopped with %s in flight (%s), now resolved "+
			"with a refresh: what that run created is adopted into the state, the rest is created by the next up",
			s.name, Count(len(pending), "operation", "operations"), strings.Join(described, ", ")))
	}
	return os.Remove(marker)
}

// pendingOperations reads the operations the stack's state records as in flight.
func (s *Stack) pendingOperations(ctx context.Context) ([]apitype.OperationV2, error) {
	exported, err := s.ExportJSON(ctx)
	if err != nil {
		return nil, err
	}
	var untyped apitype.UntypedDeployment
	if err := json.Unmarshal(exported, &untyped); err != nil {
		return nil, fmt.Errorf("read the state of stack %s: %w", s.name, err)
	}
	if len(untyped.Deployment) == 0 {
		return nil, nil
	}
	var deployment apitype.DeploymentV3
	if err := json.Unmarshal(untyped.Deployment, &deployment); err != nil {
		return nil, fmt.Errorf("read the state of stack %s: %w", s.name, err)
	}
	return deployment.PendingOperations, nil
}

// kubernetesID returns the provider ID (namespace/name, or name) of a Kubernetes object resource from its inputs,
// or "" for any other resource.
func kubernetesID(r apitype.ResourceV3) string {
	if !strings.HasPrefix(string(r.Type), "kubernetes:") {
		return ""
	}
	metadata, _ := r.Inputs["metadata"].(map[string]any)
	name, _ := metadata["name"].(string)
	namespace, _ := metadata["namespace"].(string)
	switch {
	case name == "":
		return ""
	case namespace == "":
		return name
	}
	return namespace + "/" + name
}
