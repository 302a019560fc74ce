/** Each kind of schema finding, in the API server's words, on the text a user has to change. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../helpers/check-text';

const deployment = (specLines: string, containerLines = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
  ${specLines}
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        containers:
          - name: web
            image: nginx:1.27
  ${containerLines}
`;

const container = (field: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n      ${field}\n`;

test('an unknown field is reported on its key with the nearest field name suggested', () => {
  const finding = onlyFinding(deployment('  replica: 2'));
  assert.equal(finding.rule, 'unknown-field');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.message, 'strict decoding error: unknown field "spec.replica"; did you mean "replicas"?');
  assert.equal(finding.path, 'spec.replica');
  assert.equal(finding.text, 'replica');
});

test('an unknown field with no near miss gets no suggestion', () => {
  const finding = onlyFinding(container('flavour: vanilla'));
  assert.equal(finding.message, 'strict decoding error: unknown field "spec.containers[0].flavour"');
  assert.equal(finding.text, 'flavour');
});

test('a field written with the wrong case is suggested with the right case', () => {
  const finding = onlyFinding(container('ImagePullPolicy: Always'));
  assert.equal(finding.message, 'strict decoding error: unknown field "spec.containers[0].ImagePullPolicy"; did you mean "imagePullPolicy"?');
});

test('a string where an int32 is expected is a Go decode error on the value', () => {
  const finding = onlyFinding(deployment('  replicas: "2"'));
  assert.equal(finding.rule, 'field-type');
  assert.equal(finding.message, 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  assert.equal(finding.path, 'spec.replicas');
  assert.equal(finding.text, '"2"');
});

test('a number where a string is expected is "number", without the number (Go\'s wording)', () => {
  const finding = onlyFinding(container('workingDir: 42'));
  assert.equal(finding.message, 'json: cannot unmarshal number into Go struct field Container.spec.containers.workingDir of type string');
  assert.equal(finding.text, '42');
});

test('a bool where a string is expected names bool', () => {
  const finding = onlyFinding(container('workingDir: true'));
  assert.equal(finding.message, 'json: cannot unmarshal bool into Go struct field Container.spec.containers.workingDir of type string');
});

test('a string where a bool is expected names string and bool', () => {
  const finding = onlyFinding(container('stdin: "true"'));
  assert.equal(finding.message, 'json: cannot unmarshal string into Go struct field Container.spec.containers.stdin of type bool');
  assert.equal(finding.path, 'spec.containers[0].stdin');
});

test('a string where an object is expected names the Go struct type', () => {
  const finding = onlyFinding(container('resources: large'));
  assert.equal(finding.message, 'json: cannot unmarshal string into Go struct field Container.spec.containers.resources of type v1.ResourceRequirements');
  assert.equal(finding.text, 'large');
});

test('an object where a list is expected names the Go slice type', () => {
  const finding = onlyFinding(container('ports: {containerPort: 80}'));
  assert.equal(finding.message, 'json: cannot unmarshal object into Go struct field Container.spec.containers.ports of type []v1.ContainerPort');
  assert.equal(finding.text, '{containerPort: 80}');
});

test('a list where a string is expected names array', () => {
  const finding = onlyFinding(container('image: [busybox]').replace('      image: busybox\n', ''));
  assert.equal(finding.message, 'json: cannot unmarshal array into Go struct field Container.spec.containers.image of type string');
});

test('an int32 field over 2147483647 is a decode error that quotes the number', () => {
  const finding = onlyFinding(deployment('  replicas: 3000000000'));
  assert.equal(finding.message, 'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32');
  assert.equal(finding.text, '3000000000');
});

test('the largest int32 is accepted', () => {
  assert.deepEqual(checkText(deployment('  replicas: 2147483647')).findings, []);
});

test('a fraction in an integer field is a decode error that quotes the number', () => {
  const finding = onlyFinding(deployment('  minReadySeconds: 1.5'));
  assert.equal(finding.message, 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.minReadySeconds of type int32');
});

test('a value outside an enum names every supported value, on the value', () => {
  const finding = onlyFinding(container('imagePullPolicy: Sometimes'));
  assert.equal(finding.rule, 'unsupported-value');
  assert.equal(finding.message, 'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"');
  assert.equal(finding.text, 'Sometimes');
});

test('a lowercase protocol is not a supported value', () => {
  const finding = onlyFinding(container('ports: [{containerPort: 80, protocol: tcp}]'));
  assert.equal(finding.message, 'spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"');
});

test('a wrong type is one finding, not also an enum or format finding', () => {
  const finding = onlyFinding(container('imagePullPolicy: 3'));
  assert.equal(finding.rule, 'field-type');
});

test('a missing required field is reported on its parent key', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          restartPolicy: Always
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'required-field');
  assert.equal(finding.message, 'spec.template.spec.containers: Required value');
  assert.equal(finding.path, 'spec.template.spec.containers');
  assert.equal(finding.text, 'spec');
  assert.equal(finding.line, 11, "the template's spec, not the Deployment's");
});

test('a missing required field of a list item is placed inside that item', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - port: 80\n    - name: metrics\n      targetPort: 9090\n';
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'spec.ports[1].port: Required value');
  assert.ok(finding.line >= 8, `line ${finding.line}`);
});

test('a quantity with an unknown suffix names the suffix error and the suffixes it likely meant', () => {
  // apimachinery's suffixer (resource/suffix.go) knows k (lower case) and Ki, never K.
  const finding = onlyFinding(container('resources: {limits: {cpu: 1K}}'));
  assert.equal(finding.rule, 'invalid-quantity');
  assert.equal(finding.message, 'spec.containers[0].resources.limits[cpu]: Invalid value: "1K": unable to parse quantity\'s suffix; did you mean "1k" or "1Ki"?');
  assert.equal(finding.path, 'spec.containers[0].resources.limits[cpu]');
  assert.equal(finding.text, '1K');
});

test('a quantity under a resource name with a slash, in a later container, is named and placed on that entry', () => {
  // ResourceList is a map keyed by resource name (core/v1 types.go); field.Path prints a map key in brackets as written.
  const finding = onlyFinding(`${container('ports: [{containerPort: 80}]')}    - name: d\n      image: busybox\n      resources: {limits: {example.com/widget: 1K}}\n`);
  assert.equal(finding.message, 'spec.containers[1].resources.limits[example.com/widget]: Invalid value: "1K": unable to parse quantity\'s suffix; did you mean "1k" or "1Ki"?');
  assert.equal(finding.text, '1K');
});

test('a quantity written in bytes names the format error and the decimal and binary units it likely meant', () => {
  // quantity.go's ErrFormatWrong: "B" is no suffix letter, so "1GB" does not match the regular expression.
  const finding = onlyFinding(container('resources: {requests: {memory: 1GB}}'));
  assert.equal(
    finding.message,
    'spec.containers[0].resources.requests[memory]: Invalid value: "1GB": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'; did you mean "1G" or "1Gi"?',
  );
});

test('a quantity with no likely intent names only the format error', () => {
  const finding = onlyFinding(container('resources: {requests: {memory: lots}}'));
  assert.equal(
    finding.message,
    'spec.containers[0].resources.requests[memory]: Invalid value: "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
  );
});

test('numbers and exponent forms are valid quantities', () => {
  assert.deepEqual(checkText(container('resources: {requests: {cpu: 0.5, memory: 1e9}, limits: {cpu: "2", memory: 1.5Gi}}')).findings, []);
});

const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  key: ${value}\n`;

test("Secret data that is not base64 is reported with Go's byte offset", () => {
  const finding = onlyFinding(secret('"not base64!"'));
  assert.equal(finding.rule, 'invalid-base64');
  assert.equal(finding.message, 'data[key]: illegal base64 data at input byte 3');
  assert.equal(finding.path, 'data[key]');
  assert.equal(finding.text, '"not base64!"');
});

test('unpadded Secret data is blamed on the start of the unfinished quantum', () => {
  assert.equal(onlyFinding(secret('YWJ')).message, 'data[key]: illegal base64 data at input byte 0');
});

test('a padding character followed by data is blamed on the padding (Go: incorrect padding)', () => {
  assert.equal(onlyFinding(secret('YW=j')).message, 'data[key]: illegal base64 data at input byte 2');
});

test('a single = where == is needed is blamed on the end of the input (Go: not enough padding)', () => {
  assert.equal(onlyFinding(secret('YQ=')).message, 'data[key]: illegal base64 data at input byte 3');
});

test('valid base64 with line breaks is accepted, and stringData is not base64', () => {
  assert.deepEqual(checkText(`${secret('|\n    aGVsbG8g\n    d29ybGQ=')}stringData:\n  plain: not base64!\n`).findings, []);
});
