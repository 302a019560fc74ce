/** PodTopologySpread scoring: PreScore once per pod over counts kept current as pods are bound, Score per node, NormalizeScore. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { bindPod, buildSnapshot, type ClusterSnapshot } from '../../../../server/src/cluster/scheduler';
import { describePod } from '../../../../server/src/cluster/scheduler/node-info';
import { topologySpreadNormalizeScore, topologySpreadPreScore, topologySpreadScore } from '../../../../server/src/cluster/scheduler/topology-spread';
import { node, pod } from './fixtures';

const labels = { app: 'web' };
const replicaSet: ReplicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default' }, spec: { selector: { matchLabels: labels }, template: {} } };

function ownedPod(name: string, nodeName?: string): Pod {
  const base = pod(name, { labels, ...(nodeName ? { nodeName } : {}) });
  return { ...base, metadata: { ...base.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u1', controller: true }] } };
}

/** PreScore, Score on every node of the snapshot (all feasible), NormalizeScore. */
function normalizedScores(incoming: Pod, snapshot: ClusterSnapshot): number[] {
  const feasible = snapshot.nodes;
  const state = topologySpreadPreScore(describePod(incoming, snapshot.behaviour), snapshot, feasible);
  assert.ok(state);
  const scores = new Float64Array(feasible.length);
  for (const [index, info] of feasible.entries()) scores[index] = topologySpreadScore(state, info);
  topologySpreadNormalizeScore(scores, feasible.length);
  return [...scores];
}

describe('topology spread scoring', () => {
  // podtopologyspread/scoring.go with the system default constraints (plugin.go systemDefaultConstraints: hostname
  // maxSkew 3, zone maxSkew 5): PreScore sets each constraint's topologyNormalizingWeight to log(domains + 2) — 3
  // hosts: log 5; 2 zones: log 4 — and counts the zone's pods (a: 2, b: 1); Score adds cnt × weight + maxSkew − 1
  // per constraint and rounds: a1 2·log5 + 2 + 2·log4 + 4 = 11.99 → 12, a2 0 + 2 + 2·log4 + 4 = 8.77 → 9,
  // b1 log5 + 2 + log4 + 4 = 9.00 → 9. NormalizeScore gives 100 × (max + min − score) / max: 75, 100, 100.
  // One more pod bound on a2 (a1 2, a2 1, b1 1; zone a 3): a1 13.38 → 13, a2 11.77 → 12, b1 9, hence
  // 100 × 9 / 13 = 69, 100 × 10 / 13 = 76, 100.
  it('scores the system default constraints from counts kept current as pods are bound', () => {
    const nodes = [
      node('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
      node('a2', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
      node('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }),
    ];
    const existing = [ownedPod('web-1', 'a1'), ownedPod('web-2', 'a1'), ownedPod('web-3', 'b1')];
    const snapshot = buildSnapshot('1.33', { nodes, pods: existing, owners: { replicaSets: [replicaSet] } });
    assert.deepEqual(normalizedScores(ownedPod('web-4'), snapshot), [75, 100, 100]);
    bindPod(snapshot, ownedPod('web-5', 'a2'), 'a2');
    assert.deepEqual(normalizedScores(ownedPod('web-6'), snapshot), [69, 76, 100]);
  });

  // scoring.go PreScore: with explicit constraints (requireAllTopologies) a node missing a constraint's key goes to
  // IgnoredNodes and is left out of the domain count; NormalizeScore gives it 0. Zone weight log(2 + 2); a1 1·log4 →
  // 1, b1 0 → 0 (maxSkew 1 adds 0); min 0, max 1: a1 100 × (1 + 0 − 1) / 1 = 0, b1 100.
  it('leaves nodes missing a key of an explicit constraint out of scoring', () => {
    const nodes = [node('a1', { labels: { 'topology.kubernetes.io/zone': 'a' } }), node('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }), node('c1')];
    const snapshot = buildSnapshot('1.33', { nodes, pods: [pod('web-1', { labels, nodeName: 'a1' })] });
    const incoming = pod('web-2', {
      labels,
      spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } }] },
    });
    assert.deepEqual(normalizedScores(incoming, snapshot), [0, 100, 0]);
  });

  it('is skipped for a pod with neither soft constraints nor an owner that spreads it', () => {
    const snapshot = buildSnapshot('1.33', { nodes: [node('n1')] });
    assert.equal(topologySpreadPreScore(describePod(pod('lonely', { labels }), snapshot.behaviour), snapshot, snapshot.nodes), undefined);
  });
});
