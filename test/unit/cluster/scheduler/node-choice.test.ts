/** Which feasible node wins: scores, weights, the deterministic tie-break and the node search window. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { bindPod, buildSnapshot, numFeasibleNodesToFind, schedulePod, type ClusterSnapshot } from '../../../../server/src/cluster/scheduler';
import { balancedAllocationScore, leastAllocatedScore } from '../../../../server/src/cluster/scheduler/resource-fit';
import { podRequests } from '../../../../server/src/cluster/scheduler/resources';
import { node, pod } from './fixtures';

function placeAll(snapshot: ClusterSnapshot, pods: Pod[]): string[] {
  return pods.map((incoming) => {
    const result = schedulePod(incoming, snapshot);
    assert.equal(result.outcome, 'Scheduled');
    const nodeName = result.outcome === 'Scheduled' ? result.nodeName : '';
    bindPod(snapshot, { ...incoming, spec: { ...incoming.spec!, nodeName } }, nodeName);
    return nodeName;
  });
}

function placement(nodes: Node[], incoming: Pod, existing: Pod[] = []): string {
  return placeAll(buildSnapshot('1.33', { nodes, pods: existing }), [incoming])[0]!;
}

describe('node scores', () => {
  it('scores LeastAllocated as the mean free share of cpu and memory: 1 of 4 cpu and 2 of 8Gi leave 75', () => {
    const snapshot = buildSnapshot('1.33', { nodes: [node('n1', { cpu: '4', memory: '8Gi' })] });
    assert.equal(leastAllocatedScore(podRequests(pod('p', { requests: { cpu: '1', memory: '2Gi' } }), false), snapshot.nodes[0]!), 75);
  });

  it('scores BalancedAllocation from the gap between cpu (1/4) and memory (4/8) shares: 100 × (1 − 0.125) = 87', () => {
    const snapshot = buildSnapshot('1.33', { nodes: [node('n1', { cpu: '4', memory: '8Gi' })] });
    assert.equal(balancedAllocationScore(podRequests(pod('p', { requests: { cpu: '1', memory: '4Gi' } }), false), snapshot.nodes[0]!, snapshot.behaviour), 87);
  });

  it('scores the change in balance from v1.36: an empty node (balance 100) going to 87 scores 50 + (50 + 87 − 100) / 2 = 68', () => {
    const snapshot = buildSnapshot('1.36', { nodes: [node('n1', { cpu: '4', memory: '8Gi' })] });
    assert.equal(balancedAllocationScore(podRequests(pod('p', { requests: { cpu: '1', memory: '4Gi' } }), false), snapshot.nodes[0]!, snapshot.behaviour), 68);
  });

  it('prefers the least allocated node', () => {
    const existing = [pod('busy', { requests: { cpu: '3', memory: '6Gi' }, nodeName: 'n1' })];
    assert.equal(placement([node('n1'), node('n2')], pod('web', { requests: { cpu: '500m', memory: '1Gi' } }), existing), 'n2');
  });

  it('prefers the node matching a preferred node affinity term', () => {
    const affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } };
    assert.equal(placement([node('hdd'), node('ssd', { labels: { disk: 'ssd' } })], pod('web', { spec: { affinity } })), 'ssd');
  });

  it('avoids a PreferNoSchedule taint the pod does not tolerate', () => {
    const taints = [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }];
    assert.equal(placement([node('spot', { taints }), node('regular')], pod('web')), 'regular');
  });

  it('prefers the node of a pod matched by a preferred pod affinity term', () => {
    const affinity = {
      podAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'cache' } } } }],
      },
    };
    const existing = [pod('cache-0', { labels: { app: 'cache' }, nodeName: 'n2' }), pod('other', { labels: { app: 'other' }, nodeName: 'n1' })];
    assert.equal(placement([node('n1'), node('n2')], pod('web', { spec: { affinity } }), existing), 'n2');
  });

  it("spreads a ReplicaSet's pods over hostnames by default", () => {
    const replicaSet: ReplicaSet = { metadata: { name: 'web-abc', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: {} } };
    const owned = (name: string, nodeName?: string): Pod => {
      const base = pod(name, { labels: { app: 'web' }, ...(nodeName ? { nodeName } : {}) });
      return { ...base, metadata: { ...base.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u1', controller: true }] } };
    };
    // Both nodes hold one pod with the same requests; only n1's belongs to the ReplicaSet.
    const existing = [owned('web-1', 'n1'), pod('other', { nodeName: 'n2' })];
    const snapshot = buildSnapshot('1.33', { nodes: [node('n1'), node('n2')], pods: existing, owners: { replicaSets: [replicaSet] } });
    assert.deepEqual(placeAll(snapshot, [owned('web-2')]), ['n2']);
  });
});

describe('deterministic node choice', () => {
  it('takes the first node visited when scores tie', () => {
    assert.equal(placement([node('b'), node('a'), node('c')], pod('web')), 'b');
  });

  it('places the same pods on the same nodes every time', () => {
    const nodes = Array.from({ length: 5 }, (_, i) => node(`n${i}`));
    const pods = Array.from({ length: 12 }, (_, i) => pod(`p${i}`, { requests: { cpu: `${100 + 50 * (i % 3)}m` } }));
    const first = placeAll(buildSnapshot('1.33', { nodes }), pods);
    const second = placeAll(buildSnapshot('1.33', { nodes }), pods);
    assert.deepEqual(first, second);
  });
});

describe('how many nodes are searched', () => {
  it('searches every node in clusters under 100 nodes', () => {
    assert.equal(numFeasibleNodesToFind(50), 50);
    assert.equal(numFeasibleNodesToFind(99), 99);
  });

  it('searches 50% minus 1% per 125 nodes, at least 100 nodes and at least 5%', () => {
    assert.equal(numFeasibleNodesToFind(100), 100);
    assert.equal(numFeasibleNodesToFind(1000), 420);
    assert.equal(numFeasibleNodesToFind(5000), 500);
    assert.equal(numFeasibleNodesToFind(6000), 300);
  });

  it('starts the next search where the last one stopped', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => node(`n${String(i).padStart(3, '0')}`));
    const snapshot = buildSnapshot('1.33', { nodes });
    assert.deepEqual(placeAll(snapshot, [pod('first')]), ['n000']);
    assert.equal(snapshot.nextStartNodeIndex, 100);
    assert.deepEqual(placeAll(snapshot, [pod('second')]), ['n100']);
  });
});
