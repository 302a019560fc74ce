/** `kubeplan check` runs the cross-object rules over every file it checks. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-cross-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n';
const deployment = (app: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: ${app}}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec:\n      containers: [{name: app, image: nginx:1.27, ports: [{name: http, containerPort: 8080}]}]\n`;

function folder(name: string, files: Record<string, string>): string {
  const root = path.join(scratch, name);
  fs.mkdirSync(root, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, file), text);
  return root;
}

test('a Service in one file that selects no Deployment of another file is a warning in the JSON output', () => {
  const root = folder('mismatch', { 'service.yaml': service, 'deployment.yaml': deployment('api') });
  const run = runCli(['check', '--output', 'json', root]);
  assert.equal(run.status, 0, run.stderr);
  const diagnostics = (JSON.parse(run.stdout) as { diagnostics: { file: string; rule: string; severity: string; line: number; path: string }[] }).diagnostics;
  assert.deepEqual(
    diagnostics.map((d) => [path.basename(d.file), d.rule, d.severity, d.line, d.path]),
    [['service.yaml', 'service-selects-nothing', 'warning', 5, 'spec.selector']],
  );
});

test('matching files across a folder check clean', () => {
  const root = folder('matching', { 'service.yaml': service, 'deployment.yaml': deployment('web') });
  const run = runCli(['check', root]);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^2 files, 2 objects: 0 errors, 0 warnings$/m);
});

test('a duplicate object is an error and sets exit status 1', () => {
  const root = folder('duplicate', { 'all.yaml': `${service}---\n${service}` });
  const run = runCli(['check', root]);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /all\.yaml:3:\d+: error: Service "web" in namespace "default" is defined 2 times in this file.*\[duplicate-object\]/);
});

test('cross-object findings follow .kubeplan.yaml severities and the ignore annotation', () => {
  const root = folder('configured', { 'service.yaml': service, 'deployment.yaml': deployment('api'), '.kubeplan.yaml': 'rules:\n  service-selects-nothing: error\n' });
  assert.equal(runCli(['check', root], { cwd: root }).status, 1);
  const ignored = service.replace('metadata: {name: web}', 'metadata: {name: web, annotations: {kubeplan.dev/ignore: service-selects-nothing}}');
  const quiet = folder('ignored', { 'service.yaml': ignored, 'deployment.yaml': deployment('api') });
  assert.match(runCli(['check', quiet]).stdout, /0 errors, 0 warnings/);
});

test('a custom resource whose CRD is checked alongside gets no no-schema hint', () => {
  const crd =
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets}\n  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object}}}}}]\n';
  const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1}\n';
  const alone = runCli(['check', '--output', 'json', folder('widget-alone', { 'w.yaml': widget })]);
  assert.deepEqual(
    (JSON.parse(alone.stdout) as { diagnostics: { rule: string }[] }).diagnostics.map((d) => d.rule),
    ['no-schema'],
  );
  const withCrd = runCli(['check', '--output', 'json', folder('widget-with-crd', { 'w.yaml': widget, 'crd.yaml': crd })]);
  assert.deepEqual((JSON.parse(withCrd.stdout) as { diagnostics: unknown[] }).diagnostics, []);
});

test('pdb-missing turned on in .kubeplan.yaml reports a multi-replica Deployment without a PodDisruptionBudget', () => {
  const replicated = deployment('web').replace('spec:\n  selector', 'spec:\n  replicas: 2\n  selector');
  const root = folder('budget', { 'deployment.yaml': replicated, 'kubeplan.yaml': 'rules:\n  pdb-missing: warning\n' });
  const run = runCli(['check', '--config', path.join(root, 'kubeplan.yaml'), '--output', 'json', path.join(root, 'deployment.yaml')]);
  assert.equal(run.status, 0, run.stderr);
  const diagnostics = (JSON.parse(run.stdout) as { diagnostics: { rule: string; severity: string; line: number }[] }).diagnostics;
  assert.deepEqual(
    diagnostics.map((d) => [d.rule, d.severity, d.line]),
    [['pdb-missing', 'warning', 5]],
  );
});

// A document with a YAML syntax error holds no object, yet the pods it was written for may be what a Service selects.
// Which pods a Service selects is upstream's (pkg/controller/endpointslice: pods of its namespace whose labels match
// the selector, staging/src/k8s.io/apimachinery/pkg/labels/selector.go); what is said while a document cannot be read
// is kubeplan's rule (docs/rules/cross-object.md, target-in-unreadable-document).
const api = deployment('api').replace('metadata: {name: web}', 'metadata: {name: api}');
/** The tab comes after the pod labels: kind, name, namespace and labels are all read. */
const brokenByTab = (app: string) => deployment(app).replace('    spec:\n      containers:', '    spec:\n\tcontainers:');
const kindless = deployment('web').replace('kind: Deployment', 'kind Deployment');

interface JsonDiagnostic {
  file: string;
  rule: string;
  severity: string;
  line: number;
  message: string;
}

function checkJson(root: string): JsonDiagnostic[] {
  const run = runCli(['check', '--output', 'json', root]);
  return (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

test('product rule: a Service whose pods are in a document of the same file that cannot be read, but whose labels can, gets no finding', () => {
  const root = folder('unreadable-same-file', { 'all.yaml': `${brokenByTab('web')}---\n${service}`, 'api.yaml': api });
  assert.deepEqual(
    checkJson(root).map((d) => [path.basename(d.file), d.rule]),
    [['all.yaml', 'yaml-syntax']],
  );
});

test('product rule: a Service whose pods may be in another file that cannot be read gets an information note naming it, not a warning', () => {
  const root = folder('unreadable-two-files', { 'deployment.yaml': kindless, 'service.yaml': service, 'api.yaml': api });
  const diagnostics = checkJson(root);
  assert.deepEqual(
    diagnostics.map((d) => [path.basename(d.file), d.rule, d.severity, d.line]),
    [
      ['deployment.yaml', 'yaml-syntax', 'error', 2],
      ['service.yaml', 'target-in-unreadable-document', 'information', 5],
    ],
  );
  assert.match(diagnostics[1]!.message, /^the pods Service "web" selects may be in the document at .*deployment\.yaml:1, which cannot be read/);
});

test('product rule: a document that cannot be read but whose pod labels, read whole, do not match leaves the Service warning standing', () => {
  const root = folder('unreadable-other-labels', { 'deployment.yaml': brokenByTab('other'), 'service.yaml': service, 'api.yaml': api });
  assert.deepEqual(
    checkJson(root).map((d) => [path.basename(d.file), d.rule]),
    [
      ['deployment.yaml', 'yaml-syntax'],
      ['service.yaml', 'service-selects-nothing'],
    ],
  );
});
