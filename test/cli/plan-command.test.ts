/**
 * `kubeplan plan` as a user and a CI job run it: the real binary, real files. Expected values are worked out
 * from Kubernetes' rules (pkg/controller/deployment/rolling.go rolloutRolling, pkg/scheduler/framework/types.go
 * FitError.Error), not read off our output.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir } from '../helpers/repo-paths';

const plans = path.join(fixturesDir, 'plan');
const fixture = (name: string) => path.join(plans, name);
const NOW = ['--now', '2026-03-01T10:07:00Z'];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-plan-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

interface JsonPlan {
  kubernetesVersion: string;
  nodes: {
    name: string;
    labels: Record<string, string>;
    taints: unknown[];
    allocatable: { cpu: string; memory: string; pods: number };
    requested: { cpu: string; memory: string; pods: number };
    pods: string[];
  }[];
  pods: { name: string; namespace: string; owner: string | null; node: string | null; phase: string; ready: boolean; ip: string | null; message: string | null; waitingReason: string | null }[];
  rollouts: {
    deployment: string;
    strategy: string;
    replicas: number;
    maxSurge: number;
    maxUnavailable: number;
    maxTotal: number;
    minAvailable: number;
    steps: { new: number; old: number; total: number; available: number; events: unknown[] }[];
    outcome: string;
  }[];
  services: { name: string; namespace: string; type: string; clusterIP: string | null; ports: unknown[]; endpoints: { pod: string; ip: string; ready: boolean }[] }[];
  ingresses: unknown[];
  cronjobs: { name: string; nextRuns: string[] }[];
  events: { type: string; reason: string; object: string; message: string }[];
}

function planJson(args: readonly string[]): JsonPlan {
  const run = runCli(['plan', '--output', 'json', ...NOW, ...args]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return JSON.parse(run.stdout) as JsonPlan;
}

const steps = (plan: JsonPlan) => plan.rollouts[0]!.steps.map(({ new: created, old, total, available }) => ({ new: created, old, total, available }));

test('the JSON plan has the documented top-level parts and node shape', () => {
  const plan = planJson(['--kubernetes-version', '1.33', fixture('web-v1.yaml')]);
  assert.deepEqual(
    Object.keys(plan).filter((key) => key !== 'notes'),
    [
      'kubernetesVersion',
      'applied',
      'nodes',
      'pods',
      'rollouts',
      'workloadRollouts',
      'services',
      'ingresses',
      'gatewayRoutes',
      'cronjobs',
      'persistentVolumeClaims',
      'dns',
      'events',
      'replicaSets',
      'autoscalers',
      'networkPolicies',
      'reachability',
    ],
  );
  // `scenario` (--drain), `changes` (--base) and `resilience` (--what-if) come only with their flags: test/cli/plan-drain.test.ts,
  // plan-base.test.ts, plan-what-if.test.ts.
  assert.equal('resilience' in plan, false);
  assert.equal('changes' in plan, false);
  assert.equal(plan.kubernetesVersion, '1.33');
  assert.deepEqual(Object.keys(plan.nodes[0]!), ['name', 'labels', 'taints', 'allocatable', 'requested', 'pods']);
  assert.deepEqual(Object.keys(plan.pods[0]!), ['name', 'namespace', 'owner', 'node', 'phase', 'ready', 'ip', 'message', 'waitingReason']);
  assert.deepEqual(plan.nodes[1]!.allocatable, { cpu: '3900m', memory: '15Gi', pods: 110 });
});

test('a new Deployment of 10 pods lands on the three workers, none on the tainted control plane', () => {
  const plan = planJson([fixture('web-v1.yaml')]);
  assert.equal(plan.pods.length, 10);
  assert.ok(plan.pods.every((pod) => pod.node?.startsWith('worker-') && pod.phase === 'Running' && pod.ready && pod.ip !== null && pod.message === null));
  assert.ok(plan.pods.every((pod) => pod.owner?.startsWith('ReplicaSet/web-')));
  assert.deepEqual(plan.nodes[0]!.pods, []);
  // 10 pods × 100m / 128Mi each, summed over the nodes
  const total = plan.nodes.reduce((sum, node) => sum + Number(node.requested.cpu.replace('m', '')), 0);
  assert.equal(total, 1000);
  assert.deepEqual(steps(plan), [{ new: 10, old: 0, total: 10, available: 10 }]);
  assert.equal(plan.rollouts[0]!.outcome, 'complete');
});

test('a changed image rolls out from the --from state in the steps of maxSurge 3 / maxUnavailable 2 of 10', () => {
  const plan = planJson(['--from', fixture('web-v1.yaml'), fixture('web-v2.yaml')]);
  const rollout = plan.rollouts[0]!;
  assert.deepEqual(
    { ...rollout, steps: undefined },
    { deployment: 'shop/web', strategy: 'RollingUpdate', replicas: 10, maxSurge: 3, maxUnavailable: 2, maxTotal: 13, minAvailable: 8, steps: undefined, outcome: 'complete' },
  );
  // Creating the new ReplicaSet at 3 is not a scale-up of reconcileNewReplicaSet, so the same sync scales the old one
  // down by 13 − 8 − 3 unavailable new = 2; afterwards new and old alternate within 13 pods and 8 available.
  assert.deepEqual(steps(plan), [
    { new: 3, old: 8, total: 11, available: 11 },
    { new: 5, old: 8, total: 13, available: 13 },
    { new: 5, old: 3, total: 8, available: 8 },
    { new: 10, old: 3, total: 13, available: 13 },
    { new: 10, old: 0, total: 10, available: 10 },
  ]);
  assert.equal(plan.pods.length, 10);
  assert.ok(plan.pods.every((pod) => pod.ready));
});

test('step events carry the Deployment controller wording and the ReplicaSet controller pod events', () => {
  const plan = planJson(['--from', fixture('web-v1.yaml'), fixture('web-v2.yaml')]);
  const first = plan.rollouts[0]!.steps[0]!.events as { reason: string; message: string }[];
  const scaling = first.filter((event) => event.reason === 'ScalingReplicaSet').map((event) => event.message.replace(/web-[a-z0-9]+/g, 'RS'));
  assert.deepEqual(scaling, ['Scaled up replica set RS from 0 to 3', 'Scaled down replica set RS from 10 to 8']);
  assert.equal(first.filter((event) => event.reason === 'SuccessfulCreate').length, 3);
  assert.equal(first.filter((event) => event.reason === 'SuccessfulDelete').length, 2);
  assert.ok(first.filter((event) => event.reason === 'SuccessfulCreate').every((event) => /^Created pod: web-[a-z0-9]+-[a-z0-9]{5}$/.test(event.message)));
});

test('with --new-pods-ready=false the rollout stops at 5 new pods and exceeds its progress deadline', () => {
  const plan = planJson(['--new-pods-ready=false', '--from', fixture('web-v1.yaml'), fixture('web-v2.yaml')]);
  // Step 2 fills up to maxTotal 13; then 13 − 8 minAvailable − 5 unavailable new = 0 old pods may go.
  assert.deepEqual(steps(plan), [
    { new: 3, old: 8, total: 11, available: 8 },
    { new: 5, old: 8, total: 13, available: 8 },
  ]);
  assert.equal(plan.rollouts[0]!.outcome, 'progressDeadlineExceeded');
  assert.equal(plan.pods.filter((pod) => !pod.ready).length, 5);
  assert.equal(plan.pods.filter((pod) => pod.ready).length, 8);
});

test('a pod template annotated kubeplan.dev/ready: "false" never becomes Ready, whatever the flag', () => {
  const manifest = fs
    .readFileSync(fixture('web-v1.yaml'), 'utf8')
    .replace('      labels: {app: web}\n    spec:', '      labels: {app: web}\n      annotations: {kubeplan.dev/ready: "false"}\n    spec:');
  const file = path.join(scratch, 'never-ready.yaml');
  fs.writeFileSync(file, manifest);
  const plan = planJson([file]);
  assert.ok(plan.pods.every((pod) => pod.phase === 'Running' && !pod.ready));
  assert.equal(plan.rollouts[0]!.outcome, 'progressDeadlineExceeded');
  assert.ok(plan.services[0]!.endpoints.every((endpoint) => !endpoint.ready));
});

test('a pod bigger than every node stays Pending with the FailedScheduling message of v1.33', () => {
  const plan = planJson(['--kubernetes-version', '1.33', fixture('too-big.yaml')]);
  const expected =
    '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
    'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
  assert.deepEqual(plan.pods, [{ name: 'batch-worker', namespace: 'jobs', owner: null, node: null, phase: 'Pending', ready: false, ip: null, message: expected, waitingReason: null }]);
  assert.deepEqual(plan.events, [{ type: 'Warning', reason: 'FailedScheduling', object: 'Pod/jobs/batch-worker', message: expected }]);
});

test('the same pod in v1.36: taint(s) wording, the DRA note, and preemption not helpful on nodes too small', () => {
  const plan = planJson([fixture('too-big.yaml')]);
  assert.equal(
    plan.pods[0]!.message,
    '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
  );
});

test('pods of a kubectl snapshot occupy their node: 1500m used of 2 cores leaves room for one 500m pod', () => {
  const plan = planJson(['--kubernetes-version', '1.33', '--cluster', fixture('small-cluster.yaml'), fixture('api.yaml')]);
  assert.deepEqual(
    plan.nodes.map((node) => node.name),
    ['edge-1'],
  );
  assert.deepEqual(plan.nodes[0]!.requested, { cpu: '2000m', memory: '2304Mi', pods: 2 });
  assert.deepEqual(plan.nodes[0]!.allocatable, { cpu: '2000m', memory: '4Gi', pods: 10 });
  const pending = plan.pods.filter((pod) => pod.node === null);
  assert.equal(pending.length, 1);
  assert.equal(pending[0]!.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  assert.ok(plan.nodes[0]!.pods.includes('data/database-0'));
  // the running pod keeps its address; the new one gets the next free one of the node's 10.42.0.0/24
  const placed = plan.pods.find((pod) => pod.node === 'edge-1' && pod.namespace === 'default')!;
  assert.equal(placed.ip, '10.42.0.2');
  // the second replica never runs, so the rollout cannot finish within its progress deadline
  assert.equal(plan.rollouts[0]!.outcome, 'progressDeadlineExceeded');
});

test('the same input gives the same plan, byte for byte', () => {
  const args = ['plan', '--output', 'json', ...NOW, '--from', fixture('web-v1.yaml'), fixture('web-v2.yaml'), fixture('too-big.yaml')];
  const first = runCli(args);
  const second = runCli(args);
  assert.equal(first.status, 0);
  assert.equal(first.stdout, second.stdout);
});

test('manifests with errors are listed as check lists them, exit 1, and no plan', () => {
  const broken = path.join(fixturesDir, 'broken', 'typical-mistakes.yaml');
  const check = runCli(['check', broken]);
  const run = runCli(['plan', broken]);
  assert.equal(run.status, 1);
  assert.equal(run.stdout, check.stdout);
  const json = runCli(['plan', '--output', 'json', broken]);
  assert.equal(json.status, 1);
  assert.ok((JSON.parse(json.stdout) as { diagnostics: unknown[] }).diagnostics.length > 0);
});

test('errors in the --from manifests stop the plan too', () => {
  const broken = path.join(fixturesDir, 'broken', 'typical-mistakes.yaml');
  assert.equal(runCli(['plan', '--from', broken, fixture('web-v1.yaml')]).status, 1);
});

test('usage and I/O errors exit 2 with a message', () => {
  const cases: [string[], RegExp][] = [
    [['plan'], /at least one file/],
    [['plan', '--output', 'yaml', fixture('web-v1.yaml')], /--output must be text, json, markdown or html, not yaml/],
    [['plan', '--new-pods-ready=maybe', fixture('web-v1.yaml')], /--new-pods-ready must be true or false/],
    [['plan', '--now', 'tomorrow', fixture('web-v1.yaml')], /--now must be an ISO-8601 time/],
    [['plan', '--kubernetes-version', '1.12', fixture('web-v1.yaml')], /no schemas for Kubernetes 1.12/],
    [['plan', '--frobnicate', fixture('web-v1.yaml')], /unknown flag: --frobnicate/],
    [['plan', '--cluster-domain', 'Cluster.Local', fixture('web-v1.yaml')], /--cluster-domain: cluster domain "Cluster.Local": a lowercase RFC 1123 subdomain/],
    [['plan', path.join(scratch, 'missing.yaml')], /cannot read/],
    [['plan', '--cluster', fixture('api.yaml'), fixture('web-v1.yaml')], /no Node objects/],
  ];
  for (const [args, message] of cases) {
    const run = runCli(args);
    assert.equal(run.status, 2, args.join(' '));
    assert.match(run.stderr, message, args.join(' '));
    assert.equal(run.stdout, '');
  }
});

// kubernetes/dns docs/specification.md 2.4.1: `<hostname>.<service>.<ns>.svc.<zone>` for each ready endpoint with a
// hostname; the StatefulSet controller (pkg/controller/statefulset/stateful_set_utils.go updateIdentity) gives
// pod `web-0` hostname `web-0` and subdomain `spec.serviceName`.
test('a StatefulSet pod gets its stable DNS name under the cluster domain given', () => {
  const plan = planJson(['--cluster-domain', 'corp.internal', fixture('statefulset-dns.yaml')]) as JsonPlan & { dns: { name: string; type: string; values: string[] }[] };
  const names = plan.dns.map((record) => record.name);
  assert.ok(names.includes('web-0.nginx.shop.svc.corp.internal'), names.join(' '));
  assert.ok(names.includes('web-1.nginx.shop.svc.corp.internal'), names.join(' '));
  assert.deepEqual(
    plan.dns.find((record) => record.name === 'payments.shop.svc.corp.internal'),
    { name: 'payments.shop.svc.corp.internal', type: 'CNAME', values: ['payments.example.com'] },
  );
});

test('the text plan lists the Services records and counts the pod records', () => {
  const run = runCli(['plan', ...NOW, fixture('statefulset-dns.yaml')]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\n {2}web-0\.nginx\.shop\.svc\.cluster\.local +A +10\.244\.\d+\.\d+\n/);
  assert.match(run.stdout, /\n {2}2 pod records by dashed address, such as \d+-\d+-\d+-\d+\.shop\.pod\.cluster\.local/);
});

test('manifests can come from standard input', () => {
  const run = runCli(['plan', '--output', 'json', ...NOW, '-'], { input: fs.readFileSync(fixture('api.yaml'), 'utf8') });
  assert.equal(run.status, 0, run.stderr);
  assert.equal((JSON.parse(run.stdout) as JsonPlan).pods.length, 2);
});

test('the text plan shows the node table, the rollout steps and each Pending pod with its reason', () => {
  const run = runCli(['plan', ...NOW, '--kubernetes-version', '1.33', '--from', fixture('web-v1.yaml'), fixture('web-v2.yaml'), fixture('too-big.yaml')]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\nPlan on 4 nodes, Kubernetes 1\.33: 11 pods \(10 scheduled, 1 pending\)/);
  assert.match(run.stdout, /\n {2}NODE +ZONE +CPU REQUESTED +MEMORY REQUESTED +PODS +TAINTS\n/);
  assert.match(run.stdout, /\n {2}control-plane-1 +eu-west-1a +0m\/3800m \(0%\) +0\/14Gi \(0%\) +0\/110 +node-role\.kubernetes\.io\/control-plane:NoSchedule\n/);
  assert.match(run.stdout, /Rollout shop\/web \(RollingUpdate, 10 replicas; maxSurge 3, maxUnavailable 2: at most 13 pods, at least 8 available\)/);
  assert.match(run.stdout, /\n {2}1 +3 +8 +11 +11 +Scaled up replica set/);
  assert.match(run.stdout, /jobs\/batch-worker +- +0\/4 nodes are available: 1 node\(s\) had untolerated taint/);
  assert.match(run.stdout, /outcome: complete/);
});

test('the Markdown plan is a set of tables for a pull-request comment', () => {
  const run = runCli(['plan', '--output', 'markdown', ...NOW, fixture('too-big.yaml'), fixture('web-v1.yaml')]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^## kubeplan plan\n/);
  assert.match(run.stdout, /\n\| NODE \| ZONE \| CPU REQUESTED \| MEMORY REQUESTED \| PODS \| TAINTS \|\n\| --- \| --- \| --- \| --- \| --- \| --- \|\n/);
  assert.match(run.stdout, /\n### Pending pods \(1\)\n/);
  assert.match(run.stdout, /\n### Rollout shop\/web /);
});

test('the bundled examples plan: Ingress routes reach the three web pods on their container port 8080', () => {
  const plan = planJson(['examples']) as JsonPlan & {
    ingresses: { name: string; routes: { host: string; path: string; pathType: string; service: string; port: number; endpoints: { pod: string; ip: string; ports: { port: number }[] }[] }[] }[];
  };
  const routes = plan.ingresses[0]!.routes;
  assert.deepEqual(routes.map((route) => [route.host, route.path, route.pathType, route.service, route.port]).sort(), [
    ['books.example.com', '/', 'Prefix', 'bookshelf-web', 80],
    ['books.example.com', '/healthz', 'Exact', 'bookshelf-web', 80],
  ]);
  const podIps = new Map(plan.pods.map((pod) => [`${pod.namespace}/${pod.name}`, pod.ip]));
  for (const route of routes) {
    assert.equal(route.endpoints.length, 3);
    for (const endpoint of route.endpoints) {
      assert.equal(endpoint.ip, podIps.get(endpoint.pod));
      assert.deepEqual(
        endpoint.ports.map((port) => port.port),
        [8080],
      );
    }
  }
  // maxSurge 25% of 3 rounds up to 1, maxUnavailable is 1
  assert.deepEqual([plan.rollouts[0]!.maxTotal, plan.rollouts[0]!.minAvailable], [4, 2]);
  // 30 2 * * * in Europe/Amsterdam (UTC+1 in March until the 29th), after 2026-03-01T10:07Z
  assert.deepEqual(plan.cronjobs[0]!.nextRuns.slice(0, 2), ['2026-03-02T01:30:00Z', '2026-03-03T01:30:00Z']);
});

test('--cluster may be given several times with plain Node manifests; nodes keep the order of the files', () => {
  const nodeFile = (name: string, zone: string) => {
    const file = path.join(scratch, `${name}.yaml`);
    fs.writeFileSync(
      file,
      `apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n  labels: {kubernetes.io/hostname: ${name}, topology.kubernetes.io/zone: ${zone}}\nstatus:\n  capacity: {cpu: "1", memory: 2Gi, pods: "5"}\n`,
    );
    return file;
  };
  const plan = planJson(['--kubernetes-version', '1.33', '--cluster', nodeFile('small-a', 'a'), '--cluster', nodeFile('small-b', 'b'), fixture('api.yaml')]);
  assert.deepEqual(
    plan.nodes.map((node) => [node.name, node.allocatable]),
    [
      ['small-a', { cpu: '1000m', memory: '2Gi', pods: 5 }],
      ['small-b', { cpu: '1000m', memory: '2Gi', pods: 5 }],
    ],
  );
  // two pods of 500m: each node has room for two, and the default spreading of a ReplicaSet puts one on each
  assert.deepEqual(
    plan.nodes.map((node) => node.requested.cpu),
    ['500m', '500m'],
  );
  assert.equal(plan.rollouts[0]!.outcome, 'complete');
});

test('a snapshot List of 1,000 nodes and 10,000 pods is read whole, and nodes past the 256th get pod addresses', () => {
  const nodes = Array.from(
    { length: 1000 },
    (_, i) => `  - apiVersion: v1\n    kind: Node\n    metadata: {name: n${i}, labels: {kubernetes.io/hostname: n${i}}}\n    status: {allocatable: {cpu: "8", memory: 32Gi, pods: "110"}}\n`,
  );
  // every node but the last is full by cpu, so the new pod can only go to n999
  const pods = Array.from({ length: 10_000 }, (_, i) => {
    const node = i % 999;
    return `  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p${i}, namespace: ns${i % 20}, labels: {app: a${i % 50}}}\n    spec:\n      nodeName: n${node}\n      containers: [{name: c, image: "nginx:1.27", resources: {requests: {cpu: 790m, memory: 128Mi}}}]\n    status: {phase: Running, podIP: 10.1.${Math.floor(i / 250)}.${i % 250}}\n`;
  });
  const file = path.join(scratch, 'big-cluster.yaml');
  fs.writeFileSync(file, `apiVersion: v1\nkind: List\nitems:\n${nodes.join('')}${pods.join('')}`);
  const plan = planJson(['--cluster', file, fixture('api.yaml')]);
  assert.equal(plan.nodes.length, 1000);
  assert.equal(plan.pods.length, 10_002);
  // 10,000 pods over 999 nodes: 10 or 11 each, 7900m or 8690m of 8 cores asked; n999 has room for one 500m pod at a time
  const placed = plan.pods.filter((pod) => pod.namespace === 'default');
  assert.deepEqual(
    placed.map((pod) => pod.node),
    ['n999', 'n999'],
  );
  // n999 is the 1,000th node: 10.244.0.0/14 gives it 10.247.231.0/24
  assert.deepEqual(
    placed.map((pod) => pod.ip),
    ['10.247.231.2', '10.247.231.3'],
  );
});

/** snapshot-web.yaml (Deployment shop/web of snapshot-mid-rollout.yaml) at `image`. */
function snapshotWeb(image: string): string {
  const file = path.join(scratch, `web-${image.replace(/\W/g, '-')}.yaml`);
  fs.writeFileSync(file, fs.readFileSync(fixture('snapshot-web.yaml'), 'utf8').replace('image: nginx:1.27', `image: ${image}`));
  return file;
}

test('a new template applied over a snapshot mid-rollout rolls out from the pods that run, oldest ReplicaSet first', () => {
  // snapshot: web-7c5ddbdf54 2 (2 available), web-5f7b9d6c8d 3 (2 available); replicas 4, at most 5, at least 3.
  // rolling.go rolloutRolling, by hand:
  // 1: new ReplicaSet at min(5 - 5, 4) = 0; reconcileOldReplicaSets may scale down 5 - 3 - 0 = 2: cleanupUnhealthyReplicas
  //    takes web-5f7b9d6c8d 3 -> 2 (its unavailable pod), scaleDownOldReplicaSetsForRollingUpdate 4 - 3 = 1 from the
  //    oldest, web-7c5ddbdf54 2 -> 1                                     new 0, old 3, 3 pods, 3 available
  // 2: min(5 - 3, 4 - 0) = 2                                          new 2, old 3, 5 pods, 5 available
  // 3: 5 - 3 = 2 down, oldest first: web-7c5ddbdf54 1 -> 0, web-5f7b9d6c8d 2 -> 1   new 2, old 1, 3, 3
  // 4: min(5 - 3, 4 - 2) = 2                                          new 4, old 1, 5, 5
  // 5: web-5f7b9d6c8d 1 -> 0                                          new 4, old 0, 4, 4: complete
  const plan = planJson(['--cluster', fixture('snapshot-mid-rollout.yaml'), snapshotWeb('nginx:1.28')]);
  assert.deepEqual(steps(plan), [
    { new: 0, old: 3, total: 3, available: 3 },
    { new: 2, old: 3, total: 5, available: 5 },
    { new: 2, old: 1, total: 3, available: 3 },
    { new: 4, old: 1, total: 5, available: 5 },
    { new: 4, old: 0, total: 4, available: 4 },
  ]);
  assert.equal(plan.rollouts[0]!.outcome, 'complete');
  assert.equal(plan.nodes.length, 3);
});

test('a snapshot given as --from is loaded as it is, and its Deployment re-applied continues the rollout under way', () => {
  // The same Deployment applied from --from is an update of the snapshot's; its rollout then settles before the
  // manifests (old 2 -> 1, new 3 -> 4, old 1 -> 0), and applying the manifest again is configured with no step.
  const plan = planJson(['--from', fixture('snapshot-mid-rollout.yaml'), '--from', snapshotWeb('nginx:1.27'), snapshotWeb('nginx:1.27')]) as JsonPlan & { applied: { outcome: string }[] };
  assert.deepEqual(
    plan.applied.map((answer) => answer.outcome),
    ['configured'],
  );
  assert.deepEqual(
    plan.pods.filter((pod) => pod.namespace === 'shop').map((pod) => [pod.owner, pod.ready]),
    [
      ['ReplicaSet/web-5f7b9d6c8d', true],
      ['ReplicaSet/web-5f7b9d6c8d', true],
      ['ReplicaSet/web-5f7b9d6c8d', false],
      ['ReplicaSet/web-5f7b9d6c8d', true],
    ],
  );
  assert.deepEqual(
    plan.nodes.map((node) => node.name),
    ['cp-1', 'worker-1', 'worker-2'],
  );
});
