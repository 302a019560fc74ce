/**
 * Hover in a custom resource documents its fields from the openAPIV3Schema of the CRD version written. Types are
 * named as kubectl explain names a CRD's (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl,
 * "typeGuess": `[]` for items, `map[string]` for a schema of additionalProperties, `Object` for type object); the
 * meanings of the x-kubernetes-* extensions are apiextensions' (apiextensions-apiserver pkg/apis/apiextensions/v1
 * types_jsonschema.go, JSONSchemaProps).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildCatalog } from '../../../../server/src/catalog/catalog';
import { hoverAt } from '../../../../server/src/features/hover';
import { fixturesDir } from '../../../helpers/repo-paths';
import { catalogOf } from '../../../helpers/workspace-manifests';
import { hoverText, NOW } from './hover-helpers';

const CRD = fs.readFileSync(path.join(fixturesDir, 'crds', 'schema-docs', 'backups.example.com.yaml'), 'utf8');
const workspace = { 'crds/backups.yaml': CRD };

const BACKUP = `apiVersion: example.com/v1
kind: Backup
metadata:
  name: nightly
spec:
  target: data
  schedule: "0 3 * * *"
  retention: 30
  mode: Full
  window: 2h
  destinations:
    - name: offsite
      bucket: archive
  labels:
    team: storage
  options:
    level: 9
  note: null
`;

const hover = (needle: string, n = 1) => hoverText(BACKUP, needle, { workspace, n });

test('a required field of a custom resource shows its type, path, length bounds, pattern and description', () => {
  assert.equal(
    hover('target'),
    [
      '**target** `<string>` · required',
      '',
      '`spec.target` in Backup (example.com/v1)',
      '',
      'Minimum length: `1` · Maximum length: `63`',
      '',
      'Pattern: `^[a-z0-9-]+$` (Go regular expression)',
      '',
      'The volume to back up.',
    ].join('\n'),
  );
});

test("an integer field shows the CRD's default, its format and its bounds with exclusiveMaximum", () => {
  assert.equal(
    hover('retention'),
    [
      '**retention** `<integer>`',
      '',
      '`spec.retention` in Backup (example.com/v1)',
      '',
      'Default: `7`',
      '',
      'Format: `int32`',
      '',
      'Minimum: `1` · Maximum: `365` (exclusive)',
      '',
      'Days a copy is kept.',
    ].join('\n'),
  );
});

test('an enum field shows its default and allowed values', () => {
  assert.equal(hover('mode'), '**mode** `<string>`\n\n`spec.mode` in Backup (example.com/v1)\n\nDefault: `Full`\n\nAllowed values: `Full`, `Incremental`');
});

test('an int-or-string field is named IntOrString and says what it takes', () => {
  assert.equal(hover('window'), '**window** `<IntOrString>`\n\n`spec.window` in Backup (example.com/v1)\n\nAn integer or a string (`x-kubernetes-int-or-string`).');
});

test('a list with x-kubernetes-list-type map shows its item type, maxItems and the keys items are unique by', () => {
  assert.equal(
    hover('destinations'),
    '**destinations** `<[]Object>`\n\n`spec.destinations` in Backup (example.com/v1)\n\nMaximum items: `4`\n\nList type `map`: items are unique by `name` (`x-kubernetes-list-type`).',
  );
});

test("a field of a list item is documented from the items' schema", () => {
  assert.equal(hover('name: offsite'), "**name** `<string>` · required\n\n`spec.destinations[0].name` in Backup (example.com/v1)\n\nThe destination's name.");
});

test('a key of a map documents the map, with its x-kubernetes-map-type', () => {
  assert.equal(
    hover('team'),
    '**labels** `<map[string]string>`\n\n`spec.labels` in Backup (example.com/v1)\n\nA key of `labels`.\n\nMap type `atomic`: replaced as a whole when merged (`x-kubernetes-map-type`).',
  );
});

test('a field inside x-kubernetes-preserve-unknown-fields documents the field that keeps it', () => {
  assert.equal(
    hover('level'),
    '**options** `<Object>`\n\n`spec.options` in Backup (example.com/v1)\n\nFields the schema does not declare are kept, not pruned (`x-kubernetes-preserve-unknown-fields`).\n\nOptions passed to the backup tool as they are.',
  );
});

test('a nullable field says that null is kept', () => {
  assert.equal(hover('note'), '**note** `<string>`\n\n`spec.note` in Backup (example.com/v1)\n\nNullable: `null` is kept as a value rather than dropped.');
});

test('an object field shows its x-kubernetes-validations rules with their messages', () => {
  assert.equal(
    hover('spec'),
    "**spec** `<Object>`\n\n`spec` in Backup (example.com/v1)\n\nValidation rules (`x-kubernetes-validations`):\n- `self.target != 'root'`: the root volume cannot be backed up\n\nWhat to back up, and when.",
  );
});

test("metadata fields are documented as every kind's ObjectMeta, named for the custom kind", () => {
  const markdown = hover('name: nightly');
  assert.match(markdown, /^\*\*name\*\* `<string>`\n\n`metadata\.name` in Backup \(example\.com\/v1\)\n\nName must be unique within a namespace\./);
});

test('a version the CRD does not serve gets no hover, as the API server does not know it', () => {
  // apiextensions-apiserver pkg/apiserver/customresource_handler.go ServeHTTP: a version not served is NotFound.
  const text = BACKUP.replace('example.com/v1', 'example.com/v1beta1');
  const catalog = catalogOf(workspace);
  assert.equal(hoverAt(text, text.indexOf('target') + 1, { kubernetesVersion: '1.36', now: NOW, catalog: () => catalog }), undefined);
});

test('a custom resource without a known CRD gets no hover', () => {
  assert.equal(hoverAt(BACKUP, BACKUP.indexOf('target') + 1, { kubernetesVersion: '1.36', now: NOW, catalog: () => buildCatalog([]) }), undefined);
});
