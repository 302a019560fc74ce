/**
 * Scenarios over the protocol: a `kubeplan/plan` request with `scenario` plays the same steps as `kubeplan plan
 * --drain`, `--fail-node` and `--fail-zone`, on the embedded cluster (worker-1 in eu-west-1a, worker-2 in
 * eu-west-1b, worker-3 in eu-west-1c). The timelines are worked from the same upstream sources as the CLI's tests:
 * kubectl pkg/cmd/drain/drain.go (RunCordonOrUncordon prints `node/<name> cordoned`, RunDrain `node/<name> drained`),
 * pkg/drain/drain.go evictPods (`pod/<name> evicted`), and the node lifecycle controller
 * (pkg/controller/nodelifecycle/node_lifecycle_controller.go monitorNodeHealth: Ready Unknown after the 50s
 * --node-monitor-grace-period of 1.36, the NoExecute taint at the next 5s pass) with the taint eviction controller
 * (pkg/controller/tainteviction/taint_eviction.go: 300s of DefaultTolerationSeconds later).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fixturesDir } from '../helpers/repo-paths';
import { runCli } from '../helpers/run-cli';
import { LspClient, fileUri } from './lsp-client';

interface ScenarioAnswer {
  plan: { scenario?: { events: { at: number; what: string }[]; evictions: { pod: string; node: string; result: string }[]; outages: unknown[]; pending: unknown[] } } | null;
  failure: string | null;
}

/** Three replicas of web under a budget of minAvailable 2, one pod on each worker, and their Service. */
const BUDGETED = path.join(fixturesDir, 'plan', 'drain-budget.yaml');
const TEXTS = [{ uri: fileUri(BUDGETED), text: fs.readFileSync(BUDGETED, 'utf8') }];
const VERSION = '1.36';

let client: LspClient;

before(async () => {
  client = await LspClient.start();
});
after(async () => {
  await client.stop();
});

const plan = (scenario: unknown) => client.request('kubeplan/plan', { texts: TEXTS, kubernetesVersion: VERSION, cluster: '', scenario }) as Promise<ScenarioAnswer>;
/** Pod names carry the template's hash and a generated suffix; the timeline is read without them. */
const timeline = (answer: ScenarioAnswer) => answer.plan?.scenario?.events.map((event) => [event.at, event.what.replace(/web-[a-z0-9]+-[a-z0-9]+/g, 'POD')]);

// The budget allows one disruption (3 healthy, 2 required): the one pod on worker-1 is evicted at once, and the
// drain ends there.
test('a drain step answers with the drain’s timeline', async () => {
  const answer = await plan([{ kind: 'drain', node: 'worker-1' }]);
  assert.deepEqual(timeline(answer), [
    [0, 'kubectl drain worker-1 --ignore-daemonsets: node/worker-1 cordoned'],
    [0, 'pod/POD evicted (default/POD)'],
    [0, 'node/worker-1 drained'],
  ]);
});

test('a drain step gives the scenario that kubeplan plan --drain gives for the same manifests', async () => {
  const answer = await plan([{ kind: 'drain', node: 'worker-1' }]);
  const run = runCli(['plan', '--output', 'json', '--kubernetes-version', VERSION, '--drain', 'worker-1', BUDGETED]);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(answer.plan?.scenario, (JSON.parse(run.stdout) as { scenario: unknown }).scenario);
});

// The pod on worker-1 tolerates node.kubernetes.io/unreachable:NoExecute for the default 300s (the
// DefaultTolerationSeconds admission plugin), so it is marked for deletion at 55 + 300 = 355s; no kubelet confirms
// that it stopped, so it stays Terminating and its ReplicaSet's replacement is scheduled beside the others.
test('a fail-node step answers with the node lifecycle controller’s timeline', async () => {
  const answer = await plan([{ kind: 'fail-node', node: 'worker-1' }]);
  assert.deepEqual(timeline(answer), [
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
});

test('a fail-zone step fails the nodes whose topology.kubernetes.io/zone is the zone', async () => {
  const answer = await plan([{ kind: 'fail-zone', zone: 'eu-west-1b' }]);
  const notReady = answer.plan?.scenario?.events.filter((event) => / NotReady: /.test(event.what)).map((event) => [event.at, event.what.split(' ')[0]]);
  assert.deepEqual(notReady, [[50, 'node/worker-2']]);
});

// kubectl pkg/cmd/scale/scale.go RunScale: the name printer's `deployment.apps/web scaled`; the resource argument
// `deploy` is the short name the API server advertises for deployments (ShortNames in
// pkg/registry/apps/deployment/storage/storage.go), read as kubectl's shortcut expander reads it.
test('a scale step names its resource as kubectl does, and is played before the time that passes after it', async () => {
  const answer = await plan([
    { kind: 'scale', resource: 'deploy', namespace: 'default', name: 'web', replicas: 5 },
    { kind: 'for', seconds: 60 },
  ]);
  const events = answer.plan?.scenario?.events ?? [];
  assert.deepEqual(events[0], { at: 0, what: 'kubectl scale deployment/web --replicas=5: deployment.apps/web scaled' });
  assert.deepEqual(events.at(-1), { at: 60, what: '1m0s passed' });
});

test('a step of an unknown kind is answered with a message that names the kinds', async () => {
  const answer = await plan([{ kind: 'reboot', node: 'worker-1' }]);
  assert.deepEqual(answer, {
    plan: null,
    sources: {},
    problems: [],
    failure: 'kubeplan/plan: scenario[0].kind must be one of drain, fail-node, fail-zone, scale, for, not "reboot"',
    files: 0,
    objects: 0,
  });
});

test('a drain step without a node is answered with a message that says what is missing', async () => {
  const answer = await plan([{ kind: 'for', seconds: 60 }, { kind: 'drain' }]);
  assert.equal(answer.failure, 'kubeplan/plan: scenario[1].node must be the name of a node');
});

test('a scenario that is not a list is answered with a message that shows a step', async () => {
  const answer = await plan({ kind: 'drain', node: 'worker-1' });
  assert.equal(answer.failure, 'kubeplan/plan: scenario must be a list of steps such as { "kind": "drain", "node": "worker-1" }');
});

// spec.replicas is an int32 (k8s.io/api apps/v1 DeploymentSpec.Replicas *int32).
test('a scale step with negative replicas is answered with the range it takes', async () => {
  const answer = await plan([{ kind: 'scale', resource: 'deployment', namespace: 'default', name: 'web', replicas: -1 }]);
  assert.equal(answer.failure, 'kubeplan/plan: scenario[0].replicas must be a whole number from 0 to 2147483647 (spec.replicas is an int32), not -1');
});

test('workspace/executeCommand kubeplan.plan shows the scenario’s verdict in the Markdown', async () => {
  const markdown = await client.request('workspace/executeCommand', {
    command: 'kubeplan.plan',
    arguments: [{ texts: TEXTS, kubernetesVersion: VERSION, cluster: '', scenario: [{ kind: 'drain', node: 'worker-1' }] }],
  });
  assert.match(markdown as string, /### Scenario\n\n- survives: every Service kept a ready endpoint\n/);
});
