/**
 * `--crds PATH`: CustomResourceDefinitions given as reference validate the custom resources among the inputs, and a
 * custom resource with no CRD anywhere gets the `no-schema` finding, whose severity `.kubeplan.yaml` sets.
 *
 * The expected messages are the API server's for a custom resource, worked from upstream:
 * staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/validation/validation.go ValidateCustomResource turns
 * kube-openapi's errors into field errors — an enum miss into field.NotSupported (`Unsupported value: "green":
 * supported values: "red", "blue"`), a minimum into field.Invalid with kube-openapi's minIncFail
 * (pkg/validation/errors/schema.go: "%s in %s should be greater than or equal to %v", the location being "body").
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir } from '../helpers/repo-paths';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-crds-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const crds = path.join(fixturesDir, 'crds');
const widget = path.join(crds, 'manifests', 'widget.yaml');
const gadget = path.join(crds, 'manifests', 'gadget.yaml');

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
}

function diagnostics(stdout: string): JsonDiagnostic[] {
  return (JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

function folder(name: string, files: Record<string, string>): string {
  const root = path.join(scratch, name);
  fs.mkdirSync(root, { recursive: true });
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, file), text);
  return root;
}

test('a custom resource is validated against the CRD of a --crds folder, in the API server words', () => {
  const run = runCli(['check', '--output', 'json', '--crds', path.join(crds, 'folder'), widget]);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(
    diagnostics(run.stdout).map((d) => [d.line, d.column, d.rule, d.severity, d.message]),
    [
      [6, 9, 'custom-resource-schema', 'error', 'spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1'],
      [7, 10, 'custom-resource-schema', 'error', 'spec.color: Unsupported value: "green": supported values: "red", "blue"'],
    ],
  );
});

test('a custom resource is validated against a kubectl get crd -o yaml List with status and managedFields', () => {
  const run = runCli(['check', '--output', 'json', '--crds', path.join(crds, 'kubectl-get-crd.yaml'), gadget]);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(
    diagnostics(run.stdout).map((d) => [d.line, d.column, d.rule, d.message]),
    [[6, 9, 'custom-resource-schema', 'spec.mode: Unsupported value: "faster": supported values: "fast", "safe"']],
  );
});

test('the CRDs of --crds are not inputs: neither counted nor checked', () => {
  const run = runCli(['check', '--crds', path.join(crds, 'kubectl-get-crd.yaml'), '--crds', path.join(crds, 'folder'), path.join(crds, 'manifests')]);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^2 files, 2 objects: 3 errors, 0 warnings$/m);
  assert.doesNotMatch(run.stdout, /kubectl-get-crd\.yaml|widgets\.example\.com\.yaml/);
});

test('a CRD among the inputs wins over a --crds CRD of the same group and kind', () => {
  const open =
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Widget, plural: widgets}\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}}\n';
  const root = folder('input-wins', { 'crd.yaml': open, 'widget.yaml': fs.readFileSync(widget, 'utf8') });
  const run = runCli(['check', '--output', 'json', '--crds', path.join(crds, 'folder'), root]);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(diagnostics(run.stdout), []);
});

test('a custom resource with no CRD anywhere gets a no-schema hint that names its kind and how to give the CRD', () => {
  const run = runCli(['check', '--output', 'json', widget]);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(
    diagnostics(run.stdout).map((d) => [d.line, d.column, d.rule, d.severity, d.message]),
    [
      [
        2,
        7,
        'no-schema',
        'hint',
        'no CustomResourceDefinition is known for kind Widget in example.com/v1, so it is not validated: add the CRD to the inputs, or give it with --crds (kubeplan.crds in VS Code)',
      ],
    ],
  );
});

test('no-schema set to error in .kubeplan.yaml fails the check of a custom resource with no CRD', () => {
  const root = folder('strict', { '.kubeplan.yaml': 'rules:\n  no-schema: error\n', 'widget.yaml': fs.readFileSync(widget, 'utf8') });
  const run = runCli(['check', 'widget.yaml'], { cwd: root });
  assert.equal(run.status, 1, run.stderr);
  assert.match(
    run.stdout,
    /^widget\.yaml:2:7: error: no CustomResourceDefinition is known for kind Widget in example\.com\/v1, so it is not validated: add the CRD to the inputs, or give it with --crds \(kubeplan\.crds in VS Code\) \[no-schema\] \(Widget\/small\)$/m,
  );
  const given = runCli(['check', '--crds', path.join(crds, 'folder'), 'widget.yaml'], { cwd: root });
  assert.doesNotMatch(given.stdout, /no-schema/);
});

test('a --crds file without a CRD, and a CRD that gives no schema, are each one warning', () => {
  const root = folder('unusable', {
    'configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
    'old.yaml':
      'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  version: v1\n',
  });
  const run = runCli(['check', '--crds', path.join(root, 'configmap.yaml'), '--crds', path.join(root, 'old.yaml'), widget]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(
    run.stderr,
    `kubeplan: warning: --crds ${path.join(root, 'configmap.yaml')}: no CustomResourceDefinition in it\n` +
      `kubeplan: warning: --crds ${path.join(root, 'old.yaml')}: CustomResourceDefinition widgets.example.com is not used: its apiVersion is "apiextensions.k8s.io/v1beta1", not apiextensions.k8s.io/v1 (kubectl get crd -o yaml writes apiextensions.k8s.io/v1)\n`,
  );
});

test('a --crds path that does not exist is an I/O error', () => {
  const missing = path.join(scratch, 'no-such-crds');
  const run = runCli(['check', '--crds', missing, widget]);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `kubeplan: cannot read ${missing}: no such file or directory\n`);
});

test('--crds does not take standard input', () => {
  const run = runCli(['check', '--crds', '-', widget]);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'kubeplan: --crds needs a file or folder of CustomResourceDefinitions, not "-"\n');
});

test('kubeplan plan with --crds makes no plan of a custom resource its CRD refuses', () => {
  const run = runCli(['plan', '--now', '2026-01-01T00:00:00Z', '--crds', path.join(crds, 'kubectl-get-crd.yaml'), gadget]);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /gadget\.yaml:6:9: error: spec\.mode: Unsupported value: "faster": supported values: "fast", "safe" \[custom-resource-schema\]/);
});

test('a --crds CRD whose schema cannot be compiled leaves its custom resources unchecked, and says so on each', () => {
  const crd = fs.readFileSync(path.join(crds, 'folder', 'widgets.example.com.yaml'), 'utf8').replace('enum: [red, blue]', 'pattern: "(["');
  const root = folder('uncompilable', { 'widgets.yaml': crd });
  const run = runCli(['check', '--output', 'json', '--crds', root, widget]);
  assert.equal(run.status, 0, run.stderr);
  const found = diagnostics(run.stdout);
  assert.deepEqual(
    found.map((d) => [d.line, d.column, d.rule, d.severity]),
    [[2, 7, 'custom-resource-schema', 'information']],
  );
  // What follows the colon is the regular expression engine's own complaint.
  assert.match(found[0]!.message, /^Widget objects of example\.com\/v1 are not checked: the schema of their CustomResourceDefinition cannot be compiled \(.+\)$/);
});
