/** Full FailedScheduling messages, built from upstream's filter reasons, histogram sort and preemption notes. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { KubernetesVersion } from '../../../../server/src/schema/versions';
import { buildSnapshot, schedulePod } from '../../../../server/src/cluster/scheduler';
import { container, node, pod } from './fixtures';

function failure(version: KubernetesVersion, nodes: Node[], incoming: Pod, existing: Pod[] = []): string {
  const result = schedulePod(incoming, buildSnapshot(version, { nodes, pods: existing }));
  assert.equal(result.outcome, 'Unschedulable', JSON.stringify(result));
  return result.outcome === 'Unschedulable' ? result.message : '';
}

const SSD = { labels: { disk: 'ssd' } };

describe('FailedScheduling messages', () => {
  it('counts each reason over nodes and says which nodes preemption could help (v1.33)', () => {
    const nodes = [node('small', { memory: '1Gi', ...SSD }), node('hdd-1'), node('hdd-2')];
    const incoming = pod('web', { requests: { memory: '2Gi' }, spec: { nodeSelector: { disk: 'ssd' } } });
    assert.equal(
      failure('1.33', nodes, incoming),
      "0/3 nodes are available: 1 Insufficient memory, 2 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('puts the DRA post-filter note before the preemption note from v1.34', () => {
    const nodes = [node('n1', { cpu: '2' })];
    const existing = [pod('busy', { requests: { cpu: '1500m' }, nodeName: 'n1' })];
    assert.equal(
      failure('1.34', nodes, pod('web', { requests: { cpu: '1' } }), existing),
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('says preemption is not helpful on a node smaller than the request from v1.34, but not before', () => {
    const nodes = [node('n1', { cpu: '2' })];
    const incoming = pod('big', { requests: { cpu: '4' } });
    assert.equal(
      failure('1.36', nodes, incoming),
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    assert.equal(failure('1.33', nodes, incoming), '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  });

  it('names the untolerated taint up to v1.34 and only counts it from v1.35', () => {
    const taints = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }];
    const nodes = [node('g1', { taints }), node('g2', { taints })];
    assert.equal(
      failure('1.33', nodes, pod('web')),
      '0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
    assert.equal(
      failure('1.36', nodes, pod('web')),
      '0/2 nodes are available: 2 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('reports cordoned nodes as unschedulable', () => {
    assert.equal(
      failure('1.33', [node('n1', { unschedulable: true })], pod('web')),
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  it('reports a node at its pod limit as Too many pods', () => {
    const existing = [pod('first', { nodeName: 'n1' })];
    assert.equal(
      failure('1.33', [node('n1', { pods: '1' })], pod('second'), existing),
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('reports a host port already in use', () => {
    const withPort = (name: string, nodeName?: string): Pod =>
      pod(name, { ...(nodeName ? { nodeName } : {}), spec: { containers: [container('web', undefined, { ports: [{ containerPort: 8080, hostPort: 80 }] })] } });
    assert.equal(
      failure('1.33', [node('n1')], withPort('second'), [withPort('first', 'n1')]),
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.",
    );
  });

  it('reports skewed and unlabelled nodes for a DoNotSchedule topology spread constraint', () => {
    const labels = { app: 'web' };
    const nodes = [node('a1', { labels: { zone: 'a' } }), node('a2', { labels: { zone: 'a' } }), node('b1', { labels: { zone: 'b' }, unschedulable: true }), node('plain')];
    const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } }] };
    const existing = [pod('web-1', { labels, nodeName: 'a1' })];
    assert.equal(
      failure('1.33', nodes, pod('web-2', { labels, spec: spread }), existing),
      "0/4 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label), 1 node(s) were unschedulable, " +
        "2 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('sorts the histogram byte-wise, so 10 comes before 2', () => {
    const nodes = [...Array.from({ length: 10 }, (_, i) => node(`hdd-${i}`)), node('ssd-1', { cpu: '1', ...SSD }), node('ssd-2', { cpu: '1', ...SSD })];
    const incoming = pod('web', { requests: { cpu: '2' }, spec: { nodeSelector: { disk: 'ssd' } } });
    assert.equal(
      failure('1.32', nodes, incoming),
      "0/12 nodes are available: 10 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. " +
        'preemption: 0/12 nodes are available: 10 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('counts nodes a metadata.name affinity leaves out as not satisfying NodeAffinity', () => {
    const nodes = [node('n1', { cpu: '1' }), node('n2'), node('n3')];
    const pinned = {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } },
    };
    assert.equal(
      failure('1.33', nodes, pod('agent', { requests: { cpu: '2' }, spec: pinned })),
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('reports required pod affinity that no pod satisfies as unresolvable', () => {
    const affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'cache' } } }] } };
    assert.equal(
      failure('1.33', [node('n1'), node('n2')], pod('web', { labels: { app: 'web' }, spec: { affinity } })),
      "0/2 nodes are available: 2 node(s) didn't match pod affinity rules. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it('rejects the node of a pod the incoming pod must avoid, and the node of a pod that must avoid it', () => {
    const antiAffinity = (app: string) => ({
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app } } }] },
    });
    const existing = [pod('db-0', { labels: { app: 'db' }, nodeName: 'n1' }), pod('batch-0', { labels: { app: 'batch' }, nodeName: 'n2', spec: { affinity: antiAffinity('web') } })];
    assert.equal(
      failure('1.33', [node('n1'), node('n2')], pod('web', { labels: { app: 'web' }, spec: { affinity: antiAffinity('db') } }), existing),
      "0/2 nodes are available: 1 node(s) didn't match pod anti-affinity rules, 1 node(s) didn't satisfy existing pods anti-affinity rules. " +
        'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });

  it('does not try preemption for a pod with preemptionPolicy Never', () => {
    assert.equal(
      failure('1.33', [node('n1', { cpu: '1' })], pod('web', { requests: { cpu: '2' }, spec: { preemptionPolicy: 'Never' } })),
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('says so when the cluster has no nodes', () => {
    assert.equal(failure('1.33', [], pod('web')), 'no nodes available to schedule pods');
  });

  it('nominates a node and names the victims when lower-priority pods make room', () => {
    const existing = [pod('low', { requests: { cpu: '3' }, nodeName: 'n1', spec: { priority: 0 } })];
    const result = schedulePod(pod('high', { requests: { cpu: '2' }, spec: { priority: 1000 } }), buildSnapshot('1.33', { nodes: [node('n1')], pods: existing }));
    assert.equal(result.outcome, 'Unschedulable');
    if (result.outcome !== 'Unschedulable') return;
    assert.equal(result.message, '0/1 nodes are available: 1 Insufficient cpu.');
    assert.equal(result.nominatedNodeName, 'n1');
    assert.deepEqual(
      result.victims?.map((victim) => victim.metadata?.name),
      ['low'],
    );
  });
});
