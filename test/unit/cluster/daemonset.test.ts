/** DaemonSet node choice and the pods its controller creates (pkg/controller/daemon). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, PodSpec } from 'kubernetes-types/core/v1';
import { newDaemonPod, nodeShouldRunDaemonPod, syncDaemonSet } from '../../../server/src/cluster/controllers/daemonset';
import { bindPod, buildSnapshot, schedulePod } from '../../../server/src/cluster/scheduler';
import { container, node } from './scheduler/fixtures';

function daemonSet(spec: Partial<PodSpec> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system', uid: 'ds-uid', generation: 1 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [container('agent', { cpu: '100m' })], ...spec } },
    },
  };
}

const tainted = (effect: string, key = 'dedicated'): Node => node('n1', { taints: [{ key, value: 'x', effect }] });

describe('which nodes run a daemon pod', () => {
  it('runs on an untainted node', () => {
    assert.deepEqual(nodeShouldRunDaemonPod(node('n1'), daemonSet()), { shouldRun: true, shouldContinueRunning: true });
  });

  it('does not start on a NoSchedule taint it does not tolerate, but keeps a pod already there', () => {
    assert.deepEqual(nodeShouldRunDaemonPod(tainted('NoSchedule'), daemonSet()), { shouldRun: false, shouldContinueRunning: true });
  });

  it('neither starts nor stays on an untolerated NoExecute taint', () => {
    assert.deepEqual(nodeShouldRunDaemonPod(tainted('NoExecute'), daemonSet()), { shouldRun: false, shouldContinueRunning: false });
  });

  it('tolerates the node condition taints the controller adds: not-ready, unreachable, pressure and unschedulable', () => {
    for (const [key, effect] of [
      ['node.kubernetes.io/not-ready', 'NoExecute'],
      ['node.kubernetes.io/unreachable', 'NoExecute'],
      ['node.kubernetes.io/disk-pressure', 'NoSchedule'],
      ['node.kubernetes.io/memory-pressure', 'NoSchedule'],
      ['node.kubernetes.io/pid-pressure', 'NoSchedule'],
      ['node.kubernetes.io/unschedulable', 'NoSchedule'],
    ] as const) {
      assert.equal(nodeShouldRunDaemonPod(tainted(effect, key), daemonSet()).shouldRun, true, key);
    }
  });

  it('tolerates network-unavailable only for host-network pods', () => {
    const unavailable = tainted('NoSchedule', 'node.kubernetes.io/network-unavailable');
    assert.equal(nodeShouldRunDaemonPod(unavailable, daemonSet()).shouldRun, false);
    assert.equal(nodeShouldRunDaemonPod(unavailable, daemonSet({ hostNetwork: true })).shouldRun, true);
  });

  it('skips nodes outside the node selector', () => {
    assert.deepEqual(nodeShouldRunDaemonPod(node('n1'), daemonSet({ nodeSelector: { role: 'edge' } })), { shouldRun: false, shouldContinueRunning: false });
  });
});

describe('daemon pods', () => {
  it('pins each pod to its node with required node affinity on metadata.name, keeping preferred terms', () => {
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }];
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'role', operator: 'Exists' }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: preferred,
      },
    };
    const created = newDaemonPod(daemonSet({ affinity }), 'n2', { name: 'agent-x1' });
    assert.deepEqual(created.spec?.affinity?.nodeAffinity, {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: preferred,
    });
  });

  it('adds the daemon tolerations, the generation label and the controller reference', () => {
    const created = newDaemonPod(daemonSet(), 'n1', { name: 'agent-x1', revisionHash: '5d8f7' });
    assert.equal(created.spec?.tolerations?.length, 6);
    assert.deepEqual(created.metadata?.labels, { app: 'agent', 'controller-revision-hash': '5d8f7', 'pod-template-generation': '1' });
    assert.equal(created.metadata?.ownerReferences?.[0]?.kind, 'DaemonSet');
    assert.equal(created.metadata?.ownerReferences?.[0]?.controller, true);
  });

  it('creates one pod per eligible node without one, and the scheduler puts each on its node', () => {
    const nodes = [node('n1'), tainted('NoSchedule'), node('n3')].map((n, i) => ({ ...n, metadata: { ...n.metadata, name: `n${i + 1}` } }));
    const sync = syncDaemonSet(daemonSet(), nodes, [], (n) => `agent-${n.metadata?.name}`);
    assert.deepEqual(
      sync.create.map((p) => p.metadata?.name),
      ['agent-n1', 'agent-n3'],
    );
    assert.deepEqual(
      sync.events.map((e) => e.message),
      ['Created pod: agent-n1', 'Created pod: agent-n3'],
    );
    const snapshot = buildSnapshot('1.33', { nodes });
    const placed = sync.create.map((p) => {
      const result = schedulePod(p, snapshot);
      const nodeName = result.outcome === 'Scheduled' ? result.nodeName : result.outcome;
      bindPod(snapshot, { ...p, spec: { ...p.spec!, nodeName } }, nodeName);
      return nodeName;
    });
    assert.deepEqual(placed, ['n1', 'n3']);
  });

  it('deletes the daemon pod on a node whose NoExecute taint it does not tolerate', () => {
    const created = newDaemonPod(daemonSet(), 'n1', { name: 'agent-a' });
    const existing = { ...created, spec: { ...created.spec!, nodeName: 'n1' } };
    const sync = syncDaemonSet(daemonSet(), [tainted('NoExecute')], [existing], () => 'unused');
    assert.deepEqual(
      sync.delete.map((p) => p.metadata?.name),
      ['agent-a'],
    );
    assert.deepEqual(sync.create, []);
  });
});
