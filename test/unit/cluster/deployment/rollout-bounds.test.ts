/**
 * The promise of a RollingUpdate, over many seeded random Deployments: from a fully available old ReplicaSet, no
 * step runs more than replicas + maxSurge pods or leaves fewer than replicas − maxUnavailable available, and
 * the rollout completes when new pods become Ready.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveFenceposts } from '../../../oracles/deployment';
import { deployment } from './deployments';
import { imageChange } from './rollouts';
import { seededRandom } from '../../../helpers/seeded-random';

const CASES = 120;

test(`${CASES} random rolling updates stay within maxSurge and maxUnavailable and complete`, () => {
  const random = seededRandom(20260101);
  const integer = (max: number) => Math.floor(random() * (max + 1));
  const bound = () => (random() < 0.5 ? integer(10) : `${integer(20) * 5}%`);
  let checked = 0;
  while (checked < CASES) {
    const replicas = integer(50);
    const maxSurge = bound();
    const maxUnavailable = bound();
    // Validation refuses both bounds at zero.
    if (parseInt(String(maxSurge), 10) === 0 && parseInt(String(maxUnavailable), 10) === 0) continue;
    checked++;
    const shape = { replicas, maxSurge, maxUnavailable };
    const label = JSON.stringify(shape);
    const fenceposts = resolveFenceposts(deployment(shape));
    assert.ok(!('error' in fenceposts), label);
    const result = imageChange(shape);
    for (const step of result.steps) {
      assert.ok(step.total <= fenceposts.maxTotal, `${label}: ${step.total} pods at sync ${step.sync}, max ${fenceposts.maxTotal}`);
      assert.ok(step.lowestAvailable >= fenceposts.minAvailable, `${label}: ${step.lowestAvailable} available at sync ${step.sync}, min ${fenceposts.minAvailable}`);
    }
    assert.equal(result.outcome, 'complete', label);
    const last = result.steps.at(-1);
    if (replicas > 0) assert.deepEqual([last?.new, last?.old], [replicas, 0], label);
  }
});
