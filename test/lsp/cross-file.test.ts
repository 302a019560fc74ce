/** Cross-object findings in the language server: a Service in one file, the Deployment it should select in another. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { fileUri, LspClient, type PublishedDiagnostics } from './lsp-client';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-lsp-cross-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';
const deployment = (app: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: ${app}}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec:\n      containers: [{name: app, image: nginx:1.27}]\n`;

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(scratch, 'ws-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  return root;
}

async function start(t: TestContext, root: string): Promise<LspClient> {
  const client = await LspClient.start({ workspaceFolders: [root] });
  t.after(() => client.stop());
  return client;
}

/** Diagnostics published for `uri` until one set satisfies `accept`. */
async function until(client: LspClient, uri: string, accept: (published: PublishedDiagnostics) => boolean, timeoutMs = 15_000): Promise<PublishedDiagnostics> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const published = await client.nextDiagnostics(uri, { timeoutMs: Math.max(1, deadline - Date.now()) });
    if (accept(published)) return published;
  }
}

const codes = (published: PublishedDiagnostics): unknown[] => published.diagnostics.map((diagnostic) => diagnostic.code);

test('a Service selecting no pods of a Deployment on disk is warned about, and the warning goes when that file is fixed', async (t) => {
  const root = workspace({ 'service.yaml': SERVICE, 'deployment.yaml': deployment('api') });
  const client = await start(t, root);
  const uri = fileUri(path.join(root, 'service.yaml'));
  const warned = until(client, uri, (published) => codes(published).includes('service-selects-nothing'));
  client.open(uri, SERVICE);
  const warning = (await warned).diagnostics.find((diagnostic) => diagnostic.code === 'service-selects-nothing')!;
  assert.equal(warning.severity, 2);
  assert.equal(warning.range.start.line, 4);

  const cleared = until(client, uri, (published) => codes(published).length === 0);
  fs.writeFileSync(path.join(root, 'deployment.yaml'), deployment('web'));
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(root, 'deployment.yaml')), type: 2 }] });
  await cleared;
});

test('editing the Deployment in another open document refreshes the Service document', async (t) => {
  const root = workspace({ 'service.yaml': SERVICE, 'deployment.yaml': deployment('api') });
  const client = await start(t, root);
  const serviceUri = fileUri(path.join(root, 'service.yaml'));
  const deploymentUri = fileUri(path.join(root, 'deployment.yaml'));
  const warned = until(client, serviceUri, (published) => codes(published).includes('service-selects-nothing'));
  client.open(serviceUri, SERVICE);
  client.open(deploymentUri, deployment('api'));
  await warned;

  const cleared = until(client, serviceUri, (published) => codes(published).length === 0);
  const text = deployment('api');
  const lines = text.split('\n');
  const line = lines.findIndex((candidate) => candidate.includes('labels: {app: api}'));
  const character = lines[line]!.indexOf('api');
  client.change(deploymentUri, 2, { start: { line, character }, end: { line, character: character + 3 } }, 'web');
  const selectorLine = lines.findIndex((candidate) => candidate.includes('matchLabels'));
  const selectorCharacter = lines[selectorLine]!.indexOf('api');
  client.change(deploymentUri, 3, { start: { line: selectorLine, character: selectorCharacter }, end: { line: selectorLine, character: selectorCharacter + 3 } }, 'web');
  await cleared;
});

// A document with a YAML syntax error holds no object, yet the pods it was written for may be what a Service selects.
// Which pods a Service selects is upstream's (pkg/controller/endpointslice: pods of its namespace whose labels match
// the selector, staging/src/k8s.io/apimachinery/pkg/labels/selector.go); what is said while a document cannot be read
// is kubeplan's rule (docs/rules/cross-object.md, target-in-unreadable-document).
const API = deployment('api').replace('metadata: {name: web}', 'metadata: {name: api}');
/** The Deployment with `kind` missing its colon: nothing of it can be read as an object of any kind. */
const KINDLESS = deployment('web').replace('kind: Deployment', 'kind Deployment');

test('while the Deployment in the same open document cannot be read, its Service gets an information note, and no finding once it is repaired', async (t) => {
  const root = workspace({ 'api.yaml': API });
  const client = await start(t, root);
  const uri = fileUri(path.join(root, 'all.yaml'));
  const text = `${KINDLESS}---\n${SERVICE}`;
  const noted = until(client, uri, (published) => codes(published).includes('target-in-unreadable-document'));
  client.open(uri, text);
  const published = await noted;
  assert.ok(!codes(published).includes('service-selects-nothing'));
  const note = published.diagnostics.find((diagnostic) => diagnostic.code === 'target-in-unreadable-document')!;
  assert.equal(note.severity, 3);
  assert.match(note.message, /the pods Service "web" selects may be in the document at line 1 of this file/);

  const repaired = until(client, uri, (next) => codes(next).length === 0);
  client.change(uri, 2, { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } }, 'kind:');
  await repaired;
});

test('a Service beside a Deployment on disk that cannot be read is not warned about, and is once the file is repaired with other labels', async (t) => {
  const brokenByTab = deployment('web').replace('    spec:\n      containers:', '    spec:\n\tcontainers:');
  const root = workspace({ 'api.yaml': API, 'deployment.yaml': brokenByTab });
  const client = await start(t, root);
  const uri = fileUri(path.join(root, 'service.yaml'));
  // Before the index has read both files the Service is quiet whatever the rule does: it waits for the server's
  // summary of its first reading of the workspace, so that the Service's first diagnostics see both files.
  assert.match((await client.logged(/^indexed /, 15_000)).message, /^indexed 1 object in 2 files/);
  // The tab comes after the pod labels, which are read whole and match: nothing is said about the Service.
  const first = client.nextDiagnostics(uri, { version: 1 });
  client.open(uri, SERVICE);
  assert.deepEqual(codes(await first), []);

  const warned = until(client, uri, (published) => codes(published).includes('service-selects-nothing'));
  fs.writeFileSync(path.join(root, 'deployment.yaml'), deployment('other'));
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(root, 'deployment.yaml')), type: 2 }] });
  await warned;
});
