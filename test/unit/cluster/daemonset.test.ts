/** DaemonSet node choice, the pods its controller creates and its rolling updates (pkg/controller/daemon). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { newDaemonPod, nodeShouldRunDaemonPod, syncDaemonSet } from '../../../server/src/cluster/controllers/daemonset';
import { bindPod, buildSnapshot, schedulePod } from '../../../server/src/cluster/scheduler';
import { container, node } from './scheduler/fixtures';
import { defaultCluster } from '../../../server/src/cluster/cluster-model';
import { planApply } from '../../../server/src/cluster/simulation';
import { validateText } from '../../../server/src/check/validate-text';

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

/** Three nodes, each with an available daemon pod of the old template (hash `old`); the template's hash is `new`. */
function updating(rollingUpdate: { maxSurge?: number | string; maxUnavailable?: number | string } | undefined, type = 'RollingUpdate') {
  const set: DaemonSet = { ...daemonSet(), spec: { ...daemonSet().spec!, updateStrategy: { type, ...(rollingUpdate ? { rollingUpdate } : {}) } } };
  const nodes = ['n1', 'n2', 'n3'].map((name) => node(name));
  const pods = nodes.map((n) => available(newDaemonPod(set, n.metadata!.name!, { name: `agent-old-${n.metadata!.name}`, revisionHash: 'old' }), n.metadata!.name!));
  return { set, nodes, pods };
}

function available(pod: Pod, nodeName: string, ready = true): Pod {
  return { ...pod, spec: { ...pod.spec!, nodeName }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } };
}

const podNames = (pods: readonly Pod[]): (string | undefined)[] => pods.map((pod) => pod.metadata?.name);
const newName = (n: Node): string => `agent-new-${n.metadata?.name}`;

// update.go rollingUpdate, maxSurge == 0: old available pods are candidates, deleted up to maxUnavailable − numUnavailable.
describe('DaemonSet RollingUpdate without surge', () => {
  it('deletes maxUnavailable old pods and creates nothing in the same sync', () => {
    const { set, nodes, pods } = updating({ maxUnavailable: 1, maxSurge: 0 });
    const sync = syncDaemonSet(set, nodes, pods, newName, 'new');
    assert.deepEqual(podNames(sync.delete), ['agent-old-n1']);
    assert.deepEqual(sync.create, []);
    assert.deepEqual(
      sync.events.map((e) => e.message),
      ['Deleted pod: agent-old-n1'],
    );
  });

  // daemonset_util.go UnavailableCount: GetScaledValueFromIntOrPercent(maxUnavailable, desiredNumberScheduled, true).
  it('rounds a maxUnavailable percentage of the nodes up', () => {
    const { set, nodes, pods } = updating({ maxUnavailable: '50%', maxSurge: 0 });
    assert.deepEqual(podNames(syncDaemonSet(set, nodes, pods, newName, 'new').delete), ['agent-old-n1', 'agent-old-n2']);
  });

  it('counts a new pod that is not available yet against maxUnavailable', () => {
    const { set, nodes, pods } = updating({ maxUnavailable: 1, maxSurge: 0 });
    const fresh = available(newDaemonPod(set, 'n1', { name: 'agent-new-n1', revisionHash: 'new' }), 'n1', false);
    assert.deepEqual(syncDaemonSet(set, nodes, [fresh, ...pods.slice(1)], newName, 'new').delete, []);
  });

  it('creates the replacement on a node whose old pod was deleted (manage)', () => {
    const { set, nodes, pods } = updating({ maxUnavailable: 1, maxSurge: 0 });
    const sync = syncDaemonSet(set, nodes, pods.slice(1), newName, 'new');
    assert.deepEqual(podNames(sync.create), ['agent-new-n1']);
    assert.equal(sync.create[0]?.metadata?.labels?.['controller-revision-hash'], 'new');
    assert.deepEqual(sync.delete, []);
  });

  it('updates nothing with OnDelete', () => {
    const { set, nodes, pods } = updating(undefined, 'OnDelete');
    const sync = syncDaemonSet(set, nodes, pods, newName, 'new');
    assert.deepEqual([sync.create, sync.delete], [[], []]);
  });
});

// update.go rollingUpdate, maxSurge > 0; daemon_controller.go podsShouldBeOnNode with surge allowed.
describe('DaemonSet RollingUpdate with maxSurge', () => {
  it('creates the new pod beside the old one before deleting anything', () => {
    const { set, nodes, pods } = updating({ maxUnavailable: 0, maxSurge: 1 });
    const sync = syncDaemonSet(set, nodes, pods, newName, 'new');
    assert.deepEqual(podNames(sync.create), ['agent-new-n1']);
    assert.deepEqual(sync.delete, []);
  });

  it('keeps the old pod while the new one on its node is not available', () => {
    const { set, nodes, pods } = updating({ maxUnavailable: 0, maxSurge: 1 });
    const fresh = available(newDaemonPod(set, 'n1', { name: 'agent-new-n1', revisionHash: 'new' }), 'n1', false);
    const sync = syncDaemonSet(set, nodes, [...pods, fresh], newName, 'new');
    assert.deepEqual([sync.create, sync.delete], [[], []]);
  });

  it('deletes the old pod once the new one on its node is available', () => {
    const { set, nodes, pods } = updating({ maxUnavailable: 0, maxSurge: 1 });
    const fresh = available(newDaemonPod(set, 'n1', { name: 'agent-new-n1', revisionHash: 'new' }), 'n1');
    const sync = syncDaemonSet(set, nodes, [...pods, fresh], newName, 'new');
    assert.deepEqual(podNames(sync.delete), ['agent-old-n1']);
    assert.deepEqual(sync.create, []);
  });

  // SurgeCount rounds up: 34% of 3 nodes is 1.02, so 2.
  it('rounds a maxSurge percentage of the nodes up', () => {
    const { set, nodes, pods } = updating({ maxUnavailable: 0, maxSurge: '34%' });
    assert.deepEqual(podNames(syncDaemonSet(set, nodes, pods, newName, 'new').create), ['agent-new-n1', 'agent-new-n2']);
  });
});

const agentManifest = (image: string): string =>
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec: {updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}, selector: {matchLabels: {app: agent}}, template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: agent, image: "${image}"}]}}}\n`;

// syncDaemonSet: rollingUpdate surges onto one node; the next sync's podsShouldBeOnNode deletes the old pod there
// once the new one is available; only then does rollingUpdate surge onto the next node.
describe('a DaemonSet rollout with maxSurge in the plan', () => {
  it('creates each new pod before deleting the old one on its node, one node at a time', () => {
    const decoded = (yaml: string) => validateText(yaml, { kubernetesVersion: '1.33' }).objects;
    const result = planApply({
      kubernetesVersion: '1.33',
      cluster: defaultCluster(),
      current: decoded(agentManifest('agent:1')),
      manifests: decoded(agentManifest('agent:2')),
      newPodsReady: true,
      now: Date.parse('2026-03-01T10:00:00Z'),
    });
    const messages = result.events.filter((event) => event.object === 'DaemonSet/default/agent').map((event) => event.message.replace(/: .*/, ''));
    assert.deepEqual(messages, ['Created pod', 'Deleted pod', 'Created pod', 'Deleted pod', 'Created pod', 'Deleted pod']);
    const rollout = result.workloadRollouts[0];
    assert.deepEqual([rollout?.maxSurge, rollout?.maxUnavailable, rollout?.desired, rollout?.updated, rollout?.deleted.length, rollout?.outcome], [1, 0, 3, 3, 3, 'complete']);
  });
});
