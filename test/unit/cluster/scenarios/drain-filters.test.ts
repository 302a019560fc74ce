/**
 * Which pods kubectl drain evicts, skips or refuses (kubectl pkg/drain/filters.go makeFilters, daemonSetFilter,
 * mirrorPodFilter, localStorageFilter, unreplicatedFilter, PodDeleteList.errors), worked by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import { drainRefusal, MODELLED_DRAIN_FLAGS, podDeleteStatus } from '../../../../server/src/cluster/scenarios/drain-filters';

const DAEMON_SETS = new Set(['default/agent']);
const daemonSetExists = (namespace: string, name: string) => DAEMON_SETS.has(`${namespace}/${name}`);

function pod(options: { owner?: string; emptyDir?: boolean; mirror?: boolean; phase?: string } = {}): Pod {
  const [kind, name] = (options.owner ?? '/').split('/') as [string, string];
  return {
    metadata: {
      name: 'p',
      namespace: 'default',
      ...(options.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind, name, uid: 'u', controller: true }] } : {}),
      ...(options.mirror ? { annotations: { 'kubernetes.io/config.mirror': 'abc' } } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'i' }], ...(options.emptyDir ? { volumes: [{ name: 'scratch', emptyDir: {} }] } : {}) },
    status: { phase: options.phase ?? 'Running' },
  };
}

// daemonSetFilter with --ignore-daemonsets: MakePodDeleteStatusWithWarning(false, daemonSetWarning).
test('a DaemonSet pod is skipped with kubectl’s warning under --ignore-daemonsets', () => {
  assert.deepEqual(podDeleteStatus(pod({ owner: 'DaemonSet/agent' }), MODELLED_DRAIN_FLAGS, daemonSetExists), { delete: false, reason: 'Warning', message: 'ignoring DaemonSet-managed Pods' });
});

// daemonSetFilter without --ignore-daemonsets: MakePodDeleteStatusWithError(daemonSetFatal).
test('without --ignore-daemonsets a DaemonSet pod refuses the drain', () => {
  const flags = { ...MODELLED_DRAIN_FLAGS, ignoreAllDaemonSets: false };
  assert.deepEqual(podDeleteStatus(pod({ owner: 'DaemonSet/agent' }), flags, daemonSetExists), {
    delete: false,
    reason: 'Error',
    message: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)',
  });
});

// daemonSetFilter: the DaemonSet Get fails NotFound and --force is off: the error's text is the message.
test('a pod of a DaemonSet that is gone refuses the drain with the NotFound error', () => {
  assert.deepEqual(podDeleteStatus(pod({ owner: 'DaemonSet/gone' }), MODELLED_DRAIN_FLAGS, daemonSetExists), { delete: false, reason: 'Error', message: 'daemonsets.apps "gone" not found' });
});

// mirrorPodFilter: the kubernetes.io/config.mirror annotation → MakePodDeleteStatusSkip.
test('a mirror pod is skipped without a message', () => {
  assert.deepEqual(podDeleteStatus(pod({ mirror: true }), MODELLED_DRAIN_FLAGS, daemonSetExists), { delete: false, reason: 'Skip', message: '' });
});

// localStorageFilter without --delete-emptydir-data: MakePodDeleteStatusWithError(localStorageFatal).
test('a pod with an emptyDir refuses the drain without --delete-emptydir-data', () => {
  assert.deepEqual(podDeleteStatus(pod({ owner: 'ReplicaSet/web', emptyDir: true }), MODELLED_DRAIN_FLAGS, daemonSetExists), {
    delete: false,
    reason: 'Error',
    message: 'Pods with local storage (use --delete-emptydir-data to override)',
  });
});

// unreplicatedFilter without --force: MakePodDeleteStatusWithError(unmanagedFatal).
test('a pod without a controller refuses the drain without --force', () => {
  assert.deepEqual(podDeleteStatus(pod(), MODELLED_DRAIN_FLAGS, daemonSetExists), { delete: false, reason: 'Error', message: 'Pods that declare no controller (use --force to override)' });
});

// unreplicatedFilter and localStorageFilter: a Succeeded or Failed pod is deleted whatever it holds.
test('a finished pod without a controller is evicted', () => {
  assert.deepEqual(podDeleteStatus(pod({ emptyDir: true, phase: 'Succeeded' }), MODELLED_DRAIN_FLAGS, daemonSetExists), { delete: true, reason: 'Okay', message: '' });
});

// PodDeleteList.errors: "cannot delete %s: %s" per message, pods as namespace/name joined by ", ".
test('refused pods of one kind are listed in one error', () => {
  const unmanaged = { delete: false, reason: 'Error' as const, message: 'Pods that declare no controller (use --force to override)' };
  assert.equal(
    drainRefusal([
      { pod: 'default/a', status: unmanaged },
      { pod: 'default/b', status: unmanaged },
    ]),
    'cannot delete Pods that declare no controller (use --force to override): default/a, default/b',
  );
});

// deleteOrEvictPodsSimple: utilerrors.NewAggregate of several errors prints them as [a, b].
test('refusals of two kinds are aggregated in brackets', () => {
  assert.equal(
    drainRefusal([
      { pod: 'default/a', status: { delete: false, reason: 'Error', message: 'Pods that declare no controller (use --force to override)' } },
      { pod: 'default/b', status: { delete: false, reason: 'Error', message: 'Pods with local storage (use --delete-emptydir-data to override)' } },
    ]),
    '[cannot delete Pods that declare no controller (use --force to override): default/a, cannot delete Pods with local storage (use --delete-emptydir-data to override): default/b]',
  );
});
