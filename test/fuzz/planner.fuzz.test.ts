/**
 * The planner on mutated manifests that still validate (and on the seeds themselves): no exception escapes, and every
 * plan ends within a bound. Seeded: a failure names the seed that replays it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planTexts } from '../../server/src/plan/plan-texts';
import { BUDGET_MS, CALL_BOUND_MS, FIRST_SEED, mutate, seededRandom, seedTexts } from './mutations';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

test('plans of mutated manifests never throw and never hang', () => {
  const seeds = seedTexts();
  const started = performance.now();
  let planned = 0;
  let seed = FIRST_SEED;
  for (; performance.now() - started < BUDGET_MS; seed++) {
    const random = seededRandom(seed);
    const base = seeds[Math.floor(random() * seeds.length)]!;
    // Every other input unmutated: most mutations break validation, and only valid manifests are planned.
    const text = seed % 2 === 0 ? base : mutate(base, random);
    const callStarted = performance.now();
    try {
      const response = planTexts({
        manifests: [{ file: `file:///fuzz/${seed}.yaml`, text }],
        current: [],
        cluster: undefined,
        kubernetesVersion: '1.36',
        rules: {},
        newPodsReady: random() < 0.8,
        now: NOW,
        maxCreatedPods: 5_000,
      });
      if (response.plan) planned++;
    } catch (error) {
      assert.fail(`seed ${seed}: planning threw ${(error as Error).stack}`);
    }
    const elapsed = performance.now() - callStarted;
    assert.ok(elapsed < CALL_BOUND_MS, `seed ${seed}: planning took ${elapsed.toFixed(0)} ms`);
  }
  assert.ok(planned > 20, `only ${planned} of ${seed - FIRST_SEED} inputs were planned`);
});
