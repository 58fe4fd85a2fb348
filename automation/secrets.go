package automation

import (
	"fmt"
	"os"
	"strings"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/automation/spec"
)

// localPassphrase protects the secrets in a local spec's local state when the user chose no passphrase. It is
// public (it is in this source), so it is used for nothing else.
const localPassphrase = "keg-local-state"

// secrets is how a stack's state secrets are protected.
type secrets struct {
	// provider is the stack's secrets provider.
	provider string
	// passphrase is set when keg supplies it; empty means the CLI reads its environment.
	passphrase string
	// fixed says passphrase is localPassphrase.
	fixed bool
}

// SecretsError says state secrets could not be protected as the spec and environment stand; nothing was started.
type SecretsError struct {
	Stack, Backend string
}

func (e *SecretsError) Error() string {
	backend := e.Backend
	if backend == "" {
		backend = "local state"
	}
	return fmt.Sprintf("stack %s (%s) encrypts its secrets with a passphrase and none is set: set "+
		"PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE, or secretsProvider in the spec "+
		"(awskms://..., gcpkms://..., azurekeyvault://..., hashivault://...)", e.Stack, backend)
}

// secretsFor decides how p's stack protects secrets: the spec's secrets provider, else Pulumi Cloud's own on a
// Pulumi Cloud backend, else a passphrase from passphrase or the environment. keg's fixed passphrase is only for a
// local spec keeping local state; anything else without a passphrase is refused.
func secretsFor(p *spec.Parsed, passphrase string) (secrets, error) {
	provider := p.SecretsProvider
	if provider == "" {
		provider = "passphrase"
		if isServiceBackend(p.Backend) {
			provider = "default"
		}
	}
	if provider != "passphrase" || passphrase != "" {
		return secrets{provider: provider, passphrase: passphrase}, nil
	}
	for _, env := range []string{"PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"} {
		if _, ok := os.LookupEnv(env); ok {
			return secrets{provider: provider}, nil
		}
	}
	if p.Local && p.Backend == "" {
		return secrets{provider: provider, passphrase: localPassphrase, fixed: true}, nil
	}
	return secrets{}, &SecretsError{Stack: p.Stack, Backend: p.Backend}
}

// isServiceBackend reports whether a backend URL is a Pulumi Cloud (or self-hosted Pulumi service) one, whose
// default secrets provider needs no passphrase.
func isServiceBackend(url string) bool {
	return strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")
}
