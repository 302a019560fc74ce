/** PodTopologySpread DoNotSchedule rules: minDomains and which nodes count as domains. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { bindPod, buildSnapshot, schedulePod } from '../../../../server/src/cluster/scheduler';
import { describePod } from '../../../../server/src/cluster/scheduler/node-info';
import { topologySpreadFilter, topologySpreadPreFilter } from '../../../../server/src/cluster/scheduler/topology-spread';
import { node, pod } from './fixtures';

const labels = { app: 'web' };

function constraint(extra: Partial<TopologySpreadConstraint> = {}, topologyKey = 'kubernetes.io/hostname'): TopologySpreadConstraint {
  return { maxSkew: 1, topologyKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels }, ...extra };
}

describe('topology spread constraints', () => {
  it('takes the global minimum as 0 while there are fewer domains than minDomains', () => {
    const nodes = [node('n1'), node('n2')];
    const existing = [pod('web-1', { labels, nodeName: 'n1' }), pod('web-2', { labels, nodeName: 'n2' })];
    const withMinDomains = pod('web-3', { labels, spec: { topologySpreadConstraints: [constraint({ minDomains: 3 })] } });
    const result = schedulePod(withMinDomains, buildSnapshot('1.33', { nodes, pods: existing }));
    assert.deepEqual(result, {
      outcome: 'Unschedulable',
      message: "0/2 nodes are available: 2 node(s) didn't match pod topology spread constraints. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    });
    const without = pod('web-3', { labels, spec: { topologySpreadConstraints: [constraint()] } });
    assert.equal(schedulePod(without, buildSnapshot('1.33', { nodes, pods: existing })).outcome, 'Scheduled');
  });

  it("counts only nodes matching the pod's node selector as domains by default (nodeAffinityPolicy Honor)", () => {
    const nodes = [node('a1', { labels: { zone: 'a', disk: 'ssd' } }), node('b1', { labels: { zone: 'b' } })];
    const existing = [pod('web-1', { labels, nodeName: 'a1' })];
    const honoring = pod('web-2', { labels, spec: { nodeSelector: { disk: 'ssd' }, topologySpreadConstraints: [constraint({}, 'zone')] } });
    const result = schedulePod(honoring, buildSnapshot('1.33', { nodes, pods: existing }));
    assert.equal(result.outcome === 'Scheduled' ? result.nodeName : result.outcome, 'a1');
    const ignoring = pod('web-2', { labels, spec: { nodeSelector: { disk: 'ssd' }, topologySpreadConstraints: [constraint({ nodeAffinityPolicy: 'Ignore' }, 'zone')] } });
    assert.equal(schedulePod(ignoring, buildSnapshot('1.33', { nodes, pods: existing })).outcome, 'Unschedulable');
  });

  it('ignores taints when counting domains unless nodeTaintsPolicy is Honor', () => {
    const taints = [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }];
    const nodes = [node('a1', { labels: { zone: 'a' } }), node('b1', { labels: { zone: 'b' }, taints })];
    const existing = [pod('web-1', { labels, nodeName: 'a1' })];
    const ignoring = pod('web-2', { labels, spec: { topologySpreadConstraints: [constraint({}, 'zone')] } });
    assert.equal(schedulePod(ignoring, buildSnapshot('1.33', { nodes, pods: existing })).outcome, 'Unschedulable');
    const honoring = pod('web-2', { labels, spec: { topologySpreadConstraints: [constraint({ nodeTaintsPolicy: 'Honor' }, 'zone')] } });
    const result = schedulePod(honoring, buildSnapshot('1.33', { nodes, pods: existing }));
    assert.equal(result.outcome === 'Scheduled' ? result.nodeName : result.outcome, 'a1');
  });

  it('counts only pods of the same namespace', () => {
    // The cordoned node is still a domain with no matching pods, so counting n1's pods would skew n1 past 1.
    const nodes = [node('n1'), node('n2', { unschedulable: true })];
    const existing = [pod('web-1', { labels, nodeName: 'n1', namespace: 'other' }), pod('web-2', { labels, nodeName: 'n1', namespace: 'other' })];
    const incoming = pod('web-3', { labels, spec: { topologySpreadConstraints: [constraint()] } });
    const result = schedulePod(incoming, buildSnapshot('1.33', { nodes, pods: existing }));
    assert.equal(result.outcome === 'Scheduled' ? result.nodeName : result.outcome, 'n1');
  });

  // podtopologyspread/filtering.go: calPreFilterState counts matching pods per zone (a: 2, b: 1, global minimum 1);
  // Filter refuses a node when matchNum + selfMatchNum − minMatchNum > maxSkew: zone a 2 + 1 − 1 = 2 > 1, zone b
  // 1 + 1 − 1 = 1. With one more pod bound in zone b (a: 2, b: 2, minimum 2), both give 1.
  it('filters on zone counts kept current as pods are bound', () => {
    const nodes = [node('a1', { labels: { zone: 'a' } }), node('b1', { labels: { zone: 'b' } })];
    const snapshot = buildSnapshot('1.33', { nodes, pods: [pod('web-1', { labels, nodeName: 'a1' }), pod('web-2', { labels, nodeName: 'a1' }), pod('web-3', { labels, nodeName: 'b1' })] });
    const incoming = describePod(pod('web-4', { labels, spec: { topologySpreadConstraints: [constraint({}, 'zone')] } }), snapshot.behaviour);
    const verdicts = () => {
      const state = topologySpreadPreFilter(incoming, snapshot);
      return snapshot.nodes.map((info) => topologySpreadFilter(state, info)?.reasons[0] ?? 'fits');
    };
    assert.deepEqual(verdicts(), ["node(s) didn't match pod topology spread constraints", 'fits']);
    bindPod(snapshot, pod('web-5', { labels, nodeName: 'b1' }), 'b1');
    assert.deepEqual(verdicts(), ['fits', 'fits']);
  });
});
