/**
 * Random and mutated manifests through the whole per-file pipeline: no exception escapes, every call ends within a
 * bound, and every range stays inside the text. Seeded: a failure names the seed that replays it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corporaDir, repoRoot } from '../helpers/repo-paths';
import { validateText } from '../../server/src/validate-text';
import { mutate, seededRandom } from './mutations';

/** How long the fuzz test may run (KUBEPLAN_FUZZ_MS for longer runs); the number of inputs depends on the machine. */
const BUDGET_MS = Number(process.env['KUBEPLAN_FUZZ_MS'] ?? 8_000);
/** A single call taking longer than this is a hang, not slowness. */
const CALL_BOUND_MS = 5_000;
/** KUBEPLAN_FUZZ_SEED replays a failure, or explores other inputs. */
const FIRST_SEED = Number(process.env['KUBEPLAN_FUZZ_SEED'] ?? 1);

/** Small manifests to mutate: the examples, the test fixtures and, when present, the corpora's smaller files. */
function seedTexts(): string[] {
  const files: string[] = [];
  const walk = (dir: string, limit: number): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.length >= limit) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, limit);
      else if (/\.(ya?ml|json)$/.test(entry.name) && fs.statSync(full).size < 20_000) files.push(full);
    }
  };
  walk(path.join(repoRoot, 'examples'), 50);
  walk(path.join(repoRoot, 'test', 'fixtures'), 150);
  walk(corporaDir, 400);
  return files.map((file) => fs.readFileSync(file, 'utf8'));
}

function assertInside(text: string, range: { start: number; end: number }, what: string): void {
  assert.ok(range.start >= 0 && range.start <= range.end && range.end <= text.length, `${what} range ${JSON.stringify(range)} is outside a text of ${text.length}`);
}

test('mutated manifests never throw, never hang and keep every range inside the text', () => {
  const seeds = seedTexts();
  assert.ok(seeds.length > 0);
  const started = performance.now();
  let seed = FIRST_SEED;
  for (; performance.now() - started < BUDGET_MS; seed++) {
    const random = seededRandom(seed);
    const text = mutate(seeds[Math.floor(random() * seeds.length)]!, random);
    const callStarted = performance.now();
    let report;
    try {
      report = validateText(text, { kubernetesVersion: '1.36', rules: { 'image-tag': 'warning', 'run-as-root': 'warning' } });
    } catch (error) {
      assert.fail(`seed ${seed}: validateText threw ${(error as Error).stack}`);
    }
    const elapsed = performance.now() - callStarted;
    assert.ok(elapsed < CALL_BOUND_MS, `seed ${seed}: took ${elapsed.toFixed(0)} ms`);
    for (const finding of report.findings) assertInside(text, finding.range, `seed ${seed}: finding "${finding.message}"`);
    for (const object of report.objects) assertInside(text, object.range, `seed ${seed}: object ${object.kind}/${object.name}`);
  }
  assert.ok(seed - FIRST_SEED > 100, `only ${seed - FIRST_SEED} inputs in ${BUDGET_MS} ms`);
});
