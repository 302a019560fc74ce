/**
 * The PodSecurity admission plugin in a plan (staging/src/k8s.io/pod-security-admission/admission/admission.go):
 * pods refused by the enforce level, workloads and pods warned about by the warn level, namespaces whose labels do
 * not parse refused, and a stricter enforce level warning about the pods already in the namespace. Messages are
 * worked from EvaluatePod, EvaluatePodsInNamespace and the checks by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { planApply } from '../../../../server/src/cluster/simulation';
import type { Plan } from '../../../../server/src/protocol/plan';
import { validateText } from '../../../../server/src/check/validate-text';
import type { KubernetesVersion } from '../../../../server/src/schema/versions';

const NOW = Date.parse('2026-03-01T10:00:00Z');

function plan(manifests: string, options: { current?: string; version?: KubernetesVersion } = {}): Plan {
  const version = options.version ?? '1.36';
  const decoded = (yaml: string) => validateText(yaml, { kubernetesVersion: version }).objects;
  return planApply({
    kubernetesVersion: version,
    cluster: defaultCluster(),
    current: options.current ? decoded(options.current) : [],
    manifests: decoded(manifests),
    newPodsReady: true,
    now: NOW,
  });
}

function namespace(name: string, labels: Record<string, string>): string {
  const entries = Object.entries(labels).map(([key, value]) => `${key}: "${value}"`);
  return `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels: {${entries.join(', ')}}\n---\n`;
}

const PLAIN_POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug, namespace: team}\nspec:\n  containers: [{name: c, image: "busybox:1.36"}]\n';

/** What the restricted checks say about a container "<name>" with no securityContext in a pod without one. */
function restrictedDetail(container: string): string {
  return `allowPrivilegeEscalation != false (container "${container}" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "${container}" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "${container}" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "${container}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`;
}

// admission.go EvaluatePod with enforce: forbiddenResponse, `violates PodSecurity "<level>:<version>": <detail>`.
test('a bare pod that violates the enforce level is refused and not created', () => {
  const result = plan(namespace('team', { 'pod-security.kubernetes.io/enforce': 'restricted' }) + PLAIN_POD);
  assert.deepEqual(result.applied[1], {
    object: 'Pod/team/debug',
    outcome: 'refused',
    message: `pods "debug" is forbidden: violates PodSecurity "restricted:latest": ${restrictedDetail('c')}`,
    warnings: [],
  });
  assert.deepEqual(result.pods, []);
});

// admission.go EvaluatePod: a pod the enforce level allows is still warned about by a stricter warn level.
test('a pod allowed by the enforce level gets the warn level warning', () => {
  const result = plan(namespace('team', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' }) + PLAIN_POD);
  assert.deepEqual(result.applied[1], { object: 'Pod/team/debug', outcome: 'created', message: null, warnings: [`would violate PodSecurity "restricted:latest": ${restrictedDetail('c')}`] });
});

// admission.go ValidatePodController: workloads are only warned about; the ReplicaSet controller's pods are
// refused (FailedCreate with the generated pod name) and the rollout makes no progress.
test('a Deployment in a restricted namespace is warned about, and its pods are refused', () => {
  const deployment =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: team}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers: [{name: api, image: "api:1", securityContext: {privileged: true}}]\n';
  const result = plan(namespace('team', { 'pod-security.kubernetes.io/enforce': 'restricted' }) + deployment);
  const detail = `privileged (container "api" must not set securityContext.privileged=true), ${restrictedDetail('api')}`;
  assert.deepEqual(result.applied[1], { object: 'Deployment/team/api', outcome: 'created', message: null, warnings: [`would violate PodSecurity "restricted:latest": ${detail}`] });
  assert.deepEqual(result.pods, []);
  const failed = result.events.filter((event) => event.reason === 'FailedCreate');
  assert.ok(failed.length > 0);
  for (const event of failed) {
    assert.equal(event.type, 'Warning');
    assert.match(event.object, /^ReplicaSet\/team\/api-[a-z0-9]+$/);
    assert.match(event.message, new RegExp(`^Error creating: pods "api-[a-z0-9]+-[a-z0-9]{5}" is forbidden: violates PodSecurity "restricted:latest": ${escapeRegExp(detail)}$`));
  }
  assert.notEqual(result.rollouts[0]!.outcome, 'complete');
});

// api/helpers.go PolicyToEvaluate and registry.go: enforce-version pins the checks of that version.
test('enforce-version v1.30 refuses a pod that latest allows (container_engine_t is allowed from v1.31)', () => {
  const pod =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: engine, namespace: team}\nspec:\n  securityContext: {seLinuxOptions: {type: container_engine_t}}\n  containers: [{name: c, image: "engine:1"}]\n';
  const pinned = plan(namespace('team', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' }) + pod);
  assert.equal(
    pinned.applied[1]!.message,
    'pods "engine" is forbidden: violates PodSecurity "baseline:v1.30": seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: type "container_engine_t")',
  );
  const latest = plan(namespace('team', { 'pod-security.kubernetes.io/enforce': 'baseline' }) + pod);
  assert.equal(latest.applied[1]!.outcome, 'created');
});

test('a pod in a namespace without Pod Security labels is not checked', () => {
  const result = plan(PLAIN_POD.replace('namespace: team', 'namespace: default'));
  assert.deepEqual(result.applied[0], { object: 'Pod/default/debug', outcome: 'created', message: null, warnings: [] });
});

// admission.go ValidateNamespace on create: invalidResponse, apierrors.NewInvalid of the label errors.
test('a Namespace whose Pod Security label does not parse is refused', () => {
  const result = plan(namespace('team', { 'pod-security.kubernetes.io/enforce': 'strict' }));
  assert.equal(
    result.applied[0]!.message,
    'Namespace "team" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
  );
});

// admission.go ValidateNamespace on update and EvaluatePodsInNamespace: one line per distinct list of reasons, naming
// the first pod by name and how many others share it.
test('making the enforce level stricter warns about the existing pods that violate it', () => {
  const pod = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: team}\nspec:\n  ${extra}containers: [{name: c, image: "app:1"}]\n---\n`;
  const current = namespace('team', {}) + pod('web-b') + pod('web-a') + pod('host', 'hostNetwork: true\n  ');
  const result = plan(namespace('team', { 'pod-security.kubernetes.io/enforce': 'restricted' }), { current });
  assert.deepEqual(result.applied[0]!.warnings, [
    'existing pods in namespace "team" violate the new PodSecurity enforce level "restricted:latest"',
    'host: host namespaces, allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
    'web-a (and 1 other pod): allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile',
  ]);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
