/**
 * kubectl is the oracle for how a manifest's YAML becomes the JSON the API server receives. For each edge-case file
 * in test/fixtures/yaml-edge (YAML 1.1 words, octal, base-60, timestamps, big numbers, tags, merges, repeated keys,
 * bytes that are not UTF-8, UTF-16, directives …), this runs `kubectl annotate --local -o json -f FILE` — which
 * prints each object exactly as kubectl decoded it, plus the annotation — and compares what it printed with the
 * documents kubeplan decodes from the same bytes; where kubectl refuses the file, kubeplan must refuse it with the
 * same message. Expected values come from kubectl at test time, so a kubectl that reads YAML differently fails the
 * test. Without kubectl on PATH the tests are skipped, with a message.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeManifest } from '../../server/src/parse/utf8';
import { splitDocuments } from '../../server/src/parse/split-documents';
import { parseYamlChunk } from '../../server/src/parse/yaml-documents';
import { validateText } from '../../server/src/check/validate-text';
import { DEFAULT_VERSION } from '../../server/src/schema/versions';

const fixturesDir = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'yaml-edge');
const ANNOTATION = 'kubeplan.test/oracle';

const probe = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
const missing = (probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
const skip = missing ? 'kubectl is not on PATH: the differential test against kubectl was skipped' : false;
if (missing) console.log(`# ${skip}`);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What kubectl printed: the objects (without the annotation it was asked to add), or its refusal. */
function kubectlReads(file: string): { objects: Json[] } | { refusal: string } {
  const run = spawnSync('kubectl', ['annotate', '--local', '-o', 'json', '-f', file, `${ANNOTATION}=1`], { encoding: 'utf8' });
  if (run.status !== 0) {
    // "error: error parsing FILE: <decoder's words>"
    const line = run.stderr.trim().split('\n')[0] ?? '';
    return { refusal: line.replace(/^error: error parsing .*?: /, '') };
  }
  // Several objects are printed one after another, each closed by a `}` at the start of a line.
  const objects = run.stdout
    .split(/^}$/m)
    .filter((part) => part.trim() !== '')
    .map((part) => JSON.parse(`${part}}`) as { metadata?: { annotations?: Record<string, string> } });
  for (const object of objects) {
    const annotations = object.metadata?.annotations;
    if (annotations) {
      delete annotations[ANNOTATION];
      if (Object.keys(annotations).length === 0) delete object.metadata!.annotations;
    }
  }
  return { objects: objects as Json[] };
}

/** The objects kubeplan decodes from the file's bytes (a List's items one by one, as kubectl prints them), or its errors. */
function kubeplanReads(file: string): { objects: Json[]; errors: string[] } {
  const { text, invalidUtf8 } = decodeManifest(fs.readFileSync(file));
  const objects: Json[] = [];
  const errors: string[] = [];
  for (const chunk of splitDocuments(text)) {
    for (const document of parseYamlChunk(chunk.text)) {
      for (const problem of document.problems) if (problem.severity === 'error') errors.push(problem.message);
      const value = JSON.parse(JSON.stringify(document.value ?? null)) as Json;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      if (typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(value['items'])) objects.push(...value['items']);
      else objects.push(value);
    }
  }
  // Whatever kubeplan reports about the file as a whole must not refuse what kubectl reads.
  const report = validateText(text, { kubernetesVersion: DEFAULT_VERSION, ...(invalidUtf8 ? { invalidUtf8 } : {}) });
  for (const finding of report.findings) if (finding.severity === 'error' && (finding.rule === 'yaml-syntax' || finding.rule === 'duplicate-key')) errors.push(finding.message);
  return { objects, errors: [...new Set(errors)] };
}

const files = fs.existsSync(fixturesDir) ? fs.readdirSync(fixturesDir).sort() : [];

test('the edge-case folder holds the files the differential test runs over', { skip }, () => {
  assert.ok(files.length >= 30, `${files.length} files in ${fixturesDir}`);
});

for (const name of files) {
  test(`${name}: kubeplan decodes what kubectl decodes, or refuses it in kubectl's words`, { skip }, () => {
    const file = path.join(fixturesDir, name);
    const oracle = kubectlReads(file);
    const ours = kubeplanReads(file);
    if ('refusal' in oracle) {
      // kubectl's words exactly, with plain words of kubeplan's own after them in parentheses where it adds them.
      const refusal = oracle.refusal;
      const inKubectlWords = (error: string) => error === refusal || (error.startsWith(`${refusal} (`) && error.endsWith(')'));
      assert.ok(ours.errors.some(inKubectlWords), `kubectl: ${oracle.refusal}\nkubeplan: ${ours.errors.join('\n') || '(no error)'}`);
      return;
    }
    assert.deepEqual(ours.errors, [], 'kubectl read the file, so kubeplan must not refuse it');
    assert.deepStrictEqual(ours.objects, oracle.objects);
  });
}
