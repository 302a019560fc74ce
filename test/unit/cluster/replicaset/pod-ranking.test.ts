/** Which pods a ReplicaSet deletes first (pkg/controller/controller_utils.go ActivePodsWithRanks.Less). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import { podsToDelete } from '../../../../server/src/cluster/controllers/replicaset';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

interface PodShape {
  name: string;
  node?: string;
  phase?: string;
  readySecondsAgo?: number;
  createdSecondsAgo?: number;
  restarts?: number;
  deletionCost?: string;
}

function pod(shape: PodShape): Pod {
  const ready = shape.readySecondsAgo !== undefined;
  return {
    metadata: {
      name: shape.name,
      uid: shape.name,
      creationTimestamp: ago(shape.createdSecondsAgo ?? 3600),
      ...(shape.deletionCost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': shape.deletionCost } } : {}),
    },
    spec: { containers: [{ name: 'web' }], ...(shape.node ? { nodeName: shape.node } : {}) },
    status: {
      phase: shape.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: ago(shape.readySecondsAgo ?? 0) }],
      containerStatuses: [{ name: 'web', image: 'nginx', imageID: '', ready, restartCount: shape.restarts ?? 0 }],
    },
  };
}

const order = (pods: Pod[], count = pods.length - 1, related = pods) => podsToDelete(pods, related, count, NOW).map((p) => p.metadata!.name);

test('an unscheduled pod goes before a scheduled one', () => {
  assert.deepEqual(order([pod({ name: 'scheduled', node: 'a', readySecondsAgo: 60 }), pod({ name: 'unscheduled', phase: 'Pending' })], 1), ['unscheduled']);
});

test('Pending goes before Unknown, and Unknown before Running', () => {
  const pods = [pod({ name: 'running', node: 'a' }), pod({ name: 'unknown', node: 'a', phase: 'Unknown' }), pod({ name: 'pending', node: 'a', phase: 'Pending' })];
  assert.deepEqual(order(pods, 2), ['pending', 'unknown']);
});

test('a pod that is not Ready goes before a Ready one', () => {
  assert.deepEqual(order([pod({ name: 'ready', node: 'a', readySecondsAgo: 60 }), pod({ name: 'not-ready', node: 'a' })], 1), ['not-ready']);
});

test('a lower pod-deletion-cost goes first, before any other tie-breaker', () => {
  const pods = [pod({ name: 'cheap', node: 'a', readySecondsAgo: 10_000, deletionCost: '-5' }), pod({ name: 'default', node: 'a', readySecondsAgo: 1 })];
  assert.deepEqual(order(pods, 1), ['cheap']);
});

test('a pod sharing its node with more related pods goes first', () => {
  const crowded = pod({ name: 'crowded', node: 'a', readySecondsAgo: 60 });
  const alone = pod({ name: 'alone', node: 'b', readySecondsAgo: 60 });
  const neighbour = pod({ name: 'neighbour-of-other-replicaset', node: 'a', readySecondsAgo: 60 });
  assert.deepEqual(order([alone, crowded], 1, [alone, crowded, neighbour]), ['crowded']);
});

test('of two Ready pods the one Ready for less time goes first, when their ages differ by a power of two', () => {
  const pods = [pod({ name: 'ready-long', node: 'a', readySecondsAgo: 4000 }), pod({ name: 'ready-recently', node: 'a', readySecondsAgo: 100 })];
  assert.deepEqual(order(pods, 1), ['ready-recently']);
});

test('Ready times in the same power-of-two bucket tie, and the UID decides', () => {
  // 70 s and 100 s ago are both within [2^36, 2^37) nanoseconds.
  const pods = [pod({ name: 'b-ready-recently', node: 'a', readySecondsAgo: 70 }), pod({ name: 'a-ready-longer', node: 'a', readySecondsAgo: 100 })];
  assert.deepEqual(order(pods, 1), ['a-ready-longer']);
});

test('more container restarts go first', () => {
  const pods = [pod({ name: 'steady', node: 'a', readySecondsAgo: 60 }), pod({ name: 'restarting', node: 'a', readySecondsAgo: 60, restarts: 4 })];
  assert.deepEqual(order(pods, 1), ['restarting']);
});

test('otherwise the newer pod goes first', () => {
  const pods = [pod({ name: 'old', node: 'a', createdSecondsAgo: 10_000 }), pod({ name: 'new', node: 'a', createdSecondsAgo: 10 })];
  assert.deepEqual(order(pods, 1), ['new']);
});

test('deleting as many pods as there are takes them all', () => {
  assert.deepEqual(order([pod({ name: 'x' }), pod({ name: 'y' })], 2), ['x', 'y']);
});
