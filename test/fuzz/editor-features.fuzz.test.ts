/**
 * Hover and completion at random places of mutated manifests, with a workspace catalog to look names up in: no
 * exception escapes, every answer comes within a bound, and every range it names stays inside the text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt } from '../../server/src/features/completion';
import { hoverAt } from '../../server/src/features/hover';
import { buildCatalog } from '../../server/src/catalog/catalog';
import { validateText } from '../../server/src/check/validate-text';
import { assertInside, BUDGET_MS, CALL_BOUND_MS, FIRST_SEED, mutate, seededRandom, seedTexts } from './mutations';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

function timed<T>(seed: number, what: string, call: () => T): T {
  const started = performance.now();
  let answer: T;
  try {
    answer = call();
  } catch (error) {
    assert.fail(`seed ${seed}: ${what} threw ${(error as Error).stack}`);
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < CALL_BOUND_MS, `seed ${seed}: ${what} took ${elapsed.toFixed(0)} ms`);
  return answer;
}

test('hover and completion on mutated manifests never throw, never hang and answer with ranges inside the text', () => {
  const seeds = seedTexts();
  const catalog = buildCatalog(seeds.slice(0, 60).flatMap((text, i) => validateText(text, { kubernetesVersion: '1.36' }).objects.map((object) => ({ ...object, file: `seed-${i}.yaml` }))));
  const started = performance.now();
  let seed = FIRST_SEED;
  for (; performance.now() - started < BUDGET_MS; seed++) {
    const random = seededRandom(seed);
    const text = mutate(seeds[Math.floor(random() * seeds.length)]!, random);
    for (let i = 0; i < 4; i++) {
      const offset = Math.floor(random() * (text.length + 1));
      const hover = timed(seed, `hover at ${offset}`, () => hoverAt(text, offset, { kubernetesVersion: '1.36', catalog: () => catalog, now: NOW }));
      if (hover) assertInside(text, hover.range, `seed ${seed}: hover at ${offset}`);
      const items = timed(seed, `completion at ${offset}`, () => completionsAt(text, offset, '1.36', catalog));
      for (const item of items) assertInside(text, item.replace, `seed ${seed}: completion "${item.label}" at ${offset}`);
    }
  }
  assert.ok(seed - FIRST_SEED > 50, `only ${seed - FIRST_SEED} inputs in ${BUDGET_MS} ms`);
});
