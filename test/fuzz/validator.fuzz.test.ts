/**
 * Random and mutated manifests through the whole per-file pipeline: no exception escapes, every call ends within a
 * bound, and every range stays inside the text. Seeded: a failure names the seed that replays it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateText } from '../../server/src/check/validate-text';
import { assertInside, BUDGET_MS, CALL_BOUND_MS, FIRST_SEED, mutate, seededRandom, seedTexts } from './mutations';

test('mutated manifests never throw, never hang and keep every range inside the text', () => {
  const seeds = seedTexts();
  assert.ok(seeds.length > 0);
  const started = performance.now();
  let seed = FIRST_SEED;
  for (; performance.now() - started < BUDGET_MS; seed++) {
    const random = seededRandom(seed);
    const text = mutate(seeds[Math.floor(random() * seeds.length)]!, random);
    const callStarted = performance.now();
    let report: ReturnType<typeof validateText>;
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
