/** The node view kept as pods are bound and removed, and which pods default-scheduler takes. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bindPod, buildSnapshot, removePod, schedulePod, schedulingEvent } from '../../../../server/src/cluster/scheduler';
import { node, pod } from './fixtures';

describe('cluster snapshot', () => {
  it('takes room on a node when a pod is bound and gives it back when the pod is removed', () => {
    const snapshot = buildSnapshot('1.33', { nodes: [node('n1', { cpu: '2' })] });
    const first = pod('first', { requests: { cpu: '1500m' }, nodeName: 'n1' });
    assert.ok(bindPod(snapshot, first, 'n1'));
    assert.equal(schedulePod(pod('second', { requests: { cpu: '1' } }), snapshot).outcome, 'Unschedulable');
    assert.ok(removePod(snapshot, first));
    assert.equal(schedulePod(pod('second', { requests: { cpu: '1' } }), snapshot).outcome, 'Scheduled');
  });

  it('leaves out finished pods', () => {
    const done = { ...pod('job-1', { requests: { cpu: '2' }, nodeName: 'n1' }), status: { phase: 'Succeeded' } };
    const snapshot = buildSnapshot('1.33', { nodes: [node('n1', { cpu: '2' })], pods: [done] });
    assert.equal(snapshot.nodes[0]!.requested.milliCPU, 0);
  });

  it('reports extended resources and ephemeral storage a node lacks, each by name', () => {
    const gpuNode = { ...node('n1'), status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '10Gi', 'nvidia.com/gpu': '1' } } };
    const incoming = pod('trainer', { requests: { 'nvidia.com/gpu': '2', 'ephemeral-storage': '20Gi' } });
    const result = schedulePod(incoming, buildSnapshot('1.33', { nodes: [gpuNode] }));
    assert.equal(
      result.outcome === 'Unschedulable' ? result.message : result.outcome,
      '0/1 nodes are available: 1 Insufficient ephemeral-storage, 1 Insufficient nvidia.com/gpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  it('leaves gated pods, pods of other schedulers and assigned pods alone', () => {
    const snapshot = buildSnapshot('1.33', { nodes: [node('n1')] });
    assert.deepEqual(schedulePod(pod('gated', { spec: { schedulingGates: [{ name: 'wait' }] } }), snapshot), { outcome: 'Skipped', reason: 'SchedulingGated' });
    assert.deepEqual(schedulePod(pod('custom', { spec: { schedulerName: 'volcano' } }), snapshot), { outcome: 'Skipped', reason: 'OtherScheduler' });
    assert.deepEqual(schedulePod(pod('placed', { nodeName: 'n1' }), snapshot), { outcome: 'Skipped', reason: 'AlreadyAssigned' });
  });

  it('records Scheduled and FailedScheduling events as default-scheduler words them', () => {
    const snapshot = buildSnapshot('1.33', { nodes: [node('n1', { cpu: '1' })] });
    const web = pod('web');
    assert.deepEqual(schedulingEvent(web, schedulePod(web, snapshot)), { type: 'Normal', reason: 'Scheduled', object: 'Pod/default/web', message: 'Successfully assigned default/web to n1' });
    const big = pod('big', { requests: { cpu: '2' } });
    assert.equal(schedulingEvent(big, schedulePod(big, snapshot))?.reason, 'FailedScheduling');
  });
});
