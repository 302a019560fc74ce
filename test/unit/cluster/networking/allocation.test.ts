/**
 * ClusterIP, NodePort and pod IP allocation: requested values honoured or refused with the API server's field
 * errors (pkg/registry/core/service/storage/alloc.go, ipallocator, portallocator), automatic values from the
 * upper band of each range (calculateRangeOffset: 256 addresses of 10.96.0.0/12, 86 ports of 30000-32767).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'kubernetes-types/core/v1';
import { assignClusterIPs, ClusterIpAllocator } from '../../../../server/src/cluster/allocation/cluster-ip';
import { assignNodePorts, NodePortAllocator } from '../../../../server/src/cluster/allocation/node-port';
import { PodIpAllocator } from '../../../../server/src/cluster/allocation/pod-ip';
import { service } from './objects';

const withIp = (clusterIP: string) => service('dns', { clusterIP });

test('the kubernetes Service holds the first address of 10.96.0.0/12', () => {
  const allocator = new ClusterIpAllocator('1.33');
  assert.equal(allocator.kubernetesServiceIp, '10.96.0.1');
  assert.deepEqual(assignClusterIPs(withIp('10.96.0.1'), allocator), {
    error: 'spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
  });
});

test('automatic ClusterIPs start 256 addresses into the range, above the band kept for requested addresses', () => {
  const allocator = new ClusterIpAllocator('1.33');
  assert.deepEqual(assignClusterIPs(service('a'), allocator), { clusterIP: '10.96.1.1', clusterIPs: ['10.96.1.1'] });
  assert.deepEqual(assignClusterIPs(service('b'), allocator), { clusterIP: '10.96.1.2', clusterIPs: ['10.96.1.2'] });
});

test('a requested ClusterIP is honoured', () => {
  const allocator = new ClusterIpAllocator('1.33');
  assert.deepEqual(assignClusterIPs(withIp('10.96.0.10'), allocator), { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
});

test('a ClusterIP requested twice is refused with the API server message', () => {
  const allocator = new ClusterIpAllocator('1.30');
  assignClusterIPs(withIp('10.96.0.10'), allocator);
  assert.deepEqual(assignClusterIPs(service('dns2', { clusterIPs: ['10.96.0.10'] }), allocator), {
    error: 'spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
  });
});

test('a ClusterIP outside the range names the valid range up to 1.32', () => {
  assert.deepEqual(assignClusterIPs(withIp('1.1.1.1'), new ClusterIpAllocator('1.32')), {
    error: 'spec.clusterIPs: Invalid value: []string{"1.1.1.1"}: failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
  });
});

test('a ClusterIP outside every ServiceCIDR does not match the network from 1.33', () => {
  assert.deepEqual(assignClusterIPs(withIp('1.1.1.1'), new ClusterIpAllocator('1.33')), {
    error: 'spec.clusterIPs: Invalid value: []string{"1.1.1.1"}: failed to allocate IP 1.1.1.1: the provided network does not match the current range',
  });
});

// From 1.34 field.Error prints the []string as encoding/json does (apimachinery v0.34.0, Error.ErrorBody).
test('from 1.34 the refused ClusterIPs are printed as a JSON list', () => {
  assert.deepEqual(assignClusterIPs(withIp('1.1.1.1'), new ClusterIpAllocator('1.36')), {
    error: 'spec.clusterIPs: Invalid value: ["1.1.1.1"]: failed to allocate IP 1.1.1.1: the provided network does not match the current range',
  });
});

test('the broadcast address of the range is not in the valid range', () => {
  const result = assignClusterIPs(withIp('10.111.255.255'), new ClusterIpAllocator('1.30'));
  assert.ok('error' in result && result.error.endsWith('the provided IP (10.111.255.255) is not in the valid range. The range of valid IPs is 10.96.0.0/12'));
});

test('clusterIP None makes a headless Service and allocates nothing', () => {
  const allocator = new ClusterIpAllocator('1.33');
  assert.deepEqual(assignClusterIPs(withIp('None'), allocator), { clusterIP: 'None', clusterIPs: ['None'] });
  assert.deepEqual(assignClusterIPs(service('a'), allocator), { clusterIP: '10.96.1.1', clusterIPs: ['10.96.1.1'] });
});

test('an ExternalName Service gets no ClusterIP', () => {
  assert.deepEqual(assignClusterIPs(service('ext', { type: 'ExternalName', externalName: 'db.example.com' }), new ClusterIpAllocator('1.33')), {});
});

test('once the upper band is full, automatic ClusterIPs come from the lower band', () => {
  // 10.0.0.0/27: 30 usable addresses, the first 16 kept for requests, 10.0.0.1 for the kubernetes Service
  const allocator = new ClusterIpAllocator('1.33', '10.0.0.0/27');
  const upper = Array.from({ length: 14 }, () => allocator.allocateNext());
  assert.equal(upper[0], '10.0.0.17');
  assert.equal(upper[13], '10.0.0.30');
  assert.equal(allocator.allocateNext(), '10.0.0.2');
});

test('a released ClusterIP is given out again', () => {
  const allocator = new ClusterIpAllocator('1.33');
  allocator.allocateNext();
  allocator.allocateNext();
  allocator.release('10.96.1.1');
  assert.equal(allocator.allocateNext(), '10.96.1.1');
});

const nodePortService = (ports: { name?: string; port: number; nodePort?: number; protocol?: string }[], type = 'NodePort') =>
  service('web', { type, ports: ports.map((port) => ({ targetPort: 8080, ...port })) });

test('automatic node ports start 86 ports into 30000-32767', () => {
  const allocator = new NodePortAllocator();
  const result = assignNodePorts(
    nodePortService([
      { name: 'http', port: 80 },
      { name: 'https', port: 443 },
    ]),
    allocator,
  );
  assert.ok('ports' in result);
  assert.deepEqual(
    result.ports.map((port) => port.nodePort),
    [30086, 30087],
  );
});

test('a requested node port is honoured', () => {
  const result = assignNodePorts(nodePortService([{ port: 80, nodePort: 30080 }]), new NodePortAllocator());
  assert.ok('ports' in result);
  assert.equal(result.ports[0]!.nodePort, 30080);
});

test('a node port requested twice is refused with the API server message', () => {
  const allocator = new NodePortAllocator();
  assignNodePorts(nodePortService([{ port: 80, nodePort: 30080 }]), allocator);
  assert.deepEqual(assignNodePorts(nodePortService([{ port: 80, nodePort: 30080 }]), allocator), {
    error: 'spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
  });
});

test('a node port outside the range names the valid range', () => {
  assert.deepEqual(assignNodePorts(nodePortService([{ port: 80, nodePort: 80 }]), new NodePortAllocator()), {
    error: 'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
  });
});

test('a refused Service gives back the node ports reserved for its earlier ports', () => {
  const allocator = new NodePortAllocator();
  assignNodePorts(nodePortService([{ port: 80, nodePort: 30080 }]), allocator);
  const refused = assignNodePorts(
    nodePortService([
      { name: 'a', port: 81, nodePort: 30100 },
      { name: 'b', port: 82, nodePort: 30080 },
    ]),
    allocator,
  );
  assert.deepEqual(refused, { error: 'spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated' });
  assert.equal(allocator.has(30100), false);
});

test('TCP and UDP on the same port share one node port', () => {
  const result = assignNodePorts(
    nodePortService([
      { name: 'dns-udp', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', nodePort: 30053 },
    ]),
    new NodePortAllocator(),
  );
  assert.ok('ports' in result);
  assert.deepEqual(
    result.ports.map((port) => port.nodePort),
    [30053, 30053],
  );
});

test('a LoadBalancer gets node ports unless allocateLoadBalancerNodePorts is false', () => {
  const lb = (allocate: boolean) => service('lb', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: allocate, ports: [{ port: 80, targetPort: 8080 }] });
  const allocated = assignNodePorts(lb(true), new NodePortAllocator());
  const skipped = assignNodePorts(lb(false), new NodePortAllocator());
  assert.ok('ports' in allocated && 'ports' in skipped);
  assert.equal(allocated.ports[0]!.nodePort, 30086);
  assert.equal(skipped.ports[0]!.nodePort, undefined);
});

test('a ClusterIP Service gets no node port', () => {
  const result = assignNodePorts(nodePortService([{ port: 80 }], 'ClusterIP'), new NodePortAllocator());
  assert.ok('ports' in result);
  assert.equal(result.ports[0]!.nodePort, undefined);
});

test('a Local LoadBalancer gets a health check node port after its ports, or is refused a taken one', () => {
  const allocator = new NodePortAllocator();
  const local = (healthCheckNodePort?: number) =>
    service('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ...(healthCheckNodePort ? { healthCheckNodePort } : {}), ports: [{ port: 80, targetPort: 8080 }] });
  const first = assignNodePorts(local(), allocator);
  assert.ok('ports' in first);
  assert.deepEqual([first.ports[0]!.nodePort, first.healthCheckNodePort], [30086, 30087]);
  assert.deepEqual(assignNodePorts(local(30087), allocator), {
    error: 'Internal error occurred: failed to allocate requested HealthCheck NodePort 30087: provided port is already allocated',
  });
  assert.equal(allocator.has(30088), false);
});

const node = (name: string, podCIDR?: string): Node => ({ metadata: { name }, ...(podCIDR ? { spec: { podCIDR } } : {}) });

test('pods get addresses from the second of their node pod CIDR, 10.244.<i>.0/24 without one', () => {
  const allocator = new PodIpAllocator([node('a'), node('b'), node('c', '10.1.5.0/24')]);
  assert.deepEqual([allocator.allocate('a'), allocator.allocate('a'), allocator.allocate('b'), allocator.allocate('c')], ['10.244.0.2', '10.244.0.3', '10.244.1.2', '10.1.5.2']);
});

test('a released pod IP is reused and a full node gives none', () => {
  const allocator = new PodIpAllocator([node('small', '10.0.0.0/30')]);
  assert.equal(allocator.allocate('small'), '10.0.0.2');
  assert.equal(allocator.allocate('small'), undefined);
  allocator.release('10.0.0.2');
  assert.equal(allocator.allocate('small'), '10.0.0.2');
  assert.equal(allocator.allocate('unknown'), undefined);
});
