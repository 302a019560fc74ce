/**
 * InterPodAffinity from the counts the snapshot keeps as pods are bound and removed. Expected values are worked by
 * hand from pkg/scheduler/framework/plugins/interpodaffinity: scoring.go (PreScore and processExistingPod build a
 * score per topology pair, Score sums the node's pairs, NormalizeScore scales min..max to 0..100) and filtering.go
 * (PreFilter's getExistingAntiAffinityCounts and getIncomingAffinityAntiAffinityCounts, Filter's
 * satisfyPodAffinity, satisfyPodAntiAffinity, satisfyExistingPodsAntiAffinity).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, PodAffinityTerm } from 'kubernetes-types/core/v1';
import { bindPod, buildSnapshot, removePod, type ClusterSnapshot } from '../../../../server/src/cluster/scheduler';
import { describePod } from '../../../../server/src/cluster/scheduler/node-info';
import { interPodAffinityFilter, interPodAffinityPreFilter, interPodAffinityScores } from '../../../../server/src/cluster/scheduler/inter-pod-affinity';
import { node, pod } from './fixtures';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';

/** a1 and a2 in zone a, b1 in zone b, x1 without a zone. */
function cluster(pods: Pod[] = []): ClusterSnapshot {
  const nodes = [node('a1', { labels: { [ZONE]: 'a' } }), node('a2', { labels: { [ZONE]: 'a' } }), node('b1', { labels: { [ZONE]: 'b' } }), node('x1')];
  return buildSnapshot('1.33', { nodes, pods });
}

function term(app: string, topologyKey: string): PodAffinityTerm {
  return { labelSelector: { matchLabels: { app } }, topologyKey };
}

function scores(snapshot: ClusterSnapshot, incoming: Pod): number[] | undefined {
  const buffer = new Float64Array(snapshot.nodes.length);
  const scored = interPodAffinityScores(describePod(incoming, snapshot.behaviour), snapshot, snapshot.nodes, buffer);
  return scored ? [...buffer] : undefined;
}

/** The filter's verdict per node: its reason, or 'fits'. */
function verdicts(snapshot: ClusterSnapshot, incoming: Pod): string[] {
  const state = interPodAffinityPreFilter(describePod(incoming, snapshot.behaviour), snapshot);
  return snapshot.nodes.map((info) => interPodAffinityFilter(state, info, snapshot)?.reasons[0] ?? 'fits');
}

describe('InterPodAffinity scoring from kept counts', () => {
  // PreScore: the incoming pod's preferred term (weight 5) matches db on a1, a2 (zone a) and b1 (zone b):
  // topologyScore[zone] = {a: 10, b: 5}; Score: a1 = a2 = 10, b1 = 5, x1 (no zone) = 0; NormalizeScore: ×100/10.
  it("weights the incoming pod's preferred affinity by the matching pods in each node's zone", () => {
    const snapshot = cluster([pod('db1', { labels: { app: 'db' }, nodeName: 'a1' }), pod('db2', { labels: { app: 'db' }, nodeName: 'a2' }), pod('db3', { labels: { app: 'db' }, nodeName: 'b1' })]);
    const web = pod('web', {
      labels: { app: 'web' },
      spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('db', ZONE) }] } } },
    });
    assert.deepEqual(scores(snapshot, web), [100, 100, 50, 0]);
  });

  // After db4 binds on b1: topologyScore[zone] = {a: 10, b: 10}; a1 = a2 = b1 = 10, x1 = 0.
  it('sees a pod bound after the counts were first read', () => {
    const snapshot = cluster([pod('db1', { labels: { app: 'db' }, nodeName: 'a1' }), pod('db2', { labels: { app: 'db' }, nodeName: 'a2' }), pod('db3', { labels: { app: 'db' }, nodeName: 'b1' })]);
    const web = pod('web', {
      labels: { app: 'web' },
      spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('db', ZONE) }] } } },
    });
    scores(snapshot, web);
    bindPod(snapshot, pod('db4', { labels: { app: 'db' }, nodeName: 'b1' }), 'b1');
    assert.deepEqual(scores(snapshot, web), [100, 100, 100, 0]);
  });

  // processExistingPod: an existing pod's preferred anti-affinity term (weight 10, hostname) that the incoming pod
  // matches subtracts 10 from its own node's pair: a1 = −10, the others 0; min −10, max 0 → a1 0, others 100.
  it("subtracts an existing pod's preferred anti-affinity from its node", () => {
    const cache = pod('cache', {
      labels: { app: 'cache' },
      nodeName: 'a1',
      spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: term('web', HOST) }] } } },
    });
    assert.deepEqual(scores(cluster([cache]), pod('web', { labels: { app: 'web' } })), [0, 100, 100, 100]);
  });

  // processExistingPod: an existing pod's required affinity term the incoming pod matches counts
  // hardPodAffinityWeight (1) for the existing pod's zone: b1 = 1, the others 0 → b1 100.
  it("credits an existing pod's required affinity at the hard pod affinity weight", () => {
    const api = pod('api', { labels: { app: 'api' }, nodeName: 'b1', spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', ZONE)] } } } });
    assert.deepEqual(scores(cluster([api]), pod('web', { labels: { app: 'web' } })), [0, 0, 100, 0]);
  });

  // PreScore skips the plugin when no term applies: no preferred terms of its own and no pod with affinity.
  it('is skipped when neither side has a term', () => {
    assert.equal(scores(cluster([pod('db1', { labels: { app: 'db' }, nodeName: 'a1' })]), pod('web', { labels: { app: 'web' } })), undefined);
  });
});

describe('InterPodAffinity filtering from kept counts', () => {
  const existingAnti = "node(s) didn't satisfy existing pods anti-affinity rules";

  // getExistingAntiAffinityCounts: guard on a1 requires no app=web in its zone: the pair zone=a counts 1, so a1
  // and a2 are refused; b1 and x1 (no zone label) fit. Once guard is removed nothing is counted.
  it('refuses the zone of an existing pod whose required anti-affinity the incoming pod matches, until it leaves', () => {
    const guard = pod('guard', { labels: { app: 'guard' }, nodeName: 'a1', spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web', ZONE)] } } } });
    const snapshot = cluster([guard]);
    const web = pod('web', { labels: { app: 'web' } });
    assert.deepEqual(verdicts(snapshot, web), [existingAnti, existingAnti, 'fits', 'fits']);
    removePod(snapshot, guard);
    assert.deepEqual(verdicts(snapshot, web), ['fits', 'fits', 'fits', 'fits']);
  });

  // getIncomingAffinityAntiAffinityCounts: db on b1 matches the incoming pod's anti-affinity term over zones:
  // zone=b counts 1, so b1 is refused; a node without the zone label is never refused by it.
  it("refuses the zones holding pods the incoming pod's required anti-affinity matches", () => {
    const snapshot = cluster([pod('db1', { labels: { app: 'db' }, nodeName: 'b1' })]);
    const web = pod('web', { labels: { app: 'web' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', ZONE)] } } } });
    assert.deepEqual(verdicts(snapshot, web), ['fits', 'fits', "node(s) didn't match pod anti-affinity rules", 'fits']);
  });

  // satisfyPodAffinity: db on a2 counts for zone=a; b1 has no matching pod in its zone and x1 lacks the label.
  it('keeps the incoming pod to the zones holding pods its required affinity matches', () => {
    const snapshot = cluster([pod('db1', { labels: { app: 'db' }, nodeName: 'a2' })]);
    const web = pod('web', { labels: { app: 'web' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', ZONE)] } } } });
    const refused = "node(s) didn't match pod affinity rules";
    assert.deepEqual(verdicts(snapshot, web), ['fits', 'fits', refused, refused]);
  });

  // satisfyPodAffinity: with no matching pod anywhere (affinityCounts empty), a pod matching its own term may go to
  // any node carrying the topology key.
  it('lets the first pod of a group with affinity to itself go wherever the topology key exists', () => {
    const db = pod('db1', { labels: { app: 'db' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db', ZONE)] } } } });
    assert.deepEqual(verdicts(cluster(), db), ['fits', 'fits', 'fits', "node(s) didn't match pod affinity rules"]);
  });
});
