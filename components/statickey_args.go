package components

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// StaticKeyArgs describes a static encryption key of the gateway (a Konnect static key, which no CRD can create).
// An encrypt policy names it in encryptionKey.static.key.name; the component gives the policy the key's Konnect ID.
// Its Konnect name is generated, so a new value creates the new key, moves the policies to it and deletes the old
// one last: records encrypted with the old key can no longer be decrypted once it is gone.
type StaticKeyArgs struct {
	// Name names the key within the component; encrypt policies refer to it by this name.
	Name string `pulumi:"name"`
	// Value is the key material (such as 32 random bytes, base64-encoded); it may be a secret or another resource's
	// output, and is stored only in Konnect, as a Pulumi secret.
	Value pulumi.StringInput `pulumi:"value" provider:"secret"`
}
