/**
 * `kubeplan check --output sarif` against the SARIF 2.1.0 JSON schema (OASIS, as published with Microsoft's SARIF
 * tooling on npm), with every kind of finding the CLI can produce: schema, API-server, cross-object and file-level.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { fixturesDir, repoRoot } from '../helpers/repo-paths';
import { runCli } from '../helpers/run-cli';

const SCHEMA = path.join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

function validateSarif(text: string): string[] {
  // The schema's language pattern is not valid in Unicode mode; JSON Schema draft 4 regular expressions are ECMA 262 without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, logger: false });
  // The formats the schema names, as RFC 3986 and RFC 3339 define them (only what a result can carry).
  ajv.addFormat('uri', /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/);
  ajv.addFormat('uri-reference', /^[^\s]*$/);
  ajv.addFormat('date-time', (value: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value));
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as object);
  return validate(JSON.parse(text)) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

test('SARIF output of a folder with errors, warnings and notes is valid SARIF 2.1.0', () => {
  const run = runCli(['check', '--output', 'sarif', path.join(fixturesDir, 'broken'), path.join(repoRoot, 'examples')]);
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual(validateSarif(run.stdout), []);
});

test('SARIF rule metadata says what each rule checks, its family and its default level', () => {
  const run = runCli(['check', '--output', 'sarif', path.join(fixturesDir, 'broken')]);
  const rules = JSON.parse(run.stdout).runs[0].tool.driver.rules as { id: string; shortDescription: { text: string }; defaultConfiguration: { level: string }; properties: { tags: string[] } }[];
  const unknownField = rules.find((rule) => rule.id === 'unknown-field')!;
  assert.deepEqual(unknownField, {
    id: 'unknown-field',
    shortDescription: { text: 'a field strict decoding rejects, with the nearest field suggested' },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['schema'] },
  });
});

test('SARIF output without findings is valid SARIF 2.1.0 with an empty result list', () => {
  const run = runCli(['check', '--output', 'sarif', path.join(repoRoot, 'examples')]);
  assert.equal(run.status, 0);
  assert.deepEqual(validateSarif(run.stdout), []);
  assert.deepEqual(JSON.parse(run.stdout).runs[0].results, []);
});

test('the schema check refuses what SARIF does not allow, such as a level it does not define', () => {
  const run = runCli(['check', '--output', 'sarif', path.join(fixturesDir, 'broken')]);
  const sarif = JSON.parse(run.stdout);
  sarif.runs[0].results[0].level = 'info';
  assert.notDeepEqual(validateSarif(JSON.stringify(sarif)), []);
});
