package pulumihome

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Summary counts what an operation did to each resource.
type Summary struct {
	Creates, Updates, Sames, Deletes, Replaces int
	// Outputs are the stack outputs after up.
	Outputs auto.OutputMap
	// Stdout is the CLI's output, for failure messages.
	Stdout string
}

// Stack is an inline-program stack in a Home.
type Stack struct {
	auto.Stack
	project, name string
	home          *Home
	last          *running
}

// Stack creates or selects the stack project/name running program. Each
// stack gets its own workspace directory, so stacks can run concurrently.
func (e *Home) Stack(ctx context.Context, project, name string, program pulumi.RunFunc, opts ...auto.LocalWorkspaceOption) (*Stack, error) {
	return e.stack(ctx, project, name, program, upsertStack, opts)
}

// upsertStack selects the stack, or creates it when it does not exist (known without the CLI for a local backend).
func upsertStack(ctx context.Context, stackName string, ws localWorkspace) (auto.Stack, error) {
	if exists, known := ws.stackExists(stackName); known && !exists {
		return auto.NewStack(ctx, stackName, ws)
	}
	return auto.UpsertStack(ctx, stackName, ws)
}

// selectStack selects the stack, which must exist.
func selectStack(ctx context.Context, stackName string, ws localWorkspace) (auto.Stack, error) {
	if exists, known := ws.stackExists(stackName); known && !exists {
		return auto.Stack{}, errStackNotFound
	}
	return auto.SelectStack(ctx, stackName, ws)
}

// errStackNotFound says a local backend does not hold a stack.
var errStackNotFound = errors.New("stack not found")

// ExistingStack selects the stack project/name, which must exist: a *StackNotFoundError says it does not.
func (e *Home) ExistingStack(ctx context.Context, project, name string, program pulumi.RunFunc) (*Stack, error) {
	s, err := e.stack(ctx, project, name, program, selectStack, nil)
	if errors.Is(err, errStackNotFound) || auto.IsSelectStack404Error(err) {
		return nil, &StackNotFoundError{Stack: name, Backend: e.BackendURL}
	}
	return s, err
}

// StackNotFoundError says a stack that must exist does not.
type StackNotFoundError struct{ Stack, Backend string }

func (e *StackNotFoundError) Error() string {
	return fmt.Sprintf("stack %s does not exist in %s: run up first", e.Stack, e.Backend)
}

type openStack func(ctx context.Context, stackName string, ws localWorkspace) (auto.Stack, error)

func (e *Home) stack(ctx context.Context, project, name string, program pulumi.RunFunc, open openStack,
	opts []auto.LocalWorkspaceOption,
) (*Stack, error) {
	workDir := filepath.Join(e.Dir, "work", project, name)
	if err := os.MkdirAll(workDir, 0o700); err != nil {
		return nil, err
	}
	proj := workspace.Project{
		Name:    tokens.PackageName(project),
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
		Backend: &workspace.ProjectBackend{URL: e.BackendURL},
	}
	opts = append([]auto.LocalWorkspaceOption{
		auto.Pulumi(e.Command),
		auto.WorkDir(workDir),
		auto.Project(proj),
		auto.EnvVars(e.Vars()),
		auto.SecretsProvider(e.secretsProvider),
		auto.Program(program),
	}, opts...)
	s := &Stack{project: project, name: name, home: e, last: &running{}}
	s.clearLock()
	s.repairAttributes()
	ws, err := auto.NewLocalWorkspace(ctx, opts...)
	if err != nil {
		return nil, err
	}
	stack, err := open(ctx, name, localWorkspace{Workspace: ws, home: e, project: project, last: s.last})
	if err != nil {
		return nil, err
	}
	s.Stack = stack
	return s, nil
}

// clearLock removes a lock that a killed operation on this stack left in a
// local backend. A lock held by a live process is kept: its pid is checked.
func (s *Stack) clearLock() {
	dir, ok := s.home.localStateDir()
	if !ok {
		return
	}
	locks, _ := filepath.Glob(filepath.Join(dir, ".pulumi", "locks", "*", s.project, s.name, "*.json"))
	for _, lock := range locks {
		if staleLock(lock) {
			_ = os.Remove(lock)
			_ = os.Remove(lock + attributesExt)
		}
	}
}

// staleLock reports whether a local-backend lock file was left by a process
// of this host that no longer runs.
func staleLock(file string) bool {
	data, err := os.ReadFile(file)
	if err != nil {
		return false
	}
	var lock struct {
		Pid      int    `json:"pid"`
		Hostname string `json:"hostname"`
	}
	if json.Unmarshal(data, &lock) != nil || lock.Pid <= 0 {
		return false
	}
	if host, _ := os.Hostname(); host != lock.Hostname {
		return false
	}
	return processGone(lock.Pid)
}

// after clears a stale lock when an operation was cut short.
func (s *Stack) after(ctx context.Context, err error) error {
	if err != nil && (ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		s.clearLock()
	}
	return err
}

// operationFile, in a stack's work directory, holds the pid of the process running an up, refresh or destroy on
// the stack. It is removed when the operation succeeds, so one found later means the operation was killed or
// failed and may have left operations pending.
const operationFile = "operation.pid"

// begin records that an operation that writes state starts, and returns the stream that collects its events; end
// drops the stream, and forgets the operation when it succeeded.
func (s *Stack) begin() (*opStream, error) {
	err := os.WriteFile(filepath.Join(s.Workspace().WorkDir(), operationFile), []byte(strconv.Itoa(os.Getpid())), 0o600)
	if err != nil {
		return nil, err
	}
	s.last.stream = newOpStream()
	return s.last.stream, nil
}

func (s *Stack) end(ctx context.Context, err error) error {
	s.last.stream = nil
	if err == nil {
		if rmErr := os.Remove(filepath.Join(s.Workspace().WorkDir(), operationFile)); rmErr != nil && !errors.Is(rmErr, os.ErrNotExist) {
			return rmErr
		}
	}
	return s.after(ctx, err)
}

// Up runs `pulumi up`.
func (s *Stack) Up(ctx context.Context, opts ...optup.Option) (Summary, error) {
	stream, err := s.begin()
	if err != nil {
		return Summary{}, err
	}
	res, err := s.Stack.Up(ctx, append(opts, upStream{stream})...)
	sum := fromUpdate(res.Summary)
	sum.Outputs, sum.Stdout = res.Outputs, res.StdOut
	return sum, s.end(ctx, err)
}

// Preview runs `pulumi preview`.
func (s *Stack) Preview(ctx context.Context, opts ...optpreview.Option) (Summary, error) {
	res, err := s.Stack.Preview(ctx, opts...)
	sum := fromOps(res.ChangeSummary)
	sum.Stdout = res.StdOut
	return sum, s.after(ctx, err)
}

// PreviewDestroy runs `pulumi destroy --preview-only`: what Destroy would delete.
func (s *Stack) PreviewDestroy(ctx context.Context, opts ...optdestroy.Option) (Summary, error) {
	res, err := s.Stack.PreviewDestroy(ctx, opts...)
	sum := fromOps(res.ChangeSummary)
	sum.Stdout = res.StdOut
	return sum, s.after(ctx, err)
}

// Refresh runs `pulumi refresh`.
func (s *Stack) Refresh(ctx context.Context, opts ...optrefresh.Option) (Summary, error) {
	stream, err := s.begin()
	if err != nil {
		return Summary{}, err
	}
	res, err := s.Stack.Refresh(ctx, append(opts, refreshStream{stream})...)
	sum := fromUpdate(res.Summary)
	sum.Stdout = res.StdOut
	return sum, s.end(ctx, err)
}

// Destroy runs `pulumi destroy` and removes the stack when the destroy deleted everything (not after --target).
func (s *Stack) Destroy(ctx context.Context, opts ...optdestroy.Option) (Summary, error) {
	stream, err := s.begin()
	if err != nil {
		return Summary{}, err
	}
	stream.removesStack = true
	res, err := s.Stack.Destroy(ctx, append(opts, destroyStream{stream})...)
	sum := fromUpdate(res.Summary)
	sum.Stdout = res.StdOut
	return sum, s.end(ctx, err)
}

// ExportJSON returns `pulumi stack export` as stored: secrets stay encrypted
// (the Automation API's Export decrypts them).
func (s *Stack) ExportJSON(ctx context.Context) ([]byte, error) {
	return s.home.cli(ctx, s.Workspace().WorkDir(), "stack", "export", "--stack", s.name)
}

func fromUpdate(sum auto.UpdateSummary) Summary {
	if sum.ResourceChanges == nil {
		return Summary{}
	}
	ops := map[apitype.OpType]int{}
	for op, n := range *sum.ResourceChanges {
		ops[apitype.OpType(op)] = n
	}
	return fromOps(ops)
}

func fromOps(ops map[apitype.OpType]int) Summary {
	return Summary{
		Creates:  ops[apitype.OpCreate],
		Updates:  ops[apitype.OpUpdate],
		Sames:    ops[apitype.OpSame],
		Deletes:  ops[apitype.OpDelete],
		Replaces: ops[apitype.OpReplace],
	}
}

// Counts returns the non-zero counts by operation, or nil when the operation
// counted nothing (outputs, or a failed start).
func (s Summary) Counts() map[string]int {
	counts := map[string]int{}
	for op, n := range map[string]int{"create": s.Creates, "update": s.Updates, "same": s.Sames, "delete": s.Deletes, "replace": s.Replaces} {
		if n > 0 {
			counts[op] = n
		}
	}
	if len(counts) == 0 {
		return nil
	}
	return counts
}
