/**
 * CIDRs as k8s.io/utils/net ParseCIDRSloppy reads them (net/ipnet.go of utils: parseIPv4Sloppy first, then
 * parseIPv6Sloppy; the prefix with dtoi, at most 8 × the address length) and IPNet.Contains.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { cidrContains, parseCidrSloppy, parseSloppyIP } from '../../../server/src/kube/ip-address';

test('an IPv4 CIDR is masked to its network and holds 4 bytes', () => {
  assert.deepEqual(parseCidrSloppy('10.1.2.3/8'), { bytes: [10, 0, 0, 0], prefix: 8 });
});

// parseIPv4Sloppy reads each octet as a decimal number, leading zeros included.
test('IPv4 octets with leading zeros are read as decimal', () => {
  assert.deepEqual(parseCidrSloppy('010.001.000.000/16'), { bytes: [10, 1, 0, 0], prefix: 16 });
});

test('a written IPv6 form holds 16 bytes, even for an IPv4-mapped address', () => {
  assert.equal(parseCidrSloppy('::ffff:10.0.0.0/104')?.bytes.length, 16);
  assert.equal(parseCidrSloppy('fd00::/8')?.prefix, 8);
});

test('a prefix longer than the address, a missing prefix or a non-decimal one is refused', () => {
  assert.equal(parseCidrSloppy('10.0.0.0/33'), undefined);
  assert.equal(parseCidrSloppy('10.0.0.0'), undefined);
  assert.equal(parseCidrSloppy('10.0.0.0/0x8'), undefined);
  assert.equal(parseCidrSloppy('fd00::/129'), undefined);
});

// IPNet.Contains: ip.To4() of an IPv4-mapped address matches an IPv4 network.
test('an IPv4 network contains the IPv4-mapped form of its addresses', () => {
  const network = parseCidrSloppy('10.0.0.0/8')!;
  assert.equal(cidrContains(network, Array.from(parseSloppyIP('10.9.8.7')!)), true);
  assert.equal(cidrContains(network, Array.from(parseSloppyIP('11.0.0.1')!)), false);
});
