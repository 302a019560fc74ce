/**
 * VolumeAttachment and VolumeAttributesClass validation, expectations worked from upstream
 * pkg/apis/storage/validation/validation.go (ValidateVolumeAttachment, validateVolumeAttachmentSource,
 * ValidateVolumeAttachmentV1, ValidateVolumeAttributesClass) and pkg/apis/core/validation (ValidateCSIDriverName).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const attachment = (spec: string) => `apiVersion: storage.k8s.io/v1\nkind: VolumeAttachment\nmetadata: {name: csi-1234}\nspec:\n${spec}`;

// ValidateVolumeAttachment + ValidateVolumeAttachmentV1: a valid attachment of a persistent volume.
test('an attachment of a named persistent volume to a node is accepted', () => {
  const text = attachment('  attacher: ebs.csi.aws.com\n  nodeName: node-1\n  source: {persistentVolumeName: pv-data}\n');
  assert.deepEqual(checkText(text).findings, []);
});

// validateVolumeAttachmentSource: neither inlineVolumeSpec nor persistentVolumeName.
test('a source with neither a volume name nor an inline spec is required', () => {
  const finding = onlyFinding(attachment('  attacher: ebs.csi.aws.com\n  nodeName: node-1\n  source: {}\n'));
  assert.equal(finding.rule, 'volume-attachment');
  assert.equal(finding.message, 'spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName');
  assert.equal(finding.line, 7);
  assert.equal(finding.text, 'source');
});

// validateVolumeAttachmentSource: both set.
test('a source with both a volume name and an inline spec is forbidden', () => {
  const text = yaml`
    apiVersion: storage.k8s.io/v1
    kind: VolumeAttachment
    metadata: {name: csi-1234}
    spec:
      attacher: ebs.csi.aws.com
      nodeName: node-1
      source:
        persistentVolumeName: pv-data
        inlineVolumeSpec:
          accessModes: [ReadWriteOnce]
          csi: {driver: ebs.csi.aws.com, volumeHandle: vol-1}
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'spec.source: Forbidden: must specify exactly one of inlineVolumeSpec and persistentVolumeName');
  assert.equal(finding.line, 7);
});

// validateNodeName: ValidateNodeName (NameIsDNSSubdomain) of the node name.
test('a node name that is not a DNS subdomain is rejected', () => {
  const finding = onlyFinding(attachment('  attacher: ebs.csi.aws.com\n  nodeName: Node_1\n  source: {persistentVolumeName: pv-data}\n'));
  assert.equal(finding.message, `spec.nodeName: Invalid value: "Node_1": ${SUBDOMAIN}`);
  assert.equal(finding.text, 'Node_1');
});

// ValidateVolumeAttachmentV1 → ValidateCSIDriverName: the lower-cased attacher is a DNS subdomain; the written value is reported.
test('an attacher that is not a DNS subdomain even lower-cased is rejected with its written value', () => {
  const finding = onlyFinding(attachment('  attacher: CSI_Driver\n  nodeName: node-1\n  source: {persistentVolumeName: pv-data}\n'));
  assert.equal(finding.message, `spec.attacher: Invalid value: "CSI_Driver": ${SUBDOMAIN}`);
  assert.equal(finding.line, 5);
});

// ValidateCSIDriverName lower-cases first: upper case alone is accepted.
test('an attacher in upper case is accepted', () => {
  assert.deepEqual(checkText(attachment('  attacher: EBS.CSI.AWS.COM\n  nodeName: node-1\n  source: {persistentVolumeName: pv-data}\n')).findings, []);
});

// validateAttacher (Required) then ValidateCSIDriverName (Required again, reported once, and the subdomain check of "").
test('an empty attacher is required and not a DNS subdomain', () => {
  const findings = checkText(attachment('  attacher: ""\n  nodeName: node-1\n  source: {persistentVolumeName: pv-data}\n')).findings;
  assert.deepEqual(
    findings.map((f) => f.message),
    ['spec.attacher: Required value', `spec.attacher: Invalid value: "": ${SUBDOMAIN}`],
  );
});

// validateVolumeAttachmentSource (non-empty name) then ValidatePersistentVolumeName in ValidateVolumeAttachmentV1.
test('an empty persistent volume name is required and not a DNS subdomain', () => {
  const findings = checkText(attachment('  attacher: ebs.csi.aws.com\n  nodeName: node-1\n  source: {persistentVolumeName: ""}\n')).findings;
  assert.deepEqual(
    findings.map((f) => f.message),
    ['spec.source.persistentVolumeName: Required value: must specify non empty persistentVolumeName', `spec.source.persistentVolumeName: Invalid value: "": ${SUBDOMAIN}`],
  );
});

const attributesClass = (body: string) => `apiVersion: storage.k8s.io/v1\nkind: VolumeAttributesClass\nmetadata: {name: gold}\n${body}`;

// ValidateVolumeAttributesClass: a driver and parameters.
test('a volume attributes class with a driver and parameters is accepted', () => {
  assert.deepEqual(checkText(attributesClass('driverName: ebs.csi.aws.com\nparameters: {iops: "3000"}\n'), '1.34').findings, []);
});

// validateParameters with allowEmpty false.
test('a volume attributes class without parameters needs at least one', () => {
  const finding = onlyFinding(attributesClass('driverName: ebs.csi.aws.com\nparameters: {}\n'), '1.34');
  assert.equal(finding.rule, 'volume-attributes-class');
  assert.equal(finding.message, 'parameters: Required value: must contain at least one key/value pair');
  assert.equal(finding.text, 'parameters');
});

// validateProvisioner: ValidateQualifiedName of the lower-cased driver name, which is the value reported.
test('a driver name that is not a qualified name is rejected lower-cased', () => {
  const finding = onlyFinding(attributesClass('driverName: Bad_Driver!\nparameters: {iops: "3000"}\n'), '1.34');
  assert.equal(
    finding.message,
    `driverName: Invalid value: "bad_driver!": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
  );
  assert.equal(finding.text, 'Bad_Driver!');
});

// validateAttacher and ValidateCSIDriverName both give `Required value` for an empty attacher; the API server's
// error list (field.ErrorList.ToAggregate) prints that text once. IsDNS1123Subdomain("") fails too.
test('an empty attacher is required once, and is no DNS subdomain', () => {
  const { findings } = checkText(attachment('  attacher: ""\n  nodeName: node-1\n  source: {persistentVolumeName: pv-data}\n'));
  assert.deepEqual(findings.map((f) => f.message).sort(), ['spec.attacher: Invalid value: "": ' + SUBDOMAIN, 'spec.attacher: Required value'].sort());
});
