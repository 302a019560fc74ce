import assert from 'node:assert/strict';
import { test } from 'node:test';
import { podRequests, podRequestsMarkdown, formatAmount } from '../../../../server/src/features/hover/pod-requests';
import { quantityMarkdown } from '../../../../server/src/features/hover/quantities';
import { hoverText } from './hover-helpers';

test('1.5Gi of memory is 1536Mi, 1,610,612,736 bytes', () => {
  assert.equal(quantityMarkdown('1.5Gi', 'memory'), '**Quantity** `1.5Gi` = 1536Mi = 1,610,612,736 bytes');
});

test('500m of CPU is half a CPU', () => {
  assert.equal(quantityMarkdown('500m', 'cpu'), '**Quantity** `500m` = 0.5 CPU (500 millicores)');
});

test('a CPU count of 2 is 2000 millicores', () => {
  assert.equal(quantityMarkdown(2, 'cpu'), '**Quantity** `2` = 2 CPU (2,000 millicores)');
});

test('1.5 CPU is written 1500m by the API server', () => {
  assert.equal(quantityMarkdown('1.5', 'cpu'), '**Quantity** `1.5` = 1500m = 1.5 CPU (1,500 millicores)');
});

test('500m of memory is half a byte, rounded up to one', () => {
  const text = quantityMarkdown('500m', 'memory');
  assert.match(text, /= 1 byte/);
  assert.match(text, /`m` is milli/);
});

test('1G of storage is 10^9 bytes', () => {
  assert.equal(quantityMarkdown('1G', 'storage'), '**Quantity** `1G` = 1,000,000,000 bytes');
});

test("an invalid quantity gets the API server's message", () => {
  assert.equal(quantityMarkdown('1K', 'memory'), "**Quantity** `1K` is not valid: unable to parse quantity's suffix");
});

test("an init container larger than the containers decides the pod's request", () => {
  const requests = podRequests({
    initContainers: [{ name: 'init', resources: { requests: { cpu: '1500m' } } }],
    containers: [
      { name: 'a', resources: { requests: { cpu: '500m' } } },
      { name: 'b', resources: { requests: { cpu: '500m' } } },
    ],
  });
  assert.equal(formatAmount('cpu', requests.effective.get('cpu')!), '1500m');
});

test('a sidecar adds to the containers and to every later init container, and overhead comes on top', () => {
  const requests = podRequests({
    initContainers: [
      { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
      { name: 'init', resources: { requests: { cpu: '1500m' } } },
    ],
    containers: [{ name: 'main', resources: { requests: { cpu: '1' } } }],
    overhead: { cpu: '250m' },
  });
  assert.equal(formatAmount('cpu', requests.containers.get('cpu')!), '1500m');
  assert.equal(formatAmount('cpu', requests.initMax.get('cpu')!), '2000m');
  assert.equal(formatAmount('cpu', requests.effective.get('cpu')!), '2250m');
});

test('a container with only limits requests its limits', () => {
  const requests = podRequests({ containers: [{ name: 'main', resources: { limits: { memory: '256Mi' } } }] });
  assert.equal(formatAmount('memory', requests.effective.get('memory')!), '256Mi');
});

test('a pod without requests is said to need nothing', () => {
  assert.match(podRequestsMarkdown(podRequests({ containers: [{ name: 'main' }] })), /no container requests anything/);
});

test("hovering a container's memory request shows the quantity and the pod's total", () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: busybox
      resources: {requests: {memory: 1.5Gi, cpu: 250m}}
    - name: b
      image: busybox
      resources: {requests: {memory: 512Mi, cpu: 250m}}
`;
  const markdown = hoverText(text, '1.5Gi');
  assert.match(markdown, /^\*\*Quantity\*\* `1\.5Gi` = 1536Mi = 1,610,612,736 bytes/);
  assert.match(markdown, /\| cpu \| 500m \| – \| – \| \*\*500m\*\* \|/);
  assert.match(markdown, /\| memory \| 2Gi \| – \| – \| \*\*2Gi\*\* \|/);
});
