/**
 * The plan's notes on what it did not model and what it assumed (docs/timing-model.md "Assumed", "Not modelled").
 * These are kubeplan's own statements about its model, so the expectations are the documented behaviour: which kinds
 * the embedded cluster reads, and what the kubelet step takes for granted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../server/src/cluster/cluster-model';
import { planApply } from '../../../server/src/cluster/simulation';
import type { Plan } from '../../../server/src/protocol/plan';
import { validateText } from '../../../server/src/check/validate-text';

function plan(manifests: string): Plan {
  const report = validateText(manifests, { kubernetesVersion: '1.36' });
  assert.deepEqual(
    report.findings.filter((finding) => finding.severity === 'error'),
    [],
  );
  return planApply({ kubernetesVersion: '1.36', cluster: defaultCluster(), current: [], manifests: report.objects, newPodsReady: true, now: Date.parse('2026-03-01T10:00:00Z') });
}

const pod = (name: string, probe = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n  - name: c\n    image: "x:1"${probe}\n`;
/** The notes on objects not modelled (a namespace no input makes gets its own note, tested with admission). */
const unmodelled = (result: Plan) => result.notes.filter((note) => note.startsWith('not modelled: '));
const readinessProbe = '\n    readinessProbe: {httpGet: {path: /healthz, port: 8080}}';

test('a NetworkPolicy is modelled: the plan evaluates it, so no note calls it not modelled', () => {
  const result = plan('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n');
  assert.deepEqual(unmodelled(result), []);
});

test('objects of one kind that nothing models share one note listing their names', () => {
  const role = (name: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: ${name}, namespace: shop}\nrules: []\n`;
  const result = plan(`${role('reader')}---\n${role('writer')}`);
  assert.deepEqual(unmodelled(result), ['not modelled: Role shop/reader, shop/writer: permissions are not checked: every workload is assumed to be allowed what it does']);
});

test('a custom resource is noted as having no controller in the plan', () => {
  const result = plan('apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web-tls, namespace: shop}\nspec: {secretName: web-tls}\n');
  assert.deepEqual(unmodelled(result), ['not modelled: Certificate shop/web-tls: no controller for it runs in the plan: what its operator would do is not modelled']);
});

test('a custom resource named like a modelled kind is not planned as that kind', () => {
  // The API server tells kinds apart by group: example.com/v1 Deployment is not apps/v1 Deployment, and no
  // Deployment controller acts on it.
  const result = plan(
    'apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: "x:1"}]}}\n',
  );
  assert.deepEqual([result.pods.length, result.rollouts.length], [0, 0]);
  assert.deepEqual(unmodelled(result), ['not modelled: Deployment web: no controller for it runs in the plan: what its operator would do is not modelled']);
});

test('ConfigMaps, Secrets and ServiceAccounts are only stored, which is what a cluster does with them: no note', () => {
  const result = plan('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\n');
  assert.deepEqual(result.notes, []);
});

test('started pods come with the assumption that images pull and containers start', () => {
  const result = plan(pod('a'));
  assert.deepEqual(result.notes, ['images were assumed to pull and containers to start at once, without crashing (1 pod started)']);
});

test('pods with a readiness probe that became Ready come with the assumption that the probe passes', () => {
  const result = plan(`${pod('a', readinessProbe)}---\n${pod('b')}`);
  assert.deepEqual(result.notes, [
    'images were assumed to pull and containers to start at once, without crashing (2 pods started)',
    'readiness probes were assumed to pass: 1 pod with a readiness probe became Ready at once (annotate a pod template with kubeplan.dev/ready: "false" to plan a probe that fails)',
  ]);
});
