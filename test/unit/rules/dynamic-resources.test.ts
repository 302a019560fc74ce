/** Dynamic Resource Allocation (resource.k8s.io/v1): claims, templates, device classes and slices, in the API server's words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

const claim = (devices: string) => `apiVersion: resource.k8s.io/v1\nkind: ResourceClaim\nmetadata: {name: gpu}\nspec:\n  devices:\n${devices}`;
const slice = (spec: string) => `apiVersion: resource.k8s.io/v1\nkind: ResourceSlice\nmetadata: {name: node-1-gpu}\nspec:\n  driver: gpu.example.com\n${spec}`;
const pool = '  pool: {name: node-1, generation: 0, resourceSliceCount: 1}\n';

// pkg/apis/resource/validation: validateDeviceClaim, validateResourceSliceSpec, validateDeviceClassSpec.
test('a claim for one device of a class, constrained and configured, is accepted', () => {
  const text = claim(
    '    requests:\n    - name: gpu\n      exactly: {deviceClassName: gpu.example.com}\n    - name: nic\n      firstAvailable:\n      - {name: fast, deviceClassName: nic.example.com}\n' +
      '    constraints:\n    - requests: [gpu, nic/fast]\n      matchAttribute: example.com/numa\n    config:\n    - requests: [gpu]\n      opaque: {driver: gpu.example.com, parameters: {mode: shared}}\n',
  );
  assert.deepEqual(checkText(text, '1.34').findings, []);
  assert.deepEqual(checkText(text, '1.36').findings, []);
});

// validateDeviceRequest: neither exactly nor firstAvailable.
test('a request with neither exactly nor firstAvailable is rejected on the request', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: gpu\n'));
  assert.equal(finding.rule, 'resource-claim-devices');
  assert.equal(finding.message, 'spec.devices.requests[0]: Required value: exactly one of `exactly` or `firstAvailable` is required');
  assert.equal(finding.line, 7);
});

// validateDeviceRequest: validateRequestName is ValidateDNS1123Label.
test('a request name that is not a DNS label is rejected', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: GPU\n      exactly: {deviceClassName: gpu.example.com}\n'));
  assert.match(finding.message, /^spec\.devices\.requests\[0\]\.name: Invalid value: "GPU": a lowercase RFC 1123 label must consist of/);
  assert.equal(finding.text, 'GPU');
});

// validateDeviceClaim: validateSet reports the second request of a name on the item.
test('two requests of one name are rejected on the second', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: gpu\n      exactly: {deviceClassName: a.example.com}\n    - name: gpu\n      exactly: {deviceClassName: b.example.com}\n'));
  assert.equal(finding.message, 'spec.devices.requests[1]: Duplicate value: "gpu"');
  assert.equal(finding.line, 9);
  assert.equal(finding.text, 'gpu');
});

// validateExactDeviceRequest → validateDeviceClass: an empty class name is required.
test('an exact request without a device class name is rejected', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: gpu\n      exactly: {deviceClassName: ""}\n'));
  assert.equal(finding.message, 'spec.devices.requests[0].exactly.deviceClassName: Required value');
});

// validateDeviceAllocationMode: All takes no count.
test('a count with allocationMode All is rejected', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: gpu\n      exactly: {deviceClassName: gpu.example.com, allocationMode: All, count: 2}\n'));
  assert.equal(finding.message, "spec.devices.requests[0].exactly.count: Invalid value: 2: must not be specified when allocationMode is 'All'");
  assert.equal(finding.text, '2');
});

// SetDefaults_ExactDeviceRequest makes an unset mode ExactCount and a zero count 1, so neither is reported.
test('an exact request without allocationMode and count is defaulted to one device', () => {
  assert.deepEqual(checkText(claim('    requests:\n    - name: gpu\n      exactly: {deviceClassName: gpu.example.com, count: 0}\n')).findings, []);
});

// validateDeviceAllocationMode: a negative count with ExactCount.
test('a negative count is rejected', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: gpu\n      exactly: {deviceClassName: gpu.example.com, count: -1}\n'));
  assert.equal(finding.message, 'spec.devices.requests[0].exactly.count: Invalid value: -1: must be greater than zero');
});

// validateDeviceAllocationMode: any other mode.
test('an unknown allocation mode of a subrequest is rejected', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: gpu\n      firstAvailable:\n      - {name: big, deviceClassName: gpu.example.com, allocationMode: Some}\n'));
  assert.equal(finding.message, 'spec.devices.requests[0].firstAvailable[0].allocationMode: Unsupported value: "Some": supported values: "All", "ExactCount"');
  assert.equal(finding.text, 'Some');
});

// validateSelector: a selector needs its cel member.
test('a selector without cel is rejected', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: gpu\n      exactly:\n        deviceClassName: gpu.example.com\n        selectors: [{}]\n'));
  assert.equal(finding.message, 'spec.devices.requests[0].exactly.selectors[0].cel: Required value');
});

// validateDeviceConstraint → validateRequestNameRef.
test('a constraint naming a request the claim does not have is rejected', () => {
  const finding = onlyFinding(
    claim('    requests:\n    - name: gpu\n      exactly: {deviceClassName: gpu.example.com}\n    constraints:\n    - requests: [gpu, tpu]\n      matchAttribute: example.com/numa\n'),
  );
  assert.equal(
    finding.message,
    'spec.devices.constraints[0].requests[1]: Invalid value: "tpu": must be the name of a request in the claim or the name of a request and a subrequest separated by \'/\'',
  );
  assert.equal(finding.text, 'tpu');
});

// validateDeviceConstraint → validateFullyQualifiedName.
test('a matchAttribute without a domain is rejected', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: gpu\n      exactly: {deviceClassName: gpu.example.com}\n    constraints:\n    - matchAttribute: numa\n'));
  assert.equal(finding.message, 'spec.devices.constraints[0].matchAttribute: Invalid value: "numa": a fully qualified name must be a domain and a name separated by a slash');
});

// validateDeviceConstraint: without DRAConsumableCapacity, matchAttribute is required.
test('a constraint without matchAttribute is rejected', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: gpu\n      exactly: {deviceClassName: gpu.example.com}\n    constraints:\n    - requests: [gpu]\n'));
  assert.equal(finding.message, 'spec.devices.constraints[0].matchAttribute: Required value');
});

// validateOpaqueConfiguration → validateRawExtension: parameters must be a JSON object.
test('opaque parameters that are not an object are rejected', () => {
  const finding = onlyFinding(claim('    requests:\n    - name: gpu\n      exactly: {deviceClassName: gpu.example.com}\n    config:\n    - opaque: {driver: gpu.example.com, parameters: [1]}\n'));
  assert.equal(finding.message, 'spec.devices.config[0].opaque.parameters: Invalid value: "<value omitted>": must be a valid JSON object');
});

// validateRawExtension: more than OpaqueParametersMaxLength (10 KiB) of JSON.
test('opaque parameters larger than 10 KiB are rejected', () => {
  const big = 'x'.repeat(10 * 1024);
  const finding = onlyFinding(
    claim(`    requests:\n    - name: gpu\n      exactly: {deviceClassName: gpu.example.com}\n    config:\n    - opaque: {driver: gpu.example.com, parameters: {blob: ${big}}}\n`),
  );
  assert.equal(finding.message, 'spec.devices.config[0].opaque.parameters: Too long: may not be more than 10240 bytes');
});

// ValidateResourceClaimTemplate: the claim spec is validated under spec.spec.
test('a claim template reports its requests under spec.spec', () => {
  const finding = onlyFinding('apiVersion: resource.k8s.io/v1\nkind: ResourceClaimTemplate\nmetadata: {name: gpu}\nspec:\n  spec:\n    devices:\n      requests:\n      - name: gpu\n');
  assert.equal(finding.message, 'spec.spec.devices.requests[0]: Required value: exactly one of `exactly` or `firstAvailable` is required');
});

// validateDeviceClassSpec → validateDeviceConfiguration.
test('a device class config without opaque is rejected', () => {
  const finding = onlyFinding(
    'apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: gpu.example.com}\nspec:\n  selectors:\n  - cel: {expression: "device.driver == \'gpu.example.com\'"}\n  config:\n  - {}\n',
  );
  assert.equal(finding.rule, 'device-class-spec');
  assert.equal(finding.message, 'spec.config[0].opaque: Required value');
});

// Only resource.k8s.io/v1 is served by default; the beta versions are not checked.
test('a v1beta1 claim is not checked', () => {
  assert.deepEqual(
    checkText(
      'apiVersion: resource.k8s.io/v1beta1\nkind: ResourceClaim\nmetadata: {name: gpu}\nspec:\n  devices:\n    requests:\n    - name: GPU\n      deviceClassName: gpu.example.com\n',
      '1.34',
    ).findings,
    [],
  );
});

// validateResourceSliceSpec: a slice on one node with devices.
test('a slice of one node with named devices and attributes is accepted', () => {
  const text = slice(
    `${pool}  nodeName: node-1\n  devices:\n  - name: gpu-0\n    attributes:\n      model: {string: a100}\n      gpu.example.com/driverVersion: {version: 1.2.3}\n    capacity:\n      memory: {value: 40Gi}\n`,
  );
  assert.deepEqual(checkText(text).findings, []);
});

// validateResourceSliceSpec: none of the node selection fields.
test('a slice without nodeName, nodeSelector, allNodes or perDeviceNodeSelection is rejected', () => {
  const finding = onlyFinding(slice(pool));
  assert.equal(finding.rule, 'resource-slice-spec');
  assert.equal(finding.message, 'spec: Required value: exactly one of `nodeName`, `nodeSelector`, `allNodes`, `perDeviceNodeSelection` is required');
});

// validateResourceSliceSpec: two of them.
test('a slice with nodeName and allNodes is rejected on the second', () => {
  const finding = onlyFinding(slice(`${pool}  nodeName: node-1\n  allNodes: true\n`));
  assert.equal(
    finding.message,
    'spec: Invalid value: "{`nodeName`, `allNodes`}": exactly one of `nodeName`, `nodeSelector`, `allNodes`, `perDeviceNodeSelection` is required, but multiple fields are set',
  );
  assert.equal(finding.text, 'allNodes');
});

// validateResourcePool.
test('a negative pool generation and a zero slice count are rejected', () => {
  const messages = checkText(slice('  pool: {name: node-1, generation: -1, resourceSliceCount: 0}\n  allNodes: true\n')).findings.map((f) => f.message);
  assert.deepEqual(messages, ['spec.pool.generation: Invalid value: -1: must be greater than or equal to zero', 'spec.pool.resourceSliceCount: Invalid value: 0: must be greater than zero']);
});

// validateResourceSliceSpec: validateSet over devices by name.
test('two devices of one name are rejected on the second', () => {
  const finding = onlyFinding(slice(`${pool}  allNodes: true\n  devices:\n  - name: gpu-0\n  - name: gpu-0\n`));
  assert.equal(finding.message, 'spec.devices[1]: Duplicate value: "gpu-0"');
  assert.equal(finding.line, 10);
});

// validateDeviceAttributeVersionValue.
test('a version attribute that is not semver is rejected', () => {
  const finding = onlyFinding(slice(`${pool}  allNodes: true\n  devices:\n  - name: gpu-0\n    attributes:\n      driverVersion: {version: "1.2"}\n`));
  assert.equal(finding.message, 'spec.devices[0].attributes[driverVersion].version: Invalid value: "1.2": must be a string compatible with semver.org spec 2.0.0');
});

// validateMap → validateQualifiedName → validateCIdentifier: reported on the map, placed on the key.
test('an attribute name that is not a C identifier is rejected on the key', () => {
  const finding = onlyFinding(slice(`${pool}  allNodes: true\n  devices:\n  - name: gpu-0\n    attributes:\n      9model: {string: a}\n`));
  assert.equal(
    finding.message,
    "spec.devices[0].attributes: Invalid value: \"9model\": a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', regex used for validation is '[A-Za-z_][A-Za-z0-9_]*')",
  );
  assert.equal(finding.text, '9model');
});

// validateDeviceAttribute: no value at all.
test('an attribute without a value is rejected', () => {
  const finding = onlyFinding(slice(`${pool}  allNodes: true\n  devices:\n  - name: gpu-0\n    attributes:\n      model: {}\n`));
  assert.equal(finding.message, 'spec.devices[0].attributes[model]: Invalid value: "": exactly one value must be specified');
});

// validateResourceSliceSpec: len(NodeSelectorTerms) != 1 is Invalid, printing the internal []core.NodeSelectorTerm as
// JSON with Go's field names (apimachinery 0.34).
test('a slice node selector with two terms must have exactly one', () => {
  const text = slice(
    `${pool}  nodeSelector:\n    nodeSelectorTerms:\n    - matchExpressions: [{key: zone, operator: In, values: [a]}]\n    - matchFields: [{key: metadata.name, operator: In, values: [node-1]}]\n`,
  );
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'resource-slice-spec');
  assert.equal(
    finding.message,
    'spec.nodeSelector.nodeSelectorTerms: Invalid value: [{"MatchExpressions":[{"Key":"zone","Operator":"In","Values":["a"]}],"MatchFields":null},{"MatchExpressions":null,"MatchFields":[{"Key":"metadata.name","Operator":"In","Values":["node-1"]}]}]: must have exactly one node selector term',
  );
  assert.equal(finding.path, 'spec.nodeSelector.nodeSelectorTerms');
  assert.equal(finding.line, 9);
  assert.ok(finding.text.startsWith('- matchExpressions'));
});

// validateResourceSliceSpec: ValidateNodeSelector's Required comes first, then the empty list (`[]`, not nil) as Invalid.
test('a slice node selector with no terms is rejected twice', () => {
  const { findings } = checkText(slice(`${pool}  nodeSelector: {nodeSelectorTerms: []}\n`));
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'spec.nodeSelector.nodeSelectorTerms: Required value: must have at least one node selector term',
      'spec.nodeSelector.nodeSelectorTerms: Invalid value: []: must have exactly one node selector term',
    ],
  );
});

// validateResourceSliceSpec: one term is what the API server wants.
test('a slice node selector with one term is accepted', () => {
  const text = slice(`${pool}  nodeSelector:\n    nodeSelectorTerms:\n    - matchExpressions: [{key: zone, operator: In, values: [a]}]\n`);
  assert.deepEqual(checkText(text).findings, []);
});

// validateDeviceAttribute: two values set is Invalid with the internal resource.DeviceAttribute, pointers as values.
test('an attribute with two values is rejected with the whole attribute', () => {
  const finding = onlyFinding(slice(`${pool}  allNodes: true\n  devices:\n  - name: gpu-0\n    attributes:\n      model: {string: a100, version: 1.2.3}\n`));
  assert.equal(
    finding.message,
    'spec.devices[0].attributes[model]: Invalid value: {"IntValue":null,"BoolValue":null,"StringValue":"a100","VersionValue":"1.2.3"}: exactly one value must be specified',
  );
  assert.equal(finding.line, 11);
  assert.equal(finding.text, 'model');
});
