/**
 * Toleration, node selector and host port rules the filters are built on (core/v1 toleration.go ToleratesTaint,
 * component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go, plugins/nodeports/node_ports.go Filter).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NodeSelectorRequirement } from 'kubernetes-types/core/v1';
import { matchesRequiredNodeAffinity, termMatches, toleratesTaint } from '../../../../server/src/cluster/scheduler/node-selection';
import { nodePorts } from '../../../../server/src/cluster/scheduler/node-filters';
import { node, pod } from './fixtures';

describe('tolerations', () => {
  const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

  it('tolerates an equal key, value and effect', () => {
    assert.ok(toleratesTaint({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, taint));
  });

  it('treats an empty operator as Equal', () => {
    assert.ok(toleratesTaint({ key: 'dedicated', value: 'gpu' }, taint));
    assert.ok(!toleratesTaint({ key: 'dedicated', value: 'cpu' }, taint));
  });

  it('matches any value with Exists, and any key with Exists and an empty key', () => {
    assert.ok(toleratesTaint({ key: 'dedicated', operator: 'Exists' }, taint));
    assert.ok(toleratesTaint({ operator: 'Exists' }, taint));
  });

  it('does not tolerate a different effect', () => {
    assert.ok(!toleratesTaint({ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, taint));
  });
});

describe('required node affinity', () => {
  const labelled = node('n1', { labels: { zone: 'a', cores: '16' } });
  const term = (...matchExpressions: NodeSelectorRequirement[]) => ({ matchExpressions });

  it('evaluates In, NotIn, Exists and DoesNotExist', () => {
    assert.ok(termMatches(term({ key: 'zone', operator: 'In', values: ['a', 'b'] }), labelled));
    assert.ok(termMatches(term({ key: 'zone', operator: 'NotIn', values: ['b'] }), labelled));
    assert.ok(termMatches(term({ key: 'missing', operator: 'NotIn', values: ['b'] }), labelled));
    assert.ok(termMatches(term({ key: 'zone', operator: 'Exists' }), labelled));
    assert.ok(termMatches(term({ key: 'missing', operator: 'DoesNotExist' }), labelled));
    assert.ok(!termMatches(term({ key: 'zone', operator: 'DoesNotExist' }), labelled));
  });

  it('compares Gt and Lt numerically against one integer value', () => {
    assert.ok(termMatches(term({ key: 'cores', operator: 'Gt', values: ['8'] }), labelled));
    assert.ok(!termMatches(term({ key: 'cores', operator: 'Lt', values: ['8'] }), labelled));
    assert.ok(!termMatches(term({ key: 'zone', operator: 'Gt', values: ['1'] }), labelled));
  });

  it('matches metadata.name through matchFields', () => {
    assert.ok(termMatches({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }, labelled));
    assert.ok(!termMatches({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }, labelled));
  });

  it('matches nothing with an empty term', () => {
    assert.ok(!termMatches({}, labelled));
  });

  it('ORs the terms and ANDs the result with nodeSelector', () => {
    const terms = [term({ key: 'zone', operator: 'In', values: ['b'] }), term({ key: 'zone', operator: 'In', values: ['a'] })];
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
    assert.ok(matchesRequiredNodeAffinity(pod('p', { spec: { affinity } }), labelled));
    assert.ok(!matchesRequiredNodeAffinity(pod('p', { spec: { affinity, nodeSelector: { zone: 'b' } } }), labelled));
  });
});

describe('host ports', () => {
  const used = [{ ip: '127.0.0.1', protocol: 'TCP', port: 80 }];

  it('lets the same port on another host IP or protocol through', () => {
    assert.equal(nodePorts([{ ip: '10.0.0.1', protocol: 'TCP', port: 80 }], used), undefined);
    assert.equal(nodePorts([{ ip: '127.0.0.1', protocol: 'UDP', port: 80 }], used), undefined);
  });

  it('rejects the same IP, protocol and port, and 0.0.0.0 against any IP', () => {
    assert.ok(nodePorts([{ ip: '127.0.0.1', protocol: 'TCP', port: 80 }], used));
    assert.ok(nodePorts([{ ip: '0.0.0.0', protocol: 'TCP', port: 80 }], used));
    assert.ok(nodePorts([{ ip: '10.0.0.1', protocol: 'TCP', port: 80 }], [{ ip: '0.0.0.0', protocol: 'TCP', port: 80 }]));
  });
});
