/**
 * The downward API's selectors in environment variables (env-vars) and in downwardAPI and projected volume files
 * (pod-volumes). Expectations worked by hand from upstream pkg/apis/core/validation/validation.go
 * (validateEnvVarValueFrom, validateDownwardAPIVolumeFile, validateObjectFieldSelector,
 * validateContainerResourceFieldSelector, validateContainerResourceDivisor) and pkg/apis/core/pods/helpers.go
 * (ConvertDownwardAPIFieldLabel), on the pod after SetDefaults_ObjectFieldSelector (apiVersion v1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
const env = (valueFrom: string) => pod(`containers: [{name: a, image: nginx, env: [{name: A, valueFrom: ${valueFrom}}]}]`);
const volume = (source: string) => pod(`containers: [{name: a, image: nginx}]\nvolumes: [{name: v, ${source}}]`);

// validateObjectFieldSelector with validEnvDownwardAPIFieldPathExpressions: every field the env set names passes.
test('the fields an environment variable may read pass, with labels and annotations subscripted', () => {
  const fields = [
    'metadata.name',
    'metadata.namespace',
    'metadata.uid',
    'spec.nodeName',
    'spec.serviceAccountName',
    'status.hostIP',
    'status.hostIPs',
    'status.podIP',
    'status.podIPs',
    "metadata.labels['app']",
    "metadata.annotations['example.com/Team']",
    'spec.host',
  ];
  const entries = fields.map((field, i) => `{name: V${i}, valueFrom: {fieldRef: {fieldPath: "${field}"}}}`).join(', ');
  assert.deepEqual(checkText(pod(`containers: [{name: a, image: nginx, env: [${entries}]}]`)).findings, []);
});

// validateObjectFieldSelector: ConvertDownwardAPIFieldLabel accepts metadata.labels, but the env set does not hold it.
test('an environment variable reading all labels is unsupported, listing the env fields', () => {
  const finding = onlyFinding(env('{fieldRef: {fieldPath: metadata.labels}}'));
  assert.equal(finding.rule, 'env-vars');
  assert.equal(
    finding.message,
    'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
  );
  assert.equal(finding.text, 'metadata.labels');
});

// ConvertDownwardAPIFieldLabel: "field label not supported: %s", wrapped by validateObjectFieldSelector.
test('a field the downward API does not know cannot be converted', () => {
  const finding = onlyFinding(env('{fieldRef: {fieldPath: status.phaze}}'));
  assert.equal(finding.message, 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "status.phaze": error converting fieldPath: field label not supported: status.phaze');
  assert.equal(finding.text, 'status.phaze');
});

// ConvertDownwardAPIFieldLabel: only labels and annotations take a subscript.
test('a subscript on another field cannot be converted', () => {
  const finding = onlyFinding(env(`{fieldRef: {fieldPath: "spec.nodeName['x']"}}`));
  assert.equal(
    finding.message,
    `spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.nodeName['x']": error converting fieldPath: field label does not support subscript: spec.nodeName['x']`,
  );
});

// ConvertDownwardAPIFieldLabel: "unsupported pod version: %s".
test('a fieldRef apiVersion other than v1 cannot be converted', () => {
  const finding = onlyFinding(env('{fieldRef: {apiVersion: v2, fieldPath: metadata.name}}'));
  assert.equal(finding.message, 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.name": error converting fieldPath: unsupported pod version: v2');
});

// validateObjectFieldSelector: a subscripted label key is ValidateQualifiedName'd on the fieldRef itself.
test('a label key that is not a qualified name is invalid on the fieldRef, underlined on the fieldPath', () => {
  const finding = onlyFinding(env(`{fieldRef: {fieldPath: "metadata.labels['app name']"}}`));
  assert.match(finding.message, /^spec\.containers\[0\]\.env\[0\]\.valueFrom\.fieldRef: Invalid value: "app name": name part must consist of alphanumeric characters/);
  assert.equal(finding.text, `"metadata.labels['app name']"`);
});

// validateObjectFieldSelector: an annotation key is lower-cased before it is validated, a label key is not.
test('an upper-case prefix passes in an annotation key and is invalid in a label key', () => {
  assert.deepEqual(checkText(env(`{fieldRef: {fieldPath: "metadata.annotations['Example.com/Team']"}}`)).findings, []);
  const finding = onlyFinding(env(`{fieldRef: {fieldPath: "metadata.labels['Example.com/Team']"}}`));
  assert.match(finding.message, /^spec\.containers\[0\]\.env\[0\]\.valueFrom\.fieldRef: Invalid value: "Example\.com\/Team": prefix part a lowercase RFC 1123 subdomain must consist of/);
});

// validateContainerResourceFieldSelector: the resource must be a container resource (or a huge pages one).
test('an environment variable reading an unknown resource is unsupported', () => {
  const finding = onlyFinding(env('{resourceFieldRef: {resource: limits.nvidia.com/gpu}}'));
  assert.equal(
    finding.message,
    'spec.containers[0].env[0].valueFrom.resourceFieldRef.resource: Unsupported value: "limits.nvidia.com/gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"',
  );
  assert.equal(finding.text, 'limits.nvidia.com/gpu');
});

// validateContainerResourceFieldSelector (volume = false): containerName is optional in env; huge pages pass.
test('resources and divisors an environment variable may use pass', () => {
  const entries = yaml`
    - {name: A, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}
    - {name: B, valueFrom: {resourceFieldRef: {resource: requests.memory, divisor: 1Mi}}}
    - {name: C, valueFrom: {resourceFieldRef: {resource: limits.ephemeral-storage, divisor: 1G}}}
    - {name: D, valueFrom: {resourceFieldRef: {resource: limits.hugepages-2Mi, divisor: 1Ki}}}
    - {name: E, valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: "0.001"}}}
  `;
  assert.deepEqual(checkText(pod(`containers:\n- name: a\n  image: nginx\n  env:\n${entries.replace(/^/gm, '  ')}`)).findings, []);
});

// validateContainerResourceDivisor: the value printed is the resource's name, not the divisor.
test('a cpu divisor other than 1m or 1 is invalid, printing the resource', () => {
  const finding = onlyFinding(env('{resourceFieldRef: {resource: limits.cpu, divisor: 1Mi}}'));
  assert.equal(finding.message, `spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor's values 1m and 1 are supported with the cpu resource`);
  assert.equal(finding.text, '1Mi');
});

// validateContainerResourceDivisor: memory takes whole decimal or binary units.
test('a memory divisor of 1m is invalid', () => {
  const finding = onlyFinding(env('{resourceFieldRef: {resource: requests.memory, divisor: 1m}}'));
  assert.equal(
    finding.message,
    `spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: Invalid value: "requests.memory": only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource`,
  );
});

// validateDownwardAPIVolumeFile: validVolumeDownwardAPIFieldPathExpressions, named on the source without the index.
test('a volume file reading the node name is unsupported, listing the volume fields', () => {
  const finding = onlyFinding(volume('downwardAPI: {items: [{path: node, fieldRef: {fieldPath: spec.nodeName}}]}'));
  assert.equal(finding.rule, 'pod-volumes');
  assert.equal(
    finding.message,
    'spec.volumes[0].downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"',
  );
  assert.equal(finding.text, 'spec.nodeName');
});

// validateDownwardAPIVolumeFile: the volume set, and subscripts, pass.
test('the fields a volume file may read pass', () => {
  const items = ['metadata.labels', 'metadata.annotations', 'metadata.name', 'metadata.namespace', 'metadata.uid', "metadata.labels['app']"]
    .map((field, i) => `{path: f${i}, fieldRef: {fieldPath: "${field}"}}`)
    .join(', ');
  assert.deepEqual(checkText(volume(`downwardAPI: {items: [${items}, {path: cpu, resourceFieldRef: {containerName: a, resource: limits.cpu, divisor: 1m}}]}`)).findings, []);
});

// validateProjectionSources → validateDownwardAPIVolumeFile on the projection's downwardAPI path.
test('a projected downward API file with a bad annotation key is invalid on the projection', () => {
  const finding = onlyFinding(volume(`projected: {sources: [{downwardAPI: {items: [{path: team, fieldRef: {fieldPath: "metadata.annotations['-team']"}}]}}]}`));
  assert.match(finding.message, /^spec\.volumes\[0\]\.projected\.sources\[0\]\.downwardAPI\.fieldRef: Invalid value: "-team": name part must consist of/);
  assert.equal(finding.text, `"metadata.annotations['-team']"`);
});

// validateContainerResourceFieldSelector (volume = true): an unknown resource in a volume.
test('a volume file reading an unknown resource is unsupported', () => {
  const finding = onlyFinding(volume('downwardAPI: {items: [{path: gpu, resourceFieldRef: {containerName: a, resource: limits.gpu}}]}'));
  assert.equal(
    finding.message,
    'spec.volumes[0].downwardAPI.resourceFieldRef.resource: Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"',
  );
  assert.equal(finding.text, 'limits.gpu');
});
