/** Lease validation, expectations worked from upstream pkg/apis/coordination/validation/validation.go (ValidateLeaseSpec). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const lease = (spec: string) => `apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: leader}\nspec:\n${spec}`;

// ValidateLeaseSpec: a lease as a leader-election client writes it.
test('a lease with a positive duration and transitions is accepted', () => {
  const text = yaml`
    apiVersion: coordination.k8s.io/v1
    kind: Lease
    metadata: {name: leader}
    spec:
      holderIdentity: controller-0
      leaseDurationSeconds: 15
      leaseTransitions: 0
  `;
  assert.deepEqual(checkText(text).findings, []);
});

// ValidateLeaseSpec: *spec.LeaseDurationSeconds <= 0.
test('a lease duration of 0 must be greater than 0', () => {
  const finding = onlyFinding(lease('  leaseDurationSeconds: 0\n'));
  assert.equal(finding.rule, 'lease-spec');
  assert.equal(finding.message, 'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0');
  assert.equal(finding.line, 5);
  assert.equal(finding.text, '0');
});

// ValidateLeaseSpec: *spec.LeaseTransitions < 0.
test('negative lease transitions must be at least 0', () => {
  const finding = onlyFinding(lease('  leaseTransitions: -2\n'));
  assert.equal(finding.message, 'spec.leaseTransitions: Invalid value: -2: must be greater than or equal to 0');
  assert.equal(finding.text, '-2');
});
