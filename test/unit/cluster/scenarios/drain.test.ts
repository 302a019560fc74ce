/**
 * `--drain NODE` played on the cluster model, worked by hand from kubectl's drain (kubectl pkg/cmd/drain/drain.go
 * RunDrain, deleteOrEvictPodsSimple; pkg/drain/drain.go evictPods; pkg/drain/filters.go; pkg/drain/cordon.go) and
 * the eviction handler (kubernetes pkg/registry/core/pod/storage/eviction.go), on the default cluster:
 * worker-1 in eu-west-1a, worker-2 in eu-west-1b, worker-3 in eu-west-1c, the control plane tainted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { planApply } from '../../../../server/src/cluster/simulation';
import type { Plan, PlannedScenario } from '../../../../server/src/protocol/plan';
import { decoded, webWithService } from '../../../helpers/plan-manifests';

const NOW = Date.parse('2026-03-01T10:00:00Z');

function drained(manifests: string, drains: string[]): { plan: Plan; scenario: PlannedScenario } {
  const scenario = drains.map((node) => ({ kind: 'drain' as const, node }));
  const plan = planApply({ kubernetesVersion: '1.33', cluster: defaultCluster(), current: [], manifests: decoded(manifests), newPodsReady: true, now: NOW, scenario });
  assert.ok(plan.scenario);
  return { plan, scenario: plan.scenario };
}

function web(replicas: number, zone?: string): string {
  return webWithService({ replicas, podSpec: zone ? `      nodeSelector:\n        topology.kubernetes.io/zone: ${zone}\n` : '' });
}

const BUDGET = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
`;

const TOO_MANY_REQUESTS = "Cannot evict pod as it would violate the pod's disruption budget.";

// cordon.go: spec.unschedulable set, printed `node/<name> cordoned`; the scheduler's NodeUnschedulable filter then
// keeps every pod that does not tolerate node.kubernetes.io/unschedulable off the node.
test('a drained node is cordoned and its pods are replaced elsewhere', () => {
  const { plan, scenario } = drained(web(3), ['worker-1']);
  assert.deepEqual(scenario.events[0], { at: 0, what: 'kubectl drain worker-1 --ignore-daemonsets: node/worker-1 cordoned' });
  assert.equal(scenario.events.at(-1)?.what, 'node/worker-1 drained');
  assert.deepEqual(plan.nodes.find((node) => node.name === 'worker-1')?.pods, []);
  assert.equal(plan.pods.filter((pod) => pod.ready).length, 3);
});

// evictPods: a 429 is printed `error when evicting pods/"<name>" -n "<ns>" (will retry after 5s): <message>` and
// tried again after EvictErrorRetryDelay (5s). Three pods under minAvailable 2 (disruptionsAllowed 1), two of
// them on worker-2 once worker-1 is drained: the first eviction passes, the second waits until the replacement of
// the first is Ready and the budget is recounted, and goes through at 5s.
test('an eviction a budget refuses goes through on the retry 5 seconds later, once a replacement is Ready', () => {
  const { scenario } = drained(web(3) + BUDGET, ['worker-1', 'worker-2']);
  const secondDrain = scenario.events.slice(scenario.events.findIndex((event) => event.what.startsWith('kubectl drain worker-2')));
  assert.deepEqual(
    secondDrain.map((event) => [event.at, event.what.replace(/web-[a-z0-9]+-[a-z0-9]+/g, 'POD')]),
    [
      [0, 'kubectl drain worker-2 --ignore-daemonsets: node/worker-2 cordoned'],
      [0, 'pod/POD evicted (default/POD)'],
      [0, `error when evicting pods/"POD" -n "default" (will retry after 5s): ${TOO_MANY_REQUESTS}`],
      [5, 'pod/POD evicted (default/POD)'],
      [5, 'node/worker-2 drained'],
    ],
  );
  assert.deepEqual(new Set(scenario.evictions.map((eviction) => eviction.result)), new Set(['evicted']));
  assert.deepEqual(scenario.outages, []);
});

// checkAndDecrement: with disruptionsAllowed 0 the eviction is refused for as long as the budget lacks healthy pods;
// kubectl (--timeout 0) would retry forever. All three pods must stay in eu-west-1a, where worker-1 is the only
// schedulable node: the first replacement stays Pending, so the budget never has a disruption to give again.
test('a drain whose evictions a budget refuses for good never finishes, naming the budget', () => {
  const { scenario } = drained(web(3, 'eu-west-1a') + BUDGET, ['worker-1']);
  const last = scenario.events.at(-1)!;
  assert.equal(last.at, 10);
  assert.match(last.what, /^kubectl drain worker-1 --ignore-daemonsets never finishes: evictions stay refused: /);
  assert.match(last.what, /by PodDisruptionBudget default\/web: The disruption budget web needs 2 healthy pods and has 2 currently/);
  assert.deepEqual(
    scenario.evictions.map((eviction) => eviction.result),
    ['evicted', 'blocked', 'blocked'],
  );
  assert.equal(scenario.pending.length, 1);
  assert.match(scenario.pending[0]!.message, /1 node\(s\) were unschedulable/);
});

// With no budget the eviction handler deletes the only pod at once; its replacement cannot land anywhere (the one
// node of eu-west-1b is cordoned), so the Service has no ready endpoint from then on.
test('evicting the only pod of a Service is an outage that lasts while no replacement can run', () => {
  const { scenario } = drained(web(1, 'eu-west-1b'), ['worker-2']);
  assert.equal(scenario.outages.length, 1);
  const [outage] = scenario.outages;
  assert.deepEqual(
    { ...outage, reason: outage!.reason.replace(/web-[a-z0-9]+-[a-z0-9]+/, 'POD') },
    { service: 'default/web', port: 80, from: 0, to: null, reason: 'default/POD was evicted from worker-2' },
  );
});

// filters.go unreplicatedFilter without --force, and RunDrain's message: the node stays cordoned, nothing is evicted.
test('a pod without a controller keeps the whole node from being drained, in kubectl’s words', () => {
  const solo = `apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  nodeName: worker-3
  containers:
    - name: app
      image: nginx:1.27
`;
  const { scenario } = drained(solo, ['worker-3']);
  assert.deepEqual(
    scenario.events.map((event) => event.what),
    [
      'kubectl drain worker-3 --ignore-daemonsets: node/worker-3 cordoned',
      'error: unable to drain node "worker-3" due to error: cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...',
    ],
  );
  assert.deepEqual(scenario.evictions, [{ pod: 'default/solo', node: 'worker-3', result: 'blocked', message: 'cannot delete Pods that declare no controller (use --force to override)' }]);
});

// kubectl drain of a node that does not exist: the API server's NotFound for nodes, before anything is cordoned.
test('draining a node the cluster does not have says it was not found', () => {
  const { scenario } = drained(web(1), ['worker-9']);
  assert.deepEqual(scenario.events, [{ at: 0, what: 'kubectl drain worker-9 --ignore-daemonsets: Error from server (NotFound): nodes "worker-9" not found' }]);
});
