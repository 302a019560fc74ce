/** Quick fixes over the protocol: ask at a diagnostic, apply the chosen edit, and the diagnostic is gone. */
import assert from 'node:assert/strict';
import { before, after, test } from 'node:test';
import { LspClient, type Diagnostic, type Position, type Range } from './lsp-client';

interface TextEdit {
  range: Range;
  newText: string;
}

interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  edit?: { changes?: Record<string, TextEdit[]> };
}

let client: LspClient;
let documentNumber = 0;
before(async () => {
  client = await LspClient.start();
});
after(() => client.stop());

function offsetOf(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + position.character;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  return sorted.reduce((out, edit) => out.slice(0, offsetOf(text, edit.range.start)) + edit.newText + out.slice(offsetOf(text, edit.range.end)), text);
}

/** Opens the text, asks for quick fixes at its diagnostic with `code`, and returns them with the document. */
async function fixesFor(text: string, code: string): Promise<{ uri: string; actions: CodeAction[] }> {
  const uri = `file:///workspace/fix-${++documentNumber}.yaml`;
  const published = client.nextDiagnostics(uri);
  client.open(uri, text);
  const diagnostic = (await published).diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} diagnostic`);
  const actions = (await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
  return { uri, actions };
}

/** Applies the action titled `title` and returns the resulting text and the diagnostics published for it. */
async function apply(text: string, code: string, title: string): Promise<{ fixed: string; codes: (string | number | undefined)[] }> {
  const { uri, actions } = await fixesFor(text, code);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(action.kind, 'quickfix');
  const fixed = applyEdits(text, action.edit!.changes![uri]!);
  const republished = client.nextDiagnostics(uri, { version: 2 });
  const end = { line: text.split('\n').length, character: 0 };
  client.change(uri, 2, { start: { line: 0, character: 0 }, end }, fixed);
  return { fixed, codes: (await republished).diagnostics.map((d) => d.code) };
}

test('an unknown field is renamed to its near miss', async () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndta:\n  key: value\n';
  const { fixed, codes } = await apply(text, 'unknown-field', 'Rename to "data"');
  assert.equal(fixed, text.replace('dta:', 'data:'));
  assert.deepEqual(codes, []);
});

test('a missing Ingress pathType is added as Prefix', async () => {
  const text = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
    - http:
        paths:
          - path: /
            backend: {service: {name: web, port: {number: 80}}}
`;
  const { fixed, codes } = await apply(text, 'required-field', 'Add pathType: Prefix');
  assert.equal(fixed, text.replace('          - path: /\n', '          - pathType: Prefix\n            path: /\n'));
  assert.deepEqual(codes, []);
});

test('a Job template restartPolicy of Always is set to OnFailure', async () => {
  const text = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\nspec:\n  template:\n    spec:\n      restartPolicy: Always\n      containers: [{name: c, image: busybox}]\n';
  const { fixed, codes } = await apply(text, 'job-restart-policy', 'Set restartPolicy to OnFailure');
  assert.equal(fixed, text.replace('restartPolicy: Always', 'restartPolicy: OnFailure'));
  assert.deepEqual(codes, []);
});

test('a CronJob template without restartPolicy gets OnFailure', async () => {
  const text =
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: hourly}\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c, image: busybox}]\n';
  const { fixed, codes } = await apply(text, 'job-restart-policy', 'Set restartPolicy to OnFailure');
  assert.equal(fixed, text.replace('          containers:', '          restartPolicy: OnFailure\n          containers:'));
  assert.deepEqual(codes, []);
});

test("the selector's labels are added to the template labels, and differing values changed", async () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web, tier: frontend}
  template:
    metadata:
      labels:
        app: other
    spec:
      containers: [{name: c, image: busybox}]
`;
  const { fixed, codes } = await apply(text, 'selector-mismatch', "Add the selector's labels to the template");
  assert.equal(fixed, text.replace('        app: other\n', '        tier: frontend\n        app: web\n'));
  assert.deepEqual(codes, []);
});

const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  user: YWRtaW4=\n  password: s3cret pass\n';

test('a Secret data value that is not base64 is encoded', async () => {
  const { fixed, codes } = await apply(SECRET, 'invalid-base64', 'Encode the value as base64');
  assert.equal(fixed, SECRET.replace('s3cret pass', `"${Buffer.from('s3cret pass').toString('base64')}"`));
  assert.deepEqual(codes, []);
});

test('a Secret data value that is not base64 is moved to stringData', async () => {
  const { fixed, codes } = await apply(SECRET, 'invalid-base64', 'Move the value to stringData');
  assert.equal(fixed, 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: "s3cret pass"}\ndata:\n  user: YWRtaW4=\n');
  assert.deepEqual(codes, []);
});

test('moving to stringData adds to an existing stringData mapping', async () => {
  const text = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  user: admin\ndata: {password: not-base64!}\n';
  const { fixed, codes } = await apply(text, 'invalid-base64', 'Move the value to stringData');
  assert.equal(fixed, 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: "not-base64!"\n  user: admin\ndata: {}\n');
  assert.deepEqual(codes, []);
});

test('a diagnostic with no clear fix is offered only the ways to ignore it', async () => {
  const { actions } = await fixesFor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n', 'object-name');
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Ignore object-name on this line (# kubeplan-ignore comment)', 'Ignore object-name in this object (kubeplan.dev/ignore annotation)'],
  );
});

test('an unknown field without a near miss is offered only the ways to ignore it', async () => {
  const { actions } = await fixesFor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\nzzzzzzzz: 1\n', 'unknown-field');
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Ignore unknown-field on this line (# kubeplan-ignore comment)', 'Ignore unknown-field in this object (kubeplan.dev/ignore annotation)'],
  );
});

test('an enum value in the wrong case is fixed to the supported value', async () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.25\n      imagePullPolicy: ifNotPresent\n';
  const { fixed, codes } = await apply(text, 'unsupported-value', 'Change to "IfNotPresent"');
  assert.equal(fixed, text.replace('ifNotPresent', 'IfNotPresent'));
  assert.deepEqual(codes, []);
});

test('a comment to ignore a finding removes its diagnostic', async () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\nzzzzzzzz: 1\n';
  const { fixed, codes } = await apply(text, 'unknown-field', 'Ignore unknown-field on this line (# kubeplan-ignore comment)');
  assert.equal(fixed, text.replace('zzzzzzzz', '# kubeplan-ignore unknown-field\nzzzzzzzz'));
  assert.deepEqual(codes, []);
});

test('an annotation to ignore a finding in a List item goes on that item', async () => {
  const text =
    'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: Bad_Name\n';
  const { fixed, codes } = await apply(text, 'object-name', 'Ignore object-name in this object (kubeplan.dev/ignore annotation)');
  assert.equal(fixed, text.replace('      name: Bad_Name', '      annotations:\n        kubeplan.dev/ignore: object-name\n      name: Bad_Name'));
  assert.deepEqual(codes, []);
});

test('a fix in the second document of a file edits that document', async () => {
  const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\ndata: {a: b}\n';
  const text = `${first}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\ndta: {}\n`;
  const { fixed, codes } = await apply(text, 'unknown-field', 'Rename to "data"');
  assert.equal(fixed, `${first}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\ndata: {}\n`);
  assert.deepEqual(codes, []);
});

test('a fix inside a List item edits that item', async () => {
  const text =
    'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: batch/v1\n    kind: Job\n    metadata: {name: once}\n    spec:\n      template:\n        spec:\n          restartPolicy: Always\n          containers: [{name: c, image: busybox}]\n';
  const { fixed, codes } = await apply(text, 'job-restart-policy', 'Set restartPolicy to OnFailure');
  assert.equal(fixed, text.replace('restartPolicy: Always', 'restartPolicy: OnFailure'));
  assert.deepEqual(codes, []);
});

// The message names the near name (rules/cross-object/pod-references.ts, with the field path the diagnostic adds
// after it); the fix reads the finding's own message.
test('a reference to a missing ConfigMap is changed to the near name over the protocol', async () => {
  const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {level: debug}\n';
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:1.25\n      envFrom: [{configMapRef: {name: setings}}]\n';
  const { fixed, codes } = await apply(`${pod}---\n${configMap}`, 'missing-config-reference', 'Change to "settings"');
  assert.equal(fixed, `${pod.replace('name: setings', 'name: settings')}---\n${configMap}`);
  assert.deepEqual(codes, []);
});

// A named targetPort is looked up among the selected pods' container ports by exact name (pkg/api/v1/pod/util.go
// FindPort); the near name is kubeplan's suggestion in the finding's message (rules/cross-object/service-rules.ts).
test("a Service targetPort naming no port of its pods is changed to the pods' near port name over the protocol", async () => {
  const deployment =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx:1.27, ports: [{name: http, containerPort: 8080}]}]\n';
  const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: htp}]\n';
  const { fixed, codes } = await apply(`${deployment}---\n${service}`, 'service-target-port', 'Change to "http"');
  assert.equal(fixed, `${deployment}---\n${service.replace('targetPort: htp', 'targetPort: http')}`);
  assert.deepEqual(codes, []);
});
