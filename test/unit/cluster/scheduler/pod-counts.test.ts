/** Matching pods counted by the snapshot: what binding and removing pods does to them. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bindPod, buildSnapshot, removePod } from '../../../../server/src/cluster/scheduler';
import { compileLabelSelector } from '../../../../server/src/kube/label-selectors';
import { selectorIndexKey, type CountedSelector } from '../../../../server/src/cluster/scheduler/pod-counts';
import { termsOf } from '../../../../server/src/cluster/scheduler/affinity-terms';
import { node, pod } from './fixtures';

function selector(namespace: string, matchLabels: Record<string, string>, matchExpressions = false): CountedSelector {
  const labelSelector = matchExpressions ? { matchExpressions: Object.entries(matchLabels).map(([key, value]) => ({ key, operator: 'In', values: [value] })) } : { matchLabels };
  const matches = compileLabelSelector(labelSelector);
  return {
    countKey: `${namespace} ${JSON.stringify(matchLabels)} ${matchExpressions}`,
    counts: (pod) => pod.namespace === namespace && matches(pod.labels),
    indexKey: selectorIndexKey(namespace, labelSelector),
  };
}

const zones = [node('a1', { labels: { zone: 'a' } }), node('a2', { labels: { zone: 'a' } }), node('b1', { labels: { zone: 'b' } }), node('x1')];

describe('pod counts', () => {
  it('counts the pods bound before a selector is first asked about', () => {
    const snapshot = buildSnapshot('1.33', { nodes: zones, pods: [pod('w1', { labels: { app: 'web' }, nodeName: 'a1' }), pod('w2', { labels: { app: 'web' }, nodeName: 'a2' })] });
    bindPod(snapshot, pod('w3', { labels: { app: 'web' } }), 'a1');
    assert.deepEqual([...snapshot.podCounts.perNode(selector('default', { app: 'web' }))], [2, 1, 0, 0]);
  });

  it('counts only pods of the selector namespace', () => {
    const snapshot = buildSnapshot('1.33', { nodes: zones, pods: [pod('w1', { labels: { app: 'web' }, nodeName: 'a1', namespace: 'other' })] });
    assert.deepEqual([...snapshot.podCounts.perNode(selector('default', { app: 'web' }))], [0, 0, 0, 0]);
  });

  it('keeps per-node counts current as pods are bound and removed', () => {
    const snapshot = buildSnapshot('1.33', { nodes: zones });
    const web = selector('default', { app: 'web' });
    const perNode = snapshot.podCounts.perNode(web);
    const first = pod('w1', { labels: { app: 'web', tier: 'front' } });
    bindPod(snapshot, first, 'b1');
    bindPod(snapshot, pod('d1', { labels: { app: 'db' } }), 'b1');
    assert.deepEqual([...perNode], [0, 0, 1, 0]);
    removePod(snapshot, first);
    assert.deepEqual([...perNode], [0, 0, 0, 0]);
  });

  it('keeps counts current for selectors without matchLabels', () => {
    const snapshot = buildSnapshot('1.33', { nodes: zones });
    const perNode = snapshot.podCounts.perNode(selector('default', { app: 'web' }, true));
    bindPod(snapshot, pod('w1', { labels: { app: 'web' } }), 'x1');
    assert.deepEqual([...perNode], [0, 0, 0, 1]);
  });

  it('sums per domain over the nodes carrying every required key', () => {
    const snapshot = buildSnapshot('1.33', { nodes: zones, pods: ['a1', 'a2', 'b1', 'x1'].map((name, index) => pod(`w${index}`, { labels: { app: 'web' }, nodeName: name })) });
    const tally = snapshot.podCounts.perDomain(selector('default', { app: 'web' }), 'zone', ['zone']);
    assert.deepEqual(tally.domains.values, ['a', 'b']);
    assert.deepEqual([...tally.counts], [2, 1]);
    assert.equal(tally.size, 2);
  });

  it('keeps per-domain counts current as pods are bound and removed', () => {
    const snapshot = buildSnapshot('1.33', { nodes: zones });
    const tally = snapshot.podCounts.perDomain(selector('default', { app: 'web' }), 'zone', ['zone']);
    const moved = pod('w1', { labels: { app: 'web' } });
    bindPod(snapshot, moved, 'a2');
    bindPod(snapshot, pod('w2', { labels: { app: 'web' } }), 'x1');
    assert.deepEqual([...tally.counts], [1, 0]);
    removePod(snapshot, moved);
    assert.deepEqual([...tally.counts], [0, 0]);
  });

  it('leaves out domains whose nodes lack another required key', () => {
    const nodes = [node('a1', { labels: { zone: 'a', rack: 'r1' } }), node('b1', { labels: { zone: 'b' } })];
    const snapshot = buildSnapshot('1.33', { nodes, pods: [pod('w1', { labels: { app: 'web' }, nodeName: 'b1' })] });
    const tally = snapshot.podCounts.perDomain(selector('default', { app: 'web' }), 'zone', ['zone', 'rack']);
    assert.deepEqual([...tally.present], [1, 0]);
    assert.deepEqual([...tally.counts], [0, 0]);
  });

  // interpodaffinity: AffinityTerm.Matches looks at namespace and labels only, where PodTopologySpread's
  // countPodsMatchSelector also leaves out terminating pods; a term listing namespaces matches pods of each.
  it('counts the pods of every namespace an affinity term lists, terminating ones too', () => {
    const shape = pod('w2', { labels: { app: 'web' }, nodeName: 'a2', namespace: 'shop' });
    const terminating = { ...shape, metadata: { ...shape.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
    const snapshot = buildSnapshot('1.33', {
      nodes: zones,
      pods: [pod('w1', { labels: { app: 'web' }, nodeName: 'a1', namespace: 'data' }), terminating, pod('w3', { labels: { app: 'web' }, nodeName: 'b1', namespace: 'other' })],
    });
    const holder = pod('holder', {
      namespace: 'shop',
      spec: {
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'zone', namespaces: ['data', 'shop'] }] } },
      },
    });
    const [term] = termsOf(holder).requiredAffinity;
    const tally = snapshot.podCounts.perDomain(term!.counted, 'zone', []);
    assert.deepEqual([...tally.counts], [2, 0]);
    assert.equal(tally.total, 2);
  });
});
