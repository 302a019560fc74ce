/** The editor checks a document a kustomization lists as a patch as a strategic-merge patch: nothing is required of it. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-lsp-patches-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const REPLICAS_PATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';

test('an open patch document listed by the kustomization on disk beside it gets no Required value', async (t) => {
  const root = fs.mkdtempSync(path.join(scratch, 'ws-'));
  fs.writeFileSync(path.join(root, 'kustomization.yaml'), 'resources: [../base]\npatches:\n  - path: replicas.yaml\n');
  fs.writeFileSync(path.join(root, 'replicas.yaml'), REPLICAS_PATCH);
  const client = await LspClient.start({ workspaceFolders: [root] });
  t.after(() => client.stop());
  const uri = pathToFileURL(path.join(root, 'replicas.yaml')).href;
  const next = client.nextDiagnostics(uri);
  client.open(uri, REPLICAS_PATCH);
  assert.deepEqual((await next).diagnostics, []);
});

test('the same document that no kustomization lists is an object, and its required fields are missing', async (t) => {
  const root = fs.mkdtempSync(path.join(scratch, 'ws-'));
  fs.writeFileSync(path.join(root, 'replicas.yaml'), REPLICAS_PATCH);
  const client = await LspClient.start({ workspaceFolders: [root] });
  t.after(() => client.stop());
  const uri = pathToFileURL(path.join(root, 'replicas.yaml')).href;
  const next = client.nextDiagnostics(uri);
  client.open(uri, REPLICAS_PATCH);
  assert.deepEqual(
    (await next).diagnostics.map((diagnostic) => diagnostic.message),
    ['spec.selector: Required value', 'spec.template: Required value'],
  );
});
