/**
 * ResourceQuota and LimitRange validation, expectations worked from upstream pkg/apis/core/validation/validation.go
 * (ValidateResourceQuotaSpec, validateResourceQuotaScopes, validateScopedResourceSelectorRequirement,
 * ValidateResourceQuantityValue, ValidateLimitRange), pkg/apis/core/helper/helpers.go (the resource and scope sets)
 * and pkg/apis/core/v1/defaults.go (SetDefaults_LimitRangeItem, SetDefaults_ResourceList).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';
import { applyDefaults } from '../../../server/src/defaulting';
import type { PlainObject } from '../../../server/src/kube/plain-values';
import { limitRangeRule } from '../../../server/src/rules/quotas-and-limits';
import { renderFieldError } from '../../../server/src/kube/field-errors';

const quota = (spec: string) => `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q}\nspec:\n${spec}`;
const limits = (items: string) => `apiVersion: v1\nkind: LimitRange\nmetadata: {name: l}\nspec:\n  limits:\n${items}`;
const messages = (text: string) => checkText(text).findings.map((f) => f.message);
/** The rule's own errors, in the order the API server reports them (findings are sorted by place in the file). */
const limitRangeErrors = (item: PlainObject) => {
  const object: PlainObject = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits: [item] } };
  const defaulted = applyDefaults('v1', 'LimitRange', object);
  return limitRangeRule.check({ apiVersion: 'v1', kind: 'LimitRange', object, defaulted, kubernetesVersion: '1.36' }).map((e) => renderFieldError(e, 36));
};

// ValidateResourceQuotaSpec: standard quota names, object counts and storage-class names all pass.
test('a quota over compute, counts, objects and storage is accepted', () => {
  const hard =
    '{requests.cpu: "4", requests.memory: 8Gi, limits.cpu: "8", pods: "10", count/deployments.apps: "5", requests.storage: 100Gi, gold.storageclass.storage.k8s.io/requests.storage: 50Gi}';
  assert.deepEqual(checkText(quota(`  hard: ${hard}\n`)).findings, []);
});

// ValidateResourceQuotaResourceName: `storage` is a standard resource but not one the quota system tracks.
test('plain storage is not a quota resource', () => {
  const finding = onlyFinding(quota('  hard: {storage: 10Gi}\n'));
  assert.equal(finding.rule, 'resource-quota-spec');
  assert.equal(finding.message, 'spec.hard[storage]: Invalid value: "storage": must be a standard resource for quota');
  assert.equal(finding.text, 'storage');
});

// validateResourceName then ValidateResourceQuotaResourceName: an unknown name without a domain gets both.
test('an unknown resource name without a domain is neither standard nor a quota resource', () => {
  assert.deepEqual(messages(quota('  hard: {gpus: "1"}\n')), [
    'spec.hard[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified',
    'spec.hard[gpus]: Invalid value: "gpus": must be a standard resource for quota',
  ]);
});

// ValidateResourceQuantityValue: integer resources need whole amounts. The Quantity itself is the value: from 1.34
// field.Error prints it through its MarshalJSON (quoted); up to 1.33 kubeplan prints the canonical string (see quantityValue).
test('a fractional pod count must be an integer', () => {
  const finding = onlyFinding(quota('  hard: {pods: 1500m}\n'), '1.33');
  assert.equal(finding.message, 'spec.hard[pods]: Invalid value: 1500m: must be an integer');
  assert.equal(finding.text, '1500m');
});

// ValidateNonnegativeQuantity: value.String(), quoted.
test('a negative hard limit must be at least zero', () => {
  const finding = onlyFinding(quota('  hard: {requests.cpu: "-1"}\n'));
  assert.equal(finding.message, 'spec.hard[requests.cpu]: Invalid value: "-1": must be greater than or equal to 0');
});

// validateResourceQuotaScopes: BestEffort pods have no compute requests to count.
test('the BestEffort scope with a CPU limit is an unsupported scope for the resource', () => {
  const finding = onlyFinding(quota('  hard: {requests.cpu: "1"}\n  scopes: [BestEffort]\n'), '1.33');
  assert.equal(finding.message, 'spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource');
});

// validateResourceQuotaScopes: the invalidScopePairs.
test('Terminating and NotTerminating together are conflicting scopes', () => {
  const finding = onlyFinding(quota('  hard: {pods: "1"}\n  scopes: [Terminating, NotTerminating]\n'), '1.33');
  assert.equal(finding.message, 'spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating", "NotTerminating"}: conflicting scopes');
});

// validateScopedResourceSelectorRequirement: In needs values, reported on matchExpressions without an index.
test('a PriorityClass scope selector with In and no values needs values', () => {
  const finding = onlyFinding(quota('  hard: {pods: "10"}\n  scopeSelector:\n    matchExpressions: [{scopeName: PriorityClass, operator: In}]\n'));
  assert.equal(finding.message, "spec.scopeSelector.matchExpressions.values: Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector");
});

// validateScopedResourceSelectorRequirement: BestEffort and the like only with Exists.
test('a BestEffort scope selector must use Exists', () => {
  const finding = onlyFinding(quota('  hard: {pods: "10"}\n  scopeSelector:\n    matchExpressions: [{scopeName: BestEffort, operator: In, values: [x]}]\n'));
  assert.equal(
    finding.message,
    'spec.scopeSelector.matchExpressions.operator: Invalid value: "In": must be \'Exist\' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity',
  );
  assert.equal(finding.text, 'In');
});

// validateScopedResourceSelectorRequirement: a PriorityClass selector counting pods is valid.
test('a PriorityClass scope selector with values is accepted', () => {
  assert.deepEqual(checkText(quota('  hard: {pods: "10", requests.cpu: "4"}\n  scopeSelector:\n    matchExpressions: [{scopeName: PriorityClass, operator: In, values: [high]}]\n')).findings, []);
});

// ValidateLimitRange: a consistent Container item.
test('a consistent Container limit range is accepted', () => {
  const item = '  - type: Container\n    min: {cpu: 100m}\n    max: {cpu: "2"}\n    default: {cpu: 500m}\n    defaultRequest: {cpu: 200m}\n    maxLimitRequestRatio: {cpu: "4"}\n';
  assert.deepEqual(checkText(limits(item)).findings, []);
});

// SetDefaults_LimitRangeItem fills default from max and defaultRequest from default; ValidateLimitRange then
// compares min with max, with the default request and with the default, in that order.
test('a Container min above its max is reported against max, the defaulted request and the defaulted limit', () => {
  assert.deepEqual(limitRangeErrors({ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }), [
    'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
    'spec.limits[0].defaultRequest[cpu]: Invalid value: "1": min value 2 is greater than default request value 1',
    'spec.limits[0].default[cpu]: Invalid value: "2": min value 2 is greater than default value 1',
  ]);
  // In a file, the errors on defaulted entries are underlined on the item they were made for.
  const placed = checkText(limits('  - type: Container\n    min: {cpu: "2"}\n    max: {cpu: "1"}\n'), '1.33').findings.map((f) => f.line);
  assert.deepEqual(placed.sort(), [6, 6, 7].sort());
});

// ValidateLimitRange: the ratio must be at least 1.
test('a limit/request ratio below 1 is rejected', () => {
  const finding = onlyFinding(limits('  - type: Container\n    maxLimitRequestRatio: {cpu: 500m}\n'), '1.33');
  assert.equal(finding.rule, 'limit-range');
  assert.equal(finding.message, 'spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: 500m: ratio 500m is less than 1');
  assert.equal(finding.text, '500m');
});

// ValidateLimitRange: the ratio may not exceed max/min, printed with %f.
test('a ratio above max/min is rejected', () => {
  const finding = onlyFinding(limits('  - type: Pod\n    min: {cpu: "1"}\n    max: {cpu: "2"}\n    maxLimitRequestRatio: {cpu: "3"}\n'), '1.33');
  assert.equal(finding.message, 'spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: 3: ratio 3 is greater than max/min = 2.000000');
});

// ValidateLimitRange: a Pod item has no defaults.
test('a Pod item may not set default', () => {
  const finding = onlyFinding(limits('  - type: Pod\n    max: {cpu: "2"}\n    default: {cpu: "1"}\n'));
  assert.equal(finding.message, "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'");
  assert.equal(finding.text, 'default');
});

// ValidateLimitRange: a PersistentVolumeClaim item bounds storage.
test('a PersistentVolumeClaim item without a storage bound is rejected', () => {
  const finding = onlyFinding(limits('  - type: PersistentVolumeClaim\n    max: {requests.storage: 10Gi}\n'));
  assert.equal(finding.message, 'spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided');
  assert.equal(finding.text, 'PersistentVolumeClaim');
});

// validateLimitRangeTypeName.
test('an unknown limit type without a domain is rejected', () => {
  const finding = onlyFinding(limits('  - type: Node\n    max: {cpu: "2"}\n'));
  assert.equal(finding.message, 'spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified');
});

// ValidateLimitRange: each type once.
test('a second item of the same type is a duplicate', () => {
  const finding = onlyFinding(limits('  - type: Pod\n    max: {cpu: "2"}\n  - type: Pod\n    max: {memory: 1Gi}\n'));
  assert.equal(finding.message, 'spec.limits[1].type: Duplicate value: "Pod"');
});

// validateContainerResourceName: storage is not a container resource; the defaults copy it from max.
test('storage in a Container item is not a container resource, in max and in the defaults made from it', () => {
  assert.deepEqual(limitRangeErrors({ type: 'Container', max: { storage: '1Gi' } }), [
    'spec.limits[0].max[storage]: Invalid value: "storage": must be a standard resource for containers',
    'spec.limits[0].default[storage]: Invalid value: "storage": must be a standard resource for containers',
    'spec.limits[0].defaultRequest[storage]: Invalid value: "storage": must be a standard resource for containers',
  ]);
});
