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
import type { CheckSettings } from '../../../server/src/check/check-texts';

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
