/**
 * Completion in a custom resource from the openAPIV3Schema of its CRD: the properties of the object at the cursor
 * (required first), enum values and booleans, nothing inside x-kubernetes-preserve-unknown-fields, and apiVersion
 * and kind from the CRD's served versions (apiextensions-apiserver pkg/apiserver/customresource_handler.go
 * ServeHTTP answers NotFound for a version with `served: false`).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { completionsAt } from '../../../server/src/features/completion';
import { fixturesDir } from '../../helpers/repo-paths';
import { catalogOf } from '../../helpers/workspace-manifests';
import { withCursor } from './cursor-text';

const CRD = fs.readFileSync(path.join(fixturesDir, 'crds', 'schema-docs', 'backups.example.com.yaml'), 'utf8');
const catalog = catalogOf({ 'crds/backups.yaml': CRD });

function completions(marked: string) {
  const { text, offset } = withCursor(marked);
  return completionsAt(text, offset, '1.36', catalog);
}

const labels = (marked: string) => completions(marked).map((entry) => entry.label);

test("a custom resource's spec offers its properties, required first, with types and without those written", () => {
  const offered = completions('apiVersion: example.com/v1\nkind: Backup\nspec:\n  mode: Full\n  |\n').map((entry) => [entry.label, entry.detail]);
  assert.deepEqual(offered, [
    ['schedule', '<string> (required)'],
    ['target', '<string> (required)'],
    ['destinations', '<[]Object>'],
    ['labels', '<map[string]string>'],
    ['note', '<string>'],
    ['options', '<Object>'],
    ['retention', '<integer>'],
    ['suspend', '<boolean>'],
    ['window', '<IntOrString>'],
  ]);
});

test("a custom resource's field comes with its description", () => {
  const target = completions('apiVersion: example.com/v1\nkind: Backup\nspec:\n  |\n').find((entry) => entry.label === 'target');
  assert.equal(target?.documentation, 'The volume to back up.');
});

test("an item of a custom resource's list offers the items' properties, the required name first", () => {
  assert.deepEqual(labels('apiVersion: example.com/v1\nkind: Backup\nspec:\n  destinations:\n    - |\n'), ['name', 'bucket']);
});

test('the top level of a custom resource offers metadata and spec, not status', () => {
  assert.deepEqual(labels('apiVersion: example.com/v1\nkind: Backup\n|\n'), ['metadata', 'spec']);
});

test("an enum field of a custom resource offers the CRD's values", () => {
  assert.deepEqual(labels('apiVersion: example.com/v1\nkind: Backup\nspec:\n  mode: |\n'), ['Full', 'Incremental']);
});

test('a boolean field of a custom resource offers true and false', () => {
  assert.deepEqual(labels('apiVersion: example.com/v1\nkind: Backup\nspec:\n  suspend: |\n'), ['true', 'false']);
});

test('an enum key inserts a choice of its values', () => {
  const mode = completions('apiVersion: example.com/v1\nkind: Backup\nspec:\n  |\n').find((entry) => entry.label === 'mode');
  assert.equal(mode?.insertText, 'mode: ${1|Full,Incremental|}');
});

test('inside x-kubernetes-preserve-unknown-fields nothing is offered', () => {
  assert.deepEqual(labels('apiVersion: example.com/v1\nkind: Backup\nspec:\n  options:\n    |\n'), []);
});

test("apiVersion offers the CRD's served group/version for its kind, not the version it no longer serves", () => {
  assert.deepEqual(
    completions('kind: Backup\napiVersion: |\n').map((entry) => [entry.label, entry.detail]),
    [['example.com/v1', 'Backup']],
  );
});

test("kind offers the CRD's kind under its group/version", () => {
  assert.deepEqual(
    completions('apiVersion: example.com/v1\nkind: |\n').map((entry) => [entry.label, entry.detail]),
    [['Backup', 'example.com/v1']],
  );
});

test('a version the CRD does not serve offers no keys', () => {
  assert.deepEqual(labels('apiVersion: example.com/v1beta1\nkind: Backup\n|\n'), []);
});
