/**
 * PersistentVolumeClaim validation, expectations worked from upstream pkg/apis/core/validation/validation.go
 * (ValidatePersistentVolumeClaimSpec, validateDataSource, validateDataSourceRef) and the claim strategy's
 * PrepareForCreate (pkg/api/persistentvolumeclaim/util.go: DropDisabledFields, NormalizeDataSources).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const claim = (spec: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n${spec}`;
const rwo = '  accessModes: [ReadWriteOnce]\n';
const storage = '  resources: {requests: {storage: 1Gi}}\n';

// ValidatePersistentVolumeClaimSpec: a complete claim.
test('a claim with an access mode and a storage request is accepted', () => {
  assert.deepEqual(checkText(claim(rwo + storage + '  storageClassName: fast-ssd\n')).findings, []);
});

// ValidatePersistentVolumeClaimSpec: len(spec.AccessModes) == 0.
test('a claim without access modes is rejected on accessModes', () => {
  const finding = onlyFinding(claim(storage));
  assert.equal(finding.rule, 'persistent-volume-claim-spec');
  assert.equal(finding.message, 'spec.accessModes: Required value: at least 1 access mode is required');
  assert.equal(finding.line, 4);
});

// ValidatePersistentVolumeClaimSpec: foundReadWriteOncePod && foundNonReadWriteOncePod.
test('ReadWriteOncePod with another access mode is forbidden', () => {
  const finding = onlyFinding(claim('  accessModes: [ReadWriteOncePod, ReadWriteOnce]\n' + storage));
  assert.equal(finding.message, 'spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes');
  assert.equal(finding.text, 'accessModes');
});

// ValidatePersistentVolumeClaimSpec: the storage request is required, named spec.resources[storage].
test('a claim without a storage request is rejected as spec.resources[storage]', () => {
  const finding = onlyFinding(claim(rwo + '  resources: {requests: {}}\n'));
  assert.equal(finding.message, 'spec.resources[storage]: Required value');
  assert.equal(finding.path, 'spec.resources[storage]');
  assert.equal(finding.text, 'requests');
});

// ValidatePositiveQuantityValue: value.String() of the request, which must be greater than zero.
test('a zero storage request must be greater than zero', () => {
  const finding = onlyFinding(claim(rwo + '  resources: {requests: {storage: 0Gi}}\n'));
  assert.equal(finding.message, 'spec.resources[storage]: Invalid value: "0": must be greater than zero');
  assert.equal(finding.text, '0Gi');
});

// ValidatePersistentVolumeClaimSpec: ValidateClassName(storageClassName) is a DNS-1123 subdomain.
test('a storage class name that is not a DNS subdomain is rejected', () => {
  const finding = onlyFinding(claim(rwo + storage + '  storageClassName: Fast_SSD\n'));
  assert.equal(
    finding.message,
    `spec.storageClassName: Invalid value: "Fast_SSD": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  );
  assert.equal(finding.text, 'Fast_SSD');
});

// An empty storageClassName asks for no class: not validated.
test('an empty storage class name is accepted', () => {
  assert.deepEqual(checkText(claim(rwo + storage + '  storageClassName: ""\n')).findings, []);
});

// ValidateLabelSelector on spec.selector.
test('a selector requirement without values for In is rejected', () => {
  const finding = onlyFinding(claim(rwo + storage + '  selector: {matchExpressions: [{key: tier, operator: In}]}\n'));
  assert.equal(finding.message, "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
});

// NormalizeDataSources copies dataSource into dataSourceRef, so validateDataSource and validateDataSourceRef both fire.
test('a core-group data source that is not a claim is rejected on both references', () => {
  const { findings } = checkText(claim(rwo + storage + '  dataSource: {kind: Secret, name: seed}\n'));
  assert.deepEqual(
    findings.map((f) => [f.message, f.text]),
    [
      ['spec.dataSource: Invalid value: "Secret": must be \'PersistentVolumeClaim\' when referencing the default apiGroup', 'Secret'],
      ['spec.dataSourceRef: Invalid value: "Secret": must be \'PersistentVolumeClaim\' when referencing the default apiGroup', 'Secret'],
    ],
  );
});

// validateDataSource: a snapshot in its API group is accepted.
test('a VolumeSnapshot data source is accepted', () => {
  assert.deepEqual(checkText(claim(rwo + storage + '  dataSource: {apiGroup: snapshot.storage.k8s.io, kind: VolumeSnapshot, name: snap}\n')).findings, []);
});

// ValidatePersistentVolumeClaimSpec: both set and different (isDataSourceEqualDataSourceRef).
test('a dataSource that differs from dataSourceRef must match it', () => {
  const finding = onlyFinding(
    claim(
      rwo +
        storage +
        yaml`
      dataSource: {kind: PersistentVolumeClaim, name: a}
      dataSourceRef: {kind: PersistentVolumeClaim, name: b}
    `.replace(/^/gm, '  '),
    ),
  );
  assert.equal(finding.message, 'spec: Invalid value: spec.dataSource: must match dataSourceRef');
  assert.equal(finding.text, 'dataSource');
});
