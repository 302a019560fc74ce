/**
 * ServiceAccount (plugin/pkg/admission/serviceaccount/admission.go: Plugin.Admit, getServiceAccount, shouldAutomount,
 * mountServiceAccountToken, TokenVolumeSource), with the plan's rule for service accounts in namespaces the inputs do
 * not make (assumed to exist, with a note).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import { serviceAccount } from '../../../../server/src/cluster/admission/service-account';
import { SimulatedCluster } from '../../../../server/src/cluster/simulated-cluster';
import { NOW, plan, request, testContext } from './fixtures';

const pod = (spec: Partial<Pod['spec']> = {}, namespace = 'shop'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace },
  spec: { containers: [{ name: 'app', image: 'app:1' }], ...spec },
});

// TokenVolumeSource: defaultMode 0644 (420), the bound token for 3607 s, kube-root-ca.crt's ca.crt, the namespace.
const TOKEN_VOLUME = {
  name: 'kube-api-access-bbbbb',
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
    ],
  },
};
const TOKEN_MOUNT = { name: 'kube-api-access-bbbbb', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };

// Admit: ServiceAccountName defaults to DefaultServiceAccountName; mountServiceAccountToken names the volume
// generateName("kube-api-access-") and mounts it in init containers and containers.
test('a pod without a service account runs as default and gets the token volume mounted in every container', () => {
  const context = testContext();
  const created = pod({ initContainers: [{ name: 'init', image: 'init:1' }] });
  assert.equal(serviceAccount.admit!(request(created), context), undefined);
  assert.equal(created.spec?.serviceAccountName, 'default');
  assert.deepEqual(created.spec?.volumes, [TOKEN_VOLUME]);
  assert.deepEqual(created.spec?.initContainers?.[0]?.volumeMounts, [TOKEN_MOUNT]);
  assert.deepEqual(created.spec?.containers[0]?.volumeMounts, [TOKEN_MOUNT]);
});

// shouldAutomount: the pod's automountServiceAccountToken first.
test('a pod that turns automounting off gets no token volume', () => {
  const created = pod({ automountServiceAccountToken: false });
  serviceAccount.admit!(request(created), testContext());
  assert.equal(created.spec?.volumes, undefined);
  assert.equal(created.spec?.containers[0]?.volumeMounts, undefined);
});

// shouldAutomount: then the service account's.
test('a service account that turns automounting off keeps its pods without a token volume', () => {
  const context = testContext();
  context.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'shop' }, automountServiceAccountToken: false });
  const created = pod();
  serviceAccount.admit!(request(created), context);
  assert.equal(created.spec?.volumes, undefined);
});

// shouldAutomount: "Pod's preference wins".
test("a pod's automounting wins over its service account's", () => {
  const context = testContext();
  context.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'shop' }, automountServiceAccountToken: false });
  const created = pod({ automountServiceAccountToken: true });
  serviceAccount.admit!(request(created), context);
  assert.deepEqual(created.spec?.volumes, [TOKEN_VOLUME]);
});

// mountServiceAccountToken: a mount at DefaultAPITokenMountPath keeps a container as it is; no container needs the
// volume, so none is added.
test('a container that mounts something at the token path is left alone, and no volume is added for nobody', () => {
  const own = { name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
  const created = pod({ containers: [{ name: 'app', image: 'app:1', volumeMounts: [own] }], volumes: [{ name: 'mine', emptyDir: {} }] });
  serviceAccount.admit!(request(created), testContext());
  assert.deepEqual(created.spec?.containers[0]?.volumeMounts, [own]);
  assert.deepEqual(created.spec?.volumes, [{ name: 'mine', emptyDir: {} }]);
});

// mountServiceAccountToken: a volume named "kube-api-access-…" is the token volume already.
test('a pod that has a kube-api-access volume already gets it mounted, not a second one', () => {
  const existing = { name: 'kube-api-access-xyz12', emptyDir: {} };
  const created = pod({ volumes: [existing] });
  serviceAccount.admit!(request(created), testContext());
  assert.deepEqual(created.spec?.volumes, [existing]);
  assert.deepEqual(created.spec?.containers[0]?.volumeMounts, [{ name: 'kube-api-access-xyz12', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
});

// Admit: getServiceAccount answers NotFound, wrapped as "error looking up service account <ns>/<name>: <err>".
test('a pod naming a service account its new namespace does not hold is refused with the lookup error', () => {
  const context = testContext({ inputs: ['Namespace//shop'] });
  assert.deepEqual(serviceAccount.admit!(request(pod({ serviceAccountName: 'builder' })), context), {
    refused: 'pods "p" is forbidden: error looking up service account shop/builder: serviceaccount "builder" not found',
  });
});

test('a pod naming a service account that is among the inputs but not applied yet is refused', () => {
  const context = testContext({ inputs: ['ServiceAccount/shop/builder'] });
  assert.match(serviceAccount.admit!(request(pod({ serviceAccountName: 'builder' })), context)?.refused ?? '', /serviceaccount "builder" not found$/);
});

test('a pod naming a service account of a namespace the inputs do not make is admitted, noting the assumption', () => {
  const context = testContext();
  assert.equal(serviceAccount.admit!(request(pod({ serviceAccountName: 'builder' })), context), undefined);
  assert.deepEqual(context.notes, ['service account "builder" in namespace "shop" is not among the inputs: assumed to exist, as the namespace is made outside them']);
});

// Admit: "if len(pod.Spec.ImagePullSecrets) == 0" the service account's are copied.
test("a pod without image pull secrets takes its service account's, and one with its own keeps them", () => {
  const context = testContext();
  context.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'shop' }, imagePullSecrets: [{ name: 'registry' }] });
  const without = pod({ serviceAccountName: 'builder' });
  serviceAccount.admit!(request(without), context);
  assert.deepEqual(without.spec?.imagePullSecrets, [{ name: 'registry' }]);
  const own = pod({ serviceAccountName: 'builder', imagePullSecrets: [{ name: 'mine' }] });
  serviceAccount.admit!(request(own), context);
  assert.deepEqual(own.spec?.imagePullSecrets, [{ name: 'mine' }]);
});

// The API server admits the object it decoded from the request, and the plan's controllers send copies of their
// templates (SimulatedCluster.createPod defaults a copy): the token is mounted in that copy, never in the template.
test("a controller's pod template is not changed when its pods are admitted", () => {
  const cluster = new SimulatedCluster('1.33', NOW, true);
  const template: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'app:1' }] } };
  const first = cluster.createPod(template, 'ReplicaSet default/web');
  const second = cluster.createPod(template, 'ReplicaSet default/web');
  assert.deepEqual(template.spec?.containers, [{ name: 'app', image: 'app:1' }]);
  assert.equal(template.spec?.volumes, undefined);
  for (const created of [first, second]) assert.deepEqual(created?.spec?.containers[0]?.volumeMounts, [TOKEN_MOUNT]);
});

test('a Deployment whose service account is missing from its new namespace reports FailedCreate on its ReplicaSet', () => {
  const result = plan(
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      serviceAccountName: builder\n      containers: [{name: app, image: "app:1"}]\n',
  );
  assert.equal(result.pods.length, 0);
  const failed = result.events.find((event) => event.reason === 'FailedCreate')!;
  assert.match(failed.object, /^ReplicaSet\/shop\/web-/);
  assert.match(failed.message, /^Error creating: pods "web-[a-z0-9]+-" is forbidden: error looking up service account shop\/builder: serviceaccount "builder" not found$/);
});

test('a Deployment whose service account comes with it runs', () => {
  const result = plan(
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: builder, namespace: shop}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      serviceAccountName: builder\n      containers: [{name: app, image: "app:1"}]\n',
  );
  assert.equal(result.pods.length, 1);
  assert.equal(result.pods[0]?.phase, 'Running');
});
