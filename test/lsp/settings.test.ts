import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { LspClient, Severity, type StartOptions } from './lsp-client';

/** Pod-level resources exist from Kubernetes 1.32 on; 1.30 rejects the field. */
const POD_WITH_POD_LEVEL_RESOURCES = `apiVersion: v1
kind: Pod
metadata:
  name: batch
spec:
  resources:
    limits: {cpu: "1"}
  containers:
    - name: main
      image: busybox:1.36
`;

const UNKNOWN_FIELD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndta: {}\n';

async function withServer(t: TestContext, options: StartOptions, body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start(options);
  t.after(() => client.stop());
  await body(client);
}

test('changing kubernetesVersion re-validates open documents against that version', (t) =>
  withServer(t, { settings: { kubernetesVersion: '1.36' } }, async (client) => {
    const uri = 'file:///workspace/pod.yaml';
    const opened = client.nextDiagnostics(uri);
    client.open(uri, POD_WITH_POD_LEVEL_RESOURCES);
    assert.deepEqual((await opened).diagnostics, []);

    const revalidated = client.nextDiagnostics(uri);
    client.changeSettings({ kubernetesVersion: '1.30' });
    const { diagnostics } = await revalidated;
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, 'unknown-field');
    assert.match(diagnostics[0]!.message, /unknown field "spec\.resources"/);
    assert.deepEqual(diagnostics[0]!.range.start, { line: 5, character: 2 });
  }));

test('an unsupported kubernetesVersion is reported with the supported versions, and the default is used', (t) =>
  withServer(t, { settings: { kubernetesVersion: '1.99' } }, async (client) => {
    const shown = client.nextShownMessage();
    const uri = 'file:///workspace/pod.yaml';
    const opened = client.nextDiagnostics(uri);
    client.open(uri, POD_WITH_POD_LEVEL_RESOURCES);
    const message = await shown;
    assert.equal(message.type, 2 /* Warning */);
    assert.match(message.message, /Kubernetes 1\.99/);
    assert.match(message.message, /1\.30, 1\.32, 1\.33, 1\.34, 1\.36/);
    assert.deepEqual((await opened).diagnostics, [], 'validated against the default version, which knows pod-level resources');
  }));

test('enable=false clears diagnostics, and enabling again brings them back', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/config.yaml';
    const opened = client.nextDiagnostics(uri);
    client.open(uri, UNKNOWN_FIELD);
    assert.equal((await opened).diagnostics.length, 1);

    const cleared = client.nextDiagnostics(uri);
    client.changeSettings({ enable: false });
    assert.deepEqual((await cleared).diagnostics, []);

    const restored = client.nextDiagnostics(uri);
    client.changeSettings({ enable: true });
    assert.equal((await restored).diagnostics.length, 1);
  }));

test('a document excluded by files.exclude gets no diagnostics', (t) =>
  withServer(t, { settings: { files: { exclude: ['**/generated/**'] } } }, async (client) => {
    const excluded = 'file:///workspace/generated/config.yaml';
    const included = 'file:///workspace/config.yaml';
    const excludedResult = client.nextDiagnostics(excluded);
    const includedResult = client.nextDiagnostics(included);
    client.open(excluded, UNKNOWN_FIELD);
    client.open(included, UNKNOWN_FIELD);
    assert.deepEqual((await excludedResult).diagnostics, []);
    assert.equal((await includedResult).diagnostics[0]!.severity, Severity.Error);
  }));

test('files.include globs are relative to the workspace folder, and documents outside them get no diagnostics', (t) =>
  withServer(t, { workspaceFolders: ['/workspace'], settings: { files: { include: ['k8s/**/*.yaml'] } } }, async (client) => {
    const outside = 'file:///workspace/other/config.yaml';
    const inside = 'file:///workspace/k8s/app/config.yaml';
    const outsideResult = client.nextDiagnostics(outside);
    const insideResult = client.nextDiagnostics(inside);
    client.open(outside, UNKNOWN_FIELD);
    client.open(inside, UNKNOWN_FIELD);
    assert.deepEqual((await outsideResult).diagnostics, []);
    assert.equal((await insideResult).diagnostics.length, 1);
  }));

test('a client that never answers workspace/configuration still gets diagnostics, with the default settings', (t) =>
  withServer(t, { answersConfiguration: false }, async (client) => {
    const uri = 'file:///workspace/settings.yaml';
    const published = client.nextDiagnostics(uri);
    client.open(uri, UNKNOWN_FIELD);
    const { diagnostics } = await published;
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0]!.message, /unknown field "dta"; did you mean "data"\?/);
  }));

test('settings sent as initializationOptions apply at once, before workspace/configuration is answered', (t) =>
  withServer(t, { answersConfiguration: false, initializationOptions: { settings: { kubernetesVersion: '1.30' } } }, async (client) => {
    const uri = 'file:///workspace/pod.yaml';
    const published = client.nextDiagnostics(uri);
    client.open(uri, POD_WITH_POD_LEVEL_RESOURCES);
    const { diagnostics } = await published;
    // Without them the server would wait for the answer, give up, and validate against the default version (no error).
    assert.equal(diagnostics.length, 1, 'validated against 1.30, which rejects pod-level resources');
  }));
