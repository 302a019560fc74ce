/** Completion over the protocol: schema keys and values while typing, object snippets, and names from files on disk. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileUri, LspClient, type Position, type Range } from './lsp-client';

interface CompletionItem {
  label: string;
  kind?: number;
  detail?: string;
  documentation?: { kind: string; value: string };
  sortText?: string;
  insertTextFormat?: number;
  textEdit?: { range: Range; newText: string };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-lsp-completion-'));
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  LOG_LEVEL: info\n';
fs.writeFileSync(path.join(scratch, 'config.yaml'), CONFIG_MAP);

let client: LspClient;
let documentNumber = 0;
before(async () => {
  client = await LspClient.start({ workspaceFolders: [scratch], snippetSupport: true });
});
after(async () => {
  await client.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Opens `marked` without its `|` and asks for completion where the `|` was. */
async function completeAt(marked: string, by = client): Promise<{ items: CompletionItem[]; position: Position }> {
  const offset = marked.lastIndexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before.at(-1)!.length };
  const uri = fileUri(path.join(scratch, `typing-${++documentNumber}.yaml`));
  by.open(uri, text);
  const items = (await by.request('textDocument/completion', { textDocument: { uri }, position })) as CompletionItem[];
  return { items, position };
}

test('a half-typed key under a Deployment spec gets the spec fields, required first, replacing the typed word', async () => {
  const { items, position } = await completeAt('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  sel|\n');
  const byOrder = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((item) => item.label);
  assert.deepEqual(byOrder.slice(0, 2), ['selector', 'template']);
  assert.ok(!byOrder.includes('replicas'));
  const selector = items.find((item) => item.label === 'selector')!;
  assert.equal(selector.detail, '<LabelSelector> (required)');
  assert.equal(selector.documentation?.kind, 'plaintext');
  assert.deepEqual(selector.textEdit, { range: { start: { line: position.line, character: 2 }, end: position }, newText: 'selector:\n  $0' });
  assert.equal(selector.insertTextFormat, 2);
});

test('imagePullPolicy offers its three values', async () => {
  const { items } = await completeAt('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      imagePullPolicy: |\n');
  assert.deepEqual(items.map((item) => item.label).sort(), ['Always', 'IfNotPresent', 'Never']);
});

test('kind offers the kinds of the apiVersion written', async () => {
  const { items } = await completeAt('apiVersion: batch/v1\nkind: |\n');
  assert.deepEqual(
    items.map((item) => item.label),
    ['CronJob', 'Job'],
  );
});

test('an empty file offers the object snippets', async () => {
  const { items } = await completeAt('|');
  const deployment = items.find((item) => item.label === 'Deployment' && item.kind === 15);
  assert.ok(deployment, 'the Deployment snippet');
  assert.match(deployment.textEdit!.newText, /^apiVersion: apps\/v1\nkind: Deployment\n/);
});

test('a configMapKeyRef offers the ConfigMaps of files on disk, then their keys', async () => {
  const head =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: busybox:1.36\n      env:\n        - name: LEVEL\n          valueFrom:\n            configMapKeyRef:\n';
  // The workspace is read in the background: ask until it has been.
  const deadline = Date.now() + 15_000;
  let names: string[] = [];
  while (Date.now() < deadline) {
    names = (await completeAt(`${head}              name: |\n`)).items.map((item) => item.label);
    if (names.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(names, ['settings']);
  const keys = (await completeAt(`${head}              name: settings\n              key: |\n`)).items;
  assert.deepEqual(
    keys.map((item) => [item.label, item.detail]),
    [['LOG_LEVEL', 'key of ConfigMap settings']],
  );
});

test('a client without snippets gets the text a snippet inserts with its defaults', async (t) => {
  const plain = await LspClient.start({ workspaceFolders: [scratch] });
  t.after(() => plain.stop());
  const { items } = await completeAt('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  restartPol|\n', plain);
  const restartPolicy = items.find((item) => item.label === 'restartPolicy')!;
  assert.equal(restartPolicy.insertTextFormat, 1);
  assert.equal(restartPolicy.textEdit?.newText, 'restartPolicy: Always');
});

test("a key chosen at a list item's dash column goes to the item's key column, with the item's keys left out", async () => {
  // `    image: x` under `    - name: a` would be a YAML error (a key at the sequence's column); the key belongs to the item.
  const { items, position } = await completeAt('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: x\n    |\n');
  assert.ok(!items.some((item) => item.label === 'name' || item.label === 'image'));
  const env = items.find((item) => item.label === 'env')!;
  // The client indents the later lines as the cursor's line (4): the dash goes to 8, two right of the key at 6.
  assert.deepEqual(env.textEdit, { range: { start: position, end: position }, newText: '  env:\n    - $0' });
});

test("a key chosen at the sequence's column of a compact list is a key of the mapping that holds the list", async () => {
  // `  containers:\n  - name: a\n  ` : the dash sits at the key column of spec, so a key there is one of spec's.
  const { items } = await completeAt('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n  |\n');
  const volumes = items.find((item) => item.label === 'volumes')!;
  assert.equal(volumes.textEdit?.newText, 'volumes:\n  - $0');
  assert.ok(!items.some((item) => item.label === 'containers' || item.label === 'image'));
});

test("a Job template's restartPolicy offers the policies a Job takes, in validation's order", async () => {
  // pkg/apis/batch/validation/validation.go validateJobSpec: "valid values: \"OnFailure\", \"Never\"".
  const { items } = await completeAt('apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n      restartPolicy: |\n');
  assert.deepEqual(
    [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((item) => item.label),
    ['OnFailure', 'Never'],
  );
});

test('metadata does not offer the fields the system populates', async () => {
  // k8s.io/apimachinery/pkg/apis/meta/v1/types.go ObjectMeta: the "Read-only" fields and managedFields.
  const { items } = await completeAt('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  |\n');
  assert.deepEqual(items.map((item) => item.label).sort(), ['annotations', 'finalizers', 'generateName', 'labels', 'namespace', 'ownerReferences']);
});

test('apiVersion lists the core group first, then each group newest-stable first', async () => {
  // k8s.io/apimachinery/pkg/version/helpers.go CompareKubeAwareVersionStrings orders v1, v1beta1, v1alpha1.
  const { items } = await completeAt('apiVersion: |\n');
  const byOrder = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((item) => item.label);
  assert.equal(byOrder[0], 'v1');
  const admission = byOrder.filter((label) => label.startsWith('admissionregistration.k8s.io/'));
  assert.deepEqual(
    admission,
    [...admission].sort((a, b) => rank(a) - rank(b)),
  );
  assert.equal(admission[0], 'admissionregistration.k8s.io/v1');
});

/** 0 for a GA version, 1 for beta, 2 for alpha. */
function rank(apiVersion: string): number {
  return apiVersion.includes('alpha') ? 2 : apiVersion.includes('beta') ? 1 : 0;
}

test('a ConfigMap written in the file being edited is offered before those of other files', async () => {
  const marked =
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: zeta\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: busybox:1.36\n      envFrom:\n        - configMapRef:\n            name: |\n';
  const offset = marked.lastIndexOf('|');
  const lines = marked.slice(0, offset).split('\n');
  const uri = fileUri(path.join(scratch, 'with-config.yaml'));
  client.open(uri, marked.slice(0, offset) + marked.slice(offset + 1));
  // The open document is indexed in the background: ask until its ConfigMap is offered.
  const deadline = Date.now() + 15_000;
  let names: string[] = [];
  while (Date.now() < deadline && !names.includes('zeta')) {
    const items = (await client.request('textDocument/completion', { textDocument: { uri }, position: { line: lines.length - 1, character: lines.at(-1)!.length } })) as CompletionItem[];
    names = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((item) => item.label);
    if (!names.includes('zeta')) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(names[0], 'zeta');
  assert.ok(names.includes('settings'), 'the ConfigMap of config.yaml follows');
});
