/**
 * The plan's timing model (docs/timing-model.md) on the embedded default cluster: one step per Deployment sync,
 * everything else settling in between. Expected values are worked from the controllers' rules by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { defaultCluster } from '../../../server/src/cluster/cluster-model';
import { simulateSpecChange } from '../../oracles/deployment/rollout';
import { applyDefaults } from '../../../server/src/defaulting/index';
import { planApply } from '../../../server/src/cluster/simulation';
import type { Plan } from '../../../server/src/protocol/plan';
import { decoded, planManifests, type PlanOptions } from '../../helpers/plan-manifests';

const NOW = Date.parse('2026-03-01T10:00:00Z');

const plan = (manifests: string, options: PlanOptions = {}): Plan => planManifests(manifests, NOW, options);

function deployment(name: string, options: { replicas: number; image: string; strategy?: string; minReadySeconds?: number }): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${options.replicas}
  ${options.strategy ? `strategy: {type: ${options.strategy}}` : ''}
  ${options.minReadySeconds ? `minReadySeconds: ${options.minReadySeconds}` : ''}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: "${options.image}", resources: {requests: {cpu: 100m, memory: 64Mi}}}]
`;
}

/** An apps/v1 workload of one container; `spec` holds the fields besides selector and template, as flow YAML. */
function podController(kind: string, name: string, spec: string, container: string): string {
  const fields = spec ? `${spec.slice(1, -1)}, ` : '';
  return `apiVersion: apps/v1\nkind: ${kind}\nmetadata: {name: ${name}}\nspec: {${fields}selector: {matchLabels: {app: ${name}}}, template: {metadata: {labels: {app: ${name}}}, spec: {containers: [${container}]}}}\n`;
}

const counts = (result: Plan) => result.rollouts[0]!.steps.map((step) => [step.new, step.old, step.total, step.available]);

test('Recreate scales the old ReplicaSet to 0 in one step and starts the new one at full size in the next', () => {
  const result = plan(deployment('db', { replicas: 3, image: 'postgres:17', strategy: 'Recreate' }), { current: deployment('db', { replicas: 3, image: 'postgres:16', strategy: 'Recreate' }) });
  assert.deepEqual(counts(result), [
    [0, 0, 0, 0],
    [3, 0, 3, 3],
  ]);
  const scaling = result.rollouts[0]!.steps.flatMap((step) => step.events).filter((event) => event.reason === 'ScalingReplicaSet');
  assert.match(scaling[0]!.message, /^Scaled down replica set db-[a-z0-9]+ from 3 to 0$/);
  assert.match(scaling[1]!.message, /^Scaled up replica set db-[a-z0-9]+ from 0 to 3$/);
  assert.deepEqual({ maxTotal: result.rollouts[0]!.maxTotal, minAvailable: result.rollouts[0]!.minAvailable }, { maxTotal: 3, minAvailable: 3 });
});

test('changing only replicas scales the running ReplicaSet: pods of an unchanged template become Ready even with newPodsReady false', () => {
  const result = plan(deployment('web', { replicas: 6, image: 'nginx:1.27' }), { current: deployment('web', { replicas: 4, image: 'nginx:1.27' }), newPodsReady: false });
  assert.deepEqual(counts(result), [[6, 0, 6, 6]]);
  assert.equal(result.rollouts[0]!.outcome, 'complete');
  assert.ok(result.pods.every((pod) => pod.ready));
});

test('an unchanged Deployment re-applied makes no step and stays complete', () => {
  const manifest = deployment('web', { replicas: 2, image: 'nginx:1.27' });
  const result = plan(manifest, { current: manifest });
  assert.deepEqual(result.rollouts[0]!.steps, []);
  assert.equal(result.rollouts[0]!.outcome, 'complete');
  assert.deepEqual(result.events, []);
});

test('with minReadySeconds the rollout still completes: the clock waits for Ready pods to become available', () => {
  const result = plan(deployment('web', { replicas: 4, image: 'nginx:1.27', minReadySeconds: 30 }), { current: deployment('web', { replicas: 4, image: 'nginx:1.26', minReadySeconds: 30 }) });
  // 4 replicas at 25%/25%: surge 1, unavailable 1 → at most 5 pods, at least 3 available
  assert.deepEqual({ maxTotal: result.rollouts[0]!.maxTotal, minAvailable: result.rollouts[0]!.minAvailable }, { maxTotal: 5, minAvailable: 3 });
  assert.equal(result.rollouts[0]!.outcome, 'complete');
  for (const step of result.rollouts[0]!.steps) {
    assert.ok(step.new + step.old <= 5);
    assert.ok(step.available >= 3);
  }
  assert.deepEqual(counts(result).at(-1), [4, 0, 4, 4]);
});

test("a bare pod is scheduled and started: Scheduled event, Running, Ready, an IP from its node's pod CIDR", () => {
  const result = plan('apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  containers: [{name: c, image: busybox:1.36}]\n');
  const pod = result.pods[0]!;
  assert.equal(pod.owner, null);
  assert.equal(pod.phase, 'Running');
  assert.equal(pod.ready, true);
  const cidrs: Record<string, string> = { 'worker-1': '10.244.1.', 'worker-2': '10.244.2.', 'worker-3': '10.244.3.' };
  assert.ok(pod.ip!.startsWith(cidrs[pod.node!]!), `${pod.ip} on ${pod.node}`);
  assert.deepEqual(result.events, [{ type: 'Normal', reason: 'Scheduled', object: 'Pod/default/debug', message: `Successfully assigned default/debug to ${pod.node}` }]);
});

test('a pod with spec.nodeName skips the scheduler and still takes room on its node', () => {
  const result = plan('apiVersion: v1\nkind: Pod\nmetadata: {name: pinned}\nspec:\n  nodeName: worker-2\n  containers: [{name: c, image: busybox:1.36, resources: {requests: {cpu: 250m}}}]\n');
  assert.deepEqual(result.events, []);
  assert.equal(result.pods[0]!.node, 'worker-2');
  assert.equal(result.nodes.find((node) => node.name === 'worker-2')!.requested.cpu, '250m');
});

test('a re-applied Service keeps its ClusterIP; a new one gets the next address of 10.96.0.0/12', () => {
  const service = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  selector: {app: ${name}}\n  ports: [{port: 80}]\n`;
  const result = plan(`${service('web')}---\n${service('api')}`, { current: service('web') });
  assert.deepEqual(
    result.services.map((s) => [s.name, s.clusterIP]),
    [
      ['api', '10.96.1.2'],
      ['web', '10.96.1.1'],
    ],
  );
});

test("a Service asking for a node port already taken is refused with the API server's message, as a note", () => {
  const service = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  type: NodePort\n  selector: {app: x}\n  ports: [{port: 80, nodePort: 30080}]\n`;
  const result = plan(`${service('first')}---\n${service('second')}`);
  assert.deepEqual(
    result.services.map((s) => s.name),
    ['first'],
  );
  assert.deepEqual(result.notes, ['Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated; not applied']);
});

test('the same request gives the same plan', () => {
  const manifests = deployment('web', { replicas: 5, image: 'nginx:1.27' });
  const current = deployment('web', { replicas: 5, image: 'nginx:1.26' });
  assert.deepEqual(plan(manifests, { current }), plan(manifests, { current }));
});

test('events of the current state are not part of the plan', () => {
  const result = plan('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n', { current: deployment('web', { replicas: 2, image: 'nginx:1.26' }) });
  assert.deepEqual(result.events, []);
  assert.deepEqual(result.rollouts, []);
  assert.equal(result.pods.length, 2);
});

test('a DaemonSet runs one pod on each worker and none on the control plane it does not tolerate', () => {
  const result = plan(podController('DaemonSet', 'agent', '', '{name: a, image: "agent:1", resources: {limits: {cpu: 50m}}}'));
  assert.deepEqual(result.pods.map((pod) => pod.node).sort(), ['worker-1', 'worker-2', 'worker-3']);
  assert.ok(result.pods.every((pod) => pod.owner === 'DaemonSet/agent' && pod.ready));
  // a Pod gets requests from its limits, so each worker counts 50m
  assert.deepEqual(
    result.nodes.map((node) => node.requested.cpu),
    ['0m', '50m', '50m', '50m'],
  );
});

test('a StatefulSet creates its pods in ordinal order, each after the one before is Ready', () => {
  const result = plan(podController('StatefulSet', 'db', '{serviceName: db, replicas: 3}', '{name: db, image: "postgres:16"}'));
  const order = result.events.filter((event) => event.reason === 'SuccessfulCreate' || event.reason === 'Scheduled').map((event) => `${event.reason} ${event.object}`);
  assert.deepEqual(order, [
    'SuccessfulCreate StatefulSet/default/db',
    'Scheduled Pod/default/db-0',
    'SuccessfulCreate StatefulSet/default/db',
    'Scheduled Pod/default/db-1',
    'SuccessfulCreate StatefulSet/default/db',
    'Scheduled Pod/default/db-2',
  ]);
});

test('a CronJob lists its next five runs after the plan time, in its time zone', () => {
  const result = plan(`apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "30 2 * * *"
  timeZone: Europe/Berlin
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: b, image: "backup:1"}]
`);
  // 02:30 in Berlin is 01:30 UTC until summer time starts on 29 March 2026; the plan is made at 10:00 UTC on 1 March.
  assert.deepEqual(
    result.cronjobs.map((cronJob) => cronJob.nextRuns),
    [['2026-03-02T01:30:00Z', '2026-03-03T01:30:00Z', '2026-03-04T01:30:00Z', '2026-03-05T01:30:00Z', '2026-03-06T01:30:00Z']],
  );
  assert.deepEqual(result.pods, []);
});

test('the plan takes the same steps as the Deployment controller played out alone, for any strategy and readiness', () => {
  const cases = [
    { replicas: 10, strategy: '' },
    { replicas: 7, strategy: 'rollingUpdate: {maxSurge: 0, maxUnavailable: 2}' },
    { replicas: 5, strategy: 'rollingUpdate: {maxSurge: 100%, maxUnavailable: 0}' },
    { replicas: 4, strategy: 'type: Recreate' },
  ];
  for (const { replicas, strategy } of cases) {
    const manifest = (image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: ${replicas}\n  ${strategy ? `strategy: {${strategy}}` : ''}\n` +
      `  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: app, image: "${image}"}]}\n`;
    const deployment = (image: string) => {
      const [object] = decoded(manifest(image));
      return applyDefaults(object!.apiVersion, object!.kind, object!.value) as unknown as Deployment;
    };
    for (const newPodsReady of [true, false]) {
      const alone = simulateSpecChange(deployment('nginx:1.26'), deployment('nginx:1.27'), { now: NOW, newPodsNeverReady: !newPodsReady, kubernetesVersion: '1.33' });
      assert.ok(!('error' in alone));
      const planned = plan(manifest('nginx:1.27'), { current: manifest('nginx:1.26'), newPodsReady });
      const label = `${replicas} ${strategy} ready=${newPodsReady}`;
      assert.deepEqual(
        counts(planned),
        alone.steps.map((step) => [step.new, step.old, step.total, step.available]),
        label,
      );
      assert.equal(planned.rollouts[0]!.outcome, alone.outcome, label);
    }
  }
});

test("a pod of a higher PriorityClass preempts a lower one: Preempted event, and the victim's replacement stays Pending", () => {
  const running = `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: critical}\nvalue: 1000\n---\n${deployment('batch', { replicas: 3, image: 'batch:1' }).replace('cpu: 100m', 'cpu: 3000m')}`;
  const result = plan(
    'apiVersion: v1\nkind: Pod\nmetadata: {name: payments}\nspec:\n  priorityClassName: critical\n  containers: [{name: c, image: "payments:1", resources: {requests: {cpu: "2"}}}]\n',
    { current: running },
  );
  const payments = result.pods.find((pod) => pod.name === 'payments')!;
  assert.equal(payments.phase, 'Running');
  const preempted = result.events.filter((event) => event.reason === 'Preempted');
  assert.equal(preempted.length, 1);
  assert.match(preempted[0]!.message, new RegExp(`^Preempted by pod [0-9a-f-]+ on node ${payments.node}$`));
  // 3 workers of 3900m: each runs one 3000m batch pod; after payments takes 2000m of one, its replacement fits nowhere
  const pending = result.pods.filter((pod) => pod.node === null);
  assert.equal(pending.length, 1);
  assert.equal(pending[0]!.owner?.startsWith('ReplicaSet/batch-'), true);
});

test('a pod naming a PriorityClass that does not exist is refused by the API server', () => {
  const result = plan('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: missing\n  containers: [{name: c, image: "x:1"}]\n');
  assert.deepEqual(result.pods, []);
  assert.deepEqual(result.notes, ['pods "p" is forbidden: no PriorityClass with name missing was found; not applied']);
});

test('a ReplicaSet whose pods name a missing PriorityClass reports FailedCreate with the generateName prefix', () => {
  const manifest = deployment('web', { replicas: 1, image: 'nginx:1.27' }).replace('    spec:\n', '    spec:\n      priorityClassName: missing\n');
  const result = plan(manifest);
  assert.deepEqual(result.pods, []);
  const failed = result.events.find((event) => event.reason === 'FailedCreate')!;
  assert.equal(failed.type, 'Warning');
  assert.match(failed.object, /^ReplicaSet\/default\/web-[a-z0-9]+$/);
  assert.match(failed.message, /^Error creating: pods "web-[a-z0-9]+-" is forbidden: no PriorityClass with name missing was found$/);
});

test('a workload asking for more pods than the plan simulates stops at the bound, and the plan says so', () => {
  const huge = deployment('huge', { replicas: 2_000_000_000, image: 'nginx:1.27' });
  const result = planApply({ kubernetesVersion: '1.33', cluster: defaultCluster(), current: [], manifests: decoded(huge), newPodsReady: true, now: NOW, maxCreatedPods: 1_000 });
  assert.equal(result.pods.length, 1_000);
  assert.equal(
    result.notes[0],
    'controllers asked for more than 1,000 pods, the most this plan simulates: workloads past that are shown short of their replicas, and the rollouts of Deployment default/huge are not simulated',
  );
});

test('a Deployment whose pods the pod limit refused is not simulated, not past its progress deadline', () => {
  const first = deployment('first', { replicas: 10, image: 'nginx:1.27' });
  const manifests = `${first}---\n${deployment('second', { replicas: 2_000, image: 'nginx:1.27' })}`;
  const result = planApply({ kubernetesVersion: '1.33', cluster: defaultCluster(), current: decoded(first), manifests: decoded(manifests), newPodsReady: true, now: NOW, maxCreatedPods: 1_000 });
  assert.deepEqual(
    result.rollouts.map((rollout) => [rollout.deployment, rollout.outcome]),
    [
      ['default/first', 'complete'],
      ['default/second', 'notSimulated'],
    ],
  );
});

// staging/src/k8s.io/apiserver/pkg/endpoints/handlers/create.go: a refused create stores nothing and answers with
// the admission error; an object of the same kind, namespace and name as a stored one is configured, not created.
test('each manifest object gets the answer the API server gives its apply: created, configured or refused', () => {
  const result = plan(
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: missing\n  containers: [{name: c, image: "x:1"}]\n',
  );
  assert.deepEqual(result.applied, [
    { object: 'ConfigMap/default/settings', outcome: 'created', message: null, warnings: [] },
    { object: 'ConfigMap/default/settings', outcome: 'configured', message: null, warnings: [] },
    { object: 'Pod/default/p', outcome: 'refused', message: 'pods "p" is forbidden: no PriorityClass with name missing was found', warnings: [] },
  ]);
});

// pkg/controller/deployment/sync.go getNewReplicaSet / SetNewReplicaSetAnnotations: the new ReplicaSet takes the next
// revision (max of the old ones + 1); rolling.go scales the old one down to 0 once the new one is available.
test('the plan lists each ReplicaSet with its owner, revision and replicas after a rollout', () => {
  const result = plan(deployment('web', { replicas: 3, image: 'nginx:1.28' }), { current: deployment('web', { replicas: 3, image: 'nginx:1.27' }) });
  assert.deepEqual(
    result.replicaSets.map((replicaSet) => [
      replicaSet.owner,
      replicaSet.revision,
      replicaSet.replicas,
      replicaSet.availableReplicas,
      replicaSet.podTemplateHash === replicaSet.name.slice('web-'.length),
    ]),
    [
      ['Deployment/default/web', 1, 0, 0, true],
      ['Deployment/default/web', 2, 3, 3, true],
    ],
  );
});

// pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler: below minReplicas the target is rescaled to it
// ("Current number of replicas below Spec.MinReplicas"); the next reconcile finds 5 and records SucceededGetScale.
test("the plan lists an autoscaler's decision as its status records it", () => {
  const hpa =
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 5\n  maxReplicas: 10\n';
  const result = plan(`${deployment('web', { replicas: 3, image: 'nginx:1.27' })}---\n${hpa}`);
  assert.deepEqual(result.autoscalers, [
    {
      name: 'web',
      namespace: 'default',
      target: 'Deployment/web',
      minReplicas: 5,
      maxReplicas: 10,
      currentReplicas: 5,
      desiredReplicas: 5,
      conditions: [{ type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" }],
    },
  ]);
});
