/** Hover over the real stdio server: documentation on keys, computed explanations on values, Markdown ranges. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { fileUri, LspClient, type Position, type Range, type StartOptions } from './lsp-client';

interface HoverResult {
  contents: { kind: string; value: string };
  range: Range;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 10
  strategy:
    rollingUpdate:
      maxSurge: 25%
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{name: http, containerPort: 8080}]
          resources:
            requests: {memory: 1.5Gi, cpu: 500m}
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: http
`;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-hover-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function withServer(t: TestContext, options: StartOptions, body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start(options);
  t.after(() => client.stop());
  await body(client);
}

async function hover(client: LspClient, uri: string, position: Position): Promise<HoverResult | null> {
  return (await client.request('textDocument/hover', { textDocument: { uri }, position })) as HoverResult | null;
}

/** Opens a document and waits until the server has validated it, so that the workspace index holds it. */
async function open(client: LspClient, uri: string, text: string): Promise<void> {
  const validated = client.nextDiagnostics(uri);
  client.open(uri, text);
  await validated;
}

test('a key shows its field documentation with type, default and range', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/deployment.yaml';
    await open(client, uri, DEPLOYMENT);
    const result = await hover(client, uri, { line: 5, character: 4 });
    assert.ok(result);
    assert.equal(result.contents.kind, 'markdown');
    assert.match(result.contents.value, /^\*\*replicas\*\* `<integer>`/);
    assert.match(result.contents.value, /Default: `1`/);
    assert.deepEqual(result.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 10 } });
  }));

test('a maxSurge value shows the bounds resolved against the replicas', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/deployment.yaml';
    await open(client, uri, DEPLOYMENT);
    const result = await hover(client, uri, { line: 8, character: 17 });
    assert.ok(result);
    assert.match(result.contents.value, /maxSurge `25%` of 10 replicas → 3 \(rounded up\): at most 13 pods during a rollout/);
    assert.match(result.contents.value, /maxUnavailable `25%` \(default\) of 10 replicas → 2 \(rounded down\): at least 8 available/);
    assert.deepEqual(result.range, { start: { line: 8, character: 16 }, end: { line: 8, character: 19 } });
  }));

test('a memory request shows its bytes', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/deployment.yaml';
    await open(client, uri, DEPLOYMENT);
    const result = await hover(client, uri, { line: 20, character: 32 });
    assert.ok(result);
    assert.match(result.contents.value, /`1\.5Gi` = 1536Mi = 1,610,612,736 bytes/);
  }));

test('a Service targetPort resolves to the container port of a Deployment in another file', (t) => {
  const folder = fs.mkdtempSync(path.join(scratch, 'workspace-'));
  fs.writeFileSync(path.join(folder, 'deployment.yaml'), DEPLOYMENT);
  return withServer(t, { workspaceFolders: [folder] }, async (client) => {
    const uri = fileUri(path.join(folder, 'service.yaml'));
    fs.writeFileSync(path.join(folder, 'service.yaml'), SERVICE);
    await open(client, uri, SERVICE);
    // The file on disk is read by the index in the background; ask until it has been.
    let text = '';
    for (let attempt = 0; attempt < 50 && !text.includes('Deployment/web'); attempt++) {
      text = (await hover(client, uri, { line: 8, character: 20 }))?.contents.value ?? '';
      if (!text.includes('Deployment/web')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(text, /- Deployment\/web: container `web` port 8080 \(`http`\)/);
  });
});

test('a document with errors, in a file with a broken document, still hovers', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/broken.yaml';
    const broken = `apiVersion: v1\nkind: ConfigMap\ndata: {a: [1\n---\n${DEPLOYMENT.replace('replicas: 10', 'replica: 10')}`;
    await open(client, uri, broken);
    const result = await hover(client, uri, { line: 21, character: 18 });
    assert.ok(result);
    assert.match(result.contents.value, /^\*\*Image\*\* `nginx:1\.27`/);
    assert.match(result.contents.value, /imagePullPolicy: `IfNotPresent`/);
  }));

test('blank space and unknown kinds get no hover', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/mixed.yaml';
    await open(client, uri, `${DEPLOYMENT}\n---\napiVersion: example.com/v1\nkind: Widget\nspec: {size: 3}\n`);
    assert.equal(await hover(client, uri, { line: 3, character: 0 }), null);
    assert.equal(await hover(client, uri, { line: 25, character: 8 }), null);
  }));

test('Secret values are revealed only with kubeplan.hover.revealSecrets', (t) =>
  withServer(t, { settings: { hover: { revealSecrets: true } } }, async (client) => {
    const uri = 'file:///workspace/secret.yaml';
    await open(client, uri, 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: aGVsbG8=\n');
    const revealed = await hover(client, uri, { line: 4, character: 14 });
    assert.match(revealed?.contents.value ?? '', /valid base64, 5 bytes decoded\n\nDecoded:\n```\nhello\n```/);
    const changed = client.nextDiagnostics(uri);
    client.changeSettings({ hover: { revealSecrets: false } });
    await changed;
    const hidden = await hover(client, uri, { line: 4, character: 14 });
    assert.match(hidden?.contents.value ?? '', /valid base64, 5 bytes decoded/);
    assert.doesNotMatch(hidden?.contents.value ?? '', /hello/);
  }));
