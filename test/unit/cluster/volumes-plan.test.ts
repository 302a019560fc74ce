/**
 * Volumes in a plan: the StatefulSet controller's claims (stateful_set_utils.go getPersistentVolumeClaimName,
 * stateful_pod_control.go createPersistentVolumeClaims, recordClaimEvent), the PersistentVolume controller's
 * binding and provisioning (pv_controller.go syncUnboundClaim, bind, provisionClaimOperationExternal), the
 * scheduler's VolumeBinding (volume_binding.go PreFilter, PreBind; binder.go BindPodVolumes) and the plan's
 * persistentVolumeClaims, worked by hand on the default cluster (3 schedulable workers).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../server/src/cluster/cluster-model';
import { planApply } from '../../../server/src/cluster/simulation';
import { SimulatedCluster } from '../../../server/src/cluster/simulated-cluster';
import { converge } from '../../../server/src/cluster/converge';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { Plan } from '../../../server/src/protocol/plan';
import { validateText } from '../../../server/src/check/validate-text';

function plan(manifests: string): Plan {
  const report = validateText(manifests, { kubernetesVersion: '1.33' });
  assert.deepEqual(
    report.findings.filter((finding) => finding.severity === 'error'),
    [],
  );
  return planApply({ kubernetesVersion: '1.33', cluster: defaultCluster(), current: [], manifests: report.objects, newPodsReady: true, now: Date.parse('2026-03-01T10:00:00Z') });
}

const FAST = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: fast}
provisioner: ebs.csi.aws.com
volumeBindingMode: WaitForFirstConsumer
`;

const STATEFUL_SET = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      storageClassName: fast
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 20Gi}}
`;

test('a StatefulSet creates <template>-<set>-<ordinal> before each pod, and each claim binds once its pod is scheduled', () => {
  const result = plan(`${FAST}---\n${STATEFUL_SET}`);
  const setEvents = result.events.filter((event) => event.object === 'StatefulSet/default/db').map((event) => event.message);
  assert.deepEqual(setEvents, [
    'create Claim data-db-0 Pod db-0 in StatefulSet db success',
    'create Pod db-0 in StatefulSet db successful',
    'create Claim data-db-1 Pod db-1 in StatefulSet db success',
    'create Pod db-1 in StatefulSet db successful',
  ]);
  assert.deepEqual(
    result.persistentVolumeClaims.map((claim) => [claim.name, claim.phase, claim.storageClass, claim.capacity, claim.accessModes]),
    [
      ['data-db-0', 'Bound', 'fast', '20Gi', ['ReadWriteOnce']],
      ['data-db-1', 'Bound', 'fast', '20Gi', ['ReadWriteOnce']],
    ],
  );
  const claimEvents = result.events.filter((event) => event.object === 'PersistentVolumeClaim/default/data-db-0').map((event) => event.reason);
  assert.deepEqual(claimEvents, ['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']);
  assert.ok(result.notes.some((note) => note.includes('ebs.csi.aws.com') && note.includes('assumed')));
});

test('a pod whose claim is missing stays Pending with the PreFilter message and the rollout stalls', () => {
  const result = plan(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
      volumes: [{name: cache, persistentVolumeClaim: {claimName: missing}}]
`);
  const pending = result.pods.filter((pod) => pod.node === null);
  assert.equal(pending.length, 1);
  const failed = result.events.find((event) => event.reason === 'FailedScheduling');
  assert.equal(failed?.message, '0/4 nodes are available: persistentvolumeclaim "missing" not found. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.');
  assert.equal(result.rollouts[0]!.steps.at(-1)!.available, 0);
});

test('an Immediate claim without class binds to the smallest fitting volume without class', () => {
  const result = plan(`apiVersion: v1
kind: PersistentVolume
metadata: {name: big}
spec: {capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /big}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: small}
spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /small}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: classy}
spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], storageClassName: fast, hostPath: {path: /classy}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 500Mi}}}
`);
  assert.deepEqual(result.persistentVolumeClaims, [{ name: 'data', namespace: 'default', phase: 'Bound', volume: 'small', storageClass: null, capacity: '1Gi', accessModes: ['ReadWriteOnce'] }]);
});

test('the scheduler records the node it picked on a WaitForFirstConsumer claim (selected-node), then the claim binds', () => {
  const cluster = new SimulatedCluster('1.33', Date.parse('2026-03-01T10:00:00Z'), true);
  for (const node of defaultCluster().nodes) cluster.load(structuredClone(node));
  const report = validateText(
    `${FAST}---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: fast, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: Pod
metadata: {name: app}
spec:
  containers: [{name: app, image: busybox}]
  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
`,
    { kubernetesVersion: '1.33' },
  );
  for (const object of report.objects) assert.equal(cluster.apply(object.apiVersion, object.kind, object.value), undefined);
  converge(cluster);
  const pod = cluster.store.get<Pod>('Pod', 'default', 'app');
  const claim = cluster.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data');
  assert.ok(pod?.spec?.nodeName);
  assert.equal(claim?.metadata.annotations?.['volume.kubernetes.io/selected-node'], pod.spec.nodeName);
  assert.equal(claim?.metadata.annotations?.['pv.kubernetes.io/bind-completed'], 'yes');
  assert.equal(claim?.spec?.volumeName, `pvc-${claim?.metadata.uid}`);
});
