/** apiextensions.k8s.io/v1 defaulting of CustomResourceDefinitions, and the view that shares their schemas. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyDefaults, defaultedView } from '../../../server/src/defaulting/index';
import type { PlainObject } from '../../../server/src/kube/plain-values';

const crd = (): PlainObject => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
  },
});

// staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1/defaults.go SetDefaults_CustomResourceDefinitionSpec:
// singular is the lower-cased kind, listKind kind + "List", conversion strategy None.
test('a CustomResourceDefinition gets its singular and list kind names and the None conversion strategy', () => {
  const spec = applyDefaults('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd())['spec'] as PlainObject;
  assert.deepEqual(spec['names'], { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' });
  assert.deepEqual(spec['conversion'], { strategy: 'None' });
});

// SetDefaults_ServiceReference: a webhook service's port defaults to 443.
test("a conversion webhook's service gets port 443", () => {
  const input = crd();
  (input['spec'] as PlainObject)['conversion'] = { strategy: 'Webhook', webhook: { clientConfig: { service: { name: 's', namespace: 'n' } }, conversionReviewVersions: ['v1'] } };
  const view = defaultedView('apiextensions.k8s.io/v1', 'CustomResourceDefinition', input);
  assert.deepEqual(view, applyDefaults('apiextensions.k8s.io/v1', 'CustomResourceDefinition', input));
  assert.equal(((input['spec'] as PlainObject)['conversion'] as { webhook: { clientConfig: { service: PlainObject } } }).webhook.clientConfig.service['port'], undefined);
});

test('the defaulted view of a CustomResourceDefinition equals the defaulted copy, shares its schemas and leaves the input as it was', () => {
  const input = crd();
  const before = structuredClone(input);
  const view = defaultedView('apiextensions.k8s.io/v1', 'CustomResourceDefinition', input);
  assert.deepEqual(view, applyDefaults('apiextensions.k8s.io/v1', 'CustomResourceDefinition', input));
  assert.deepEqual(input, before);
  assert.equal((view['spec'] as PlainObject)['versions'], (input['spec'] as PlainObject)['versions']);
});
