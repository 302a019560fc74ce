/**
 * `kubeplan.diagnostics.scope: workspace`: the findings of manifests on disk that are not open are published, kept
 * current as the files change on disk, and cleared when a file goes or the scope is set back to `open`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileUri, LspClient, Severity } from './lsp-client';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n';
// A misspelt top-level field: the API server's strict field validation rejects it, in the words of apimachinery's
// pkg/runtime/error.go strictDecodingError.Error (`strict decoding error: ` and the unknown fields).
const MISSPELT = CONFIG_MAP.replace('\ndata:', '\ndta:');

async function workspaceWith(t: TestContext, files: Record<string, string>, settings: Record<string, unknown>): Promise<{ client: LspClient; root: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-scope-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  const client = await LspClient.start({ workspaceFolders: [root], settings });
  t.after(() => client.stop());
  return { client, root };
}

test('with scope workspace, the error of a file on disk that is not open is published', async (t) => {
  const { client, root } = await workspaceWith(t, { 'bad.yaml': MISSPELT }, { diagnostics: { scope: 'workspace' } });
  const published = await client.nextDiagnostics(fileUri(path.join(root, 'bad.yaml')));
  assert.deepEqual(
    published.diagnostics.map((diagnostic) => [diagnostic.range.start.line, diagnostic.severity, diagnostic.message]),
    // The suggestion after the semicolon is kubeplan's (schema-findings.ts), which code actions offer as a fix.
    [[4, Severity.Error, 'strict decoding error: unknown field "dta"; did you mean "data"?']],
  );
});

test('with scope workspace, a file fixed on disk has its diagnostics cleared', async (t) => {
  const { client, root } = await workspaceWith(t, { 'bad.yaml': MISSPELT }, { diagnostics: { scope: 'workspace' } });
  const file = path.join(root, 'bad.yaml');
  assert.equal((await client.nextDiagnostics(fileUri(file))).diagnostics.length, 1);
  const cleared = client.nextDiagnostics(fileUri(file));
  fs.writeFileSync(file, CONFIG_MAP);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 2 }] });
  assert.deepEqual((await cleared).diagnostics, []);
});

test('with scope workspace, a file deleted on disk has its diagnostics cleared', async (t) => {
  const { client, root } = await workspaceWith(t, { 'bad.yaml': MISSPELT }, { diagnostics: { scope: 'workspace' } });
  const file = path.join(root, 'bad.yaml');
  assert.equal((await client.nextDiagnostics(fileUri(file))).diagnostics.length, 1);
  const cleared = client.nextDiagnostics(fileUri(file));
  fs.rmSync(file);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 3 }] });
  assert.deepEqual((await cleared).diagnostics, []);
});

test('setting the scope back to open clears the diagnostics of files that are not open', async (t) => {
  const { client, root } = await workspaceWith(t, { 'bad.yaml': MISSPELT }, { diagnostics: { scope: 'workspace' } });
  const file = path.join(root, 'bad.yaml');
  assert.equal((await client.nextDiagnostics(fileUri(file))).diagnostics.length, 1);
  const cleared = client.nextDiagnostics(fileUri(file));
  client.changeSettings({ diagnostics: { scope: 'open' } });
  assert.deepEqual((await cleared).diagnostics, []);
});

test('setting the scope to workspace publishes the files on disk the index has read', async (t) => {
  const { client, root } = await workspaceWith(t, { 'bad.yaml': MISSPELT }, {});
  const file = path.join(root, 'bad.yaml');
  // The index has read the workspace once a definition in another file can be found; nothing was published for it.
  const other = fileUri(path.join(root, 'open.yaml'));
  const opened = client.nextDiagnostics(other);
  client.open(other, CONFIG_MAP);
  await opened;
  const published = client.nextDiagnostics(fileUri(file));
  client.changeSettings({ diagnostics: { scope: 'workspace' } });
  assert.equal((await published).diagnostics.length, 1);
  assert.equal(client.published.filter((entry) => entry.uri === fileUri(file)).length, 1);
});

test('with scope workspace, an open document keeps its own diagnostics, not those of its file on disk', async (t) => {
  const { client, root } = await workspaceWith(t, { 'bad.yaml': MISSPELT }, { diagnostics: { scope: 'workspace' } });
  const uri = fileUri(path.join(root, 'bad.yaml'));
  assert.equal((await client.nextDiagnostics(uri)).diagnostics.length, 1);
  const fixed = client.nextDiagnostics(uri);
  client.open(uri, CONFIG_MAP);
  assert.deepEqual((await fixed).diagnostics, []);
  // The file changing on disk is not checked while it is open: the editor's text is what counts.
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
  await assert.rejects(client.nextDiagnostics(uri, { timeoutMs: 1000 }));
});
