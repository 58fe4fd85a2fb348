package eventgateway

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// fixture registers one object of a kind with a spec that sets most of the kind's fields, so the CRD schema sees
// every json tag. secretPaths are where its spec must hold Pulumi secrets.
type fixture struct {
	name        string
	kind        string
	apiVersion  string
	condition   string
	secretPaths [][]any
	register    func(ctx *pulumi.Context, name string, meta Metadata) error
}

func ptr[T any](v T) *T { return &v }

var fixtures = []fixture{
	{
		name: "auth-secret-ref", kind: "KonnectAPIAuthConfiguration", apiVersion: KonnectAPIVersion, condition: ConditionAPIAuthValid,
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewKonnectAPIAuthConfiguration(ctx, name, meta, KonnectAPIAuthConfigurationSpec{
				Type: KonnectAPIAuthSecretRef, SecretRef: &NamespacedRef{Name: "konnect-token"}, ServerURL: "eu.api.konghq.com",
			})
			return err
		},
	},
	{
		name: "auth-token", kind: "KonnectAPIAuthConfiguration", apiVersion: KonnectAPIVersion, condition: ConditionAPIAuthValid,
		secretPaths: [][]any{{"token"}},
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewKonnectAPIAuthConfiguration(ctx, name, meta, KonnectAPIAuthConfigurationSpec{
				Type: KonnectAPIAuthToken, Token: "kpat_example", ServerURL: "https://us.api.konghq.com",
			})
			return err
		},
	},
	{
		name: "gateway", kind: "KonnectEventGateway", apiVersion: KonnectAPIVersion, condition: ConditionProgrammed,
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewKonnectEventGateway(ctx, name, meta, KonnectEventGatewaySpec{
				APISpec: KonnectEventGatewayAPISpec{
					Name: "gw", Description: "test", Labels: map[string]string{"app": "test"}, MinRuntimeVersion: "1.2",
				},
				Konnect: KonnectConfiguration{AuthRef: NamespacedRef{Name: "auth", Namespace: "kong"}},
			})
			return err
		},
	},
	{
		name: "backend", kind: "EventGatewayBackendCluster", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		secretPaths: [][]any{
			{"apiSpec", "authentication", "saslScram", "password"},
			{"apiSpec", "tls", "clientIdentity", "key", "value"},
		},
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewEventGatewayBackendCluster(ctx, name, meta, EventGatewayBackendClusterSpec{
				GatewayRef: RefByName("gateway"),
				APISpec: BackendClusterAPISpec{
					Name: "backend", Description: "test", Labels: map[string]string{"env": "test"},
					BootstrapServers: []string{"kafka1:9092", "[::1]:9093"},
					Authentication: BackendClusterAuthentication{Type: BackendClusterAuthSaslScram, SaslScram: &BackendClusterSaslScram{
						Algorithm: SaslScramSHA512, Username: "user", Password: "s3cret",
					}},
					TLS: BackendClusterTLS{
						Enabled: Enabled, InsecureSkipVerify: Disabled, CABundle: "-----BEGIN CERTIFICATE-----",
						TLSVersions: []TLSVersion{TLSVersion12, TLSVersion13},
						ClientIdentity: &CertificateKeyPair{
							Certificate: FromSecretKey("client-tls", "tls.crt"), Key: Inline("-----BEGIN PRIVATE KEY-----"),
						},
					},
					InsecureAllowAnonymousVirtualClusterAuth: Disabled,
					MetadataUpdateIntervalSeconds:            60,
				},
			})
			return err
		},
	},
	{
		name: "backend-sasl-plain", kind: "EventGatewayBackendCluster", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		secretPaths: [][]any{{"apiSpec", "authentication", "saslPlain", "password"}},
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewEventGatewayBackendCluster(ctx, name, meta, EventGatewayBackendClusterSpec{
				GatewayRef: RefByName("gateway"),
				APISpec: BackendClusterAPISpec{
					Name: "backend", BootstrapServers: []string{"kafka:9092"},
					Authentication: BackendClusterAuthentication{Type: BackendClusterAuthSaslPlain, SaslPlain: &BackendClusterSaslPlain{
						Username: "user", Password: "${vault.env['KAFKA_PASSWORD']}",
					}},
					TLS: BackendClusterTLS{Enabled: Disabled},
				},
			})
			return err
		},
	},
	{
		name: "vc", kind: "EventGatewayVirtualCluster", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		secretPaths: [][]any{
			{"apiSpec", "authentication", 1, "saslPlain", "principals", 0, "password"},
			{"apiSpec", "authentication", 1, "saslPlain", "principals", 1, "password"},
		},
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			principal := &FetchKongIdentityPrincipal{
				Directory: "dir", FailureMode: PrincipalFailureModeIgnore, FetchBy: PrincipalFetchBy{Key: "sub"},
			}
			_, err := NewEventGatewayVirtualCluster(ctx, name, meta, EventGatewayVirtualClusterSpec{
				EventGatewayBackendClusterRef: RefByName("backend"),
				APISpec: VirtualClusterAPISpec{
					Name: "team_a", Description: "test", Labels: map[string]string{"team": "a"},
					DNSLabel: "team-a", ACLMode: ACLModeEnforceOnGateway,
					Authentication: []VirtualClusterAuthentication{
						{Type: VirtualClusterAuthAnonymous, Anonymous: &EmptyObject{}},
						{Type: VirtualClusterAuthSaslPlain, SaslPlain: &VirtualClusterSaslPlain{
							Mediation:  SaslPlainTerminate,
							Principals: []Principal{{Username: "alice", Password: "a"}, {Username: "bob", Password: "b"}},
						}},
						{Type: VirtualClusterAuthSaslScram, SaslScram: &VirtualClusterSaslScram{
							Algorithm: SaslScramSHA256, FetchKongIdentityPrincipal: principal,
						}},
						{Type: VirtualClusterAuthClientCertificate, ClientCertificate: &ClientCertificateAuth{
							FetchKongIdentityPrincipal: principal,
						}},
						{Type: VirtualClusterAuthOAuthBearer, OAuthBearer: &OAuthBearerAuth{
							Mediation:     OAuthBearerValidateForward,
							JWKS:          &JWKS{Endpoint: "https://idp/jwks", Timeout: "10s", CacheExpiration: "1h"},
							Validate:      &OAuthBearerValidation{Audiences: []Audience{{Name: "kafka"}}, Issuer: "https://idp"},
							ClaimsMapping: &ClaimsMapping{Sub: "client_id", Scope: "scp"},
							FetchKongIdentityPrincipal: &FetchOAuthPrincipal{
								Directory: "dir", FailureMode: PrincipalFailureModeError,
							},
						}},
					},
					Namespace: &VirtualClusterNamespace{
						Mode: NamespaceHidePrefix, Prefix: "team-a.",
						Additional: &NamespaceAdditional{
							Topics: []TopicSelector{
								{Type: SelectorGlob, Glob: &TopicGlob{Glob: "shared.*", Conflict: ConflictWarn}},
								{Type: SelectorExactList, ExactList: &TopicExactList{
									ExactList: []BackendTopic{{Backend: "orders"}}, Conflict: ConflictIgnore,
								}},
							},
							ConsumerGroups: []ConsumerGroupSelector{
								{Type: SelectorGlob, Glob: &ConsumerGroupGlob{Glob: "group-*"}},
								{Type: SelectorExactList, ExactList: &ConsumerGroupExactList{
									ExactList: []ConsumerGroupName{{Value: "billing"}},
								}},
							},
						},
					},
					TopicAliases: []TopicAlias{{Alias: "orders", Topic: "team-a.orders.v2", Condition: "true", Conflict: ConflictWarn}},
				},
			})
			return err
		},
	},
	{
		name: "listener", kind: "EventGatewayListener", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewEventGatewayListener(ctx, name, meta, EventGatewayListenerSpec{
				GatewayRef: RefByName("gateway"),
				APISpec: ListenerAPISpec{
					Name: "listener", Description: "test", Labels: map[string]string{"app": "test"},
					Addresses: []string{AllAddresses}, Ports: []ListenerPort{SinglePort(9092), PortRange(9093, 9095)},
				},
			})
			return err
		},
	},
	{
		name: "policy-port-mapping", kind: "EventGatewayListenerPolicy", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewEventGatewayListenerPolicy(ctx, name, meta, EventGatewayListenerPolicySpec{
				EventGatewayListenerRef: RefByName("listener"),
				APISpec: ListenerPolicyAPISpec{
					Type: ListenerPolicyForwardToVirtualCluster,
					ForwardToVirtualCluster: &ForwardToVirtualClusterPolicy{
						ListenerPolicyInfo: ListenerPolicyInfo{
							Name: "forward", Description: "test", Enabled: Enabled, Labels: map[string]string{"a": "b"},
						},
						Config: ForwardToVirtualClusterConfig{Type: ForwardPortMapping, PortMapping: &PortMappingConfig{
							AdvertisedHost: "kafka.example.com", Destination: KonnectRef{Name: "team_a"},
							BootstrapPort: BootstrapPortNone, MinBrokerID: 1,
						}},
					},
				},
			})
			return err
		},
	},
	{
		name: "policy-sni", kind: "EventGatewayListenerPolicy", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewEventGatewayListenerPolicy(ctx, name, meta, EventGatewayListenerPolicySpec{
				EventGatewayListenerRef: RefByName("listener"),
				APISpec: ListenerPolicyAPISpec{
					Type: ListenerPolicyForwardToVirtualCluster,
					ForwardToVirtualCluster: &ForwardToVirtualClusterPolicy{
						ListenerPolicyInfo: ListenerPolicyInfo{Name: "forward_sni"},
						Config: ForwardToVirtualClusterConfig{Type: ForwardSNI, SNI: &SNIConfig{
							SNISuffix: ".keg.example.com", AdvertisedPort: 9092,
							BrokerHostFormat: &BrokerHostFormat{Type: BrokerHostSharedSuffix},
						}},
					},
				},
			})
			return err
		},
	},
	{
		name: "policy-tls-server", kind: "EventGatewayListenerPolicy", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		secretPaths: [][]any{{"apiSpec", "tlsServer", "config", "certificates", 0, "key", "value"}},
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewEventGatewayListenerPolicy(ctx, name, meta, EventGatewayListenerPolicySpec{
				EventGatewayListenerRef: RefByName("listener"),
				APISpec: ListenerPolicyAPISpec{
					Type: ListenerPolicyTLSServer,
					TLSServer: &TLSServerPolicy{
						ListenerPolicyInfo: ListenerPolicyInfo{Name: "tls"},
						Config: TLSServerConfig{
							Certificates: []CertificateKeyPair{{
								Certificate: FromSecretKey("keg-tls", "tls.crt"), Key: Inline("-----BEGIN PRIVATE KEY-----"),
							}},
							Versions:       &TLSServerVersions{Min: TLSv12, Max: TLSv13},
							AllowPlaintext: Disabled,
							ClientAuthentication: &ClientAuthentication{
								Mode: ClientAuthRequested, TLSTrustBundles: []KonnectRef{{Name: "clients"}}, PrincipalMapping: "subject.cn",
							},
						},
					},
				},
			})
			return err
		},
	},
	{
		name: "acls", kind: "EventGatewayVirtualClusterPolicy", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewEventGatewayVirtualClusterPolicy(ctx, name, meta, EventGatewayVirtualClusterPolicySpec{
				EventGatewayVirtualClusterRef: RefByName("vc"),
				APISpec: VirtualClusterPolicyAPISpec{Type: VirtualClusterPolicyACLs, ACLs: &ACLsPolicy{
					PolicyInfo: PolicyInfo{
						Name: "acls", Description: "test", Enabled: Enabled, Labels: map[string]string{"scope": "x"},
						Condition: `context.auth.principal.name == "superuser"`,
					},
					Config: ACLsConfig{Rules: []ACLRule{
						{
							Action: ACLAllow, ResourceType: ACLResourceTopic,
							Operations:    []ACLOperation{{Name: ACLOperationRead}, {Name: ACLOperationDescribeConfigs}},
							ResourceNames: ACLResourceNames{Type: ACLResourceNamesStatic, Stat: []Match{{Match: "orders.*"}}},
						},
						{
							Action: ACLDeny, ResourceType: ACLResourceTransactionalID,
							Operations:    []ACLOperation{{Name: ACLOperationIdempotentWrite}},
							ResourceNames: ACLResourceNames{Type: ACLResourceNamesDynamic, Dynam: "context.auth.token.claims.groups"},
						},
					}},
				}},
			})
			return err
		},
	},
	consumeFixture("consume-decrypt", ConsumePolicyAPISpec{Type: ConsumePolicyDecrypt, Decrypt: &DecryptPolicy{
		PolicyInfo: PolicyInfo{Name: "decrypt"},
		Config: DecryptConfig{
			FailureMode:  CryptoFailureModePassthrough,
			KeySources:   []KeySource{{Type: KeyAWS, AWS: &EmptyObject{}}, {Type: KeyStatic, Static: &EmptyObject{}}},
			PartOfRecord: []RecordPart{RecordKey, RecordValue},
		},
	}}),
	consumeFixture("consume-decrypt-fields", ConsumePolicyAPISpec{Type: ConsumePolicyDecryptFields, DecryptFields: &DecryptFieldsPolicy{
		PolicyInfo: PolicyInfo{Name: "decrypt-fields"},
		Config: DecryptFieldsConfig{
			FailureMode:   ConsumeFailureModeMark,
			KeySources:    []KeySource{{Type: KeyStatic, Static: &EmptyObject{}}},
			DecryptFields: DecryptFields{Paths: FieldPaths{Type: FieldPathsArray, Array: []Match{{Match: "card.number"}}}},
		},
	}}),
	consumeFixture("consume-modify-headers", ConsumePolicyAPISpec{Type: ConsumePolicyModifyHeaders, ModifyHeaders: &ModifyHeadersPolicy{
		PolicyInfo: PolicyInfo{Name: "headers", Condition: "true"},
		Config: ModifyHeadersConfig{Actions: []HeaderAction{
			{Op: HeaderOpSet, Set: &SetHeader{Key: "x-added-header", Value: "added-value"}},
			{Op: HeaderOpRemove, Remove: &RemoveHeader{Key: "x-internal"}},
		}},
	}}),
	consumeFixture("consume-schema-validation", ConsumePolicyAPISpec{Type: ConsumePolicySchemaValidation, SchemaValidation: &ConsumeSchemaValidationPolicy{
		PolicyInfo: PolicyInfo{Name: "validate"},
		Config: ConsumeSchemaValidationConfig{Type: SchemaValidationConfluentSchemaRegistry, ConfluentSchemaRegistry: &ConsumeSchemaValidation{
			SchemaRegistry: &SchemaRegistryRef{Kind: "EventGatewaySchemaRegistry", Name: "registry"},
			FailureMode:    ConsumeFailureModeSkip, ValidateKey: Disabled, ValidateValue: Enabled,
			KeyValidationAction: ConsumeValidationMark, ValueValidationAction: ConsumeValidationSkip,
		}},
	}}),
	consumeFixture("consume-skip-record", ConsumePolicyAPISpec{Type: ConsumePolicySkipRecord, SkipRecord: &SkipRecordPolicy{
		PolicyInfo: PolicyInfo{Name: "skip", Condition: `record.headers["skip"] == "true"`},
	}}),
	produceFixture("produce-encrypt", ProducePolicyAPISpec{Type: ProducePolicyEncrypt, Encrypt: &EncryptPolicy{
		PolicyInfo: PolicyInfo{Name: "encrypt"},
		Config: EncryptConfig{
			FailureMode: CryptoFailureModeError, PartOfRecord: []RecordPart{RecordValue},
			EncryptionKey: EncryptionKey{Type: KeyAWS, AWS: &AWSKey{ARN: "arn:aws:kms:eu-west-1:123456789012:key/abc"}},
		},
	}}),
	produceFixture("produce-encrypt-fields", ProducePolicyAPISpec{Type: ProducePolicyEncryptFields, EncryptFields: &EncryptFieldsPolicy{
		PolicyInfo: PolicyInfo{Name: "encrypt-fields"},
		Config: EncryptFieldsConfig{FailureMode: ProduceFailureModeReject, EncryptFields: []FieldEncryption{{
			Paths:         FieldPaths{Type: FieldPathsExpression, Expression: "record.value.card"},
			EncryptionKey: EncryptionKey{Type: KeyStatic, Static: &StaticEncryptionKey{Key: KonnectRef{Name: "key-1"}}},
		}}},
	}}),
	produceFixture("produce-modify-headers", ProducePolicyAPISpec{Type: ProducePolicyModifyHeaders, ModifyHeaders: &ModifyHeadersPolicy{
		PolicyInfo: PolicyInfo{Name: "headers"},
		Config:     ModifyHeadersConfig{Actions: []HeaderAction{{Op: HeaderOpSet, Set: &SetHeader{Key: "k", Value: "v"}}}},
	}}),
	produceFixture("produce-schema-validation", ProducePolicyAPISpec{Type: ProducePolicySchemaValidation, SchemaValidation: &ProduceSchemaValidationPolicy{
		PolicyInfo: PolicyInfo{Name: "validate"},
		Config: ProduceSchemaValidationConfig{Type: SchemaValidationJSON, JSON: &ProduceSchemaValidation{
			SchemaRegistry: &KonnectSchemaRegistryRef{Type: KonnectSchemaRegistryByName, Name: &KonnectSchemaRegistryName{Name: "registry"}},
			FailureMode:    ProduceFailureModeMark, ValidateKey: Enabled, ValidateValue: Enabled,
			KeyValidationAction: ProduceValidationReject, ValueValidationAction: ProduceValidationMark,
		}},
	}}),
	{
		name: "schema-registry", kind: "EventGatewaySchemaRegistry", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		secretPaths: [][]any{{"apiSpec", "confluent", "config", "authentication", "basic", "password", "value"}},
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			_, err := NewEventGatewaySchemaRegistry(ctx, name, meta, EventGatewaySchemaRegistrySpec{
				GatewayRef: RefByName("gateway"),
				APISpec: SchemaRegistryAPISpec{Type: SchemaRegistryConfluent, Confluent: &ConfluentSchemaRegistry{
					Name: "registry", Description: "test", Labels: map[string]string{"a": "b"},
					Config: ConfluentSchemaRegistryConfig{
						SchemaType: SchemaTypeAvro, Endpoint: "https://registry:8081", TimeoutSeconds: 5,
						Authentication: &SchemaRegistryAuthentication{Type: SchemaRegistryAuthBasic, Basic: &BasicAuth{
							Username: "user", Password: Inline("registry-password"),
						}},
					},
				}},
			})
			return err
		},
	},
	{
		name: "dataplane", kind: "KegDataPlane", apiVersion: EventGatewayAPIVersion, condition: ConditionReady,
		register: func(ctx *pulumi.Context, name string, meta Metadata) error {
			target := intstr.FromInt32(9092)
			_, err := NewKegDataPlane(ctx, name, meta, KegDataPlaneSpec{
				ControlPlaneRef: ControlPlaneRefByName("gateway"),
				Deployment: &DataPlaneDeployment{
					Replicas: ptr(2), Annotations: map[string]string{"a": "b"}, Labels: map[string]string{"c": "d"},
					PodTemplateSpec: &corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: []corev1.Container{{
						Name: DataPlaneContainerName, Image: "kong/kong-event-gateway:1.2.1",
						Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
							corev1.ResourceCPU: resource.MustParse("250m"),
						}},
					}}}},
				},
				Network: &DataPlaneNetwork{Services: &DataPlaneServices{Kafka: &KafkaServiceOptions{
					Type: ServiceTypeLoadBalancer, Annotations: map[string]string{"metallb.io/loadBalancerIPs": "10.0.1.1"},
					Labels: map[string]string{"tier": "edge"}, ExternalTrafficPolicy: TrafficPolicyLocal,
					InternalTrafficPolicy: TrafficPolicyCluster, TrafficDistribution: PreferSameZone,
					Ports: []ServicePort{{Name: "kafka", Port: 9092, TargetPort: &target, NodePort: 30092}},
				}}},
				Config: &DataPlaneConfig{
					Konnect:                   &DataPlaneKonnectConfig{Domain: "konghq.com", APIRequestTimeoutSeconds: 10, InsecureSkipVerify: Disabled},
					ConfigPollIntervalSeconds: 5, EnableDebugEndpoints: Disabled,
					Observability: &DataPlaneObservability{LogFlags: LogInfo, LogFormat: LogFormatJSON, PolicyErrorsInfoLogIntervalSeconds: ptr(0)},
					Runtime: &DataPlaneRuntimeConfig{
						HealthListenerAddressPort: "0.0.0.0:8080", DrainDurationSeconds: ptr(0), ShutdownTimeoutSeconds: 30,
					},
				},
			})
			return err
		},
	},
}

func consumeFixture(name string, apiSpec ConsumePolicyAPISpec) fixture {
	return fixture{
		name: name, kind: "EventGatewayVirtualClusterConsumePolicy", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		register: func(ctx *pulumi.Context, resourceName string, meta Metadata) error {
			_, err := NewEventGatewayVirtualClusterConsumePolicy(ctx, resourceName, meta, EventGatewayVirtualClusterConsumePolicySpec{
				EventGatewayVirtualClusterRef: RefByName("vc"), APISpec: apiSpec,
			})
			return err
		},
	}
}

func produceFixture(name string, apiSpec ProducePolicyAPISpec) fixture {
	return fixture{
		name: name, kind: "EventGatewayVirtualClusterProducePolicy", apiVersion: ConfigurationAPIVersion, condition: ConditionProgrammed,
		register: func(ctx *pulumi.Context, resourceName string, meta Metadata) error {
			_, err := NewEventGatewayVirtualClusterProducePolicy(ctx, resourceName, meta, EventGatewayVirtualClusterProducePolicySpec{
				EventGatewayVirtualClusterRef: RefByName("vc"), APISpec: apiSpec,
			})
			return err
		},
	}
}
