/**
 * `kubeplan check` lists each file's own findings as soon as the files before it are checked, keeps of the objects
 * only what the cross-object rules read, and places the cross-object findings where it reads the files again.
 *
 * A custom resource's `no-schema` finding stands only where no CustomResourceDefinition among the inputs serves its
 * kind: with the CRD, the API server validates the object against the CRD's schema
 * (staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_handler.go, crdHandler.ServeHTTP serves
 * the kinds of established CRDs only).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckRun, InProcessChecker } from '../../../server/src/cli/check-run';
import { checkTexts, listedFindings, type CheckSettings } from '../../../server/src/check/check-texts';
import { toDiagnostic } from '../../../server/src/cli/checked-file';
import type { CheckDiagnostic } from '../../../server/src/cli/output-formats';
import { LineIndex } from '../../../server/src/parse/line-index';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-check-run-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const settings: CheckSettings = { kubernetesVersion: '1.36' };

function write(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
}

const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n';
const badDeployment =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: -1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "nginx:1.27"}]\n';
const widgetCrd =
  'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {plural: widgets, singular: widget, kind: Widget}\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}\n';

test("the findings of the files after a custom resource's no-schema finding wait until every file is read", () => {
  const files = [write('a-widget.yaml', widget), write('b-deployment.yaml', badDeployment)];
  const run = new CheckRun(settings);
  const checker = new InProcessChecker(settings);
  const listedAtOnce = files.map((file) => run.add(checker.check(file)));
  assert.deepEqual(listedAtOnce, [[], []]);
  run.crossObjectFindings();
  assert.deepEqual(
    run.heldFindings().map((d) => [path.basename(d.file), d.rule]),
    [
      ['a-widget.yaml', 'no-schema'],
      ['b-deployment.yaml', 'workload-counters'],
    ],
  );
});

test('a no-schema finding does not stand when a later file holds the CustomResourceDefinition of its kind', () => {
  const files = [write('c-widget.yaml', widget), write('d-crd.yaml', widgetCrd)];
  const run = new CheckRun(settings);
  const checker = new InProcessChecker(settings);
  const listedAtOnce = files.flatMap((file) => run.add(checker.check(file)));
  run.crossObjectFindings();
  assert.deepEqual(
    [...listedAtOnce, ...run.heldFindings()].filter((d) => d.rule === 'no-schema'),
    [],
  );
});

test('the catalog keeps of a built-in kind only what cross-object rules read, and of a custom resource everything', () => {
  const secret = write('e-secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, annotations: {note: long}}\nstringData: {password: hunter2}\n');
  const custom = write('f-widget.yaml', `${widget}spec: {size: 3}\n`);
  const checker = new InProcessChecker(settings);
  assert.deepEqual(JSON.parse(JSON.stringify(checker.check(secret).objects[0]!.value)), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: '' } });
  assert.deepEqual(JSON.parse(JSON.stringify(checker.check(custom).objects[0]!.value)), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3 } });
});

/** The diagnostics of the files checked one by one and placed from each object's range, in the order listed. */
function checkedInTurn(files: readonly string[]): CheckDiagnostic[] {
  const run = new CheckRun(settings);
  const checker = new InProcessChecker(settings);
  const own = files.flatMap((file) => run.add(checker.check(file)));
  const placed = checker.place(run.crossObjectFindings());
  return [...own, ...run.heldFindings(), ...placed.flat()];
}

/** The same files checked as one set with every text held, each finding placed by its object's own `locate`. */
function checkedAsOneSet(files: readonly string[]): CheckDiagnostic[] {
  const checked = checkTexts(
    files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })),
    settings,
  );
  return listedFindings(checked).map(({ text, finding }) => toDiagnostic(text.file, finding, new LineIndex(text.text)));
}

const deployment =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "nginx:1.27"}]\n';
const lonelyService = (name: string, extra = '') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${extra}spec:\n  selector:\n    app: nobody\n  ports:\n    - port: 80\n`;

test('a cross-object finding about an item of a List is placed in the item, as the whole-set check places it', () => {
  const list = `apiVersion: v1\nkind: List\nitems:\n${[lonelyService('first'), lonelyService('second')].map((service) => `- ${service.trimEnd().replaceAll('\n', '\n  ')}\n`).join('')}`;
  const files = [write('g-deployment.yaml', deployment), write('h-list.yaml', list)];
  const diagnostics = checkedInTurn(files);
  // The items' `selector:` keys are on lines 9 and 18 of the file, indented by four.
  assert.deepEqual(
    diagnostics.filter((d) => d.rule === 'service-selects-nothing').map((d) => [d.name, d.line, d.column]),
    [
      ['first', 9, 5],
      ['second', 18, 5],
    ],
  );
  assert.deepEqual(diagnostics, checkedAsOneSet(files));
});

test('cross-object findings are placed as the whole-set check places them after a document-end line, through merge keys, and in a large document', () => {
  const endMarker = `${lonelyService('before-end')}...\n${lonelyService('after-end')}`;
  const merged = 'apiVersion: v1\nkind: Service\nmetadata: {name: merged}\nspec:\n  <<: {selector: {app: nobody}}\n  ports: [{port: 80}]\n';
  const large = lonelyService('large', `  annotations:\n    note: ${'x'.repeat(40_000)}\n`);
  const files = [write('i-deployment.yaml', deployment), write('j-end.yaml', endMarker), write('k-merged.yaml', merged), write('l-large.yaml', large)];
  const diagnostics = checkedInTurn(files);
  assert.deepEqual(
    diagnostics.filter((d) => d.rule === 'service-selects-nothing').map((d) => d.name),
    ['before-end', 'after-end', 'merged', 'large'],
  );
  assert.deepEqual(diagnostics, checkedAsOneSet(files));
});

test("an object's ignore annotation suppresses the cross-object findings about it when they are placed from its range", () => {
  const ignored = lonelyService('ignored', '  annotations:\n    kubeplan.dev/ignore: service-selects-nothing\n');
  const files = [write('m-deployment.yaml', deployment), write('n-ignored.yaml', `${ignored}---\n${lonelyService('reported')}`)];
  const diagnostics = checkedInTurn(files);
  assert.deepEqual(
    diagnostics.filter((d) => d.rule === 'service-selects-nothing').map((d) => d.name),
    ['reported'],
  );
  assert.deepEqual(diagnostics, checkedAsOneSet(files));
});
