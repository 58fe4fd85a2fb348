package main

import (
	"errors"
	"os"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/cmdutil"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/embedded/localcluster"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/pulumihome"
)

// Exit codes: the Pulumi CLI's numbering (cmdutil), so scripts handle keg and pulumi alike.
const (
	exitOK            = cmdutil.ExitSuccess
	exitFailed        = cmdutil.ExitCodeError
	exitConfig        = cmdutil.ExitConfigurationError
	exitAuth          = cmdutil.ExitAuthenticationError
	exitResource      = cmdutil.ExitResourceError
	exitStackNotFound = cmdutil.ExitStackNotFound
	exitChanges       = cmdutil.ExitNoChanges
	exitCancelled     = cmdutil.ExitCancelled
)

// exitCodes documents every exit code keg uses, for --help and the README.
var exitCodes = []struct {
	Code    int
	Meaning string
}{
	{exitOK, "success"},
	{exitFailed, "the operation failed for another reason: the cluster or Konnect is unreachable, another operation holds the stack's lock, or the Pulumi CLI failed"},
	{exitConfig, "invalid invocation or configuration, nothing was started: the spec is invalid or mixes local and real targets, a flag is wrong, a secrets passphrase is missing, --yes is needed without a terminal, or a binary or CRD directory keg needs is missing"},
	{exitAuth, "the Konnect token is missing or was rejected, or the Pulumi backend refused its credentials"},
	{exitResource, "a resource operation failed (the display above shows which and why)"},
	{exitStackNotFound, "the stack does not exist (outputs before the first up)"},
	{exitChanges, "--expect-no-changes found changes"},
	{exitCancelled, "cancelled: Ctrl-C or SIGTERM, or the confirmation was answered no or interrupted"},
}

// exitCodeFor maps an error onto the exit codes.
func exitCodeFor(err error) int {
	var (
		invalid     *spec.InvalidError
		secrets     *automation.SecretsError
		tool        *pulumihome.MissingToolError
		crds        *localcluster.MissingCRDsError
		notLocal    *automation.NotLocalClusterError
		usage       usageError
		auth        *automation.KonnectAuthError
		notFound    *pulumihome.StackNotFoundError
		interrupted *automation.InterruptedError
		declined    notConfirmedError
		op          *automation.OperationError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &invalid), errors.As(err, &secrets), errors.As(err, &tool), errors.As(err, &crds),
		errors.As(err, &notLocal), errors.As(err, &usage), errors.Is(err, os.ErrNotExist), isFlagError(err):
		return exitConfig
	case errors.As(err, &auth):
		return exitAuth
	case errors.As(err, &notFound):
		return exitStackNotFound
	case errors.As(err, &interrupted), errors.As(err, &declined):
		return exitCancelled
	case errors.As(err, &op):
		switch {
		case op.CLIExitCode == exitChanges, op.CLIExitCode == exitAuth, op.CLIExitCode == exitCancelled:
			return op.CLIExitCode
		case op.ResourceFailed:
			return exitResource
		}
	}
	return exitFailed
}

// usageError says the command line itself is wrong.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// isFlagError reports cobra's errors for unknown commands, flags and arguments, which it returns untyped.
func isFlagError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "invalid argument",
		"flag needs an argument", "accepts ", "unknown help topic", "bad flag syntax", "required flag"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}
