/** Helpers the EndpointSlice controller model and the plan's sections share. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareIpv4 } from '../../../../server/src/cluster/controllers/service-pods';

// The endpoints of a Service are listed by address as numbers, so 10.0.0.9 comes before 10.0.0.10.
test('IPv4 addresses compare by their numeric value, octet by octet', () => {
  const sorted = ['10.0.0.10', '10.0.1.2', '9.255.255.255', '10.0.0.9'].sort(compareIpv4);
  assert.deepEqual(sorted, ['9.255.255.255', '10.0.0.9', '10.0.0.10', '10.0.1.2']);
  assert.equal(compareIpv4('10.244.1.5', '10.244.1.5'), 0);
});

test('addresses that are not IPv4 compare as text', () => {
  assert.deepEqual(['fd00::b', 'fd00::a'].sort(compareIpv4), ['fd00::a', 'fd00::b']);
});
