/** Object names, labels and annotations, as the API server validates them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

const configMap = (metadata: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n${metadata}\n`;
const service = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{port: 80}]\n`;

test("a name that is not a DNS-1123 subdomain is rejected with apimachinery's words, on the name", () => {
  const finding = onlyFinding(configMap('  name: App_Config'));
  assert.equal(finding.rule, 'object-name');
  assert.equal(
    finding.message,
    "metadata.name: Invalid value: \"App_Config\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  );
  assert.equal(finding.text, 'App_Config');
});

test('a dotted name is a valid subdomain for a ConfigMap', () => {
  assert.deepEqual(checkText(configMap('  name: app.config.v2')).findings, []);
});

test('a Service name must be a DNS-1035 label: no leading digit, no dots', () => {
  assert.match(onlyFinding(service('1web')).message, /^metadata\.name: Invalid value: "1web": a DNS-1035 label must consist/);
  assert.match(onlyFinding(service('web.v2')).message, /a DNS-1035 label must consist/);
  assert.deepEqual(checkText(service('web-v2')).findings, []);
});

test('a missing name is required unless generateName is set', () => {
  const finding = onlyFinding(configMap('  labels: {app: web}'));
  assert.equal(finding.message, 'metadata.name: Required value: name or generateName is required');
  assert.deepEqual(checkText(configMap('  generateName: web-')).findings, []);
});

test('a CronJob name over 52 characters is rejected', () => {
  const name = 'a'.repeat(53);
  const cronJob = `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: ${name}}\nspec:\n  schedule: "0 * * * *"\n  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: busybox}]}}}}\n`;
  assert.equal(onlyFinding(cronJob).message, `metadata.name: Invalid value: "${name}": must be no more than 52 characters`);
});

test('a label key with two slashes is reported on metadata.labels and placed on the key', () => {
  const finding = onlyFinding(configMap('  name: c\n  labels: {a/b/c: x}'));
  assert.equal(finding.rule, 'labels');
  assert.match(finding.message, /^metadata\.labels: Invalid value: "a\/b\/c": a qualified name must consist of/);
  assert.equal(finding.path, 'metadata.labels');
  assert.equal(finding.text, 'a/b/c');
});

test('a label value that starts with a hyphen is placed on the value', () => {
  const finding = onlyFinding(configMap('  name: c\n  labels: {tier: -web}'));
  assert.match(finding.message, /^metadata\.labels: Invalid value: "-web": a valid label must be an empty string or consist of/);
  assert.equal(finding.text, '-web');
});

test('an empty label value and a prefixed key are valid', () => {
  assert.deepEqual(checkText(configMap('  name: c\n  labels: {app.kubernetes.io/name: web, empty: ""}')).findings, []);
});

test('annotation keys are checked in lower case, so upper-case keys pass', () => {
  assert.deepEqual(checkText(configMap('  name: c\n  annotations: {Example.COM/Owner: team}')).findings, []);
});

test('annotations over 256 KiB in total are too long', () => {
  const big = 'x'.repeat(262_144);
  const finding = onlyFinding(configMap(`  name: c\n  annotations: {note: "${big}"}`));
  assert.equal(finding.rule, 'annotations');
  assert.equal(finding.message, 'metadata.annotations: Too long: may not be more than 262144 bytes');
});

test('an object that does not decode is not validated further', () => {
  const findings = checkText(configMap('  name: Bad_Name\n  labelz: {}')).findings;
  assert.deepEqual(
    findings.map((f) => f.rule),
    ['unknown-field'],
  );
});
