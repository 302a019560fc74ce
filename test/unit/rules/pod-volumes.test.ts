/**
 * Pod volume sources, expectations worked from upstream pkg/apis/core/validation/validation.go (ValidateVolumes,
 * validateVolumeSource and the validator of each source it calls), on the pod after SetDefaults_* of
 * pkg/apis/core/v1/defaults.go; and the persistent sources of ValidatePersistentVolumeSpec.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const pod = (volumes: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: nginx}]\n  volumes:\n${volumes}`;
const deployment = (volumes: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: nginx}]\n      volumes:\n${volumes}`;
const persistentVolume = (source: string) => `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n  capacity: {storage: 1Gi}\n${source}`;

// ValidateVolumes / validateVolumeSource: the everyday sources, well formed.
test('everyday volume sources are accepted', () => {
  const volumes = yaml`
        - {name: cache, emptyDir: {sizeLimit: 1Gi, medium: Memory}}
        - {name: config, configMap: {name: app-config, items: [{key: app.yaml, path: conf/app.yaml, mode: 0644}]}}
        - {name: tls, secret: {secretName: app-tls, defaultMode: 0400}}
        - {name: data, persistentVolumeClaim: {claimName: data}}
        - {name: host, hostPath: {path: /var/log, type: Directory}}
        - {name: info, downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}, {path: cpu, resourceFieldRef: {containerName: app, resource: limits.cpu}}]}}
        - name: token
          projected:
            sources:
              - serviceAccountToken: {path: token, expirationSeconds: 3600, audience: vault}
              - configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}
        - {name: secrets-store, csi: {driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {secretProviderClass: app}}}
        - {name: share, nfs: {server: 10.0.0.2, path: /exports}}
        - name: scratch
          ephemeral:
            volumeClaimTemplate:
              metadata: {labels: {type: scratch}}
              spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
  `;
  const text = deployment(volumes.replace(/^(?=.)/gm, '      '));
  assert.deepEqual(checkText(text).findings, []);
});

// validateVolumeSource: a second source is forbidden, named by its own path.
test('a volume with two sources is refused on the second one', () => {
  const finding = onlyFinding(pod('  - {name: config, secret: {secretName: s}, configMap: {name: c}}\n'));
  assert.equal(finding.rule, 'pod-volumes');
  assert.equal(finding.message, 'spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type');
  assert.equal(finding.line, 7);
  assert.equal(finding.text, 'configMap');
});

// validateVolumeSource: the second downwardAPI source is named `downwarAPI`, as upstream spells it.
test('a downwardAPI volume with another source is named downwarAPI', () => {
  const finding = onlyFinding(pod('  - {name: info, secret: {secretName: s}, downwardAPI: {items: []}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type');
  assert.equal(finding.text, 'downwardAPI');
});

// validateVolumeSource, emptyDir: SizeLimit.Cmp(Quantity{}) < 0.
test('a negative emptyDir sizeLimit is forbidden', () => {
  const finding = onlyFinding(pod('  - {name: cache, emptyDir: {sizeLimit: -1Gi}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource quantity');
  assert.equal(finding.text, 'sizeLimit');
});

// validateHostPathVolumeSource: validatePathNoBacksteps.
test('a hostPath with a .. element is refused', () => {
  const finding = onlyFinding(pod('  - {name: host, hostPath: {path: /var/../etc}}\n'));
  assert.equal(finding.message, `spec.volumes[0].hostPath.path: Invalid value: "/var/../etc": must not contain '..'`);
  assert.equal(finding.text, '/var/../etc');
});

// validateHostPathVolumeSource: the path is required.
test('a hostPath without a path is refused', () => {
  const finding = onlyFinding(pod('  - {name: host, hostPath: {path: ""}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].hostPath.path: Required value');
  assert.equal(finding.text, 'path');
});

// validateSecretVolumeSource: DefaultMode > 0777, printed in decimal (0o1000 = 512).
test('a secret defaultMode above 0777 is refused', () => {
  const finding = onlyFinding(pod('  - {name: tls, secret: {secretName: tls, defaultMode: 01000}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].secret.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive');
  assert.equal(finding.text, '01000');
});

// validateSecretVolumeSource: secretName is required.
test('a secret volume without a secretName is refused', () => {
  const finding = onlyFinding(pod('  - {name: tls, secret: {optional: true}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].secret.secretName: Required value');
  assert.equal(finding.line, 7);
});

// validateConfigMapVolumeSource: the name is required.
test('a configMap volume without a name is refused', () => {
  const finding = onlyFinding(pod('  - {name: config, configMap: {optional: true}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].configMap.name: Required value');
});

// validateKeyToPath with ValidateLocalNonReservedPath: an absolute path.
test('a key-to-path item with an absolute path is refused', () => {
  const finding = onlyFinding(pod('  - {name: config, configMap: {name: c, items: [{key: k, path: /etc/app}]}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].configMap.items[0].path: Invalid value: "/etc/app": must be a relative path');
  assert.equal(finding.text, '/etc/app');
});

// ValidateLocalNonReservedPath: a path starting with `..` that is not a `..` element.
test('a key-to-path item starting with .. is refused', () => {
  const finding = onlyFinding(pod('  - {name: config, configMap: {name: c, items: [{key: k, path: ..data}]}}\n'));
  assert.equal(finding.message, `spec.volumes[0].configMap.items[0].path: Invalid value: "..data": must not start with '..'`);
});

// validateKeyToPath: Mode < 0.
test('a key-to-path item with a negative mode is refused', () => {
  const finding = onlyFinding(pod('  - {name: config, configMap: {name: c, items: [{key: k, path: p, mode: -1}]}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].configMap.items[0].mode: Invalid value: -1: must be a number between 0 and 0777 (octal), both inclusive');
  assert.equal(finding.text, '-1');
});

// validatePersistentClaimVolumeSource: claimName is required.
test('a persistentVolumeClaim volume without a claimName is refused', () => {
  const finding = onlyFinding(pod('  - {name: data, persistentVolumeClaim: {claimName: ""}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].persistentVolumeClaim.claimName: Required value');
});

// validateDownwardAPIVolumeFile: neither fieldRef nor resourceFieldRef; named by the source, without the item index.
test('a downward API file without a reference is refused on the source path', () => {
  const finding = onlyFinding(pod('  - name: info\n    downwardAPI:\n      items:\n        - {path: labels}\n'));
  assert.equal(finding.message, 'spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required');
  assert.equal(finding.line, 10);
});

// validateContainerResourceFieldSelector (volume = true): containerName is required.
test('a downward API resourceFieldRef without a containerName is refused', () => {
  const finding = onlyFinding(pod('  - {name: info, downwardAPI: {items: [{path: cpu, resourceFieldRef: {resource: limits.cpu}}]}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].downwardAPI.resourceFieldRef.containerName: Required value');
});

// validateDownwardAPIVolumeFile: both references at once.
test('a downward API file with both references is refused', () => {
  const finding = onlyFinding(pod('  - {name: info, downwardAPI: {items: [{path: x, fieldRef: {fieldPath: metadata.name}, resourceFieldRef: {containerName: app, resource: limits.cpu}}]}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].downwardAPI: Invalid value: "resource": fieldRef and resourceFieldRef can not be specified simultaneously');
});

// validateProjectionSources: ExpirationSeconds < 10*60.
test('a projected token that expires in under ten minutes is refused', () => {
  const finding = onlyFinding(pod('  - {name: token, projected: {sources: [{serviceAccountToken: {path: token, expirationSeconds: 300}}]}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes');
  assert.equal(finding.text, '300');
});

// validateProjectionSources: the token path is checked as ValidateLocalNonReservedPath on `projected.path`.
test('a projected token with an absolute path is refused on projected.path', () => {
  const finding = onlyFinding(pod('  - {name: token, projected: {sources: [{serviceAccountToken: {path: /token}}]}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].projected.path: Invalid value: "/token": must be a relative path');
  assert.equal(finding.text, '/token');
});

// validateProjectionSources: two projections writing one path; reported with the later source's name.
test('two projections writing the same path conflict', () => {
  const finding = onlyFinding(pod('  - {name: all, projected: {sources: [{configMap: {name: a, items: [{key: k, path: p}]}}, {secret: {name: b, items: [{key: k, path: p}]}}]}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].projected: Invalid value: "b": conflicting duplicate paths');
});

// validateProjectionSources: numSources > 1 within one entry.
test('a projection entry with two sources is forbidden', () => {
  const finding = onlyFinding(pod('  - {name: all, projected: {sources: [{configMap: {name: a}, secret: {name: b}}]}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].projected.sources[0]: Forbidden: may not specify more than 1 volume type per source');
});

// ValidateCSIDriverName: IsDNS1123Subdomain of the lower-cased name, the original reported.
test('a CSI driver name that is not a DNS subdomain is refused', () => {
  const finding = onlyFinding(pod('  - {name: store, csi: {driver: secrets_store}}\n'));
  assert.equal(
    finding.message,
    `spec.volumes[0].csi.driver: Invalid value: "secrets_store": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  );
});

// ValidateCSIDriverName: upper case is accepted, as only the lower-cased name is checked.
test('a CSI driver name in capitals is accepted', () => {
  assert.deepEqual(checkText(pod('  - {name: store, csi: {driver: Secrets-Store.CSI.k8s.io}}\n')).findings, []);
});

// validateCSIVolumeSource: a bad nodePublishSecretRef name is reported on `csi.name`.
test('a CSI nodePublishSecretRef name that is not a DNS subdomain is reported on csi.name', () => {
  const finding = onlyFinding(pod('  - {name: store, csi: {driver: store.example.com, nodePublishSecretRef: {name: My_Secret}}}\n'));
  assert.equal(finding.path, 'spec.volumes[0].csi.name');
  assert.equal(finding.text, 'My_Secret');
});

// validateNFSVolumeSource: the path must be absolute.
test('an NFS volume with a relative path is refused', () => {
  const finding = onlyFinding(pod('  - {name: share, nfs: {server: nfs.local, path: exports}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].nfs.path: Invalid value: "exports": must be an absolute path');
});

// validateGCEPersistentDiskVolumeSource is called with fldPath.Child("persistentDisk").
test('a gcePersistentDisk without pdName is named under persistentDisk', () => {
  const finding = onlyFinding(pod('  - {name: disk, gcePersistentDisk: {pdName: ""}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].persistentDisk.pdName: Required value');
  assert.equal(finding.text, 'gcePersistentDisk');
});

// validateISCSIVolumeSource: an IQN without a known prefix.
test('an iSCSI IQN without a known prefix is refused', () => {
  const finding = onlyFinding(pod('  - {name: disk, iscsi: {targetPortal: 10.0.0.1:3260, iqn: target-1, lun: 0}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].iscsi.iqn: Invalid value: "target-1": must be valid format starting with iqn, eui, or naa');
});

// validateISCSIVolumeSource: iscsiInitiatorIqnRegex.
test('a well-formed iSCSI IQN is accepted', () => {
  assert.deepEqual(checkText(pod('  - {name: disk, iscsi: {targetPortal: 10.0.0.1:3260, iqn: iqn.2001-04.com.example:storage.disk1, lun: 0}}\n')).findings, []);
});

// validateAzureDisk: with the default kind Shared, the URI must be a blob URL.
test('an azureDisk with a managed-disk URI and the default kind is refused', () => {
  const finding = onlyFinding(pod('  - {name: disk, azureDisk: {diskName: d, diskURI: /subscriptions/s/disks/d}}\n'));
  assert.equal(
    finding.message,
    'spec.volumes[0].azureDisk.diskURI: Unsupported value: "/subscriptions/s/disks/d": supported values: "https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"',
  );
});

// validateFlexVolumeSource: options under kubernetes.io are reserved.
test('a flexVolume option in the kubernetes.io namespace is refused', () => {
  const finding = onlyFinding(pod('  - {name: flex, flexVolume: {driver: example/flex, options: {kubernetes.io/size: "1"}}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].flexVolume.options[kubernetes.io/size]: Invalid value: "kubernetes.io/size": kubernetes.io and k8s.io namespaces are reserved');
  assert.equal(finding.text, 'kubernetes.io/size');
});

// validateEphemeralVolumeSource with ValidatePersistentVolumeClaimSpec: the storage request is required.
test('an ephemeral claim template without a storage request is refused', () => {
  const finding = onlyFinding(pod('  - {name: scratch, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}}\n'));
  assert.equal(finding.message, 'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]: Required value');
});

// ValidateTemplateObjectMeta: the template's labels are validated.
test('an ephemeral claim template with a bad label value is refused', () => {
  const finding = onlyFinding(
    pod('  - {name: scratch, ephemeral: {volumeClaimTemplate: {metadata: {labels: {tier: -bad}}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}}}\n'),
  );
  assert.equal(finding.path, 'spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.labels');
  assert.equal(finding.text, '-bad');
});

// validateImageVolumeSource: the reference is required of a Pod where the ImageVolume gate is on (1.36).
test('an image volume of a Pod needs a reference from 1.36', () => {
  const text = pod('  - {name: model, image: {reference: ""}}\n');
  assert.equal(onlyFinding(text, '1.36').message, 'spec.volumes[0].image.reference: Required value');
  assert.deepEqual(
    checkText(text, '1.34').findings.filter((f) => f.rule === 'pod-volumes'),
    [],
  );
});

// ValidatePersistentVolumeSpec with validateCSIPersistentVolumeSource: volumeHandle is required.
test('a CSI PersistentVolume without a volume handle is refused', () => {
  const finding = onlyFinding(persistentVolume('  csi: {driver: ebs.csi.aws.com, volumeHandle: ""}\n'));
  assert.equal(finding.rule, 'persistent-volume-spec');
  assert.equal(finding.message, 'spec.csi.volumeHandle: Required value');
});

// validatePVSecretReference: a CSI secret reference needs a namespace.
test('a CSI PersistentVolume secret reference without a namespace is refused', () => {
  const finding = onlyFinding(persistentVolume('  csi: {driver: ebs.csi.aws.com, volumeHandle: vol-1, nodeStageSecretRef: {name: s}, nodePublishSecretRef: {name: s}}\n'));
  assert.equal(finding.message, 'spec.csi.nodePublishSecretRef.namespace: Required value');
});

// ValidatePersistentVolumeSpec with validateNFSVolumeSource.
test('an NFS PersistentVolume with a relative path is refused', () => {
  const finding = onlyFinding(persistentVolume('  nfs: {server: nfs.local, path: exports}\n'));
  assert.equal(finding.message, 'spec.nfs.path: Invalid value: "exports": must be an absolute path');
});
