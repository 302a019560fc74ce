/**
 * The mandatory API Priority and Fairness objects, worked by hand from pkg/apis/flowcontrol/validation/validation.go
 * (ValidateFlowSchema's comparison with internalbootstrap.MandatoryFlowSchemas, and
 * ValidateIfMandatoryPriorityLevelConfigurationObject) and the fixed specs of
 * staging/src/k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap/default.go, after pkg/apis/flowcontrol/v1/defaults.go.
 * The value is the internal spec: JSON with Go field names from 1.34, Go's %#v before (pointers as `…`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const level = (name: string, spec: string) => `apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: PriorityLevelConfiguration\nmetadata: {name: ${name}}\nspec:\n${spec}`;
const catchAllSchema = (subjects: string) => yaml`
  apiVersion: flowcontrol.apiserver.k8s.io/v1
  kind: FlowSchema
  metadata: {name: catch-all}
  spec:
    matchingPrecedence: 10000
    priorityLevelConfiguration: {name: catch-all}
    distinguisherMethod: {type: ByUser}
    rules:
    - subjects: ${subjects}
      resourceRules: [{verbs: ["*"], apiGroups: ["*"], resources: ["*"], clusterScope: true, namespaces: ["*"]}]
      nonResourceRules: [{verbs: ["*"], nonResourceURLs: ["*"]}]
`;

// ValidateIfMandatoryPriorityLevelConfigurationObject: catch-all is Limited, 5 shares, lendablePercent 0, Reject.
test('the catch-all priority level as the API server fixes it passes', () => {
  assert.deepEqual(checkText(level('catch-all', '  type: Limited\n  limited:\n    nominalConcurrencyShares: 5\n    limitResponse: {type: Reject}\n')).findings, []);
});

// ValidateIfMandatoryPriorityLevelConfigurationObject: the internal spec printed as JSON from 1.34.
test('a catch-all priority level with other shares is refused, printing the internal spec as JSON', () => {
  const finding = onlyFinding(level('catch-all', '  type: Limited\n  limited:\n    nominalConcurrencyShares: 10\n    limitResponse: {type: Reject}\n'), '1.34');
  assert.equal(finding.rule, 'flowcontrol-mandatory-objects');
  assert.equal(
    finding.message,
    `spec: Invalid value: {"Type":"Limited","Limited":{"NominalConcurrencyShares":10,"LimitResponse":{"Type":"Reject","Queuing":null},"LendablePercent":0,"BorrowingLimitPercent":null},"Exempt":null}: spec of 'catch-all' must equal the fixed value`,
  );
  assert.equal(finding.line, 4);
  assert.equal(finding.text, 'spec');
});

// Up to 1.33 field.Error prints the struct with %#v; the pointer's address is shown as `…`.
test('up to 1.33 the spec is printed as a Go struct', () => {
  const finding = onlyFinding(level('catch-all', '  type: Limited\n  limited:\n    nominalConcurrencyShares: 10\n    limitResponse: {type: Reject}\n'), '1.33');
  assert.equal(
    finding.message,
    `spec: Invalid value: flowcontrol.PriorityLevelConfigurationSpec{Type:"Limited", Limited:(*flowcontrol.LimitedPriorityLevelConfiguration)(…), Exempt:(*flowcontrol.ExemptPriorityLevelConfiguration)(nil)}: spec of 'catch-all' must equal the fixed value`,
  );
});

// ValidateIfMandatoryPriorityLevelConfigurationObject: the exempt level may change spec.exempt, nothing else.
test('the exempt priority level may change its exempt field', () => {
  assert.deepEqual(checkText(level('exempt', '  type: Exempt\n  exempt: {nominalConcurrencyShares: 10, lendablePercent: 50}\n')).findings, []);
});

// ValidatePriorityLevelConfigurationSpec's Forbidden limited, and the mandatory comparison (findings listed by place).
test('an exempt priority level with a limited part is refused beside the spec rule', () => {
  const { findings } = checkText(level('exempt', '  type: Exempt\n  limited:\n    nominalConcurrencyShares: 5\n    limitResponse: {type: Reject}\n'), '1.34');
  assert.deepEqual(
    findings.map((f) => [f.rule, f.message]),
    [
      [
        'flowcontrol-mandatory-objects',
        `spec: Invalid value: {"Type":"Exempt","Limited":{"NominalConcurrencyShares":5,"LimitResponse":{"Type":"Reject","Queuing":null},"LendablePercent":0,"BorrowingLimitPercent":null},"Exempt":null}: spec of 'exempt' except the 'spec.exempt' field must equal the fixed value`,
      ],
      ['priority-level-configuration-spec', 'spec.limited: Forbidden: must be nil if the type is not Limited'],
    ],
  );
});

// ValidateFlowSchema: MandatoryFlowSchemaCatchAll, all requests of both groups, distinguished by user.
test('the catch-all flow schema as the API server fixes it passes', () => {
  assert.deepEqual(checkText(catchAllSchema('[{kind: Group, group: {name: "system:unauthenticated"}}, {kind: Group, group: {name: "system:authenticated"}}]')).findings, []);
});

// ValidateFlowSchema: a catch-all flow schema for one group only differs from the fixed value.
test('a catch-all flow schema for one group is refused, printing the internal spec', () => {
  const finding = onlyFinding(catchAllSchema('[{kind: Group, group: {name: "system:authenticated"}}]'), '1.34');
  assert.equal(
    finding.message,
    `spec: Invalid value: {"PriorityLevelConfiguration":{"Name":"catch-all"},"MatchingPrecedence":10000,"DistinguisherMethod":{"Type":"ByUser"},"Rules":[{"Subjects":[{"Kind":"Group","User":null,"Group":{"Name":"system:authenticated"},"ServiceAccount":null}],"ResourceRules":[{"Verbs":["*"],"APIGroups":["*"],"Resources":["*"],"ClusterScope":true,"Namespaces":["*"]}],"NonResourceRules":[{"Verbs":["*"],"NonResourceURLs":["*"]}]}]}: spec of 'catch-all' must equal the fixed value`,
  );
});

// ValidateFlowSchema: the exempt schema without its non-resource rule; a nil slice prints as nil / null.
test('an exempt flow schema without its non-resource rule is refused', () => {
  const text = yaml`
    apiVersion: flowcontrol.apiserver.k8s.io/v1
    kind: FlowSchema
    metadata: {name: exempt}
    spec:
      matchingPrecedence: 1
      priorityLevelConfiguration: {name: exempt}
      rules:
      - subjects: [{kind: Group, group: {name: "system:masters"}}]
        resourceRules: [{verbs: ["*"], apiGroups: ["*"], resources: ["*"], clusterScope: true, namespaces: ["*"]}]
  `;
  assert.equal(
    onlyFinding(text, '1.33').message,
    `spec: Invalid value: flowcontrol.FlowSchemaSpec{PriorityLevelConfiguration:flowcontrol.PriorityLevelConfigurationReference{Name:"exempt"}, MatchingPrecedence:1, DistinguisherMethod:(*flowcontrol.FlowDistinguisherMethod)(nil), Rules:[]flowcontrol.PolicyRulesWithSubjects{flowcontrol.PolicyRulesWithSubjects{Subjects:[]flowcontrol.Subject{flowcontrol.Subject{Kind:"Group", User:(*flowcontrol.UserSubject)(nil), Group:(*flowcontrol.GroupSubject)(…), ServiceAccount:(*flowcontrol.ServiceAccountSubject)(nil)}}, ResourceRules:[]flowcontrol.ResourcePolicyRule{flowcontrol.ResourcePolicyRule{Verbs:[]string{"*"}, APIGroups:[]string{"*"}, Resources:[]string{"*"}, ClusterScope:true, Namespaces:[]string{"*"}}}, NonResourceRules:[]flowcontrol.NonResourcePolicyRule(nil)}}}: spec of 'exempt' must equal the fixed value`,
  );
});

// Only the two mandatory names are compared.
test('a flow schema of another name is not compared', () => {
  assert.deepEqual(checkText(catchAllSchema('[{kind: Group, group: {name: "system:authenticated"}}]').replace('metadata: {name: catch-all}', 'metadata: {name: everyone}')).findings, []);
});
