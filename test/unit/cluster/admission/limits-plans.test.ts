/**
 * LimitRanger and ResourceQuota in whole plans on the embedded default cluster (three workers of 3900m
 * allocatable cpu). Expected values are worked by hand from PodMutateLimitFunc
 * (plugin/pkg/admission/limitranger/admission.go), CheckRequest
 * (staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go) and the ReplicaSet
 * controller's FailedCreate event (pkg/controller/controller_utils.go, RealPodControl.createPods).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { planApply } from '../../../../server/src/cluster/simulation';
import { validateText } from '../../../../server/src/check/validate-text';
import type { Plan } from '../../../../server/src/protocol/plan';

function plan(manifests: string): Plan {
  return planApply({
    kubernetesVersion: '1.36',
    cluster: defaultCluster(),
    current: [],
    manifests: validateText(manifests, { kubernetesVersion: '1.36' }).objects,
    newPodsReady: true,
    now: Date.parse('2026-03-01T10:00:00Z'),
  });
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
`;

// A default request of 3 cpu leaves room for one pod per worker (3900m each): the fourth stays Pending.
test("a LimitRange's default request is what the scheduler places", () => {
  const result = plan(`apiVersion: v1
kind: LimitRange
metadata: {name: defaults}
spec:
  limits: [{type: Container, defaultRequest: {cpu: "3"}, default: {cpu: "3"}}]
---
${WEB}`);
  const nodes = result.pods.map((pod) => pod.node);
  assert.equal(nodes.filter((node) => node !== null).length, 3);
  assert.equal(new Set(nodes.filter((node) => node !== null)).size, 3);
  assert.equal(result.pods.filter((pod) => pod.node === null).length, 1);
});

// requests.cpu 1500m allows three pods of the LimitRange's 500m; the fourth is refused at 1500m used, and the
// rollout never reaches 4 available: its progress deadline passes.
test('a quota refuses the fourth replica with FailedCreate and the rollout stalls', () => {
  const result = plan(`apiVersion: v1
kind: LimitRange
metadata: {name: defaults}
spec:
  limits: [{type: Container, defaultRequest: {cpu: 500m}}]
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: compute}
spec:
  hard: {requests.cpu: 1500m}
---
${WEB}`);
  assert.equal(result.pods.length, 3);
  const failed = result.events.filter((event) => event.reason === 'FailedCreate');
  assert.ok(failed.length > 0);
  assert.match(
    failed[0]!.message,
    /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]+" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=1500m, limited: requests.cpu=1500m$/,
  );
  assert.equal(failed[0]!.object.startsWith('ReplicaSet/default/web-'), true);
  assert.equal(result.rollouts[0]!.outcome, 'progressDeadlineExceeded');
});

// A manifest object the quota refuses is answered in `applied` and noted.
test('a manifest object over a count quota is refused in applied', () => {
  const result = plan(`apiVersion: v1
kind: ResourceQuota
metadata: {name: objects}
spec:
  hard: {configmaps: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b}
`);
  assert.equal(result.applied[2]!.outcome, 'refused');
  assert.equal(result.applied[2]!.message, 'configmaps "b" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=1, limited: configmaps=1');
});
