/**
 * What the kubelet and the node lifecycle do to a bound pod, in a plan on the embedded default cluster. Expected
 * messages and states are upstream's, worked by hand from the files and functions cited beside each test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../server/src/cluster/cluster-model';
import type { Plan, PlannedPod } from '../../../server/src/protocol/plan';
import { planManifests, type PlanOptions } from '../../helpers/plan-manifests';
import type { ClusterModel } from '../../../server/src/cluster/cluster-model';

const NOW = Date.parse('2026-03-01T10:00:00Z');

const plan = (manifests: string, options: PlanOptions = {}): Plan => planManifests(manifests, NOW, options);

/** A ConfigMap that makes the namespace one whose configuration the inputs show. */
const KNOWN_NAMESPACE = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {LOG_LEVEL: info}\n---\n';

function pod(name: string, spec: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec: ${spec}\n`;
}

/** An apps/v1 workload named web of `replicas` pods with the pod spec `spec` (flow YAML). */
function workload(kind: string, replicas: number, spec: string): string {
  return `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: web}\nspec: {replicas: ${replicas}, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: ${spec}}}\n`;
}

const container = (fields: string) => `{name: app, image: nginx, resources: {requests: {cpu: 100m, memory: 64Mi}}${fields ? `, ${fields}` : ''}}`;

function onlyPod(result: Plan): PlannedPod {
  assert.equal(result.pods.length, 1);
  return result.pods[0]!;
}

const warnings = (result: Plan, reason: string) => result.events.filter((event) => event.reason === reason).map((event) => [event.object, event.message]);

// pkg/kubelet/kubelet_pods.go : makeEnvironmentVariables returns the configmap manager's NotFound error;
// kuberuntime_container.go : startContainer records `Failed` "Error: %v" and the container waits with
// CreateContainerConfigError; getPhase keeps a pod with a waiting container Pending. The sandbox runs: the pod has an IP.
test('an env valueFrom of a missing ConfigMap holds the container in CreateContainerConfigError', () => {
  const result = plan(KNOWN_NAMESPACE + pod('web', `{containers: [${container('env: [{name: MODE, valueFrom: {configMapKeyRef: {name: app-config, key: mode}}}]')}]}`));
  const web = onlyPod(result);
  assert.deepEqual([web.phase, web.ready, web.waitingReason, web.message], ['Pending', false, 'CreateContainerConfigError', 'configmap "app-config" not found']);
  assert.notEqual(web.ip, null);
  assert.deepEqual(warnings(result, 'Failed'), [['Pod/default/web', 'Error: configmap "app-config" not found']]);
});

// makeEnvironmentVariables: a ConfigMap without the key → `couldn't find key %v in ConfigMap %v/%v`.
test('an env valueFrom of a key the ConfigMap lacks names the key and the ConfigMap', () => {
  const result = plan(KNOWN_NAMESPACE + pod('web', `{containers: [${container('env: [{name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: mode}}}]')}]}`));
  assert.equal(onlyPod(result).message, "couldn't find key mode in ConfigMap default/settings");
});

// makeEnvironmentVariables: the secret manager's NotFound error, `secret "db" not found`.
test('an env valueFrom of a missing Secret holds the container with the secret NotFound error', () => {
  const result = plan(KNOWN_NAMESPACE + pod('web', `{containers: [${container('env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]')}]}`));
  assert.deepEqual(warnings(result, 'Failed'), [['Pod/default/web', 'Error: secret "db" not found']]);
});

// makeEnvironmentVariables: a Secret without the key → `couldn't find key %v in Secret %v/%v`.
test('an env valueFrom of a key the Secret lacks names the key and the Secret', () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {user: app}\n---\n';
  const result = plan(secret + pod('web', `{containers: [${container('env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]')}]}`));
  assert.equal(onlyPod(result).message, "couldn't find key password in Secret default/db");
});

// makeEnvironmentVariables: envFrom is read before env; a missing configMapRef that is not optional fails.
test('an envFrom of a missing ConfigMap fails before the env variables are read', () => {
  const env = 'envFrom: [{configMapRef: {name: base}}], env: [{name: PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]';
  const result = plan(KNOWN_NAMESPACE + pod('web', `{containers: [${container(env)}]}`));
  assert.equal(onlyPod(result).message, 'configmap "base" not found');
});

// makeEnvironmentVariables: `optional: true` skips a missing object or key.
test('optional references to missing objects and keys let the pod start', () => {
  const env = 'envFrom: [{secretRef: {name: extra, optional: true}}], env: [{name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: mode, optional: true}}}]';
  const web = onlyPod(plan(KNOWN_NAMESPACE + pod('web', `{containers: [${container(env)}]}`)));
  assert.deepEqual([web.phase, web.ready, web.waitingReason, web.message], ['Running', true, null, null]);
});

// pkg/volume/configmap/configmap.go : SetUpAt returns the NotFound error; the operation generator's event is
// `MountVolume.SetUp failed for volume %q : %v`. Volumes mount before the sandbox: no IP, containers ContainerCreating.
test('a volume of a missing ConfigMap keeps the pod ContainerCreating with a FailedMount event', () => {
  const result = plan(KNOWN_NAMESPACE + pod('web', `{volumes: [{name: config, configMap: {name: app-config}}], containers: [${container('')}]}`));
  const web = onlyPod(result);
  assert.deepEqual([web.phase, web.ready, web.ip, web.waitingReason], ['Pending', false, null, 'ContainerCreating']);
  assert.equal(web.message, 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
  assert.deepEqual(warnings(result, 'FailedMount'), [['Pod/default/web', 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found']]);
  assert.deepEqual(warnings(result, 'Failed'), []);
});

// pkg/volume/secret/secret.go : SetUpAt, the secret NotFound error, for each failing volume.
test('each failing volume has its own FailedMount event', () => {
  const volumes = 'volumes: [{name: tls, secret: {secretName: tls}}, {name: ok, configMap: {name: settings}}, {name: db, secret: {secretName: db}}]';
  const result = plan(KNOWN_NAMESPACE + pod('web', `{${volumes}, containers: [${container('')}]}`));
  assert.deepEqual(
    warnings(result, 'FailedMount').map(([, message]) => message),
    ['MountVolume.SetUp failed for volume "tls" : secret "tls" not found', 'MountVolume.SetUp failed for volume "db" : secret "db" not found'],
  );
});

// pkg/volume/projected/projected.go : collectData gathers each source's error into utilerrors.NewAggregate,
// which prints several errors as `[a, b]`.
test('a projected volume reports every missing source as one aggregate error', () => {
  const volumes = 'volumes: [{name: bundle, projected: {sources: [{configMap: {name: a}}, {secret: {name: b}}, {configMap: {name: settings}}]}}]';
  const result = plan(KNOWN_NAMESPACE + pod('web', `{${volumes}, containers: [${container('')}]}`));
  assert.equal(onlyPod(result).message, 'MountVolume.SetUp failed for volume "bundle" : [configmap "a" not found, secret "b" not found]');
});

// pkg/volume/configmap/configmap.go : MakePayload, an item naming a key the ConfigMap lacks.
test('a configMap volume item naming a missing key fails the mount', () => {
  const result = plan(KNOWN_NAMESPACE + pod('web', `{volumes: [{name: config, configMap: {name: settings, items: [{key: app.yaml, path: app.yaml}]}}], containers: [${container('')}]}`));
  assert.equal(onlyPod(result).message, 'MountVolume.SetUp failed for volume "config" : configmap references non-existent config key: app.yaml');
});

// pkg/controller/certificates/rootcacertpublisher/publisher.go : syncNamespace keeps kube-root-ca.crt in every
// namespace with exactly the key ca.crt, writing it back when it differs; so a projection of that key always mounts,
// and one of another key of it fails as any missing key does (pkg/volume/projected/projected.go : collectData).
test('the root CA ConfigMap has ca.crt in every namespace, whatever a manifest of that name holds', () => {
  const rootCa = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-root-ca.crt}\ndata: {other: x}\n---\n';
  const volumes = 'volumes: [{name: ca, projected: {sources: [{configMap: {name: kube-root-ca.crt, items: [{key: ca.crt, path: ca.crt}]}}]}}]';
  const result = plan(KNOWN_NAMESPACE + rootCa + pod('web', `{${volumes}, containers: [${container('')}]}`));
  assert.deepEqual([onlyPod(result).phase, onlyPod(result).ready], ['Running', true]);
});

test('a projection of another key of the root CA ConfigMap fails the mount', () => {
  const volumes = 'volumes: [{name: ca, projected: {sources: [{configMap: {name: kube-root-ca.crt, items: [{key: other, path: other}]}}]}}]';
  const result = plan(KNOWN_NAMESPACE + pod('web', `{${volumes}, containers: [${container('')}]}`));
  assert.equal(onlyPod(result).message, 'MountVolume.SetUp failed for volume "ca" : configmap references non-existent config key: other');
});

// The plan cannot see objects made outside its inputs: in a namespace of which the inputs hold no Namespace,
// ConfigMap or Secret, a referenced object is assumed to exist (docs/timing-model.md), and the plan says so.
test('in a namespace the inputs know nothing of, a referenced ConfigMap is assumed and noted', () => {
  const result = plan(pod('web', `{containers: [${container('envFrom: [{configMapRef: {name: app-config}}]')}]}`));
  assert.deepEqual([onlyPod(result).phase, onlyPod(result).ready], ['Running', true]);
  assert.ok(result.notes.some((note) => note.startsWith('configmap "app-config" of namespace "default" is in none of the inputs') && note.includes('assumes it exists')));
});

test('a ConfigMap missing from a namespace the inputs know is noted as taken for missing', () => {
  const result = plan(KNOWN_NAMESPACE + pod('web', `{containers: [${container('envFrom: [{configMapRef: {name: app-config}}]')}]}`));
  assert.ok(result.notes.some((note) => note.startsWith('configmap "app-config" of namespace "default" is in none of the inputs') && note.includes('takes it as missing')));
});

// The kubelet retries a pod's sync: a pod of the running state held for a ConfigMap starts once the manifests add it.
test('a held pod starts once the manifests add what it lacked', () => {
  const current = KNOWN_NAMESPACE + pod('web', `{containers: [${container('envFrom: [{configMapRef: {name: app-config}}]')}]}`);
  const result = plan('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config}\ndata: {MODE: blue}\n', { current });
  const web = onlyPod(result);
  assert.deepEqual([web.phase, web.ready, web.waitingReason, web.message], ['Running', true, null, null]);
  assert.deepEqual(
    result.notes.filter((note) => note.includes('app-config')),
    [],
  );
});

// The Deployment controller counts only available pods (deployment_util.go : GetAvailableReplicaCountForReplicaSets):
// pods that never start never make the rollout progress, and it passes its progress deadline.
test('a Deployment whose pods cannot start does not complete its rollout', () => {
  const result = plan(KNOWN_NAMESPACE + workload('Deployment', 2, `{containers: [${container('env: [{name: MODE, valueFrom: {configMapKeyRef: {name: app-config, key: mode}}}]')}]}`));
  assert.deepEqual(
    result.pods.map((candidate) => candidate.waitingReason),
    ['CreateContainerConfigError', 'CreateContainerConfigError'],
  );
  assert.equal(result.rollouts[0]!.outcome, 'progressDeadlineExceeded');
});

// generateAPIPodStatus: a hostNetwork pod whose volumes cannot mount still has its node's IP (set whatever the sandbox).
test('a hostNetwork pod held for a volume has its node IP', () => {
  const result = plan(KNOWN_NAMESPACE + pod('agent', `{nodeName: worker-2, hostNetwork: true, volumes: [{name: config, configMap: {name: agent-config}}], containers: [${container('')}]}`));
  assert.deepEqual([onlyPod(result).waitingReason, onlyPod(result).ip], ['ContainerCreating', '10.0.2.11']);
});

// pkg/kubelet/kubelet_pods.go : generateAPIPodStatus: a hostNetwork pod's podIPs are its node's IPs.
test('a hostNetwork pod has its node IP and takes no pod CIDR address', () => {
  const result = plan(pod('agent', `{nodeName: worker-1, hostNetwork: true, containers: [${container('')}]}`) + '---\n' + pod('web', `{nodeName: worker-1, containers: [${container('')}]}`));
  assert.deepEqual(
    result.pods.map((candidate) => [candidate.name, candidate.ip]),
    [
      ['agent', '10.0.1.11'],
      ['web', '10.244.1.2'],
    ],
  );
});

function clusterWithNoExecuteTaint(): ClusterModel {
  const cluster = defaultCluster();
  cluster.nodes[1]!.spec!.taints = [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }];
  return cluster;
}

// pkg/controller/tainteviction/taint_eviction.go : processPodOnNode deletes a pod with an untolerated NoExecute
// taint at once; emitPodDeletionEvent records `TaintManagerEviction` "Marking for deletion Pod %s".
test('a pod bound to a node whose NoExecute taint it does not tolerate is evicted', () => {
  const result = plan(pod('pinned', `{nodeName: worker-1, containers: [${container('')}]}`), { cluster: clusterWithNoExecuteTaint() });
  assert.deepEqual(result.pods, []);
  assert.deepEqual(
    result.events.map((event) => [event.type, event.reason, event.object, event.message]),
    [['Normal', 'TaintManagerEviction', 'Pod/default/pinned', 'Marking for deletion Pod default/pinned']],
  );
});

// processPodOnNode: every NoExecute taint tolerated and no tolerationSeconds (getMinTolerationTime < 0): never evicted.
test('a pod tolerating the NoExecute taint without tolerationSeconds stays', () => {
  const result = plan(pod('pinned', `{nodeName: worker-1, tolerations: [{key: maintenance, operator: Exists, effect: NoExecute}], containers: [${container('')}]}`), {
    cluster: clusterWithNoExecuteTaint(),
  });
  assert.deepEqual([onlyPod(result).phase, onlyPod(result).node], ['Running', 'worker-1']);
});

// processPodOnNode: all tolerated with tolerationSeconds 60 → evicted after 60 s; the timing model evicts at once.
test('a pod tolerating the NoExecute taint for a while is evicted, and the plan notes it did not wait', () => {
  const tolerations = 'tolerations: [{key: maintenance, operator: Equal, value: "true", effect: NoExecute, tolerationSeconds: 60}]';
  const result = plan(pod('pinned', `{nodeName: worker-1, ${tolerations}, containers: [${container('')}]}`), { cluster: clusterWithNoExecuteTaint() });
  assert.deepEqual(result.pods, []);
  assert.ok(result.notes.includes('pod default/pinned tolerates the NoExecute taints of node worker-1 for 60s: the plan evicts it at once'));
});

// A pod the cluster files show running on a node with an untolerated NoExecute taint is gone by the time the
// manifests apply: processPodOnNode deleted it as soon as the taint was there.
test('a running pod of the cluster files on a node it does not tolerate is gone before the manifests apply', () => {
  const cluster = clusterWithNoExecuteTaint();
  cluster.pods.push({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'old', namespace: 'default' },
    spec: { nodeName: 'worker-1', containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase: 'Running', podIP: '10.244.1.7' },
  });
  const result = plan(pod('web', `{containers: [${container('')}]}`), { cluster });
  assert.deepEqual(
    result.pods.map((candidate) => candidate.name),
    ['web'],
  );
});

// A ReplicaSet whose template binds its pods to that node: the eviction controller deletes each pod and the
// ReplicaSet controller replaces it, without end upstream; the plan evicts the first and leaves the next Pending.
test('a controller pinning its pods to a node that evicts them is shown after one eviction, with a note', () => {
  const result = plan(workload('ReplicaSet', 1, `{nodeName: worker-1, containers: [${container('')}]}`), { cluster: clusterWithNoExecuteTaint() });
  const web = onlyPod(result);
  assert.deepEqual([web.phase, web.node, web.ready], ['Pending', 'worker-1', false]);
  assert.deepEqual(result.events.filter((event) => event.reason === 'TaintManagerEviction').length, 1);
  assert.ok(result.notes.some((note) => note.startsWith('ReplicaSet default/web binds its pods to node worker-1')));
});
