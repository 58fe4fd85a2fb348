package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/stretchr/testify/require"
)

const (
	readmeBegin = "<!-- keg reference: generated from the command tree by automation/cmd/keg/readme_test.go -->\n"
	readmeEnd   = "<!-- end of keg reference -->\n"
)

// TestREADMEMatchesHelp checks that the README's keg reference (commands, flags, environment variables, exit
// codes) is what the binary's command tree says. KEG_UPDATE_README=1 rewrites it.
func TestREADMEMatchesHelp(t *testing.T) {
	readme := filepath.Join("..", "..", "..", "README.md")
	data, err := os.ReadFile(readme)
	require.NoError(t, err)
	text := string(data)
	begin, end := strings.Index(text, readmeBegin), strings.Index(text, readmeEnd)
	require.True(t, begin >= 0 && end > begin, "README.md lacks the keg reference markers")
	got := text[begin+len(readmeBegin) : end]
	want := cliReference(newRoot(&flags{}, nil, nil, nil, &interrupts{out: newOutput(nil, nil, false)}))
	if os.Getenv("KEG_UPDATE_README") != "" {
		require.NoError(t, os.WriteFile(readme, []byte(text[:begin+len(readmeBegin)]+want+text[end:]), 0o644))
		return
	}
	require.Equal(t, want, got, "README.md's keg reference is stale: KEG_UPDATE_README=1 go test -run TestREADMEMatchesHelp ./automation/cmd/keg")
}

// TestHelp checks that every command's help has examples, the spec reference, the environment variables and the
// exit codes.
func TestHelp(t *testing.T) {
	root := newRoot(&flags{}, nil, nil, nil, &interrupts{out: newOutput(nil, nil, false)})
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() || c.Name() == "completion" || c.Name() == "version" {
			continue
		}
		require.NotEmpty(t, c.Example, "keg %s --help has examples", c.Name())
		for _, section := range []string{"The spec (-f;", "Environment variables:", "Exit codes (the Pulumi CLI's numbering):"} {
			require.Contains(t, c.Long, section, "keg %s --help", c.Name())
		}
	}
}

// cliReference renders the command tree as Markdown.
func cliReference(root *cobra.Command) string {
	var b strings.Builder
	b.WriteString("\n| Command | What it does |\n|---|---|\n")
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			fmt.Fprintf(&b, "| `keg %s` | %s |\n", c.Name(), c.Short)
		}
	}
	b.WriteString("\nFlags of every command:\n\n")
	flagTable(&b, root.PersistentFlags())
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() && c.LocalNonPersistentFlags().HasAvailableFlags() {
			fmt.Fprintf(&b, "\n`keg %s`:\n\n", c.Name())
			flagTable(&b, c.LocalNonPersistentFlags())
		}
	}
	b.WriteString("\n| Environment variable | Meaning |\n|---|---|\n")
	for _, v := range environmentVariables {
		fmt.Fprintf(&b, "| `%s` | %s |\n", v.Name, v.Meaning)
	}
	b.WriteString("\n| Exit code | Meaning (the Pulumi CLI's numbering) |\n|---|---|\n")
	for _, c := range exitCodes {
		fmt.Fprintf(&b, "| %d | %s |\n", c.Code, c.Meaning)
	}
	b.WriteString("\n")
	return b.String()
}

func flagTable(b *strings.Builder, flags *pflag.FlagSet) {
	b.WriteString("| Flag | Meaning |\n|---|---|\n")
	flags.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name := "`--" + f.Name + "`"
		if f.Shorthand != "" {
			name = "`-" + f.Shorthand + "`, " + name
		}
		usage := f.Usage
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += " (default `" + f.DefValue + "`)"
		}
		fmt.Fprintf(b, "| %s | %s |\n", name, strings.ReplaceAll(usage, "|", `\|`))
	})
}
