package components

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/kong-event-gateway/pulumi-kong-event-gateway/components/eventgateway"
	"github.com/kong-event-gateway/pulumi-kong-event-gateway/internal/validate"
)

// parentPolicyProblem explains why the field-level crypto policies cannot be created through the operator.
const parentPolicyProblem = "is not supported through Kong Operator: Konnect requires a parent policy for it, which " +
	"the custom resource cannot name; create it with the provider's kong-event-gateway:konnect:%s (type %s, " +
	"parentPolicyId) instead"

// validateSchemaRegistries checks the gateway's schema registries and returns their names.
func validateSchemaRegistries(p *validate.Problems, registries []SchemaRegistryArgs) map[string]bool {
	names := map[string]bool{}
	seen := validate.Seen{}
	for i, r := range registries {
		path := validate.Path("schemaRegistries").Index(i)
		checkObjectName(p, path.Field("name"), r.Name, seen)
		names[r.Name] = true
		p.KonnectEntity(path, r.Name, r.Description, "", nil)
		p.Check(path.Field("schemaType"), validate.Required(r.SchemaType), validate.Enum(r.SchemaType))
		p.Check(path.Field("endpoint"), validate.Required(r.Endpoint), validate.HTTPURL(r.Endpoint))
		p.Check(path.Field("timeoutSeconds"), validate.AtLeast(r.TimeoutSeconds, 0))
		p.Check(path.Field("username"), validate.MaxLength(r.Username, 253))
		password, known := r.Password.(pulumi.String)
		switch {
		case r.Username != "" && (r.Password == nil || known && password == ""):
			p.Add(path.Field("password"), "required with username")
		case r.Username == "" && r.Password != nil:
			p.Add(path.Field("password"), "needs username")
		}
	}
	return names
}

// declared are the names of the gateway's schema registries and static keys, which policies refer to.
type declared struct{ registries, staticKeys map[string]bool }

// validateStaticKeys checks the gateway's static keys and returns their names.
func validateStaticKeys(p *validate.Problems, keys []StaticKeyArgs) map[string]bool {
	names := map[string]bool{}
	seen := validate.Seen{}
	for i, k := range keys {
		path := validate.Path("staticKeys").Index(i)
		checkObjectName(p, path.Field("name"), k.Name, seen)
		names[k.Name] = true
		if value, known := k.Value.(pulumi.String); k.Value == nil || known && value == "" {
			p.Add(path.Field("value"), "is required")
		}
	}
	return names
}

// validatePolicies checks a virtual cluster's ACL rules and its consume and produce policies against the gateway's
// declared registries and keys.
func validatePolicies(p *validate.Problems, path validate.Path, vc VirtualClusterArgs, names declared) {
	if len(vc.ACLs) > 0 && vc.aclMode() != eventgateway.ACLModeEnforceOnGateway {
		p.Add(path.Field("acls"), "apply only when aclMode is %s (it is %s)", eventgateway.ACLModeEnforceOnGateway, vc.aclMode())
	}
	for i, rule := range vc.ACLs {
		validateACLRule(p, path.Field("acls").Index(i), rule)
	}
	for i, policy := range vc.ConsumePolicies {
		validateConsumePolicy(p, path.Field("consumePolicies").Index(i), policy, names.registries)
	}
	for i, policy := range vc.ProducePolicies {
		validateProducePolicy(p, path.Field("producePolicies").Index(i), policy, names)
	}
}

func validateACLRule(p *validate.Problems, path validate.Path, rule eventgateway.ACLRule) {
	p.Check(path.Field("action"), validate.Required(rule.Action), validate.Enum(rule.Action))
	p.Check(path.Field("resourceType"), validate.Required(rule.ResourceType), validate.Enum(rule.ResourceType))
	p.Check(path.Field("operations"), validate.NotEmpty(len(rule.Operations)))
	for i, op := range rule.Operations {
		p.Check(path.Field("operations").Index(i).Field("name"), validate.Required(op.Name), validate.Enum(op.Name))
	}
	names := rule.ResourceNames
	namesPath := path.Field("resourceNames")
	if p.Check(namesPath.Field("type"), validate.Required(names.Type),
		validate.Enum(names.Type)) {
		static := names.Type == eventgateway.ACLResourceNamesStatic
		p.Check(namesPath.Field("stat"), validate.Member(len(names.Stat) > 0, static, "type", string(names.Type)))
		p.Check(namesPath.Field("dynam"), validate.Member(names.Dynam != "", !static, "type", string(names.Type)))
	}
	checkMatches(p, namesPath.Field("stat"), names.Stat)
}

// checkMatches checks name patterns or field paths of 1-253 characters.
func checkMatches(p *validate.Problems, path validate.Path, matches []eventgateway.Match) {
	for i, m := range matches {
		p.Check(path.Index(i).Field("match"), validate.Required(m.Match), validate.MaxLength(m.Match, 253))
	}
}

// validatePolicyInfo checks the fields every policy has.
func validatePolicyInfo(p *validate.Problems, path validate.Path, info eventgateway.PolicyInfo) {
	p.KonnectEntity(path, info.Name, info.Description, "labels", info.Labels)
	p.Check(path.Field("enabled"), validate.OneOf(info.Enabled, eventgateway.Enabled, eventgateway.Disabled))
	p.Check(path.Field("condition"), validate.MaxLength(info.Condition, 1000))
}

func validateConsumePolicy(p *validate.Problems, path validate.Path, policy eventgateway.ConsumePolicyAPISpec,
	registries map[string]bool,
) {
	if !checkUnion(p, path, policy.Type, map[eventgateway.ConsumePolicyType]bool{
		eventgateway.ConsumePolicyDecrypt:          policy.Decrypt != nil,
		eventgateway.ConsumePolicyDecryptFields:    policy.DecryptFields != nil,
		eventgateway.ConsumePolicyModifyHeaders:    policy.ModifyHeaders != nil,
		eventgateway.ConsumePolicySchemaValidation: policy.SchemaValidation != nil,
		eventgateway.ConsumePolicySkipRecord:       policy.SkipRecord != nil,
	}) {
		return
	}
	switch member := path.Field(string(policy.Type)); {
	case policy.DecryptFields != nil:
		p.Add(path.Field("type"), parentPolicyProblem, "ConsumePolicy", "decrypt_fields")
	case policy.Decrypt != nil:
		validatePolicyInfo(p, member, policy.Decrypt.PolicyInfo)
		config := policy.Decrypt.Config
		p.Check(member.Field("config").Field("failureMode"), validate.Required(config.FailureMode),
			validate.Enum(config.FailureMode))
		checkKeySources(p, member.Field("config").Field("keySources"), config.KeySources)
		checkRecordParts(p, member.Field("config").Field("partOfRecord"), config.PartOfRecord)
	case policy.ModifyHeaders != nil:
		validatePolicyInfo(p, member, policy.ModifyHeaders.PolicyInfo)
		checkHeaderActions(p, member.Field("config").Field("actions"), policy.ModifyHeaders.Config.Actions)
	case policy.SchemaValidation != nil:
		validatePolicyInfo(p, member, policy.SchemaValidation.PolicyInfo)
		config := policy.SchemaValidation.Config
		configPath := member.Field("config")
		if !checkUnion(p, configPath, config.Type, map[eventgateway.SchemaValidationType]bool{
			eventgateway.SchemaValidationConfluentSchemaRegistry: config.ConfluentSchemaRegistry != nil,
			eventgateway.SchemaValidationJSON:                    config.JSON != nil,
		}) {
			return
		}
		validation := *cmpOr(config.ConfluentSchemaRegistry, config.JSON)
		validationPath := configPath.Field(string(config.Type))
		registry := ""
		if validation.SchemaRegistry != nil {
			registry = validation.SchemaRegistry.Name
		}
		checkRegistry(p, validationPath.Field("schemaRegistry").Field("name"), registry, config.Type, registries)
		p.Check(validationPath.Field("failureMode"), validate.OneOf(validation.FailureMode,
			eventgateway.ConsumeFailureModeError, eventgateway.ConsumeFailureModeSkip,
			eventgateway.ConsumeFailureModePassthrough, eventgateway.ConsumeFailureModeMark))
		for field, action := range map[string]eventgateway.ConsumeValidationAction{
			"keyValidationAction": validation.KeyValidationAction, "valueValidationAction": validation.ValueValidationAction,
		} {
			p.Check(validationPath.Field(field),
				validate.OneOf(action, eventgateway.ConsumeValidationMark, eventgateway.ConsumeValidationSkip))
		}
		checkEnabledStates(p, validationPath, validation.ValidateKey, validation.ValidateValue)
	case policy.SkipRecord != nil:
		validatePolicyInfo(p, member, policy.SkipRecord.PolicyInfo)
	}
}

func validateProducePolicy(p *validate.Problems, path validate.Path, policy eventgateway.ProducePolicyAPISpec,
	names declared,
) {
	if !checkUnion(p, path, policy.Type, map[eventgateway.ProducePolicyType]bool{
		eventgateway.ProducePolicyEncrypt:          policy.Encrypt != nil,
		eventgateway.ProducePolicyEncryptFields:    policy.EncryptFields != nil,
		eventgateway.ProducePolicyModifyHeaders:    policy.ModifyHeaders != nil,
		eventgateway.ProducePolicySchemaValidation: policy.SchemaValidation != nil,
	}) {
		return
	}
	switch member := path.Field(string(policy.Type)); {
	case policy.EncryptFields != nil:
		p.Add(path.Field("type"), parentPolicyProblem, "ProducePolicy", "encrypt_fields")
	case policy.Encrypt != nil:
		validatePolicyInfo(p, member, policy.Encrypt.PolicyInfo)
		config := policy.Encrypt.Config
		p.Check(member.Field("config").Field("failureMode"), validate.Required(config.FailureMode),
			validate.Enum(config.FailureMode))
		checkRecordParts(p, member.Field("config").Field("partOfRecord"), config.PartOfRecord)
		checkEncryptionKey(p, member.Field("config").Field("encryptionKey"), config.EncryptionKey, names.staticKeys)
	case policy.ModifyHeaders != nil:
		validatePolicyInfo(p, member, policy.ModifyHeaders.PolicyInfo)
		checkHeaderActions(p, member.Field("config").Field("actions"), policy.ModifyHeaders.Config.Actions)
	case policy.SchemaValidation != nil:
		validatePolicyInfo(p, member, policy.SchemaValidation.PolicyInfo)
		config := policy.SchemaValidation.Config
		configPath := member.Field("config")
		if !checkUnion(p, configPath, config.Type, map[eventgateway.SchemaValidationType]bool{
			eventgateway.SchemaValidationConfluentSchemaRegistry: config.ConfluentSchemaRegistry != nil,
			eventgateway.SchemaValidationJSON:                    config.JSON != nil,
		}) {
			return
		}
		validation := *cmpOr(config.ConfluentSchemaRegistry, config.JSON)
		validationPath := configPath.Field(string(config.Type))
		registry := ""
		if ref := validation.SchemaRegistry; ref != nil {
			refPath := validationPath.Field("schemaRegistry")
			if p.Check(refPath.Field("type"), validate.Required(ref.Type), validate.OneOf(ref.Type,
				eventgateway.KonnectSchemaRegistryByName)) {
				p.Check(refPath.Field("name"), validate.Member(ref.Name != nil, true, "type", string(ref.Type)))
				p.Check(refPath.Field("id"), validate.Member(ref.ID != nil, false, "type", string(ref.Type)))
			}
			if ref.Name != nil {
				registry = ref.Name.Name
			}
		}
		checkRegistry(p, validationPath.Field("schemaRegistry").Field("name").Field("name"), registry, config.Type, names.registries)
		p.Check(validationPath.Field("failureMode"), validate.OneOf(validation.FailureMode,
			eventgateway.ProduceFailureModeReject, eventgateway.ProduceFailureModePassthrough, eventgateway.ProduceFailureModeMark))
		for field, action := range map[string]eventgateway.ProduceValidationAction{
			"keyValidationAction": validation.KeyValidationAction, "valueValidationAction": validation.ValueValidationAction,
		} {
			p.Check(validationPath.Field(field),
				validate.OneOf(action, eventgateway.ProduceValidationReject, eventgateway.ProduceValidationMark))
		}
		checkEnabledStates(p, validationPath, validation.ValidateKey, validation.ValidateValue)
	}
}

// checkRegistry checks that a schema validation against a Confluent registry names one of the gateway's registries.
func checkRegistry(p *validate.Problems, path validate.Path, registry string, typ eventgateway.SchemaValidationType,
	registries map[string]bool,
) {
	switch {
	case registry == "" && typ == eventgateway.SchemaValidationConfluentSchemaRegistry:
		p.Add(path, "required: name one of schemaRegistries")
	case registry != "" && !registries[registry]:
		p.Add(path, "%q is no schema registry of the gateway: declare it in schemaRegistries", registry)
	}
}

func checkEnabledStates(p *validate.Problems, path validate.Path, key, value eventgateway.EnabledState) {
	p.Check(path.Field("validateKey"), validate.OneOf(key, eventgateway.Enabled, eventgateway.Disabled))
	p.Check(path.Field("validateValue"), validate.OneOf(value, eventgateway.Enabled, eventgateway.Disabled))
}

func checkHeaderActions(p *validate.Problems, path validate.Path, actions []eventgateway.HeaderAction) {
	p.Check(path, validate.NotEmpty(len(actions)))
	for i, action := range actions {
		actionPath := path.Index(i)
		if !p.Check(actionPath.Field("op"), validate.Required(action.Op), validate.Enum(action.Op)) {
			continue
		}
		set := action.Op == eventgateway.HeaderOpSet
		p.Check(actionPath.Field("set"), validate.Member(action.Set != nil, set, "op", string(action.Op)))
		p.Check(actionPath.Field("remove"), validate.Member(action.Remove != nil, !set, "op", string(action.Op)))
		switch {
		case set && action.Set != nil:
			p.Check(actionPath.Field("set").Field("key"), validate.Required(action.Set.Key))
			p.Check(actionPath.Field("set").Field("value"), validate.Required(action.Set.Value))
		case !set && action.Remove != nil:
			p.Check(actionPath.Field("remove").Field("key"), validate.Required(action.Remove.Key))
		}
	}
}

func checkKeySources(p *validate.Problems, path validate.Path, sources []eventgateway.KeySource) {
	p.Check(path, validate.NotEmpty(len(sources)))
	for i, source := range sources {
		checkUnion(p, path.Index(i), source.Type, map[eventgateway.KeyType]bool{
			eventgateway.KeyAWS: source.AWS != nil, eventgateway.KeyStatic: source.Static != nil,
		})
	}
}

func checkRecordParts(p *validate.Problems, path validate.Path, parts []eventgateway.RecordPart) {
	p.Check(path, validate.NotEmpty(len(parts)))
	for i, part := range parts {
		p.Check(path.Index(i), validate.Enum(part))
	}
}

// checkEncryptionKey checks an encryption key; a static key named by name must be one of staticKeys (one managed
// elsewhere is named by its Konnect ID).
func checkEncryptionKey(p *validate.Problems, path validate.Path, key eventgateway.EncryptionKey, staticKeys map[string]bool) {
	if !checkUnion(p, path, key.Type, map[eventgateway.KeyType]bool{
		eventgateway.KeyAWS: key.AWS != nil, eventgateway.KeyStatic: key.Static != nil,
	}) {
		return
	}
	switch {
	case key.AWS != nil:
		p.Check(path.Field("aws").Field("arn"), validate.Required(key.AWS.ARN), validate.AWSKMSKeyARN(key.AWS.ARN))
	case key.Static != nil:
		ref, refPath := key.Static.Key, path.Field("static").Field("key")
		if p.Check(refPath, validate.ExactlyOne("id", ref.ID != "", "name", ref.Name != "")) && ref.Name != "" && !staticKeys[ref.Name] {
			p.Add(refPath.Field("name"), "%q is no static key of the gateway: declare it in staticKeys, or name a key "+
				"managed elsewhere by its id", ref.Name)
		}
	}
}

// cmpOr returns the first non-nil pointer.
func cmpOr[T any](pointers ...*T) *T {
	for _, p := range pointers {
		if p != nil {
			return p
		}
	}
	return nil
}
