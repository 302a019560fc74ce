/** Rule severities and suppressions in the language server: `kubeplan.rules`, `.kubeplan.yaml`, annotations, comments. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { fileUri, LspClient, Severity, type StartOptions } from './lsp-client';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-lsp-rules-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const BAD_NAME = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n';

async function withServer(t: TestContext, options: StartOptions, body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start(options);
  t.after(() => client.stop());
  await body(client);
}

async function diagnosticsOf(client: LspClient, uri: string, text: string): Promise<{ code?: string | number; severity?: number }[]> {
  const published = client.nextDiagnostics(uri);
  client.open(uri, text);
  return (await published).diagnostics.map(({ code, severity }) => ({ code, severity }));
}

test('kubeplan.rules sets the severity of a rule', (t) =>
  withServer(t, { settings: { rules: { 'object-name': 'warning' } } }, async (client) => {
    assert.deepEqual(await diagnosticsOf(client, 'file:///w/a.yaml', BAD_NAME), [{ code: 'object-name', severity: Severity.Warning }]);
  }));

test('kubeplan.rules turns a best-practice rule on', (t) =>
  withServer(t, { settings: { rules: { 'image-tag': 'information' } } }, async (client) => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web, image: nginx}]\n';
    assert.deepEqual(await diagnosticsOf(client, 'file:///w/pod.yaml', pod), [{ code: 'image-tag', severity: Severity.Information }]);
  }));

test('the workspace .kubeplan.yaml applies, and kubeplan.rules overrides it rule by rule', (t) => {
  const folder = fs.mkdtempSync(path.join(scratch, 'ws-'));
  fs.writeFileSync(path.join(folder, '.kubeplan.yaml'), 'rules:\n  object-name: information\n  labels: off\n');
  const labelled = BAD_NAME + '  labels: {"bad key!": x}\n';
  return withServer(t, { workspaceFolders: [folder] }, async (client) => {
    assert.deepEqual(await diagnosticsOf(client, fileUri(path.join(folder, 'a.yaml')), labelled), [{ code: 'object-name', severity: Severity.Information }]);
    const revalidated = client.nextDiagnostics(fileUri(path.join(folder, 'a.yaml')));
    client.changeSettings({ rules: { 'object-name': 'error' } });
    assert.deepEqual(
      (await revalidated).diagnostics.map(({ code, severity }) => ({ code, severity })),
      [{ code: 'object-name', severity: Severity.Error }],
    );
  });
});

test('an unknown rule id in kubeplan.rules is shown as a warning, and the rest applies', (t) =>
  withServer(t, { settings: { rules: { 'no-such-rule': 'off', 'object-name': 'off' } } }, async (client) => {
    assert.deepEqual(await diagnosticsOf(client, 'file:///w/a.yaml', BAD_NAME), []);
    const warning = client.shownMessages.find((m) => m.message.includes('no-such-rule'));
    assert.equal(warning?.type, 2);
    assert.match(warning!.message, /kubeplan\.rules: unknown rule "no-such-rule"; ignored/);
  }));

test('a malformed .kubeplan.yaml is shown as a warning and diagnostics still arrive', (t) => {
  const folder = fs.mkdtempSync(path.join(scratch, 'ws-'));
  fs.writeFileSync(path.join(folder, '.kubeplan.yaml'), 'rules: [object-name]\n');
  return withServer(t, { workspaceFolders: [folder] }, async (client) => {
    assert.deepEqual(await diagnosticsOf(client, fileUri(path.join(folder, 'a.yaml')), BAD_NAME), [{ code: 'object-name', severity: Severity.Error }]);
    assert.ok(
      client.shownMessages.some((m) => m.type === 2 && /\.kubeplan\.yaml: "rules" must map rule ids to severities/.test(m.message)),
      JSON.stringify(client.shownMessages),
    );
  });
});

test('the kubeplan.dev/ignore annotation and a kubeplan-ignore comment suppress diagnostics', (t) =>
  withServer(t, {}, async (client) => {
    const annotated = BAD_NAME + '  annotations: {kubeplan.dev/ignore: object-name}\n';
    assert.deepEqual(await diagnosticsOf(client, 'file:///w/annotated.yaml', annotated), []);
    const commented = BAD_NAME.replace('  name:', '  # kubeplan-ignore object-name\n  name:');
    assert.deepEqual(await diagnosticsOf(client, 'file:///w/commented.yaml', commented), []);
  }));

test('an edited .kubeplan.yaml re-validates open documents with its new severities', (t) => {
  const folder = fs.mkdtempSync(path.join(scratch, 'ws-'));
  const config = path.join(folder, '.kubeplan.yaml');
  fs.writeFileSync(config, 'rules: {object-name: warning}\n');
  return withServer(t, { workspaceFolders: [folder] }, async (client) => {
    const uri = fileUri(path.join(folder, 'a.yaml'));
    assert.deepEqual(await diagnosticsOf(client, uri, BAD_NAME), [{ code: 'object-name', severity: Severity.Warning }]);
    fs.writeFileSync(config, 'rules: {object-name: off}\n');
    const revalidated = client.nextDiagnostics(uri);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(config), type: 2 }] });
    assert.deepEqual((await revalidated).diagnostics, []);
  });
});
