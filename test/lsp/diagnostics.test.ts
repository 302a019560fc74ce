import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { LspClient, Severity, type StartOptions } from './lsp-client';

const BROKEN_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replica: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

const VALID_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: 8080
`;

async function withServer(t: TestContext, options: StartOptions, body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start(options);
  t.after(() => client.stop());
  await body(client);
}

test('an unknown field in a Deployment is reported on its key with a did-you-mean', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/deployment.yaml';
    const next = client.nextDiagnostics(uri);
    client.open(uri, BROKEN_DEPLOYMENT);
    const { diagnostics, version } = await next;
    assert.equal(version, 1);
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    assert.deepEqual(diagnostic!.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 9 } });
    assert.equal(diagnostic!.severity, Severity.Error);
    assert.equal(diagnostic!.source, 'kubeplan');
    assert.equal(diagnostic!.code, 'unknown-field');
    assert.equal(diagnostic!.message, 'strict decoding error: unknown field "spec.replica"; did you mean "replicas"?');
    assert.deepEqual((diagnostic!.data as { path: string }).path, 'spec.replica');
  }));

// pkg/kubelet/kubelet_node_status.go, initialNode: the kubelet registers its Node labelled kubernetes.io/hostname,
// kubernetes.io/os and kubernetes.io/arch; a Node of a cluster file written by hand has none of them.
test('a Node of a cluster file without the kubelet labels gets an information note on its labels', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/cluster/nodes.yaml';
    const next = client.nextDiagnostics(uri);
    client.open(uri, 'apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-1\n  labels:\n    topology.kubernetes.io/zone: eu-west-1a\n');
    const { diagnostics } = await next;
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.severity, diagnostic.range]),
      [['node-kubelet-labels', Severity.Information, { start: { line: 4, character: 2 }, end: { line: 4, character: 8 } }]],
    );
    assert.match(diagnostics[0]!.message, /^metadata\.labels: no kubernetes\.io\/hostname, kubernetes\.io\/os, kubernetes\.io\/arch labels, .* stay Pending on this Node$/);
  }));

test('a valid manifest gets an empty diagnostic list', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/service.yaml';
    const next = client.nextDiagnostics(uri);
    client.open(uri, VALID_SERVICE);
    assert.deepEqual((await next).diagnostics, []);
  }));

test('an incremental edit that fixes the error clears it', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/deployment.yaml';
    const opened = client.nextDiagnostics(uri);
    client.open(uri, BROKEN_DEPLOYMENT);
    assert.equal((await opened).diagnostics.length, 1);

    const fixed = client.nextDiagnostics(uri, { version: 2 });
    client.change(uri, 2, { start: { line: 5, character: 9 }, end: { line: 5, character: 9 } }, 's');
    assert.deepEqual((await fixed).diagnostics, []);
  }));

test('an edit that breaks a field is reported at the edited place', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/service.yaml';
    const opened = client.nextDiagnostics(uri);
    client.open(uri, VALID_SERVICE);
    await opened;

    const broken = client.nextDiagnostics(uri, { version: 2 });
    client.change(uri, 2, { start: { line: 7, character: 12 }, end: { line: 7, character: 14 } }, 'eighty');
    const { diagnostics } = await broken;
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, 'field-type');
    assert.deepEqual(diagnostics[0]!.range, { start: { line: 7, character: 12 }, end: { line: 7, character: 18 } });
    // The decoder's message names the Go field, so the field path is added for the reader.
    assert.match(diagnostics[0]!.message, /\(spec\.ports\[0\]\.port\)$/);
  }));

test('only the newest of several rapid edits is validated and published', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/deployment.yaml';
    const opened = client.nextDiagnostics(uri);
    client.open(uri, BROKEN_DEPLOYMENT);
    await opened;
    const before = client.published.length;

    const newest = client.nextDiagnostics(uri, { version: 6 });
    // Type "xyz" then delete it again, and finally fix the error: five edits in quick succession.
    client.change(uri, 2, { start: { line: 3, character: 11 }, end: { line: 3, character: 11 } }, 'x');
    client.change(uri, 3, { start: { line: 3, character: 12 }, end: { line: 3, character: 12 } }, 'y');
    client.change(uri, 4, { start: { line: 3, character: 13 }, end: { line: 3, character: 13 } }, 'z');
    client.change(uri, 5, { start: { line: 3, character: 11 }, end: { line: 3, character: 14 } }, '');
    client.change(uri, 6, { start: { line: 5, character: 9 }, end: { line: 5, character: 9 } }, 's');
    assert.deepEqual((await newest).diagnostics, []);
    assert.deepEqual(
      client.published.slice(before).map((published) => published.version),
      [6],
    );
  }));

test('YAML that is not Kubernetes (a GitHub workflow) gets no diagnostics', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/.github/workflows/ci.yml';
    const next = client.nextDiagnostics(uri);
    client.open(uri, 'name: CI\non:\n  push:\n    branches: [main]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n');
    assert.deepEqual((await next).diagnostics, []);
  }));

test('a Helm template gets exactly one information diagnostic', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/chart/templates/deployment.yaml';
    const next = client.nextDiagnostics(uri);
    client.open(uri, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n');
    const { diagnostics } = await next;
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.severity, Severity.Information);
    assert.equal(diagnostics[0]!.code, 'template-skipped');
    assert.deepEqual(diagnostics[0]!.range.start, { line: 3, character: 8 });
  }));

test('a JSON manifest is validated like YAML', (t) =>
  withServer(t, {}, async (client) => {
    const uri = 'file:///workspace/config.json';
    const next = client.nextDiagnostics(uri);
    client.open(uri, '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "settings"},\n  "dta": {"a": "b"}\n}\n', 'json');
    const { diagnostics } = await next;
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, 'unknown-field');
    assert.deepEqual(diagnostics[0]!.range.start, { line: 4, character: 2 });
  }));
