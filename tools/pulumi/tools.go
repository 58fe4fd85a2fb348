//go:build tools

// Package tools pins the Pulumi CLI built into ./bin.
package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
