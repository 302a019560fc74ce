/** PodDisruptionBudget validation on create, worked from pkg/apis/policy/validation/validation.go. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

const pdb = (spec: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n${spec}`;

// ValidatePodDisruptionBudgetSpec: a count, a percent, or neither.
test('a PodDisruptionBudget with one count or percent is accepted', () => {
  for (const spec of ['  minAvailable: 2\n', '  maxUnavailable: 25%\n', '  minAvailable: 100%\n', '']) {
    assert.deepEqual(checkText(pdb(spec)).findings, []);
  }
});

// ValidatePodDisruptionBudgetSpec: both set is one error on spec, printing the spec as Go's %#v does.
test('minAvailable and maxUnavailable together are rejected on spec', () => {
  const finding = onlyFinding(pdb('  minAvailable: 1\n  maxUnavailable: 1\n'), '1.33');
  assert.equal(finding.rule, 'pdb-spec');
  assert.equal(finding.path, 'spec');
  assert.match(finding.message, /^spec: Invalid value: policy\.PodDisruptionBudgetSpec\{MinAvailable:\(\*intstr\.IntOrString\)\(1\), .*: minAvailable and maxUnavailable cannot be both set$/);
});

// ValidatePositiveIntOrPercent: ValidateNonnegativeField for integers.
test('a negative minAvailable is rejected on its value', () => {
  const finding = onlyFinding(pdb('  minAvailable: -1\n'));
  assert.equal(finding.message, 'spec.minAvailable: Invalid value: -1: must be greater than or equal to 0');
  assert.equal(finding.text, '-1');
  assert.equal(finding.line, 6);
});

// ValidatePositiveIntOrPercent: IsValidPercent for strings.
test('a maxUnavailable string that is not a percent is rejected', () => {
  const finding = onlyFinding(pdb('  maxUnavailable: "50"\n'));
  assert.equal(
    finding.message,
    `spec.maxUnavailable: Invalid value: "50": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
  );
});

// IsNotMoreThan100Percent
test('a percent over 100% is rejected', () => {
  const finding = onlyFinding(pdb('  minAvailable: 150%\n'));
  assert.equal(finding.message, 'spec.minAvailable: Invalid value: "150%": must not be greater than 100%');
  assert.equal(finding.text, '150%');
});

// ValidatePodDisruptionBudgetSpec → ValidateLabelSelector (the label-selector rule).
test('a selector with an In requirement and no values is rejected', () => {
  const text = `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 1\n  selector:\n    matchExpressions: [{key: app, operator: In}]\n`;
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'label-selector');
  assert.equal(finding.message, "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
});
