import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileUri, LspClient } from './lsp-client';

const FILES = 100;
const DEPLOYMENTS_PER_FILE = 20;

function deployment(file: number, index: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${file}-${index}
spec:
  selector:
    matchLabels: {app: app-${file}-${index}}
  template:
    metadata:
      labels: {app: app-${file}-${index}}
    spec:
      containers:
        - name: main
          image: registry.example/app:${index}
`;
}

function generatedWorkspace(t: TestContext): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-workspace-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  for (let file = 0; file < FILES; file++) {
    const documents = Array.from({ length: DEPLOYMENTS_PER_FILE }, (_, index) => deployment(file, index));
    fs.mkdirSync(path.join(root, `service-${file % 10}`), { recursive: true });
    fs.writeFileSync(path.join(root, `service-${file % 10}`, `apps-${file}.yaml`), documents.join('---\n'));
  }
  return root;
}

test('indexing a large workspace in the background does not hold back diagnostics for an open document', async (t) => {
  const root = generatedWorkspace(t);
  const client = await LspClient.start({ workspaceFolders: [root] });
  t.after(() => client.stop());

  const uri = fileUri(path.join(root, 'open.yaml'));
  const first = client.nextDiagnostics(uri);
  client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndta: {}\n');
  assert.equal((await first).diagnostics.length, 1);

  // Edits while the index is still reading the workspace are answered as quickly as ever.
  const latencies: number[] = [];
  for (let version = 2; version <= 11; version++) {
    const next = client.nextDiagnostics(uri, { version });
    const startedAt = performance.now();
    client.change(uri, version, { start: { line: 4, character: 1 }, end: { line: 4, character: version % 2 === 0 ? 1 : 2 } }, version % 2 === 0 ? 'a' : '');
    await next;
    latencies.push(performance.now() - startedAt);
  }
  t.diagnostic(`edit→diagnostics while indexing: max ${Math.max(...latencies).toFixed(1)} ms`);
  assert.ok(Math.max(...latencies) < 250, `slowest edit took ${Math.max(...latencies).toFixed(0)} ms`);

  const summary = (await client.logged(/^indexed /, 30_000)).message;
  t.diagnostic(summary);
  assert.match(summary, new RegExp(`^indexed ${FILES * DEPLOYMENTS_PER_FILE} objects in ${FILES} files`));
});

test('Secret values never appear in the server log', async (t) => {
  const client = await LspClient.start();
  t.after(() => client.stop());
  const secretValue = 'hunter2-do-not-log';
  const uri = 'file:///workspace/secret.yaml';
  const next = client.nextDiagnostics(uri);
  client.open(uri, `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\nstringData:\n  password: ${secretValue}\ndata:\n  token: ${secretValue}\n`);
  await next;
  await client.stop();
  assert.ok(client.logMessages.length > 0, 'the server logged something');
  for (const message of client.logMessages) assert.ok(!message.message.includes(secretValue), `log message leaks the value: ${message.message}`);
});
