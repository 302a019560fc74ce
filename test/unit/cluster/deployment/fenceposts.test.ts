/** maxSurge / maxUnavailable against spec.replicas, as deployment/util/deployment_util.go ResolveFenceposts does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveFenceposts, scaledValueFromIntOrPercent } from '../../../oracles/deployment';
import { deployment } from './deployments';

const table: [replicas: number, maxSurge: number | string, maxUnavailable: number | string, surge: number, unavailable: number, maxTotal: number, minAvailable: number][] = [
  [10, '25%', '25%', 3, 2, 13, 8],
  [3, '25%', '25%', 1, 0, 4, 3],
  [1, '25%', '25%', 1, 0, 2, 1],
  [4, '25%', '25%', 1, 1, 5, 3],
  [3, 0, 1, 0, 1, 3, 2],
  [3, 0, '25%', 0, 1, 3, 2],
  [3, '100%', 0, 3, 0, 6, 3],
  [4, '100%', '25%', 4, 1, 8, 3],
  [4, 0, '100%', 0, 4, 4, 0],
  [4, '25%', '100%', 1, 4, 5, 0],
  [5, 3, 10, 3, 5, 8, 0],
  [0, '25%', '25%', 0, 0, 0, 0],
];

for (const [replicas, maxSurge, maxUnavailable, surge, unavailable, maxTotal, minAvailable] of table) {
  test(`${replicas} replicas with maxSurge ${maxSurge} and maxUnavailable ${maxUnavailable} run at most ${maxTotal} pods and keep ${minAvailable} available`, () => {
    assert.deepEqual(resolveFenceposts(deployment({ replicas, maxSurge, maxUnavailable })), {
      strategy: 'RollingUpdate',
      replicas,
      maxSurge: surge,
      maxUnavailable: unavailable,
      maxTotal,
      minAvailable,
    });
  });
}

test('the defaults 25%/25% apply to a Deployment that names neither bound', () => {
  const resolved = resolveFenceposts(deployment({ replicas: 10 }));
  assert.ok(!('error' in resolved));
  assert.equal(resolved.maxTotal, 13);
  assert.equal(resolved.minAvailable, 8);
});

test('maxSurge 0 alone leaves maxUnavailable at its 25% default', () => {
  const resolved = resolveFenceposts(deployment({ replicas: 8, maxSurge: 0 }));
  assert.ok(!('error' in resolved));
  assert.equal(resolved.maxUnavailable, 2);
  assert.equal(resolved.maxTotal, 8);
});

test('Recreate neither surges nor allows unavailable pods', () => {
  assert.deepEqual(resolveFenceposts(deployment({ replicas: 4, strategy: 'Recreate' })), {
    strategy: 'Recreate',
    replicas: 4,
    maxSurge: 0,
    maxUnavailable: 0,
    maxTotal: 4,
    minAvailable: 4,
  });
});

test('percentages are scaled in floating point: 33% of 3 is 0.99, up to 1 for surge and down to 0 for unavailable', () => {
  assert.equal(scaledValueFromIntOrPercent('33%', 3, true), 1);
  assert.equal(scaledValueFromIntOrPercent('33%', 3, false), 0);
});

test('a string that is not a percentage is refused with the intstr message', () => {
  assert.deepEqual(resolveFenceposts(deployment({ replicas: 3, maxSurge: '2' })), {
    error: 'invalid value for IntOrString: invalid type: string is not a percentage',
  });
  assert.deepEqual(scaledValueFromIntOrPercent('x%', 3, true), {
    error: 'invalid value for IntOrString: invalid value "x%": strconv.Atoi: parsing "x": invalid syntax',
  });
});
