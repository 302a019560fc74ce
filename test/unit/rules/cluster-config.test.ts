/**
 * PriorityClass, Namespace and RuntimeClass validation, expectations worked from upstream
 * pkg/apis/scheduling/validation/validation.go (ValidatePriorityClass), pkg/apis/scheduling/v1/helpers.go
 * (IsKnownSystemPriorityClass), pkg/apis/core/validation/validation.go (ValidatePreemptionPolicy, ValidateNamespace,
 * validateKubeFinalizerName) and pkg/apis/node/validation/validation.go (ValidateRuntimeClass).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

const priorityClass = (name: string, body: string) => `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: ${name}}\n${body}`;
const namespace = (finalizers: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: team}\nspec:\n  finalizers: ${finalizers}\n`;
const runtimeClass = (body: string) => `apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: gvisor}\n${body}`;

// ValidatePriorityClass: a user class within range.
test('a user priority class up to 1000000000 is accepted', () => {
  assert.deepEqual(checkText(priorityClass('high', 'value: 1000000000\npreemptionPolicy: PreemptNever\n')).findings, []);
});

// ValidatePriorityClass: value > HighestUserDefinablePriority.
test('a user priority class above 1000000000 is forbidden', () => {
  const finding = onlyFinding(priorityClass('higher', 'value: 1000000001\n'));
  assert.equal(finding.rule, 'priority-class');
  assert.equal(finding.message, 'value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
  assert.equal(finding.text, '1000000001');
});

// IsKnownSystemPriorityClass: an unknown system- name.
test('a system- name that is not a built-in class is reserved', () => {
  const finding = onlyFinding(priorityClass('system-high', 'value: 1000\n'));
  assert.equal(finding.message, "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-high is not a known system priority class");
  assert.equal(finding.text, 'system-high');
});

// IsKnownSystemPriorityClass: a built-in name with another value.
test('system-cluster-critical with another value is reserved', () => {
  const finding = onlyFinding(priorityClass('system-cluster-critical', 'value: 1000\n'));
  assert.equal(
    finding.message,
    "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000",
  );
});

// IsKnownSystemPriorityClass: the built-in definition itself passes.
test('system-node-critical as the API server defines it is accepted', () => {
  assert.deepEqual(checkText(priorityClass('system-node-critical', 'value: 2000001000\n')).findings, []);
});

// ValidatePreemptionPolicy: a value outside the two policies.
test('an unknown preemption policy is unsupported', () => {
  const finding = onlyFinding(priorityClass('high', 'value: 10\npreemptionPolicy: Never\n'));
  assert.equal(finding.message, 'preemptionPolicy: Unsupported value: "Never": supported values: "PreemptLowerPriority", "PreemptNever"');
});

// ValidateNamespace and validateKubeFinalizerName: the standard finalizer and a domain-qualified one pass.
test('Namespace finalizers that are standard or qualified with a domain are accepted', () => {
  assert.deepEqual(checkText(namespace('[kubernetes, example.com/cleanup]')).findings, []);
});

// validateKubeFinalizerName, reported on spec.finalizers without an index.
test('a Namespace finalizer without a domain that is not standard is rejected on the list', () => {
  const finding = onlyFinding(namespace('[cleanup]'));
  assert.equal(finding.rule, 'namespace-finalizers');
  assert.equal(finding.message, 'spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified');
  assert.equal(finding.text, 'cleanup');
});

// ValidateRuntimeClass: the handler is a DNS-1123 label.
test('a RuntimeClass handler that is not a DNS label is rejected', () => {
  const finding = onlyFinding(runtimeClass('handler: run_sc\n'));
  assert.equal(finding.rule, 'runtime-class');
  assert.equal(
    finding.message,
    `handler: Invalid value: "run_sc": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  );
});

// validateScheduling: the node selector holds valid labels.
test('a RuntimeClass with a valid handler and node selector is accepted', () => {
  assert.deepEqual(checkText(runtimeClass('handler: runsc\nscheduling:\n  nodeSelector: {sandbox: gvisor}\n')).findings, []);
});

// validateScheduling: ValidateLabels on scheduling.nodeSelector.
test('a RuntimeClass node selector value that is not a label value is rejected', () => {
  const finding = onlyFinding(runtimeClass('handler: runsc\nscheduling:\n  nodeSelector: {sandbox: "g visor"}\n'));
  assert.match(finding.message, /^scheduling\.nodeSelector: Invalid value: "g visor": a valid label must be/);
});

// pkg/apis/node/validation validateOverhead: standard container resources with amounts are accepted.
test('a RuntimeClass overhead of cpu and memory is accepted', () => {
  assert.deepEqual(checkText(runtimeClass('handler: runsc\noverhead:\n  podFixed: {cpu: 250m, memory: 120Mi}\n')).findings, []);
});

// validateOverhead → ValidateContainerResourceRequirements at "overhead": validateContainerResourceName on overhead.limits[name].
test('a RuntimeClass overhead naming a resource containers cannot request is rejected on the name', () => {
  const finding = onlyFinding(runtimeClass('handler: runsc\noverhead:\n  podFixed:\n    pods: "1"\n'));
  assert.equal(finding.rule, 'runtime-class');
  assert.equal(finding.message, 'overhead.limits[pods]: Invalid value: "pods": must be a standard resource for containers');
  assert.equal(finding.path, 'overhead.limits[pods]');
  assert.equal(finding.text, 'pods');
  assert.equal(finding.line, 7);
});

// validateOverhead → ValidateResourceQuantityValue: a negative amount, printed as the quantity's string.
test('a negative RuntimeClass overhead is rejected on the amount', () => {
  const finding = onlyFinding(runtimeClass('handler: runsc\noverhead:\n  podFixed:\n    memory: "-1"\n'));
  assert.equal(finding.message, 'overhead.limits[memory]: Invalid value: "-1": must be greater than or equal to 0');
  assert.equal(finding.text, '"-1"');
});

// validateScheduling → core ValidateTolerations: an empty key needs operator Exists.
test('a RuntimeClass toleration without a key and operator Equal is rejected', () => {
  const finding = onlyFinding(runtimeClass('handler: runsc\nscheduling:\n  tolerations:\n    - {operator: Equal, value: sandbox}\n'));
  assert.equal(finding.message, 'scheduling.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"');
  assert.equal(finding.text, 'Equal');
});

// pkg/apis/node/validation validateTolerations: unique by key, operator, value and effect; the duplicate printed with %#v.
test('a RuntimeClass toleration repeated is a duplicate', () => {
  const finding = onlyFinding(
    runtimeClass('handler: runsc\nscheduling:\n  tolerations:\n    - {key: sandbox, operator: Exists, effect: NoSchedule}\n    - {key: sandbox, operator: Exists, effect: NoSchedule}\n'),
    '1.33',
  );
  assert.equal(finding.message, 'scheduling.tolerations[1]: Duplicate value: core.Toleration{Key:"sandbox", Operator:"Exists", Value:"", Effect:"NoSchedule", TolerationSeconds:(*int64)(nil)}');
  assert.equal(finding.line, 8);
});

// validateTolerations: tolerations that differ in effect are distinct.
test('RuntimeClass tolerations of one key with different effects are accepted', () => {
  assert.deepEqual(
    checkText(runtimeClass('handler: runsc\nscheduling:\n  tolerations:\n    - {key: sandbox, operator: Exists, effect: NoSchedule}\n    - {key: sandbox, operator: Exists, effect: NoExecute}\n'))
      .findings,
    [],
  );
});
