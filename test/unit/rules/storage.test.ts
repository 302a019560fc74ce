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

// ValidatePersistentVolumeClaimSpec: both set and different (isDataSourceEqualDataSourceRef). The value is the
// *field.Path of dataSource, whose fields are unexported: encoding/json prints it as {} (apimachinery v0.34.0).
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
  assert.equal(finding.message, 'spec: Invalid value: {}: must match dataSourceRef');
  assert.equal(finding.text, 'dataSource');
});

// StorageClass: expectations worked from pkg/apis/storage/validation/validation.go (ValidateStorageClass) after
// pkg/apis/storage/v1/defaults.go (SetDefaults_StorageClass).
const storageClass = (body: string) => `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: fast}\n${body}`;

// ValidateStorageClass: a complete class, defaults filling reclaimPolicy and volumeBindingMode.
test('a storage class with a CSI provisioner is accepted', () => {
  assert.deepEqual(checkText(storageClass('provisioner: ebs.csi.aws.com\nparameters: {type: gp3}\n')).findings, []);
});

// validateProvisioner: len(provisioner) == 0 is Required (a missing one is already reported by the schema).
test('a storage class with an empty provisioner is rejected', () => {
  const finding = onlyFinding(storageClass('provisioner: ""\n'));
  assert.equal(finding.rule, 'storage-class');
  assert.equal(finding.message, 'provisioner: Required value');
});

// validateProvisioner: ValidateQualifiedName of the lower-cased provisioner (the lower-cased value is reported).
test('a provisioner that is not a qualified name is rejected with its lower-cased value', () => {
  const finding = onlyFinding(storageClass('provisioner: Example.COM/My_Driver!\n'));
  assert.equal(
    finding.message,
    `provisioner: Invalid value: "example.com/my_driver!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
  );
  assert.equal(finding.text, 'Example.COM/My_Driver!');
});

// validateProvisioner: the name part of a qualified name is at most 63 characters.
test('a provisioner name part longer than 63 characters is rejected', () => {
  const finding = onlyFinding(storageClass(`provisioner: example.com/${'a'.repeat(64)}\n`));
  assert.match(finding.message, /^provisioner: Invalid value: "example\.com\/a{64}": name part must be no more than 63 characters$/);
});

// validateReclaimPolicy: only Delete and Retain (Recycle is a PersistentVolume policy only).
test('a Recycle reclaim policy is not supported on a storage class', () => {
  const finding = onlyFinding(storageClass('provisioner: ebs.csi.aws.com\nreclaimPolicy: Recycle\n'));
  assert.equal(finding.message, 'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"');
  assert.equal(finding.text, 'Recycle');
});

// validateVolumeBindingMode: Immediate and WaitForFirstConsumer.
test('an unknown volume binding mode is not supported', () => {
  const finding = onlyFinding(storageClass('provisioner: ebs.csi.aws.com\nvolumeBindingMode: WaitForConsumer\n'));
  assert.equal(finding.message, 'volumeBindingMode: Unsupported value: "WaitForConsumer": supported values: "Immediate", "WaitForFirstConsumer"');
});

// validateParameters: an empty key is "field can not be empty.".
test('an empty parameter key is rejected', () => {
  const finding = onlyFinding(storageClass('provisioner: ebs.csi.aws.com\nparameters: {"": x}\n'));
  assert.equal(finding.message, 'parameters: Invalid value: "": field can not be empty.');
});

// validateParameters: keys and values together at most 256 KiB.
test('parameters larger than 256 KiB are too long', () => {
  const finding = onlyFinding(storageClass(`provisioner: ebs.csi.aws.com\nparameters: {big: ${'x'.repeat(256 * 1024)}}\n`));
  assert.equal(finding.message, 'parameters: Too long: may not be more than 262144 bytes');
});

// ValidateTopologySelectorTerm (validateTopologySelectorLabelRequirement): values are required.
test('an allowed topology requirement without values is rejected', () => {
  const finding = onlyFinding(storageClass('provisioner: ebs.csi.aws.com\nallowedTopologies: [{matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: []}]}]\n'));
  assert.equal(finding.message, 'allowedTopologies[0].matchLabelExpressions[0].values: Required value');
});

// validateAllowedTopologies: two terms with the same requirements are duplicates.
test('two identical allowed topology terms are duplicates', () => {
  const term = '{matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: [a, b]}]}';
  const finding = onlyFinding(storageClass(`provisioner: ebs.csi.aws.com\nallowedTopologies: [${term}, {matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: [b, a]}]}]\n`));
  assert.equal(finding.message, 'allowedTopologies[1].matchLabelExpressions: Duplicate value: ""');
});

// validateAllowedTopologies: distinct terms are accepted.
test('distinct allowed topology terms are accepted', () => {
  const text = storageClass(
    'provisioner: ebs.csi.aws.com\nallowedTopologies: [{matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: [a]}]}, {matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: [b]}]}]\n',
  );
  assert.deepEqual(checkText(text).findings, []);
});

// CSIDriver: expectations worked from validateCSIDriverSpec after SetDefaults_CSIDriver.
const csiDriver = (spec: string) => `apiVersion: storage.k8s.io/v1\nkind: CSIDriver\nmetadata: {name: ebs.csi.aws.com}\nspec:\n${spec}`;

// validateCSIDriverSpec: attachRequired and podInfoOnMount are defaulted, so an almost empty spec is accepted.
test('a CSI driver with only defaults is accepted', () => {
  assert.deepEqual(checkText(csiDriver('  requiresRepublish: false\n')).findings, []);
});

// validateFSGroupPolicy: File, None, ReadWriteOnceWithFSType.
test('an unknown fsGroupPolicy is not supported', () => {
  const finding = onlyFinding(csiDriver('  fsGroupPolicy: Always\n'));
  assert.equal(finding.rule, 'csi-driver-spec');
  assert.equal(finding.message, 'spec.fsGroupPolicy: Unsupported value: "Always": supported values: "File", "None", "ReadWriteOnceWithFSType"');
});

// validateVolumeLifecycleModes: reported on the list, underlined on the item.
test('an unknown volume lifecycle mode is not supported', () => {
  const finding = onlyFinding(csiDriver('  volumeLifecycleModes: [Persistent, Inline]\n'));
  assert.equal(finding.message, 'spec.volumeLifecycleModes: Unsupported value: "Inline": supported values: "Persistent", "Ephemeral"');
  assert.equal(finding.text, 'Inline');
});

// validateTokenRequests: a repeated audience is a duplicate.
test('a repeated token request audience is a duplicate', () => {
  const finding = onlyFinding(csiDriver('  tokenRequests: [{audience: vault}, {audience: vault, expirationSeconds: 1}]\n'));
  assert.equal(finding.message, 'spec.tokenRequests[1].audience: Duplicate value: "vault"');
});

// validateTokenRequests: expirationSeconds below 10 minutes.
test('a token request expiring in less than 10 minutes is rejected', () => {
  const finding = onlyFinding(csiDriver('  tokenRequests: [{audience: vault, expirationSeconds: 599}]\n'));
  assert.equal(finding.message, 'spec.tokenRequests[0].expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes');
  assert.equal(finding.text, '599');
});

// PersistentVolume: expectations worked from pkg/apis/core/validation/validation.go (ValidatePersistentVolumeSpec,
// validateVolumeNodeAffinity, validateHostPathVolumeSource) after SetDefaults_PersistentVolume.
const volume = (spec: string) => `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv1}\nspec:\n${spec}`;
const volumeBasics = '  accessModes: [ReadWriteOnce]\n  capacity: {storage: 10Gi}\n';

// ValidatePersistentVolumeSpec: a complete NFS volume.
test('a persistent volume with one source is accepted', () => {
  assert.deepEqual(checkText(volume(volumeBasics + '  nfs: {server: nfs.example.com, path: /exports}\n')).findings, []);
});

// ValidatePersistentVolumeSpec: numVolumes == 0.
test('a persistent volume without a source must specify a volume type', () => {
  const finding = onlyFinding(volume(volumeBasics));
  assert.equal(finding.rule, 'persistent-volume-spec');
  assert.equal(finding.message, 'spec: Required value: must specify a volume type');
});

// ValidatePersistentVolumeSpec: hostPath is counted before nfs, so nfs is the second source.
test('a persistent volume with two sources is forbidden on the later one', () => {
  const finding = onlyFinding(volume(volumeBasics + '  nfs: {server: nfs.example.com, path: /exports}\n  hostPath: {path: /data}\n'));
  assert.equal(finding.message, 'spec.nfs: Forbidden: may not specify more than 1 volume type');
  assert.equal(finding.text, 'nfs');
});

// ValidatePersistentVolumeSpec: len(AccessModes) == 0.
test('a persistent volume without access modes is rejected', () => {
  const finding = onlyFinding(volume('  capacity: {storage: 10Gi}\n  nfs: {server: nfs.example.com, path: /exports}\n'));
  assert.equal(finding.message, 'spec.accessModes: Required value');
});

// ValidatePersistentVolumeSpec: an empty capacity is Required and, printed with %#v, not supported.
test('a persistent volume with an empty capacity is rejected twice', () => {
  const { findings } = checkText(volume('  accessModes: [ReadWriteOnce]\n  capacity: {}\n  nfs: {server: nfs.example.com, path: /exports}\n'), '1.33');
  assert.deepEqual(
    findings.map((f) => f.message),
    ['spec.capacity: Required value', 'spec.capacity: Unsupported value: core.ResourceList{}: supported values: "storage"'],
  );
});

// ValidatePersistentVolumeSpec: a capacity with a resource besides storage is NotSupported, the whole
// core.ResourceList printed; from 1.34 as JSON, keys sorted, each quantity its canonical string.
test('a capacity that lists a resource besides storage is not supported, printed as JSON', () => {
  const finding = onlyFinding(volume('  accessModes: [ReadWriteOnce]\n  capacity: {storage: 10Gi, cpu: 1000m}\n  nfs: {server: nfs.example.com, path: /exports}\n'));
  assert.equal(finding.rule, 'persistent-volume-spec');
  assert.equal(finding.message, 'spec.capacity: Unsupported value: {"cpu":"1","storage":"10Gi"}: supported values: "storage"');
  assert.equal(finding.path, 'spec.capacity');
  assert.equal(finding.line, 6);
  assert.equal(finding.text, 'capacity');
});

// ValidatePersistentVolumeSpec: a capacity without storage is NotSupported too (and is not empty, so not Required).
test('a capacity without storage is not supported', () => {
  const finding = onlyFinding(volume('  accessModes: [ReadWriteOnce]\n  capacity: {memory: 1Gi}\n  nfs: {server: nfs.example.com, path: /exports}\n'));
  assert.equal(finding.message, 'spec.capacity: Unsupported value: {"memory":"1Gi"}: supported values: "storage"');
});

// ValidatePositiveQuantityValue on each capacity entry.
test('a zero storage capacity must be greater than zero', () => {
  const finding = onlyFinding(volume('  accessModes: [ReadWriteOnce]\n  capacity: {storage: 0Gi}\n  nfs: {server: nfs.example.com, path: /exports}\n'));
  assert.equal(finding.message, 'spec.capacity[storage]: Invalid value: "0": must be greater than zero');
  assert.equal(finding.text, '0Gi');
});

// ValidatePersistentVolumeSpec: a local volume needs node affinity.
test('a local persistent volume without node affinity is rejected', () => {
  const finding = onlyFinding(volume(volumeBasics + '  local: {path: /mnt/disks/ssd1}\n'));
  assert.equal(finding.message, 'spec.nodeAffinity: Required value: Local volume requires node affinity');
});

// validateVolumeNodeAffinity: nodeAffinity without required terms.
test('node affinity without required terms is rejected', () => {
  const finding = onlyFinding(volume(volumeBasics + '  local: {path: /mnt/disks/ssd1}\n  nodeAffinity: {}\n'));
  assert.equal(finding.message, 'spec.nodeAffinity.required: Required value: must specify required node constraints');
});

// validateVolumeNodeAffinity: a local volume with a required term is accepted.
test('a local persistent volume with required node affinity is accepted', () => {
  const spec =
    volumeBasics + '  local: {path: /mnt/disks/ssd1}\n  nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [node-1]}]}]}}\n';
  assert.deepEqual(checkText(volume(spec)).findings, []);
});

// validateHostPathVolumeSource: validatePathNoBacksteps.
test('a hostPath with a .. segment is rejected', () => {
  const finding = onlyFinding(volume(volumeBasics + '  hostPath: {path: /data/../etc}\n'));
  assert.equal(finding.message, `spec.hostPath.path: Invalid value: "/data/../etc": must not contain '..'`);
  assert.equal(finding.text, '/data/../etc');
});

// ValidatePersistentVolumeSpec: path.Clean(hostPath.path) == "/" with Recycle.
test('recycling a hostPath volume of / is forbidden', () => {
  const finding = onlyFinding(volume(volumeBasics + '  hostPath: {path: /}\n  persistentVolumeReclaimPolicy: Recycle\n'));
  assert.equal(finding.message, "spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'");
});
