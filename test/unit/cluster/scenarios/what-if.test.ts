/**
 * `--what-if nodes|zones` on the default cluster (control-plane-1 and worker-1 in eu-west-1a, worker-2 in
 * eu-west-1b, worker-3 in eu-west-1c), Kubernetes 1.33. Times worked by hand as in node-failure.test.ts, from
 * pkg/controller/nodelifecycle/node_lifecycle_controller.go (monitorNodeHealth: Ready Unknown and MarkPodsNotReady
 * after the 50s --node-monitor-grace-period, the NoExecute taint at the next 5s pass) and
 * pkg/controller/tainteviction/taint_eviction.go (processPodOnNode: deleted 300s later, DefaultTolerationSeconds):
 * endpoints lose the pods at 50s, replacements come at 355s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { planApply } from '../../../../server/src/cluster/simulation';
import type { Plan, ScenarioStep } from '../../../../server/src/protocol/plan';
import { decoded, webWithService } from '../../../helpers/plan-manifests';

const NOW = Date.parse('2026-03-01T10:00:00Z');

function plan(manifests: string, extra: { whatIf?: 'nodes' | 'zones'; scenario?: ScenarioStep[] }): Plan {
  return planApply({ kubernetesVersion: '1.33', cluster: defaultCluster(), current: [], manifests: decoded(manifests), newPodsReady: true, now: NOW, ...extra });
}

function web(podSpec: string): string {
  return webWithService({ podSpec });
}

const zoneSpread = (when: 'DoNotSchedule' | 'ScheduleAnyway') => `      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ${when}
          labelSelector:
            matchLabels:
              app: web
`;

test('a Deployment of 3 replicas spread over 3 zones survives the failure of each zone', () => {
  const { resilience } = plan(web(zoneSpread('ScheduleAnyway')), { whatIf: 'zones' });
  assert.deepEqual(
    resilience?.failures.map((failure) => [failure.verdict, failure.nodes, failure.outages, failure.workloadOutages, failure.pending]),
    [
      ['zone eu-west-1a: survives', ['control-plane-1', 'worker-1'], [], [], []],
      ['zone eu-west-1b: survives', ['worker-2'], [], [], []],
      ['zone eu-west-1c: survives', ['worker-3'], [], [], []],
    ],
  );
});

test('a Deployment pinned to one node loses every endpoint and replica from 50s when that node fails, and never recovers', () => {
  const { resilience } = plan(web('      nodeSelector:\n        kubernetes.io/hostname: worker-1\n'), { whatIf: 'nodes' });
  const worker1 = resilience?.failures.find((failure) => failure.failed === 'worker-1');
  assert.ok(worker1);
  assert.equal(worker1.survives, false);
  assert.deepEqual(
    worker1.outages.map((outage) => [outage.service, outage.port, outage.from, outage.to]),
    [['default/web', 80, 50, null]],
  );
  assert.deepEqual(
    worker1.workloadOutages.map((outage) => [outage.workload, outage.from, outage.to]),
    [['Deployment default/web', 50, null]],
  );
  assert.equal(
    worker1.verdict,
    'node worker-1: Service default/web loses every ready endpoint from 50s, never recovers: all 3 replicas run on worker-1; Deployment default/web loses every ready replica from 50s, never recovers: all 3 replicas run on worker-1',
  );
  // The three replacements created at 355s find no node: the nodeSelector names only the unreachable one.
  assert.equal(worker1.pending.length, 3);
});

test('the failure of a node that runs none of the replicas survives', () => {
  const { resilience } = plan(web('      nodeSelector:\n        kubernetes.io/hostname: worker-1\n'), { whatIf: 'nodes' });
  assert.deepEqual(
    resilience?.failures.filter((failure) => failure.failed !== 'worker-1').map((failure) => failure.verdict),
    ['node control-plane-1: survives', 'node worker-2: survives', 'node worker-3: survives'],
  );
});

test('a zone failure under a required zone spread leaves the replacement Pending with the scheduler’s message', () => {
  const { resilience } = plan(web(zoneSpread('DoNotSchedule')), { whatIf: 'zones' });
  const zoneA = resilience?.failures[0];
  assert.ok(zoneA);
  assert.equal(zoneA.verdict, 'zone eu-west-1a: survives, with 1 replacement Pending');
  // schedule_one.go FitError.Error: the untolerated taints of control-plane-1 (its own) and worker-1 (unreachable,
  // TaintToleration's message), then worker-2 and worker-3, where a pod would make a skew of 2 against the empty
  // eu-west-1a (podtopologyspread/filtering.go: the Terminating pod is not counted, worker-1's taint does not exclude
  // its zone under nodeTaintsPolicy Ignore); preemption finds no victims on those two and does not help on the tainted.
  assert.deepEqual(
    zoneA.pending.map((pending) => pending.message),
    [
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    ],
  );
});

test('each failure plays from the state after the apply exactly as --fail-zone alone plays it', () => {
  const manifests = web(zoneSpread('DoNotSchedule'));
  const whatIf = plan(manifests, { whatIf: 'zones' });
  for (const failure of whatIf.resilience?.failures ?? []) {
    const alone = plan(manifests, { scenario: [{ kind: 'fail-zone', zone: failure.failed }] }).scenario;
    assert.deepEqual([failure.outages, failure.pending], [alone?.outages, alone?.pending], failure.failed);
  }
});

test('the plan’s sections show the state after the apply, untouched by the failures played', () => {
  const manifests = web(zoneSpread('DoNotSchedule'));
  const { resilience, ...withWhatIf } = plan(manifests, { whatIf: 'zones' });
  assert.ok(resilience);
  assert.deepEqual(withWhatIf, plan(manifests, {}));
});

test('a PodDisruptionBudget over the failed pods is said not to apply', () => {
  const budget = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 3
  selector:
    matchLabels:
      app: web
`;
  const { resilience } = plan(web(zoneSpread('ScheduleAnyway')) + budget, { whatIf: 'nodes' });
  assert.deepEqual(resilience?.failures.find((failure) => failure.failed === 'worker-2')?.reasons, [
    'PodDisruptionBudget default/web does not apply: the taint eviction controller deletes pods, and only evictions (kubectl drain) are held to budgets',
  ]);
});

test('a scenario played after the failures is the one played without them: the forks leave the cluster as it was', () => {
  // Every controller the scenario runs writes to the cluster the what-if check forked (and froze the parts that
  // never change of): a drain evicts, a scale makes a new ReplicaSet size, time runs the CronJob and the Job.
  const manifests = `${web('')}---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: default}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "postgres:16", resources: {requests: {cpu: 100m, memory: 128Mi}}}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: default}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "agent:1"}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: default}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: report, image: "report:1"}]
`;
  const scenario: ScenarioStep[] = [
    { kind: 'drain', node: 'worker-1' },
    { kind: 'scale', resource: 'Deployment', namespace: 'default', name: 'web', replicas: 5 },
    { kind: 'scale', resource: 'StatefulSet', namespace: 'default', name: 'db', replicas: 3 },
    { kind: 'for', seconds: 900 },
  ];
  for (const whatIf of ['nodes', 'zones'] as const) {
    const { resilience, ...afterFailures } = plan(manifests, { whatIf, scenario });
    assert.equal(resilience?.failures.length, whatIf === 'nodes' ? 4 : 3);
    assert.deepEqual(afterFailures, plan(manifests, { scenario }), whatIf);
  }
});
