/**
 * Strategic-merge patches checked as the partial objects they are. The directives of a patch kubectl applies are those of k8s.io/apimachinery
 * pkg/util/strategicpatch/patch.go (directiveMarker `$patch` with deleteDirective, replaceDirective, mergeDirective;
 * retainKeysDirective `$retainKeys`; setElementOrderDirectivePrefix `$setElementOrder`;
 * deleteFromPrimitiveListDirectivePrefix `$deleteFromPrimitiveList`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkText } from '../helpers/check-text';
import { DEFAULT_VERSION } from '../../server/src/schema/versions';
import { patchFilesBeside } from '../../server/src/files/kustomization-tree';

const REPLICAS_ONLY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
`;

const patch = (text: string) => checkText(text, DEFAULT_VERSION, { patch: true });

test('a Deployment that sets only spec.replicas is refused as an object: selector and template are required', () => {
  const messages = checkText(REPLICAS_ONLY).findings.map((finding) => finding.message);
  assert.deepEqual(messages, ['spec.selector: Required value', 'spec.template: Required value']);
});

test('a patch that sets only spec.replicas gets no finding: a patch names only what it changes', () => {
  assert.deepEqual(patch(REPLICAS_ONLY).findings, []);
});

test('a patch is no object: nothing is taken from it for the cross-object rules or the plan', () => {
  assert.deepEqual(patch(REPLICAS_ONLY).objects, []);
});

test('$patch: delete on a list item, with only its merge key, is a directive and not an unknown field', () => {
  const text = `${REPLICAS_ONLY}  template:\n    spec:\n      containers:\n        - name: sidecar\n          $patch: delete\n`;
  assert.deepEqual(patch(text).findings, []);
});

test('$patch: replace and $patch: merge on a map are directives', () => {
  const text = `${REPLICAS_ONLY}  selector:\n    $patch: replace\n    matchLabels:\n      app: web\n  strategy:\n    $patch: merge\n    type: Recreate\n`;
  assert.deepEqual(patch(text).findings, []);
});

// A file with the marker and no kustomization listing it is merged by strategicpatch (kubectl patch), which takes
// every directive out.
const markedPatch = (text: string) => checkText(`# kubeplan: patch\n${text}`);

test('$retainKeys beside the fields it keeps is a directive of strategicpatch', () => {
  const text = `${REPLICAS_ONLY}  strategy:\n    $retainKeys:\n      - type\n    type: Recreate\n`;
  assert.deepEqual(markedPatch(text).findings, []);
});

test('$setElementOrder/containers and $deleteFromPrimitiveList/args are directives of strategicpatch', () => {
  const text = `${REPLICAS_ONLY}  template:\n    spec:\n      $setElementOrder/containers:\n        - name: web\n      containers:\n        - name: web\n          $deleteFromPrimitiveList/args: ["--trace"]\n`;
  assert.deepEqual(markedPatch(text).findings, []);
});

// mergepatch.ErrBadPatchType (k8s.io/apimachinery pkg/util/mergepatch/errors.go): "unknown patch type: %s in map: %v",
// returned by strategicpatch's handleDirectiveInMergeMap and mergeSliceHandler; %v prints a Go map with sorted keys.
test('$patch: remove is refused in strategicpatch words, on its value', () => {
  const text = `${REPLICAS_ONLY}  template:\n    spec:\n      containers:\n        - name: sidecar\n          $patch: remove\n`;
  const findings = markedPatch(text).findings;
  assert.deepEqual(
    findings.map(({ rule, message, path, line, column, text }) => ({ rule, message, path, line, column, text })),
    [
      {
        rule: 'patch-directive',
        message: 'unknown patch type: remove in map: map[$patch:remove name:sidecar]',
        path: 'spec.template.spec.containers[0].$patch',
        line: 12,
        column: 19,
        text: 'remove',
      },
    ],
  );
});

// kustomize merges a listed patch with kyaml (sigs.k8s.io/kustomize/kyaml/yaml/merge2/smpdirective.go,
// determineSmpDirective), which knows `$patch` only: the other directives are copied into the rendered object as
// fields, and the API server's strict decoding refuses them (`kubectl kustomize` of test/fixtures/kustomize-patches/
// overlay prints `$retainKeys`, `$setElementOrder/containers` and `$deleteFromPrimitiveList/args` in the Deployment).
test('$retainKeys in a patch a kustomization lists is a field kustomize keeps, and an unknown one', () => {
  const text = `${REPLICAS_ONLY}  strategy:\n    $retainKeys:\n      - type\n    type: Recreate\n`;
  assert.deepEqual(
    patch(text).findings.map(({ rule, message, line }) => ({ rule, message, line })),
    [{ rule: 'unknown-field', message: 'strict decoding error: unknown field "spec.strategy.$retainKeys"', line: 8 }],
  );
});

test('$setElementOrder/ and $deleteFromPrimitiveList/ in a patch a kustomization lists are unknown fields', () => {
  const text = `${REPLICAS_ONLY}  template:\n    spec:\n      $setElementOrder/containers:\n        - name: web\n      containers:\n        - name: web\n          $deleteFromPrimitiveList/args: ["--trace"]\n`;
  assert.deepEqual(
    patch(text).findings.map(({ rule, message, line }) => ({ rule, message, line })),
    [
      { rule: 'unknown-field', message: 'strict decoding error: unknown field "spec.template.spec.$setElementOrder/containers"', line: 9 },
      { rule: 'unknown-field', message: 'strict decoding error: unknown field "spec.template.spec.containers[0].$deleteFromPrimitiveList/args"', line: 13 },
    ],
  );
});

// determineMappingNodePatchStrategy: fmt.Errorf("unknown patch strategy '%s'", v), which ends the kustomize build.
test('$patch: remove in a patch a kustomization lists is refused in kustomize words, on its value', () => {
  const text = `${REPLICAS_ONLY}  template:\n    spec:\n      containers:\n        - name: sidecar\n          $patch: remove\n`;
  assert.deepEqual(
    patch(text).findings.map(({ rule, message, line, text }) => ({ rule, message, line, text })),
    [{ rule: 'patch-directive', message: "unknown patch strategy 'remove'", line: 11, text: 'remove' }],
  );
});

test('a wrong type in a patch is still reported at its line, in the decoder words', () => {
  const text = `${REPLICAS_ONLY}  minReadySeconds: "ten"\n`;
  const findings = patch(text).findings;
  assert.deepEqual(
    findings.map(({ rule, message, line, text }) => ({ rule, message, line, text })),
    [{ rule: 'field-type', message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.minReadySeconds of type int32', line: 7, text: '"ten"' }],
  );
});

test('an unknown field in a patch is still reported, beside a directive that is not', () => {
  const text = `${REPLICAS_ONLY}  strategy:\n    $retainKeys: [type]\n    typ: Recreate\n`;
  const findings = markedPatch(text).findings;
  assert.deepEqual(
    findings.map(({ rule, message, line }) => ({ rule, message, line })),
    [{ rule: 'unknown-field', message: 'strict decoding error: unknown field "spec.strategy.typ"; did you mean "type"?', line: 10 }],
  );
});

test('the first-line comment "# kubeplan: patch" makes a file a patch without a kustomization', () => {
  assert.deepEqual(checkText(`# kubeplan: patch\n${REPLICAS_ONLY}`).findings, []);
});

test('the marker counts only on the first line', () => {
  const messages = checkText(`# a comment\n# kubeplan: patch\n${REPLICAS_ONLY}`).findings.map((finding) => finding.message);
  assert.deepEqual(messages, ['spec.selector: Required value', 'spec.template: Required value']);
});

test('JSON 6902 operations listed as a patch get no finding: they are not Kubernetes objects', () => {
  assert.deepEqual(patch('- op: replace\n  path: /spec/replicas\n  value: 4\n').findings, []);
});

test('the kustomization beside the files names its patch files, not its inline patches', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-patches-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'kustomization.yaml'),
      'resources: [app.yaml]\npatches:\n  - path: a.yaml\n  - patch: "{}"\npatchesStrategicMerge:\n  - b.yaml\npatchesJson6902:\n  - path: c.json\n    target: {kind: Deployment, name: web}\n',
    );
    const listed = [...patchFilesBeside([path.join(dir, 'app.yaml')])].map((file) => path.basename(file)).sort();
    assert.deepEqual(listed, ['a.yaml', 'b.yaml', 'c.json']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
