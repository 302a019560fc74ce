/**
 * The `kubeplan.crds` setting: CustomResourceDefinitions outside the manifests validate the custom resources of open
 * documents, and are read again when their file changes. The messages are the API server's for a custom resource
 * (apiextensions-apiserver pkg/apiserver/validation/validation.go ValidateCustomResource: kube-openapi's minIncFail,
 * "%s in %s should be greater than or equal to %v", as a field.Invalid).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { fileUri, LspClient, type PublishedDiagnostics } from './lsp-client';
import { fixturesDir } from '../helpers/repo-paths';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-lsp-crds-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const CRD = fs.readFileSync(path.join(fixturesDir, 'crds', 'folder', 'widgets.example.com.yaml'), 'utf8');
const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: small\nspec:\n  size: 0\n';

function workspace(): string {
  const root = fs.mkdtempSync(path.join(scratch, 'ws-'));
  fs.mkdirSync(path.join(root, 'schemas'));
  fs.writeFileSync(path.join(root, 'schemas', 'widgets.yaml'), CRD);
  fs.writeFileSync(path.join(root, 'widget.yaml'), WIDGET);
  return root;
}

async function until(client: LspClient, uri: string, accept: (published: PublishedDiagnostics) => boolean, timeoutMs = 15_000): Promise<PublishedDiagnostics> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const published = await client.nextDiagnostics(uri, { timeoutMs: Math.max(1, deadline - Date.now()) });
    if (accept(published)) return published;
  }
}

const summary = (published: PublishedDiagnostics) => published.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.message]);

async function start(t: TestContext, root: string, settings: Record<string, unknown>): Promise<LspClient> {
  const client = await LspClient.start({ workspaceFolders: [root], settings });
  t.after(() => client.stop());
  return client;
}

test('a custom resource is validated against a CRD the kubeplan.crds setting names', async (t) => {
  const root = workspace();
  // The CRD's folder is excluded from the workspace's files: it counts only through the setting.
  const client = await start(t, root, { crds: ['schemas/widgets.yaml'], files: { exclude: ['schemas/**'] } });
  const uri = fileUri(path.join(root, 'widget.yaml'));
  const validated = until(client, uri, (published) => published.diagnostics.some((d) => d.code === 'custom-resource-schema'));
  client.open(uri, WIDGET);
  assert.deepEqual(summary(await validated), [['custom-resource-schema', 1, 5, 8, 'spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1']]);
});

test('without the setting the custom resource gets the no-schema hint, and setting a glob validates it', async (t) => {
  const root = workspace();
  const client = await start(t, root, { files: { exclude: ['schemas/**'] } });
  const uri = fileUri(path.join(root, 'widget.yaml'));
  const hinted = until(client, uri, (published) => published.diagnostics.length > 0);
  client.open(uri, WIDGET);
  assert.deepEqual(summary(await hinted), [
    [
      'no-schema',
      4,
      1,
      6,
      'no CustomResourceDefinition is known for kind Widget in example.com/v1, so it is not validated: add the CRD to the inputs, or give it with --crds (kubeplan.crds in VS Code)',
    ],
  ]);
  const validated = until(client, uri, (published) => published.diagnostics.some((d) => d.code === 'custom-resource-schema'));
  client.changeSettings({ crds: ['schemas/*.yaml'], files: { exclude: ['schemas/**'] } });
  assert.deepEqual(
    summary(await validated).map((d) => d[0]),
    ['custom-resource-schema'],
  );
});

test('a CRD file of the setting that changes on disk is read again', async (t) => {
  const root = workspace();
  const client = await start(t, root, { crds: ['schemas'], files: { exclude: ['schemas/**'] } });
  const uri = fileUri(path.join(root, 'widget.yaml'));
  const validated = until(client, uri, (published) => published.diagnostics.some((d) => d.code === 'custom-resource-schema'));
  client.open(uri, WIDGET);
  await validated;
  const crdFile = path.join(root, 'schemas', 'widgets.yaml');
  fs.writeFileSync(crdFile, CRD.replace('minimum: 1', 'minimum: 0'));
  const cleared = until(client, uri, (published) => published.diagnostics.length === 0);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(crdFile), type: 2 }] });
  await cleared;
});

/** The hover on `spec.size` of a Widget: the CRD's integer type, `required` and its `minimum`. */
const SIZE_HOVER = '**size** `<integer>` · required\n\n`spec.size` in Widget (example.com/v1)\n\nMinimum: `1`';

async function validated(client: LspClient, uri: string, text: string): Promise<void> {
  const checked = until(client, uri, (published) => published.diagnostics.some((d) => d.code === 'custom-resource-schema'));
  client.open(uri, text);
  await checked;
}

test('hover and completion in a custom resource read the CRD the kubeplan.crds setting names', async (t) => {
  const root = workspace();
  const client = await start(t, root, { crds: ['schemas/widgets.yaml'], files: { exclude: ['schemas/**'] } });
  const uri = fileUri(path.join(root, 'widget.yaml'));
  const text = `${WIDGET}  color: \n`;
  await validated(client, uri, text);
  const hover = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 3 } })) as { contents: { value: string } } | null;
  assert.equal(hover?.contents.value, SIZE_HOVER);
  const items = (await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 9 } })) as { label: string }[];
  assert.deepEqual(
    items.map((item) => item.label),
    ['red', 'blue'],
  );
});

test('hover in a custom resource reads a CRD among the workspace files', async (t) => {
  const root = workspace();
  const client = await start(t, root, {});
  const uri = fileUri(path.join(root, 'widget.yaml'));
  await validated(client, uri, WIDGET);
  const hover = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 3 } })) as { contents: { value: string } } | null;
  assert.equal(hover?.contents.value, SIZE_HOVER);
});
