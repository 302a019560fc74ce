/**
 * The rest of the pod spec's containers: mounts and devices, restart and resize policies, ephemeral containers,
 * the spec's names and resource claims, as pkg/apis/core/validation/validation.go words and places them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

/** A Pod whose spec is the given YAML, written at the spec's indentation. */
const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
const nginx = 'image: "nginx:1.25"';
const dataVolume = 'volumes: [{name: data, emptyDir: {}}]';

// ValidateVolumeMounts → validateLocalDescendingPath: the path is the volumeMounts list's, without the index.
test('an absolute subPath must be relative, named on the list and underlined on the value', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, volumeMounts: [{name: data, mountPath: /d, subPath: /etc}]}]\n${dataVolume}`));
  assert.equal(finding.rule, 'volume-mounts');
  assert.equal(finding.message, 'spec.containers[0].volumeMounts.subPath: Invalid value: "/etc": must be a relative path');
  assert.equal(finding.line, 5);
  assert.equal(finding.text, '/etc');
});

// ValidateVolumeMounts → validatePathNoBacksteps
test("a subPathExpr with a '..' element is invalid", () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, volumeMounts: [{name: data, mountPath: /d, subPathExpr: "a/../b"}]}]\n${dataVolume}`));
  assert.equal(finding.message, 'spec.containers[0].volumeMounts.subPathExpr: Invalid value: "a/../b": must not contain \'..\'');
  assert.equal(finding.text, '"a/../b"');
});

// ValidateVolumeMounts: subPath and subPathExpr together
test('subPath and subPathExpr together are mutually exclusive, on the subPathExpr', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, volumeMounts: [{name: data, mountPath: /d, subPath: a, subPathExpr: b}]}]\n${dataVolume}`));
  assert.equal(finding.message, 'spec.containers[0].volumeMounts[0].subPathExpr: Invalid value: "b": subPathExpr and subPath are mutually exclusive');
  assert.equal(finding.text, 'b');
});

test('a relative subPath without backsteps passes', () => {
  assert.deepEqual(checkText(pod(`containers: [{name: app, ${nginx}, volumeMounts: [{name: data, mountPath: /d, subPath: "a/b..c"}]}]\n${dataVolume}`)).findings, []);
});

// validateMountPropagation
test('Bidirectional mount propagation in a container that is not privileged is forbidden', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, volumeMounts: [{name: data, mountPath: /d, mountPropagation: Bidirectional}]}]\n${dataVolume}`));
  assert.equal(finding.message, 'spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers');
  assert.equal(finding.text, 'Bidirectional');
});

test('Bidirectional mount propagation in a privileged container passes', () => {
  const text = pod(`containers: [{name: app, ${nginx}, securityContext: {privileged: true}, volumeMounts: [{name: data, mountPath: /d, mountPropagation: Bidirectional}]}]\n${dataVolume}`);
  assert.deepEqual(
    checkText(text).findings.filter((f) => f.rule === 'volume-mounts'),
    [],
  );
});

// validateMountRecursiveReadOnly
test('recursiveReadOnly Enabled on a mount that is not read-only is forbidden', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, volumeMounts: [{name: data, mountPath: /d, recursiveReadOnly: Enabled}]}]\n${dataVolume}`));
  assert.equal(finding.message, 'spec.containers[0].volumeMounts.recursiveReadOnly: Forbidden: may only be specified when readOnly is true');
  assert.equal(finding.text, 'Enabled');
});

test('an unknown recursiveReadOnly is not supported', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, volumeMounts: [{name: data, mountPath: /d, readOnly: true, recursiveReadOnly: Always}]}]\n${dataVolume}`));
  assert.equal(finding.message, 'spec.containers[0].volumeMounts.recursiveReadOnly: Unsupported value: "Always": supported values: "Disabled", "Enabled", "IfPossible"');
});

test('recursiveReadOnly IfPossible on a read-only mount passes', () => {
  assert.deepEqual(checkText(pod(`containers: [{name: app, ${nginx}, volumeMounts: [{name: data, mountPath: /d, readOnly: true, recursiveReadOnly: IfPossible}]}]\n${dataVolume}`)).findings, []);
});

// ValidateVolumeDevices → isMatchedDevice
test('a volume device of an emptyDir volume is not block mode', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, volumeDevices: [{name: data, devicePath: /dev/xvda}]}]\n${dataVolume}`));
  assert.equal(finding.message, 'spec.containers[0].volumeDevices[0].name: Invalid value: "data": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode');
  assert.equal(finding.text, 'data');
});

// ValidateVolumeDevices: overlap with the container's volumeMounts, and ValidateVolumeMounts' mirror check
test('a volume both mounted and used as a device is refused on both sides', () => {
  const text = pod(
    `containers: [{name: app, ${nginx}, volumeMounts: [{name: disk, mountPath: /d}], volumeDevices: [{name: disk, devicePath: /dev/xvda}]}]\nvolumes: [{name: disk, persistentVolumeClaim: {claimName: c}}]`,
  );
  assert.deepEqual(
    checkText(text).findings.map((f) => f.message),
    [
      'spec.containers[0].volumeMounts[0].name: Invalid value: "disk": must not already exist in volumeDevices',
      'spec.containers[0].volumeDevices[0].name: Invalid value: "disk": must not already exist in volumeMounts',
    ],
  );
});

test('a device of a PVC volume at its own path passes', () => {
  assert.deepEqual(
    checkText(pod(`containers: [{name: app, ${nginx}, volumeDevices: [{name: disk, devicePath: /dev/xvda}]}]\nvolumes: [{name: disk, persistentVolumeClaim: {claimName: c}}]`)).findings,
    [],
  );
});

// validateContainers: restartPolicy on a regular container
test('a regular container with restartPolicy is forbidden (1.34, ContainerRestartRules off)', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, restartPolicy: Always}]`), '1.34');
  assert.equal(finding.rule, 'container-restart-policy');
  assert.equal(finding.message, 'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers');
  assert.equal(finding.text, 'restartPolicy');
});

// validateInitContainerRestartPolicy
test('an init container restartPolicy other than Always is not supported', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}}]\ninitContainers: [{name: init, ${nginx}, restartPolicy: OnFailure}]`));
  assert.equal(finding.message, 'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"');
  assert.equal(finding.text, 'OnFailure');
});

test('a sidecar init container with restartPolicy Always passes', () => {
  assert.deepEqual(checkText(pod(`containers: [{name: app, ${nginx}}]\ninitContainers: [{name: proxy, ${nginx}, restartPolicy: Always}]`)).findings, []);
});

// validateResizePolicy: the pod's restartPolicy Never
test('a RestartContainer resize policy in a pod that never restarts is invalid', () => {
  const finding = onlyFinding(pod(`restartPolicy: Never\ncontainers: [{name: app, ${nginx}, resizePolicy: [{resourceName: cpu, restartPolicy: RestartContainer}]}]`));
  assert.equal(finding.rule, 'container-resize-policy');
  assert.equal(finding.message, "spec.containers[0].resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when `restartPolicy` is 'Never'");
  assert.equal(finding.text, 'RestartContainer');
});

// validateResizePolicy: from 1.34 field.Error marshals the core.ResourceName to JSON, quoted (apimachinery v0.34.0).
test('a resize policy for a resource other than cpu or memory is not supported', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, resizePolicy: [{resourceName: ephemeral-storage, restartPolicy: NotRequired}]}]`));
  assert.equal(finding.message, 'spec.containers[0].resizePolicy: Unsupported value: "ephemeral-storage": supported values: "cpu", "memory"');
});

// Up to 1.33 field.Error prints the core.ResourceName through its String method (a value receiver): unquoted.
test('on 1.33 the unsupported resize resource is printed without quotes', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, resizePolicy: [{resourceName: ephemeral-storage, restartPolicy: NotRequired}]}]`), '1.33');
  assert.equal(finding.message, 'spec.containers[0].resizePolicy: Unsupported value: ephemeral-storage: supported values: "cpu", "memory"');
});

test('a resource named twice in resizePolicy is a duplicate', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}, {resourceName: cpu, restartPolicy: NotRequired}]}]`));
  assert.equal(finding.message, 'spec.containers[0].resizePolicy[1]: Duplicate value: "cpu"');
});

test('resizePolicy is not validated before 1.33, where the API server drops it', () => {
  assert.deepEqual(
    checkText(pod(`restartPolicy: Never\ncontainers: [{name: app, ${nginx}, resizePolicy: [{resourceName: cpu, restartPolicy: RestartContainer}]}]`), '1.32').findings.filter(
      (f) => f.severity === 'error',
    ),
    [],
  );
});

// ValidatePodCreate; validateEphemeralContainers (targetContainerName, validateFieldAllowList)
test('a Pod created with an ephemeral container is refused, as are its missing target and its ports', () => {
  const text = pod(`containers: [{name: app, ${nginx}}]\nephemeralContainers: [{name: debug, image: busybox, targetContainerName: web, ports: [{containerPort: 80}]}]`);
  assert.deepEqual(
    checkText(text).findings.map((f) => [f.message, f.text]),
    [
      ['spec.ephemeralContainers: Forbidden: cannot be set on create', 'ephemeralContainers'],
      ['spec.ephemeralContainers[0].targetContainerName: Not found: "web"', 'web'],
      ['spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container', 'ports'],
    ],
  );
});

// ValidatePodTemplateSpec
test('a Deployment template with ephemeral containers is refused', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: web, image: "nginx:1.25"}]
          ephemeralContainers: [{name: debug, image: busybox}]
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template');
  assert.equal(finding.text, 'ephemeralContainers');
  assert.equal(finding.line, 10);
});

test('a pod without ephemeral containers passes', () => {
  assert.deepEqual(checkText(pod(`containers: [{name: app, ${nginx}}]`)).findings, []);
});

// ValidatePodSpec: hostname (ValidateDNS1123Label)
test('a hostname that is not a DNS-1123 label is invalid', () => {
  const finding = onlyFinding(pod(`hostname: web.example\ncontainers: [{name: app, ${nginx}}]`));
  assert.equal(finding.rule, 'pod-spec-names');
  assert.match(finding.message, /^spec\.hostname: Invalid value: "web\.example": a lowercase RFC 1123 label must consist of/);
  assert.equal(finding.text, 'web.example');
});

// ValidatePodSpec: serviceAccountName (ValidateServiceAccountName, a DNS-1123 subdomain)
test('a serviceAccountName with capitals is invalid', () => {
  const finding = onlyFinding(pod(`serviceAccountName: Builder\ncontainers: [{name: app, ${nginx}}]`));
  assert.equal(
    finding.message,
    "spec.serviceAccountName: Invalid value: \"Builder\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  );
});

// ValidatePodCreate: nodeName with scheduling gates
test('a Pod created on a node while it has scheduling gates is refused', () => {
  const finding = onlyFinding(pod(`nodeName: node-1\nschedulingGates: [{name: example.com/wait}]\ncontainers: [{name: app, ${nginx}}]`));
  assert.equal(finding.message, 'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared');
  assert.equal(finding.text, 'nodeName');
});

test('valid hostname, subdomain, service account, priority and runtime class names pass', () => {
  assert.deepEqual(
    checkText(pod(`hostname: web-0\nsubdomain: web\nserviceAccountName: builder\npriorityClassName: high.example\nruntimeClassName: gvisor\nnodeName: node-1\ncontainers: [{name: app, ${nginx}}]`))
      .findings,
    [],
  );
});

// validateResourceClaimNames
test('a container claim that names no pod claim is not found, with the pod claims listed', () => {
  const text = pod(`resourceClaims: [{name: gpu, resourceClaimTemplateName: gpu-template}]\ncontainers: [{name: app, ${nginx}, resources: {claims: [{name: tpu}]}}]`);
  const finding = onlyFinding(text, '1.34');
  assert.equal(finding.rule, 'resource-claims');
  assert.equal(finding.message, 'spec.containers[0].resources.claims[0]: Not found: "tpu": must be one of the names in pod.spec.resourceClaims: gpu');
  assert.equal(finding.text, 'tpu');
});

// validatePodResourceClaim: neither source
test('a pod claim without a source is invalid, printed as JSON with the Go field names', () => {
  const finding = onlyFinding(pod(`resourceClaims: [{name: gpu}]\ncontainers: [{name: app, ${nginx}}]`), '1.34');
  assert.equal(
    finding.message,
    'spec.resourceClaims[0]: Invalid value: {"Name":"gpu","ResourceClaimName":null,"ResourceClaimTemplateName":null}: must specify one of: `resourceClaimName`, `resourceClaimTemplateName`',
  );
});

test('a container claim naming its pod claim passes', () => {
  assert.deepEqual(checkText(pod(`resourceClaims: [{name: gpu, resourceClaimName: shared-gpu}]\ncontainers: [{name: app, ${nginx}, resources: {claims: [{name: gpu}]}}]`), '1.34').findings, []);
});
