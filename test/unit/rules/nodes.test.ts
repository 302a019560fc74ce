/**
 * Node validation, worked by hand from pkg/apis/core/validation/validation.go: ValidateNode, validateNodeTaints,
 * validateTaintEffect, and validation.IsValidCIDR (apimachinery/pkg/util/validation, 1.33 and later).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

// Labelled as the kubelet labels the Node it registers, so that only the rule under test speaks.
const KUBELET_LABELS = '{kubernetes.io/hostname: worker-1, kubernetes.io/os: linux, kubernetes.io/arch: amd64}';
const node = (spec: string) => `apiVersion: v1\nkind: Node\nmetadata: {name: worker-1, labels: ${KUBELET_LABELS}}\nspec:\n${spec}`;

test('a dual-stack node with distinct taints passes', () => {
  const text = node('  podCIDRs: [10.244.1.0/24, "fd00:10:244:1::/64"]\n  taints:\n  - {key: dedicated, value: gpu, effect: NoSchedule}\n  - {key: dedicated, value: gpu, effect: NoExecute}\n');
  assert.deepEqual(checkText(text).findings, []);
});

// validateNodeTaints: ValidateLabelName on the key; the path starts at metadata, as ValidateNode builds it
test('a taint key must be a qualified name, reported under metadata.taints', () => {
  const finding = onlyFinding(node('  taints:\n  - {key: "gpu type", effect: NoSchedule}\n'));
  assert.equal(finding.rule, 'node-taints');
  assert.equal(
    finding.message,
    `metadata.taints[0].key: Invalid value: "gpu type": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
  );
  assert.equal(finding.line, 6);
  assert.equal(finding.text, '"gpu type"');
});

// validateNodeTaints: IsValidLabelValue, messages joined with ";"
test('a taint value must be a label value', () => {
  const finding = onlyFinding(node('  taints:\n  - {key: dedicated, value: "a/b", effect: NoSchedule}\n'));
  assert.equal(
    finding.message,
    `metadata.taints[0].value: Invalid value: "a/b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  );
  assert.equal(finding.text, '"a/b"');
});

// validateNodeTaints: field.Duplicate(idxPath, currTaint) printed with %#v, Detail replaced
test('two taints with the same key and effect are rejected', () => {
  const finding = onlyFinding(node('  taints:\n  - {key: dedicated, value: gpu, effect: NoSchedule}\n  - {key: dedicated, value: cpu, effect: NoSchedule}\n'), '1.33');
  assert.equal(
    finding.message,
    'metadata.taints[1]: Duplicate value: core.Taint{Key:"dedicated", Value:"cpu", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
  );
  assert.equal(finding.line, 7);
});

// ValidateNode: IsValidCIDR on each of podCIDRs (1.33 wording)
test('a pod CIDR must be a CIDR', () => {
  const finding = onlyFinding(node('  podCIDRs: [10.244.1.0/33]\n'));
  assert.equal(finding.rule, 'node-pod-cidrs');
  assert.equal(finding.message, 'spec.podCIDRs[0]: Invalid value: "10.244.1.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
  assert.equal(finding.text, '10.244.1.0/33');
});

// Convert_v1_NodeSpec_To_core_NodeSpec: podCIDR stands for podCIDRs when they are empty; reported as podCIDRs[0]
test('a lone podCIDR is validated as podCIDRs[0]', () => {
  const finding = onlyFinding(node('  podCIDR: 10.244.1.1\n'));
  assert.equal(finding.message, 'spec.podCIDRs[0]: Invalid value: "10.244.1.1": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
  assert.equal(finding.line, 5);
  assert.equal(finding.text, '10.244.1.1');
});

// ValidateNode: !dualStack, and the repeated value (field.Duplicate)
test('two pod CIDRs of one family are rejected', () => {
  const { findings } = checkText(node('  podCIDRs: [10.244.1.0/24, 10.244.1.0/24]\n'), '1.33');
  assert.deepEqual(
    findings.map((f) => f.message),
    ['spec.podCIDRs: Invalid value: []string{"10.244.1.0/24", "10.244.1.0/24"}: may specify no more than one CIDR for each IP family', 'spec.podCIDRs[1]: Duplicate value: "10.244.1.0/24"'],
  );
});

// ValidateNode: len(node.Spec.PodCIDRs) > 2 even when both families are present
test('more than two pod CIDRs are rejected', () => {
  const finding = onlyFinding(node('  podCIDRs: [10.244.1.0/24, "fd00::/64", 10.245.1.0/24]\n'), '1.33');
  assert.equal(finding.message, 'spec.podCIDRs: Invalid value: []string{"10.244.1.0/24", "fd00::/64", "10.245.1.0/24"}: may specify no more than one CIDR for each IP family');
});

// Before 1.33 ValidateNode worded an invalid CIDR differently; that wording is not modelled
test('an invalid pod CIDR is not reported on 1.32', () => {
  assert.deepEqual(checkText(node('  podCIDRs: [10.244.1.0/33]\n'), '1.32').findings, []);
});

// pkg/kubelet/kubelet_node_status.go, initialNode: the kubelet registers its Node with kubernetes.io/hostname,
// kubernetes.io/os and kubernetes.io/arch (v1.LabelHostname, v1.LabelOSStable, v1.LabelArchStable); a Node written
// by hand has only the labels it is given, which is all a nodeSelector or nodeAffinity is matched against.
test('a Node without labels gets a note that pods selecting the kubelet labels stay Pending on it', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: Node\nmetadata: {name: worker-1}\n');
  assert.deepEqual(
    [finding.rule, finding.severity, finding.message, finding.line, finding.text],
    [
      'node-kubelet-labels',
      'information',
      "metadata: no kubernetes.io/hostname, kubernetes.io/os, kubernetes.io/arch labels, which the kubelet sets on the Node it registers: pods that select them (a nodeSelector such as kubernetes.io/os: linux, a DaemonSet's node affinity on kubernetes.io/hostname) stay Pending on this Node",
      3,
      'metadata',
    ],
  );
});

test('a Node with some of the kubelet labels gets a note naming the missing ones, on its labels', () => {
  const finding = onlyFinding('apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-1\n  labels:\n    kubernetes.io/hostname: worker-1\n    kubernetes.io/arch: arm64\n');
  assert.deepEqual(
    [finding.rule, finding.message, finding.line, finding.text],
    [
      'node-kubelet-labels',
      "metadata.labels: no kubernetes.io/os label, which the kubelet sets on the Node it registers: pods that select it (a nodeSelector such as kubernetes.io/os: linux, a DaemonSet's node affinity on kubernetes.io/hostname) stay Pending on this Node",
      5,
      'labels',
    ],
  );
});

test('a Node with the kubelet labels gets no note', () => {
  assert.deepEqual(checkText(`apiVersion: v1\nkind: Node\nmetadata: {name: worker-1, labels: ${KUBELET_LABELS}}\n`).findings, []);
});
