import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { podRequests } from '../../../../server/src/cluster/scheduler/resources';
import { container, pod } from './fixtures';

const ALWAYS = { restartPolicy: 'Always' };

describe('pod requests as the scheduler sums them', () => {
  it('takes the larger of the containers sum (500m + 500m) and an init container (1500m)', () => {
    const p = pod('p', { spec: { initContainers: [container('init', { cpu: '1500m' })], containers: [container('a', { cpu: '500m' }), container('b', { cpu: '500m' })] } });
    assert.equal(podRequests(p, false).requests.milliCPU, 1500);
  });

  it('compares init containers per resource: init 2/1G and 2/3G against containers 2/1G + 1/1G gives cpu 3 and memory 3G', () => {
    const p = pod('p', {
      spec: {
        initContainers: [container('ic1', { cpu: '2', memory: '1G' }), container('ic2', { cpu: '2', memory: '3G' })],
        containers: [container('c1', { cpu: '2', memory: '1G' }), container('c2', { cpu: '1', memory: '1G' })],
      },
    });
    const { requests } = podRequests(p, false);
    assert.equal(requests.milliCPU, 3000);
    assert.equal(requests.memory, 3e9);
  });

  it('adds a sidecar (500m) to the running sum and to every later init step: sidecar, init 1500m, containers 1000m gives 2000m', () => {
    const p = pod('p', {
      spec: { initContainers: [container('proxy', { cpu: '500m' }, ALWAYS), container('migrate', { cpu: '1500m' })], containers: [container('app', { cpu: '1000m' })] },
    });
    assert.equal(podRequests(p, false).requests.milliCPU, 2000);
  });

  it('adds the RuntimeClass overhead (250m) after taking the maximum', () => {
    const p = pod('p', {
      spec: {
        initContainers: [container('proxy', { cpu: '500m' }, ALWAYS), container('migrate', { cpu: '1500m' })],
        containers: [container('app', { cpu: '1000m' })],
        overhead: { cpu: '250m' },
      },
    });
    assert.equal(podRequests(p, false).requests.milliCPU, 2250);
  });

  it('counts a sidecar only from where it starts: A 100m, B 800m, sidecar C 200m, D 600m, app 700m gives max(100, 900, 300, 900, 1000) = 1000m', () => {
    const p = pod('p', {
      spec: {
        initContainers: [container('a', { cpu: '100m' }, ALWAYS), container('b', { cpu: '800m' }), container('c', { cpu: '200m' }, ALWAYS), container('d', { cpu: '600m' })],
        containers: [container('app', { cpu: '700m' })],
      },
    });
    assert.equal(podRequests(p, false).requests.milliCPU, 1000);
  });

  it('rounds memory up to whole bytes (500m of memory is 1 byte) and reads 0.1 cpu as exactly 100m', () => {
    const { requests } = podRequests(pod('p', { requests: { cpu: '0.1', memory: '500m' } }), false);
    assert.equal(requests.milliCPU, 100);
    assert.equal(requests.memory, 1);
  });

  it('keeps extended resources by name and ignores ones the scheduler does not track', () => {
    const { requests } = podRequests(pod('p', { requests: { 'nvidia.com/gpu': '2', 'hugepages-2Mi': '4Mi', storage: '1Gi' } }), false);
    assert.deepEqual(requests.scalar, { 'nvidia.com/gpu': 2, 'hugepages-2Mi': 4 * 2 ** 20 });
  });

  it('counts containers without requests as 100m cpu and 200Mi memory for scoring only', () => {
    const p = pod('p', { spec: { containers: [container('a'), container('b', { cpu: '250m' })] } });
    const result = podRequests(p, false);
    assert.equal(result.requests.milliCPU, 250);
    assert.equal(result.requests.memory, 0);
    assert.equal(result.nonZeroMilliCPU, 350);
    assert.equal(result.nonZeroMemory, 2 * 200 * 1024 * 1024);
  });

  it('uses pod-level requests instead of the container sum only where the version honours them', () => {
    const p = pod('p', { requests: { cpu: '100m' }, spec: { resources: { requests: { cpu: '2' } } } as object });
    assert.equal(podRequests(p, true).requests.milliCPU, 2000);
    assert.equal(podRequests(p, false).requests.milliCPU, 100);
  });
});
