/**
 * `--fail-node` and `--fail-zone` played on the default cluster (control-plane-1 and worker-1 in eu-west-1a,
 * worker-2 in eu-west-1b, worker-3 in eu-west-1c), worked by hand from kubernetes
 * pkg/controller/nodelifecycle/node_lifecycle_controller.go (monitorNodeHealth, tryUpdateNodeHealth,
 * processTaintBaseEviction, ComputeZoneState, handleDisruption, ReducedQPSFunc), pkg/controller/nodelifecycle/
 * scheduler/rate_limited_queue.go (Try: a token bucket of burst 1), pkg/controller/util/node/controller_utils.go
 * (MarkPodsNotReady, RecordNodeStatusChange) and pkg/controller/tainteviction/taint_eviction.go (processPodOnNode,
 * getMinTolerationTime). On Kubernetes 1.33 `--node-monitor-grace-period` defaults to 50s (1.32 raised it from
 * 40s, kubernetes#126287), `--node-monitor-period` to 5s, `--node-eviction-rate` to 0.1.
 *
 * The timeline: the last heartbeat at 0s; the monitor pass at 50s turns Ready Unknown and marks the pods not
 * Ready; processTaintBaseEviction reads the condition the pass observed (still True then), so the node is queued
 * for its NoExecute taint at the next pass, 55s, and the taint goes on at once (the bucket is full); the taint
 * eviction controller deletes a pod with DefaultTolerationSeconds' 300s toleration at 355s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { planApply } from '../../../../server/src/cluster/simulation';
import type { Plan, PlannedScenario, ScenarioStep } from '../../../../server/src/protocol/plan';
import { decoded, webWithService } from '../../../helpers/plan-manifests';

const NOW = Date.parse('2026-03-01T10:00:00Z');

function failed(manifests: string, steps: ScenarioStep[], kubernetesVersion: '1.30' | '1.33' = '1.33'): { plan: Plan; scenario: PlannedScenario } {
  const plan = planApply({ kubernetesVersion, cluster: defaultCluster(), current: [], manifests: decoded(manifests), newPodsReady: true, now: NOW, scenario: steps });
  assert.ok(plan.scenario);
  return { plan, scenario: plan.scenario };
}

/** Timeline lines with generated pod names replaced by POD. */
function timeline(scenario: PlannedScenario): [number, string][] {
  return scenario.events.map((event) => [event.at, event.what.replace(/web-[a-z0-9]+-[a-z0-9]{5}/g, 'POD')]);
}

function workload(kind: 'Deployment' | 'StatefulSet' | 'DaemonSet', extraSpec = '', podSpec = ''): string {
  return webWithService({ kind, extraSpec, podSpec });
}

test('a failed node goes NotReady after the grace period, is tainted one monitor period later, and its pod is replaced 300s after that', () => {
  const { scenario } = failed(workload('Deployment'), [{ kind: 'fail-node', node: 'worker-1' }]);
  assert.deepEqual(timeline(scenario), [
    [0, 'node/worker-1 stops responding: its kubelet posts no more status or lease renewals'],
    [50, 'node/worker-1 NotReady: condition Ready is Unknown (NodeStatusUnknown: Kubelet stopped posting node status.)'],
    [50, 'NodeNotReady node/worker-1: Node worker-1 status is now: NodeNotReady'],
    [50, 'node/worker-1 tainted node.kubernetes.io/unreachable:NoSchedule'],
    [50, 'NodeNotReady: pods of node/worker-1 marked not Ready (Node is not ready): default/POD'],
    [55, 'node/worker-1 tainted node.kubernetes.io/unreachable:NoExecute'],
    [355, 'TaintManagerEviction pod/POD: Marking for deletion Pod default/POD'],
    [355, 'pod default/POD stays Terminating on node/worker-1: no kubelet there confirms that it stopped'],
    [355, 'Scheduled pod/POD: Successfully assigned default/POD to worker-2'],
  ]);
  // Two of three endpoints stay ready throughout: no outage.
  assert.deepEqual(scenario.outages, []);
  assert.deepEqual(
    scenario.evictions.map((eviction) => [eviction.node, eviction.result]),
    [['worker-1', 'evicted']],
  );
});

// RecommendedDefaultNodeLifecycleControllerConfiguration before 1.32: 40s.
test('on Kubernetes 1.30 the node goes NotReady after 40s and its pod is deleted at 345s', () => {
  const { scenario } = failed(workload('Deployment'), [{ kind: 'fail-node', node: 'worker-1' }], '1.30');
  const at = (prefix: string) => timeline(scenario).find(([, what]) => what.startsWith(prefix))?.[0];
  assert.equal(at('node/worker-1 NotReady'), 40);
  assert.equal(at('node/worker-1 tainted node.kubernetes.io/unreachable:NoExecute'), 45);
  assert.equal(at('TaintManagerEviction'), 345);
});

// The pod's own toleration of the unreachable NoExecute taint wins over DefaultTolerationSeconds (which adds only
// the not-ready one); processPodOnNode deletes it tolerationSeconds after the taint went on: 55 + 30.
test('a pod tolerating the unreachable taint for 30 seconds is deleted 30 seconds after the NoExecute taint', () => {
  const tolerations = `      tolerations:
        - key: node.kubernetes.io/unreachable
          operator: Exists
          effect: NoExecute
          tolerationSeconds: 30
`;
  const { scenario } = failed(workload('Deployment', '', tolerations), [{ kind: 'fail-node', node: 'worker-1' }]);
  assert.equal(timeline(scenario).find(([, what]) => what.startsWith('TaintManagerEviction'))?.[0], 85);
});

// The StatefulSet controller creates a pod for an ordinal only when no pod of that name exists; the deleted pod
// keeps its name while it is Terminating, so the ordinal stays empty (stateful_set_control.go processReplica).
test('a StatefulSet pod deleted on an unreachable node is not replaced while it stays Terminating', () => {
  const { plan, scenario } = failed(workload('StatefulSet'), [{ kind: 'fail-node', node: 'worker-1' }]);
  const lines = scenario.events.map((event) => event.what);
  const victim = plan.pods.find((pod) => pod.node === 'worker-1')!;
  assert.ok(victim, 'the pod stays bound to worker-1');
  assert.ok(
    lines.includes(
      `StatefulSet default/web creates no new ${victim.name} while the old one is Terminating: it stays Terminating until node/worker-1 comes back, the Node is deleted, or the pod is force-deleted`,
    ),
  );
  assert.equal(plan.pods.filter((pod) => pod.name.startsWith('web-')).length, 3);
  assert.ok(!lines.some((line) => line.startsWith('Scheduled ')));
});

// daemon_controller.go util.AddOrUpdateDaemonPodTolerations: node.kubernetes.io/unreachable NoExecute without
// tolerationSeconds, so getMinTolerationTime is "forever" and processPodOnNode schedules no deletion.
test('a DaemonSet pod tolerates the unreachable taint forever and stays on the failed node', () => {
  const { plan, scenario } = failed(workload('DaemonSet'), [{ kind: 'fail-node', node: 'worker-1' }]);
  assert.ok(!scenario.events.some((event) => event.what.startsWith('TaintManagerEviction')));
  assert.deepEqual(
    scenario.evictions.map((eviction) => [eviction.node, eviction.result]),
    [['worker-1', 'skipped']],
  );
  assert.equal(plan.pods.filter((pod) => pod.node === 'worker-1').length, 1);
});

// eu-west-1a holds control-plane-1 and worker-1: with both not Ready it is FullDisruption (ComputeZoneState), the
// other zones Normal, so its tainter keeps the healthy rate of 0.1 node/s: control-plane-1 (listed first) tainted
// at 55s, worker-1 10s later at 65s, and the web pod there deleted at 365s. Its replacement must keep maxSkew 1
// across zones: eu-west-1a counts 0 pods (PodTopologySpread counts no pod being deleted, and with
// nodeTaintsPolicy Ignore the tainted nodes still make it a domain), eu-west-1b and 1c one each, so neither worker
// left can take it. The TaintToleration filter names each node's first untolerated NoSchedule/NoExecute taint, and
// the FitError lists the reasons sorted; both reasons are UnschedulableAndUnresolvable, so preemption does not help
// on those two nodes and finds no victims on the other two.
test('a zone failure under a required zone spread leaves the replacement Pending with the scheduler’s message', () => {
  const spread = `      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: DoNotSchedule
          labelSelector:
            matchLabels:
              app: web
`;
  const { scenario } = failed(workload('Deployment', '', spread), [{ kind: 'fail-zone', zone: 'eu-west-1a' }]);
  const lines = timeline(scenario);
  assert.deepEqual(lines.slice(0, 2), [
    [0, 'zone eu-west-1a stops responding: the kubelets of control-plane-1, worker-1 post no more status or lease renewals'],
    [50, 'node/control-plane-1 NotReady: condition Ready is Unknown (NodeStatusUnknown: Kubelet stopped posting node status.)'],
  ]);
  assert.ok(lines.some(([at, what]) => at === 50 && what === 'zone eu-west-1a: FullDisruption (2 of 2 nodes not Ready)'));
  assert.ok(lines.some(([at, what]) => at === 55 && what === 'node/control-plane-1 tainted node.kubernetes.io/unreachable:NoExecute'));
  assert.ok(lines.some(([at, what]) => at === 65 && what === 'node/worker-1 tainted node.kubernetes.io/unreachable:NoExecute'));
  assert.equal(lines.find(([, what]) => what.startsWith('TaintManagerEviction'))?.[0], 365);
  const message =
    "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 node(s) didn't match pod topology spread constraints. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.";
  assert.equal(scenario.pending.length, 1);
  assert.equal(scenario.pending[0]!.message, message);
});

// handleDisruption: when every zone is FullDisruption the controller enters master disruption mode, removes the
// NoExecute taints (markNodeAsReachable) and swaps every zone's limiter to 0: no taint, no eviction. The pods stay
// bound but not Ready, so the Service is out from 50s and never recovers.
test('when every zone fails no pod is evicted and the Service stays out', () => {
  const steps: ScenarioStep[] = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'].map((zone) => ({ kind: 'fail-zone', zone }));
  const { scenario } = failed(workload('Deployment'), steps);
  const lines = scenario.events.map((event) => event.what);
  assert.ok(
    lines.includes(
      'every zone is in FullDisruption: the node lifecycle controller enters master disruption mode (all Nodes are not-Ready), removes the unreachable NoExecute taints and stops every eviction',
    ),
  );
  assert.ok(!lines.some((line) => line.startsWith('TaintManagerEviction') || line.endsWith(':NoExecute')));
  assert.deepEqual(scenario.evictions, []);
  assert.deepEqual(
    scenario.outages.map((outage) => [outage.service, outage.from, outage.to]),
    [['default/web', 50, null]],
  );
});

test('failing a node that does not exist is a line in the timeline, in the API server’s words', () => {
  const { scenario } = failed(workload('Deployment'), [{ kind: 'fail-node', node: 'worker-9' }]);
  assert.deepEqual(timeline(scenario), [[0, '--fail-node worker-9: Error from server (NotFound): nodes "worker-9" not found']]);
});

test('failing a zone no node is in names the zones there are', () => {
  const { scenario } = failed(workload('Deployment'), [{ kind: 'fail-zone', zone: 'eu-west-1z' }]);
  assert.deepEqual(timeline(scenario), [
    [0, '--fail-zone eu-west-1z: no node is in zone "eu-west-1z" (label topology.kubernetes.io/zone); the nodes\' zones are eu-west-1a, eu-west-1b, eu-west-1c'],
  ]);
});
