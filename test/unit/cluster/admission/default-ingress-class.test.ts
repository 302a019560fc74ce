/** DefaultIngressClass (plugin/pkg/admission/network/defaultingressclass/admission.go, classDefaulterPlugin.Admit, getDefaultClass). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ingress } from 'kubernetes-types/networking/v1';
import { defaultIngressClass } from '../../../../server/src/cluster/admission/default-ingress-class';
import { request, testContext, type TestContext } from './fixtures';

const ingress = (spec: Ingress['spec'] = {}, annotations?: Record<string, string>): Ingress => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'default', ...(annotations ? { annotations } : {}) },
  spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } }, ...spec },
});

function ingressClass(context: TestContext, name: string, isDefault: boolean): void {
  const annotations: Record<string, string> = isDefault ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : {};
  context.store.create({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name, annotations }, spec: { controller: 'example.com/ingress' } });
}

function ingressClassName(context: TestContext, created: Ingress): string | undefined {
  defaultIngressClass.admit!(request(created), context);
  return created.spec?.ingressClassName;
}

// Admit: no IngressClassName and no kubernetes.io/ingress.class annotation: getDefaultClass's name.
test('an Ingress without a class gets the default IngressClass', () => {
  const context = testContext();
  ingressClass(context, 'internal', false);
  ingressClass(context, 'public', true);
  assert.equal(ingressClassName(context, ingress()), 'public');
});

// Admit: the field or the deprecated annotation stops the defaulting.
test('an Ingress with a class name or the class annotation keeps what it says', () => {
  const context = testContext();
  ingressClass(context, 'public', true);
  assert.equal(ingressClassName(context, ingress({ ingressClassName: 'internal' })), 'internal');
  assert.equal(ingressClassName(context, ingress({}, { 'kubernetes.io/ingress.class': 'internal' })), undefined);
});

// getDefaultClass: newest first, then by name.
test('of several default IngressClasses the newest wins', () => {
  const context = testContext();
  ingressClass(context, 'a-old', true);
  context.store.clock.advance(1000);
  ingressClass(context, 'z-new', true);
  assert.equal(ingressClassName(context, ingress()), 'z-new');
});
