/**
 * API Priority and Fairness validation, worked by hand from pkg/apis/flowcontrol/validation/validation.go
 * (ValidateFlowSchemaSpec, ValidateFlowSchemaPolicyRulesWithSubjects, ValidateFlowSchemaSubject,
 * ValidateFlowSchemaResourcePolicyRule, ValidateFlowSchemaNonResourcePolicyRule, ValidateNonResourceURLPath,
 * ValidatePriorityLevelConfiguration and the functions it calls) after pkg/apis/flowcontrol/v1/defaults.go and
 * v1beta3/defaults.go.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, errorsIn, onlyFinding, yaml } from '../../helpers/check-text';

const schema = (name: string, spec: string) =>
  `apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: FlowSchema\nmetadata: {name: ${name}}\nspec:\n  priorityLevelConfiguration: {name: workload-low}\n${spec}`;
const rule = (body: string) => schema('batch', `  rules:\n  - subjects: [{kind: Group, group: {name: "system:authenticated"}}]\n${body}`);
const level = (name: string, spec: string, apiVersion = 'v1') =>
  `apiVersion: flowcontrol.apiserver.k8s.io/${apiVersion}\nkind: PriorityLevelConfiguration\nmetadata: {name: ${name}}\nspec:\n${spec}`;
const queuing = (fields: string) => level('batch', `  type: Limited\n  limited:\n    limitResponse:\n      type: Queue\n      queuing: {${fields}}\n`);

test('a complete FlowSchema and a Limited priority level pass', () => {
  const text = yaml`
    apiVersion: flowcontrol.apiserver.k8s.io/v1
    kind: FlowSchema
    metadata: {name: batch}
    spec:
      priorityLevelConfiguration: {name: workload-low}
      distinguisherMethod: {type: ByUser}
      rules:
      - subjects:
        - {kind: ServiceAccount, serviceAccount: {name: "*", namespace: batch}}
        resourceRules:
        - {verbs: ["*"], apiGroups: ["*"], resources: ["*"], clusterScope: true, namespaces: ["*"]}
        nonResourceRules:
        - {verbs: [get], nonResourceURLs: [/healthz, "/apis/*"]}
    ---
    apiVersion: flowcontrol.apiserver.k8s.io/v1
    kind: PriorityLevelConfiguration
    metadata: {name: workload-low}
    spec:
      type: Limited
      limited:
        nominalConcurrencyShares: 0
        lendablePercent: 100
        borrowingLimitPercent: 300
        limitResponse: {type: Queue, queuing: {queues: 128, handSize: 6, queueLengthLimit: 50}}
  `;
  assert.deepEqual(checkText(text).findings, []);
});

// SetDefaults_FlowSchemaSpec: 0 → 1000, so an absent matchingPrecedence is valid.
test('an absent matchingPrecedence is defaulted to 1000', () => {
  assert.deepEqual(checkText(rule('    nonResourceRules: [{verbs: [get], nonResourceURLs: [/healthz]}]\n')).findings, []);
});

// ValidateFlowSchemaSpec: MatchingPrecedence > FlowSchemaMaxMatchingPrecedence
test('a matchingPrecedence above 10000 is rejected', () => {
  const finding = onlyFinding(schema('batch', '  matchingPrecedence: 10001\n'));
  assert.equal(finding.rule, 'flow-schema-spec');
  assert.equal(finding.message, 'spec.matchingPrecedence: Invalid value: 10001: must not be greater than 10000');
  assert.equal(finding.line, 6);
  assert.equal(finding.text, '10001');
});

// ValidateFlowSchemaSpec: MatchingPrecedence <= 0 (a negative value is not defaulted)
test('a negative matchingPrecedence is rejected', () => {
  const finding = onlyFinding(schema('batch', '  matchingPrecedence: -5\n'));
  assert.equal(finding.message, 'spec.matchingPrecedence: Invalid value: -5: must be a positive value');
});

// ValidateFlowSchemaSpec: MatchingPrecedence == 1 && name != "exempt"
test('only the schema named exempt may have matchingPrecedence 1', () => {
  const finding = onlyFinding(schema('batch', '  matchingPrecedence: 1\n'));
  assert.equal(finding.message, "spec.matchingPrecedence: Invalid value: 1: only the schema named 'exempt' may have matchingPrecedence 1");
});

// ValidateFlowSchemaSpec: NotSupported with the *FlowDistinguisherMethod, which field.Error dereferences and prints with %#v
test('an unknown distinguisher method prints the Go struct', () => {
  const finding = onlyFinding(schema('batch', '  distinguisherMethod: {type: ByGroup}\n'), '1.33');
  assert.equal(finding.message, 'spec.distinguisherMethod.type: Unsupported value: flowcontrol.FlowDistinguisherMethod{Type:"ByGroup"}: supported values: "ByNamespace", "ByUser"');
  assert.equal(finding.line, 6);
  assert.equal(finding.text, 'ByGroup');
});

// ValidateFlowSchemaSpec: ValidatePriorityLevelConfigurationName (NameIsDNSSubdomain)
test('the priority level name must be a DNS subdomain', () => {
  const finding = onlyFinding(schema('batch', '').replace('name: workload-low', 'name: Workload'));
  assert.equal(
    finding.message,
    `spec.priorityLevelConfiguration.name: Invalid value: "Workload": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  );
});

// ValidateFlowSchemaPolicyRulesWithSubjects: neither resourceRules nor nonResourceRules
test('a rule needs resource or non-resource rules', () => {
  const finding = onlyFinding(rule(''));
  assert.equal(finding.message, 'spec.rules[0]: Required value: at least one of resourceRules and nonResourceRules has to be non-empty');
  assert.equal(finding.line, 7);
});

// ValidateFlowSchemaPolicyRulesWithSubjects: len(rule.Subjects) == 0
test('a rule needs subjects', () => {
  const finding = onlyFinding(schema('batch', '  rules:\n  - subjects: []\n    nonResourceRules: [{verbs: [get], nonResourceURLs: [/healthz]}]\n'));
  assert.equal(finding.message, 'spec.rules[0].subjects: Required value: subjects must contain at least one value');
  assert.equal(finding.text, 'subjects');
});

// ValidateFlowSchemaSubject → ValidateServiceAccountSubject (ValidateNamespaceName), plus a user for kind ServiceAccount
test('a ServiceAccount subject needs a namespace name and no user', () => {
  const { findings } = checkText(
    schema(
      'batch',
      '  rules:\n  - subjects:\n    - kind: ServiceAccount\n      serviceAccount: {name: builder, namespace: CI}\n      user: {name: alice}\n    nonResourceRules: [{verbs: [get], nonResourceURLs: [/healthz]}]\n',
    ),
  );
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      `spec.rules[0].subjects[0].serviceAccount.namespace: Invalid value: "CI": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      "spec.rules[0].subjects[0].user: Forbidden: user is forbidden when subject kind is not 'User'",
    ],
  );
  assert.equal(findings[1]!.line, 10);
  assert.equal(findings[1]!.text, 'user');
});

// ValidateFlowSchemaSubject → ValidateUserSubject (subject.User == nil)
test('a User subject needs its user', () => {
  const finding = onlyFinding(schema('batch', '  rules:\n  - subjects: [{kind: User}]\n    nonResourceRules: [{verbs: [get], nonResourceURLs: [/healthz]}]\n'));
  assert.equal(finding.message, "spec.rules[0].subjects[0].user: Required value: user is required when subject kind is 'User'");
});

// ValidateFlowSchemaResourcePolicyRule: verbs outside supportedVerbs, reported with the whole list
test('an unknown verb is reported with the supported verbs', () => {
  const finding = onlyFinding(rule('    resourceRules: [{verbs: [get, read], apiGroups: [""], resources: [pods], clusterScope: true}]\n'), '1.33');
  assert.equal(
    finding.message,
    'spec.rules[0].resourceRules[0].verbs: Unsupported value: []string{"get", "read"}: supported values: "create", "delete", "deletecollection", "get", "list", "patch", "proxy", "update", "watch"',
  );
  assert.equal(finding.text, '[get, read]');
});

// ValidateFlowSchemaResourcePolicyRule: '*' beside other resources
test("'*' may not be listed with other resources", () => {
  const finding = onlyFinding(rule('    resourceRules: [{verbs: [get], apiGroups: [""], resources: ["*", pods], clusterScope: true}]\n'), '1.33');
  assert.equal(finding.message, `spec.rules[0].resourceRules[0].resources: Invalid value: []string{"*", "pods"}: if '*' is present, must not specify other resources`);
});

// ValidateFlowSchemaResourcePolicyRule: no namespaces and not clusterScope
test('a resource rule that is not cluster scoped needs namespaces', () => {
  const finding = onlyFinding(rule('    resourceRules: [{verbs: [get], apiGroups: [""], resources: [pods]}]\n'));
  assert.equal(finding.message, 'spec.rules[0].resourceRules[0].namespaces: Required value: resource rules that are not cluster scoped must supply at least one namespace');
});

// ValidateFlowSchemaResourcePolicyRule: nsErrIntro + ValidateNamespaceName
test('each namespace must be a DNS label', () => {
  const finding = onlyFinding(rule('    resourceRules: [{verbs: [get], apiGroups: [""], resources: [pods], namespaces: [Team_A]}]\n'));
  assert.equal(
    finding.message,
    `spec.rules[0].resourceRules[0].namespaces[0]: Invalid value: "Team_A": each member of this list must be '*' or a DNS-1123 label; a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  );
  assert.equal(finding.text, 'Team_A');
});

// ValidateNonResourceURLPath: a wildcard only as a "/*" suffix
test('a non-resource URL wildcard only matches a suffix', () => {
  const finding = onlyFinding(rule('    nonResourceRules: [{verbs: [get], nonResourceURLs: ["/metrics*"]}]\n'));
  assert.equal(finding.message, 'spec.rules[0].nonResourceRules[0].nonResourceURLs[0]: Invalid value: "/metrics*": wildcard can only do suffix matching');
  assert.equal(finding.text, '"/metrics*"');
});

// ValidateNonResourceURLPath: leading slash
test('a non-resource URL must start with a slash', () => {
  const finding = onlyFinding(rule('    nonResourceRules: [{verbs: [get], nonResourceURLs: [healthz]}]\n'));
  assert.equal(finding.message, 'spec.rules[0].nonResourceRules[0].nonResourceURLs[0]: Invalid value: "healthz": must start with slash');
});

// ValidatePriorityLevelConfigurationSpec: (name == "exempt") != (type == Exempt)
test('only the level named exempt may be Exempt', () => {
  const finding = onlyFinding(level('batch', '  type: Exempt\n'));
  assert.equal(finding.rule, 'priority-level-configuration-spec');
  assert.equal(finding.message, `spec.type: Invalid value: "Exempt": type must be 'Exempt' if and only if name is 'exempt'`);
  assert.equal(finding.line, 5);
  assert.equal(finding.text, 'Exempt');
});

// ValidatePriorityLevelConfigurationSpec: Limited without limited
test('a Limited level needs its limited section', () => {
  const finding = onlyFinding(level('batch', '  type: Limited\n'));
  assert.equal(finding.message, 'spec.limited: Required value: must not be empty when type is Limited');
});

// ValidatePriorityLevelConfigurationSpec: Limited with exempt
test('a Limited level may not carry an exempt section', () => {
  const finding = onlyFinding(level('batch', '  type: Limited\n  exempt: {}\n  limited:\n    limitResponse: {type: Reject}\n'));
  assert.equal(finding.message, 'spec.exempt: Forbidden: must be nil if the type is Limited');
  assert.equal(finding.text, 'exempt');
});

// ValidateLimitedPriorityLevelConfiguration: NominalConcurrencyShares < 0 (zero allowed: ZeroLimitedNominalConcurrencyShares is GA)
test('negative nominal shares are rejected and zero is allowed', () => {
  const finding = onlyFinding(level('batch', '  type: Limited\n  limited:\n    nominalConcurrencyShares: -1\n    limitResponse: {type: Reject}\n'));
  assert.equal(finding.message, 'spec.limited.nominalConcurrencyShares: Invalid value: -1: must be a non-negative integer');
  assert.deepEqual(checkText(level('batch', '  type: Limited\n  limited:\n    nominalConcurrencyShares: 0\n    limitResponse: {type: Reject}\n')).findings, []);
});

// ValidateLimitedPriorityLevelConfiguration: LendablePercent outside 0..100
test('lendablePercent above 100 is rejected', () => {
  const finding = onlyFinding(level('batch', '  type: Limited\n  limited:\n    lendablePercent: 120\n    limitResponse: {type: Reject}\n'));
  assert.equal(finding.message, 'spec.limited.lendablePercent: Invalid value: 120: must be between 0 and 100, inclusive');
});

// ValidateExemptPriorityLevelConfiguration
test('the exempt level may not have negative shares', () => {
  const finding = onlyFinding(level('exempt', '  type: Exempt\n  exempt: {nominalConcurrencyShares: -3}\n'));
  assert.equal(finding.message, 'spec.exempt.nominalConcurrencyShares: Invalid value: -3: must be a non-negative integer');
});

// ValidateLimitResponse: Reject with queuing
test('a Reject limit response may not configure queuing', () => {
  const finding = onlyFinding(level('batch', '  type: Limited\n  limited:\n    limitResponse: {type: Reject, queuing: {queues: 4}}\n'));
  assert.equal(finding.message, 'spec.limited.limitResponse.queuing: Forbidden: must be nil if limited.limitResponse.type is not Limited');
});

// ValidatePriorityLevelQueuingConfiguration: HandSize > Queues, with queues defaulted to 64 (SetDefaults_QueuingConfiguration)
test('the hand size may not exceed the defaulted number of queues', () => {
  const finding = onlyFinding(queuing('handSize: 65'));
  assert.equal(finding.message, 'spec.limited.limitResponse.queuing.handSize: Invalid value: 65: should not be greater than queues (64)');
  assert.equal(finding.text, '65');
});

// ValidatePriorityLevelQueuingConfiguration: RequiredEntropyBits = ceil(log2(128) * 9) = 63 > MaxHashBits (60)
test('queues and hand size may not need more than 60 bits of entropy', () => {
  const finding = onlyFinding(queuing('queues: 128, handSize: 9'));
  assert.equal(finding.message, 'spec.limited.limitResponse.queuing.handSize: Invalid value: 9: required entropy bits of deckSize 128 and handSize 9 should not be greater than 60');
  // ceil(log2(128) * 8) = 56
  assert.deepEqual(checkText(queuing('queues: 128, handSize: 8')).findings, []);
});

// ValidatePriorityLevelQueuingConfiguration: QueueLengthLimit <= 0 after defaulting (0 → 50)
test('a negative queue length limit is rejected', () => {
  const finding = onlyFinding(queuing('queueLengthLimit: -1'));
  assert.equal(finding.message, 'spec.limited.limitResponse.queuing.queueLengthLimit: Invalid value: -1: must be positive');
});

// v1beta3 SetDefaults_PriorityLevelConfiguration keeps 0 under the round-trip annotation, which the conversion to the
// internal version then drops, so it is not refused as it is on v1 (v1beta3 is served by 1.30 only)
test('in v1beta3 the round-trip annotation is accepted', () => {
  const text = level('batch', '  type: Limited\n  limited:\n    nominalConcurrencyShares: 0\n    limitResponse: {type: Reject}\n', 'v1beta3').replace(
    'metadata: {name: batch}',
    'metadata: {name: batch, annotations: {flowcontrol.k8s.io/v1beta3-preserve-zero-concurrency-shares: ""}}',
  );
  assert.deepEqual(errorsIn(text, '1.30'), []);
});

// ValidatePriorityLevelConfiguration: the v1beta3 round-trip annotation written on a v1 object
test('the v1beta3 round-trip annotation is refused on v1', () => {
  const text = level('batch', '  type: Limited\n  limited:\n    limitResponse: {type: Reject}\n').replace(
    'metadata: {name: batch}',
    'metadata: {name: batch, annotations: {flowcontrol.k8s.io/v1beta3-preserve-zero-concurrency-shares: ""}}',
  );
  const finding = onlyFinding(text);
  assert.equal(finding.message, "metadata.annotations: Forbidden: annotation 'flowcontrol.k8s.io/v1beta3-preserve-zero-concurrency-shares' is forbidden");
});

// ValidateObjectMeta(…, ValidateFlowSchemaName = NameIsDNSSubdomain)
test('a FlowSchema name must be a DNS subdomain', () => {
  const finding = onlyFinding(schema('Batch', '  rules: []\n'));
  assert.equal(finding.rule, 'object-name');
});
