/** ConfigMap and Secret validation: keys, size, and the keys each Secret type requires. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

const configMap = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n${body}`;
const secret = (body: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n${body}`;
const b64 = (text: string) => Buffer.from(text).toString('base64');

test('ConfigMap keys with dots, dashes and underscores are accepted', () => {
  assert.deepEqual(checkText(configMap('data: {app.properties: "a=1", LOG_LEVEL: debug, my-key: x}\n')).findings, []);
});

test('a ConfigMap key with a slash is rejected on the key', () => {
  const finding = onlyFinding(configMap('data: {conf/app.yaml: "x"}\n'));
  assert.equal(finding.rule, 'config-keys');
  assert.equal(
    finding.message,
    "data[conf/app.yaml]: Invalid value: \"conf/app.yaml\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  );
  assert.equal(finding.text, 'conf/app.yaml');
});

test('a key in both data and binaryData is a duplicate', () => {
  const finding = onlyFinding(configMap(`data: {logo: x}\nbinaryData: {logo: ${b64('x')}}\n`));
  assert.equal(finding.message, 'data[logo]: Invalid value: "logo": duplicate of key present in binaryData');
  assert.equal(finding.line, 4);
});

test('a ConfigMap over 1 MiB is too long on the whole object, which the API server prints as []', () => {
  const finding = onlyFinding(configMap(`data:\n  a: "${'x'.repeat(600_000)}"\n  b: "${'x'.repeat(600_000)}"\n`));
  assert.equal(finding.rule, 'config-size');
  assert.equal(finding.message, '[]: Too long: may not be more than 1048576 bytes');
  assert.equal(finding.text, 'data');
});

test('a ConfigMap of exactly 1 MiB is accepted', () => {
  assert.deepEqual(checkText(configMap(`data:\n  a: "${'x'.repeat(1_048_576)}"\n`)).findings, []);
});

test('a Secret over 1 MiB of decoded data is too long on data', () => {
  const finding = onlyFinding(secret(`data:\n  a: ${b64('x'.repeat(1_048_577))}\n`));
  assert.equal(finding.message, 'data: Too long: may not be more than 1048576 bytes');
});

test('a stringData key is validated as a data key and underlined where written', () => {
  const finding = onlyFinding(secret('stringData: {"my key": v}\n'));
  assert.match(finding.message, /^data\[my key\]: Invalid value: "my key": a valid config key must consist of/);
  assert.equal(finding.text, '"my key"');
});

test('a TLS Secret without tls.key is rejected, placed on its type', () => {
  const finding = onlyFinding(secret(`type: kubernetes.io/tls\ndata: {tls.crt: ${b64('cert')}}\n`));
  assert.equal(finding.rule, 'secret-type-keys');
  assert.equal(finding.message, 'data[tls.key]: Required value');
  assert.equal(finding.text, 'kubernetes.io/tls');
});

test('a TLS Secret whose key comes from stringData is complete', () => {
  assert.deepEqual(checkText(secret(`type: kubernetes.io/tls\ndata: {tls.crt: ${b64('cert')}}\nstringData: {tls.key: key}\n`)).findings, []);
});

test('a dockerconfigjson Secret must hold a JSON object', () => {
  const finding = onlyFinding(secret(`type: kubernetes.io/dockerconfigjson\ndata: {.dockerconfigjson: ${b64('{"auths": {}')}}\n`));
  assert.equal(finding.message, 'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input');
  const array = onlyFinding(secret(`type: kubernetes.io/dockerconfigjson\nstringData: {.dockerconfigjson: "[]"}\n`));
  assert.equal(array.message, 'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}');
  const bad = onlyFinding(secret(`type: kubernetes.io/dockerconfigjson\nstringData: {.dockerconfigjson: "{auths: 1}"}\n`));
  assert.equal(bad.message, 'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'a\' looking for beginning of object key string');
});

test('a dockerconfigjson Secret without its key is rejected', () => {
  assert.equal(onlyFinding(secret('type: kubernetes.io/dockerconfigjson\n')).message, 'data[.dockerconfigjson]: Required value');
});

test('a basic-auth Secret with neither username nor password gets both errors; an empty password is enough', () => {
  const findings = checkText(secret('type: kubernetes.io/basic-auth\nstringData: {user: x}\n')).findings;
  assert.deepEqual(
    findings.map((f) => f.message),
    ['data[username]: Required value', 'data[password]: Required value'],
  );
  assert.deepEqual(checkText(secret('type: kubernetes.io/basic-auth\nstringData: {password: ""}\n')).findings, []);
});

test('an ssh-auth Secret needs a non-empty ssh-privatekey', () => {
  assert.equal(onlyFinding(secret('type: kubernetes.io/ssh-auth\nstringData: {ssh-privatekey: ""}\n')).message, 'data[ssh-privatekey]: Required value');
});

test('a service account token Secret needs the service account annotation', () => {
  const finding = onlyFinding(secret('type: kubernetes.io/service-account-token\n'));
  assert.equal(finding.message, 'metadata.annotations[kubernetes.io/service-account.name]: Required value');
  assert.deepEqual(
    checkText('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations: {kubernetes.io/service-account.name: builder}\ntype: kubernetes.io/service-account-token\n').findings,
    [],
  );
});

test('an Opaque Secret and a custom type need no keys', () => {
  assert.deepEqual(checkText(secret('type: example.com/custom\n')).findings, []);
  assert.deepEqual(checkText(secret(`data: {password: ${b64('hunter2')}}\n`)).findings, []);
});
