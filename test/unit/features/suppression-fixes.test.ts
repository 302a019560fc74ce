/**
 * "Ignore this finding" fixes: each edit is asserted exactly, and the fixed text is validated again to show that
 * the suppression reader (`rules/rule-config.ts`: `# kubeplan-ignore` on the line or the line above, the
 * `kubeplan.dev/ignore` annotation) now drops the finding.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quickFixes } from '../../../server/src/features/code-actions';
import { assertGone as assertGoneWith, findings as findingsWith, fix as fixWith } from './fix-text';

const COMMENT = (rule: string) => `Ignore ${rule} on this line (# kubeplan-ignore comment)`;
const ANNOTATION = (rule: string) => `Ignore ${rule} in this object (kubeplan.dev/ignore annotation)`;

// image-tag is off by default; these tests turn it on to have a finding to ignore.
const RULES = { 'image-tag': 'warning' } as const;
const findings = (text: string) => findingsWith(text, undefined, RULES);
const fix = (text: string, rule: string, title: string, fileName?: string) => fixWith(text, rule, title, fileName, RULES);
const assertGone = (fixed: string, rule: string, fileName?: string) => assertGoneWith(fixed, rule, fileName, RULES);

const LATEST = `apiVersion: v1
kind: Pod
metadata:
  name: legacy
spec:
  containers:
    - name: legacy
      image: vendor/legacy:latest
`;

test('a finding offers a comment and an annotation to ignore it, after its own fixes', () => {
  assert.deepEqual(fix(LATEST, 'image-tag', COMMENT('image-tag')).titles, [COMMENT('image-tag'), ANNOTATION('image-tag')]);
});

test('the comment goes on its own line above the finding, indented like it', () => {
  const { fixed } = fix(LATEST, 'image-tag', COMMENT('image-tag'));
  assert.equal(fixed, LATEST.replace('      image:', '      # kubeplan-ignore image-tag\n      image:'));
  assertGone(fixed!, 'image-tag');
});

test('a kubeplan-ignore comment already above the finding is extended with the rule', () => {
  const text = LATEST.replace('      image:', '      # kubeplan-ignore host-path\n      image:');
  const { fixed } = fix(text, 'image-tag', COMMENT('image-tag'));
  assert.equal(fixed, LATEST.replace('      image:', '      # kubeplan-ignore host-path, image-tag\n      image:'));
  assertGone(fixed!, 'image-tag');
});

test('a comment is not offered where a new line would fall inside a block scalar', () => {
  // Only the line a finding starts on counts; a block scalar's content lines cannot hold a comment.
  const text = `apiVersion: v1
kind: Secret
metadata: {name: tls}
data:
  tls.crt: |
    not base64!
`;
  const finding = findings(text).find((f) => f.rule === 'invalid-base64');
  assert.ok(finding);
  const inside = text.indexOf('    not base64!');
  const fixes = quickFixes(text, { rule: 'invalid-base64', message: finding.message, path: finding.path ?? '', range: { start: inside, end: inside + 4 } });
  assert.ok(!fixes.some((f) => f.title === COMMENT('invalid-base64')));
});

test('the annotation creates metadata.annotations in block style when there is none', () => {
  const { fixed } = fix(LATEST, 'image-tag', ANNOTATION('image-tag'));
  assert.equal(fixed, LATEST.replace('  name: legacy\n', '  annotations:\n    kubeplan.dev/ignore: image-tag\n  name: legacy\n'));
  assertGone(fixed!, 'image-tag');
});

test('the annotation is added to an existing annotations map', () => {
  const text = LATEST.replace('  name: legacy\n', '  name: legacy\n  annotations:\n    team: payments\n');
  const { fixed } = fix(text, 'image-tag', ANNOTATION('image-tag'));
  assert.equal(fixed, text.replace('    team: payments\n', '    kubeplan.dev/ignore: image-tag\n    team: payments\n'));
  assertGone(fixed!, 'image-tag');
});

test('an existing kubeplan.dev/ignore annotation gets the rule appended to its list', () => {
  const text = LATEST.replace('  name: legacy\n', '  name: legacy\n  annotations:\n    kubeplan.dev/ignore: host-path\n');
  const { fixed } = fix(text, 'image-tag', ANNOTATION('image-tag'));
  assert.equal(fixed, text.replace('kubeplan.dev/ignore: host-path', 'kubeplan.dev/ignore: host-path,image-tag'));
  assertGone(fixed!, 'image-tag');
});

test('in a flow-style metadata the annotation is written inline', () => {
  const text = LATEST.replace('metadata:\n  name: legacy\n', 'metadata: {name: legacy, annotations: {kubeplan.dev/ignore: host-path}}\n');
  const { fixed } = fix(text, 'image-tag', ANNOTATION('image-tag'));
  // A comma ends a plain scalar in flow context, so the longer list is quoted.
  assert.equal(fixed, text.replace('{kubeplan.dev/ignore: host-path}', '{kubeplan.dev/ignore: "host-path,image-tag"}'));
  assertGone(fixed!, 'image-tag');
});

test('in a JSON manifest only the annotation is offered, with JSON quoting', () => {
  const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "legacy"},\n "spec": {"containers": [{"name": "legacy", "image": "vendor/legacy:latest"}]}}\n';
  const { titles, fixed } = fix(text, 'image-tag', ANNOTATION('image-tag'), 'pod.json');
  assert.deepEqual(titles, [ANNOTATION('image-tag')]);
  assert.equal(fixed, text.replace('{"name": "legacy"}', '{"annotations": {"kubeplan.dev/ignore": "image-tag"}, "name": "legacy"}'));
  assert.doesNotThrow(() => JSON.parse(fixed!));
  assertGone(fixed!, 'image-tag', 'pod.json');
});

test('a finding in the second document of a file is ignored in that document', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\n${LATEST}`;
  const { fixed } = fix(text, 'image-tag', ANNOTATION('image-tag'));
  assert.equal(fixed, text.replace('  name: legacy\n', '  annotations:\n    kubeplan.dev/ignore: image-tag\n  name: legacy\n'));
  assertGone(fixed!, 'image-tag');
});
