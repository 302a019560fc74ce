/**
 * kubectl auth can-i --list's rows worked by hand from staging/src/k8s.io/kubectl/pkg/util/rbac/rbac.go
 * (BreakdownRule, CompactRules, SortableRuleSlice) and pkg/describe CombineResourceGroup.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { accessListRows } from '../../../server/src/rbac/access-list';
import type { PolicyRule } from '../../../server/src/rbac/policy-rules';

function rule(fields: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...fields };
}

test('verbs of one group and resource from several rules are appended in order, duplicates kept', () => {
  const rows = accessListRows([
    rule({ verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'] }),
    rule({ verbs: ['get', 'patch'], apiGroups: ['apps'], resources: ['deployments'] }),
  ]);
  assert.deepEqual(rows, [['deployments.apps', '[]', '[]', '[get list get patch]']]);
});

test('each resource name is a row of its own, and a subresource is written after the group', () => {
  const rows = accessListRows([
    rule({ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a', 'b'] }),
    rule({ verbs: ['update'], apiGroups: ['apps'], resources: ['deployments/scale'] }),
  ]);
  assert.deepEqual(rows, [
    ['configmaps', '[]', '[a]', '[get]'],
    ['configmaps', '[]', '[b]', '[get]'],
    ['deployments.apps/scale', '[]', '[]', '[update]'],
  ]);
});

test('rows are sorted by the rule printed verbs first, so [*] and [create] come before [get]', () => {
  const rows = accessListRows([
    rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'] }),
    rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }),
    rule({ verbs: ['get'], nonResourceURLs: ['/healthz'] }),
  ]);
  assert.deepEqual(rows, [
    ['*.*', '[]', '[]', '[*]'],
    ['', '[/healthz]', '[]', '[get]'],
    ['pods', '[]', '[]', '[get]'],
  ]);
});
