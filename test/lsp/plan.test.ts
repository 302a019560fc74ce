/**
 * The plan over the protocol: the `kubeplan/plan` request, `workspace/executeCommand kubeplan.plan` (Markdown) and
 * CodeLens, against the real stdio server.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fixturesDir } from '../helpers/repo-paths';
import { LspClient, fileUri, type Range } from './lsp-client';

interface PlanAnswer {
  plan: {
    nodes: { name: string }[];
    pods: { name: string; namespace: string; node: string | null }[];
    rollouts: { deployment: string; maxTotal: number; minAvailable: number; steps: unknown[] }[];
    services: { name: string; endpoints: unknown[] }[];
  } | null;
  sources: Record<string, { uri: string; range: Range }>;
  problems: { uri: string; range: Range; message: string; rule: string }[];
  failure: string | null;
  files: number;
  objects: number;
}

interface CodeLens {
  range: Range;
  command?: { title: string; command: string; arguments?: unknown[] };
}

const fixture = (name: string) => fs.readFileSync(path.join(fixturesDir, 'plan', name), 'utf8');
const WEB_V1 = fixture('web-v1.yaml');
const WEB_V2 = fixture('web-v2.yaml');
const SERVICE_LINE = WEB_V1.split('\n').indexOf('apiVersion: v1');

let client: LspClient;
let folder: string;
let documentNumber = 0;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-plan-'));
  fs.writeFileSync(path.join(folder, 'web.yaml'), WEB_V2);
  fs.mkdirSync(path.join(folder, 'node_modules'));
  fs.writeFileSync(path.join(folder, 'node_modules', 'ignored.yaml'), WEB_V1.replace(/name: web/g, 'name: other'));
  fs.writeFileSync(path.join(folder, 'notes.txt'), 'not a manifest');
  client = await LspClient.start({ workspaceFolders: [folder] });
});
after(async () => {
  await client.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

const plan = (params: unknown) => client.request('kubeplan/plan', params) as Promise<PlanAnswer>;

async function openDocument(text: string): Promise<string> {
  const uri = `file:///workspace/plan-${++documentNumber}.yaml`;
  const published = client.nextDiagnostics(uri);
  client.open(uri, text);
  await published;
  return uri;
}

async function lensesOf(uri: string): Promise<CodeLens[]> {
  return (await client.request('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
}

// maxSurge 25% of 10 rounds up to 3, maxUnavailable 25% of 10 rounds down to 2: at most 13 pods, at least 8
// available; from 10 available old pods the syncs go +3 new / -2 old, +2 new, -5 old, +5 new, -3 old.
test('kubeplan/plan plays a new image of 10 replicas at 25%/25% against the version that runs now', async () => {
  const answer = await plan({ texts: [{ uri: 'file:///w/web.yaml', text: WEB_V2 }], from: { texts: [{ uri: 'file:///head/web.yaml', text: WEB_V1 }] } });
  assert.equal(answer.failure, null);
  const rollout = answer.plan?.rollouts.find((candidate) => candidate.deployment === 'shop/web');
  assert.deepEqual(rollout && [rollout.maxTotal, rollout.minAvailable, rollout.steps.length], [13, 8, 5]);
});

interface ChangesAnswer {
  plan: { changes?: { base: string; objects: { change: string; kind: string; namespace: string; name: string; fields: { path: string; before: unknown; after: unknown }[] }[] } } | null;
}

// web-v2.yaml differs from web-v1.yaml in the container's image only; the field path names the container by its name.
test('kubeplan/plan with from answers with the changes, listing the field changed and its values', async () => {
  const answer = (await plan({
    texts: [{ uri: 'file:///w/web.yaml', text: WEB_V2 }],
    from: { texts: [{ uri: 'file:///w/web.yaml', text: WEB_V1 }] },
    fromName: 'Git HEAD',
  })) as unknown as ChangesAnswer;
  assert.equal(answer.plan?.changes?.base, 'Git HEAD');
  assert.deepEqual(answer.plan?.changes?.objects, [
    {
      change: 'changed',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      fields: [{ path: 'spec.template.spec.containers[name=web].image', before: 'nginx:1.26', after: 'nginx:1.27' }],
    },
  ]);
});

test("kubeplan/plan names the changes' base by the files of from when it is given no name", async () => {
  const answer = (await plan({ texts: [{ uri: 'file:///w/web.yaml', text: WEB_V2 }], from: { texts: [{ uri: 'file:///head/web%20v1.yaml', text: WEB_V1 }] } })) as unknown as ChangesAnswer;
  assert.equal(answer.plan?.changes?.base, 'web v1.yaml');
});

test('kubeplan/plan without from has no changes', async () => {
  const answer = (await plan({ texts: [{ uri: 'file:///w/web.yaml', text: WEB_V2 }] })) as unknown as ChangesAnswer;
  assert.ok(answer.plan);
  assert.equal(answer.plan.changes, undefined);
});

test('kubeplan/plan says where each object is written, beside the plan, and places pods at their Deployment', async () => {
  const answer = await plan({ texts: [{ uri: 'file:///w/web.yaml', text: WEB_V1 }] });
  assert.deepEqual(answer.sources['Deployment/shop/web'], { uri: 'file:///w/web.yaml', range: answer.sources['Deployment/shop/web']!.range });
  assert.equal(answer.sources['Deployment/shop/web']!.range.start.line, 0);
  assert.equal(answer.sources['Service/shop/web']!.range.start.line, SERVICE_LINE);
  const pods = answer.plan!.pods.filter((pod) => pod.namespace === 'shop');
  assert.equal(pods.length, 10);
  for (const pod of pods) assert.deepEqual(answer.sources[`Pod/shop/${pod.name}`], answer.sources['Deployment/shop/web']);
  assert.ok(!('sources' in answer.plan!), 'the plan object keeps the contract of kubeplan plan --output json');
});

test("kubeplan/plan reads a folder's manifests, leaving out what the exclude settings and file names leave out", async () => {
  const answer = await plan({ uris: [fileUri(folder)] });
  assert.equal(answer.files, 1);
  assert.deepEqual(
    answer.plan?.services.map((service) => service.name),
    ['web'],
  );
  assert.equal(answer.sources['Deployment/shop/web']?.uri, fileUri(path.join(folder, 'web.yaml')));
});

test('kubeplan/plan reads an open document as the editor has it, not as saved', async () => {
  const uri = fileUri(path.join(folder, 'web.yaml'));
  const published = client.nextDiagnostics(uri);
  client.open(uri, WEB_V2.replace('replicas: 10', 'replicas: 4'));
  await published;
  try {
    const answer = await plan({ uris: [uri] });
    assert.equal(answer.plan?.pods.filter((pod) => pod.namespace === 'shop').length, 4);
  } finally {
    client.close(uri);
  }
});

test('kubeplan/plan makes no plan of manifests with errors, and says where they are', async () => {
  const answer = await plan({ texts: [{ uri: 'file:///w/broken.yaml', text: WEB_V1.replace('replicas: 10', 'replicas: -1') }] });
  assert.equal(answer.plan, null);
  assert.equal(answer.problems.length, 1);
  assert.equal(answer.problems[0]!.range.start.line, WEB_V1.split('\n').indexOf('  replicas: 10'));
  assert.match(answer.problems[0]!.message, /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/);
});

// kubectl 1.32 reads the byte as U+FFFD (golang.org/x/text's UTF-8 decoder in k8s.io/cli-runtime) and sends the object.
test('kubeplan/plan plans a saved document whose bytes are not UTF-8, as kubectl reads it', async () => {
  const latin1 = path.join(os.tmpdir(), `kubeplan-plan-latin1-${process.pid}.yaml`);
  // "café" as Latin-1 writes it, in the Deployment's annotations: é is the lone byte E9.
  const afterName = WEB_V1.indexOf('  namespace: shop\n') + '  namespace: shop\n'.length;
  fs.writeFileSync(latin1, Buffer.concat([Buffer.from(`${WEB_V1.slice(0, afterName)}  annotations: {note: caf`), Buffer.from([0xe9]), Buffer.from(` au lait}\n${WEB_V1.slice(afterName)}`)]));
  try {
    const answer = await plan({ uris: [fileUri(latin1)] });
    assert.notEqual(answer.plan, null);
    assert.deepEqual(answer.problems, []);
  } finally {
    fs.rmSync(latin1, { force: true });
  }
});

// edge-1 has 2 CPUs and runs a 1500m database: 500m is left, five pods of 100m.
test('kubeplan/plan runs on the cluster file it is given', async () => {
  const answer = await plan({ texts: [{ uri: 'file:///w/web.yaml', text: WEB_V1 }], cluster: fileUri(path.join(fixturesDir, 'plan', 'small-cluster.yaml')) });
  assert.deepEqual(
    answer.plan?.nodes.map((node) => node.name),
    ['edge-1'],
  );
  const shop = answer.plan!.pods.filter((pod) => pod.namespace === 'shop');
  assert.deepEqual([shop.filter((pod) => pod.node !== null).length, shop.filter((pod) => pod.node === null).length], [5, 5]);
});

test('kubeplan/plan explains a cluster file without nodes, a missing cluster file and a path that does not exist', async () => {
  const noNodes = await plan({ texts: [{ uri: 'file:///w/web.yaml', text: WEB_V1 }], cluster: fileUri(path.join(fixturesDir, 'plan', 'web-v1.yaml')) });
  assert.match(noNodes.failure ?? '', /no Node objects in .*web-v1\.yaml/);
  const noCluster = await plan({ texts: [{ uri: 'file:///w/web.yaml', text: WEB_V1 }], cluster: path.join(folder, 'missing-cluster.yaml') });
  assert.match(noCluster.failure ?? '', /cannot read the cluster file .*missing-cluster\.yaml: no such file/);
  const missing = await plan({ uris: [fileUri(path.join(folder, 'missing'))] });
  assert.equal(missing.plan, null);
  assert.match(missing.failure ?? '', /cannot read .*missing/);
});

test('kubeplan/plan answers malformed parameters with a message, and the server keeps serving', async () => {
  const answer = await plan({ uris: 'web.yaml', kubernetesVersion: '1.36' });
  assert.equal(answer.failure, 'kubeplan/plan: uris must be a list of URIs');
  assert.equal((await plan({ texts: [], from: { texts: [] }, fromName: 7 })).failure, 'kubeplan/plan: fromName must be a string such as "Git HEAD"');
  assert.match((await plan({ texts: [{ uri: 'file:///w/web.yaml', text: WEB_V1 }], kubernetesVersion: '1.12' })).failure ?? '', /Kubernetes 1\.12 is not supported/);
  assert.ok((await plan({ texts: [{ uri: 'file:///w/web.yaml', text: WEB_V1 }] })).plan);
});

test('workspace/executeCommand kubeplan.plan answers with the plan as Markdown', async () => {
  const markdown = await client.request('workspace/executeCommand', {
    command: 'kubeplan.plan',
    arguments: [{ texts: [{ uri: 'file:///w/web.yaml', text: WEB_V2 }], from: { texts: [{ uri: 'file:///head/web.yaml', text: WEB_V1 }] } }],
  });
  assert.equal(typeof markdown, 'string');
  assert.match(markdown as string, /^## kubeplan plan\n/);
  assert.match(markdown as string, /### Rollout shop\/web \(RollingUpdate, 10 replicas; maxSurge 3, maxUnavailable 2: at most 13 pods, at least 8 available\)/);
  assert.match(markdown as string, /### Changes against web\.yaml: 0 added, 1 changed, 0 removed\n/);
});

test('workspace/executeCommand kubeplan.plan lists the errors that keep a plan from being made', async () => {
  const markdown = (await client.request('workspace/executeCommand', {
    command: 'kubeplan.plan',
    arguments: [{ texts: [{ uri: 'file:///w/broken.yaml', text: WEB_V1.replace('replicas: 10', 'replicas: -1') }] }],
  })) as string;
  assert.match(markdown, /No plan: the manifests have 1 error/);
  assert.match(markdown, /- file:\/\/\/w\/broken\.yaml:7:\d+: spec\.replicas: Invalid value: -1/);
});

test('textDocument/codeLens sums up the rollout above a Deployment and the endpoints above a Service', async () => {
  const uri = await openDocument(WEB_V1);
  const lenses = await lensesOf(uri);
  assert.deepEqual(
    lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
    [
      [0, 'rollout: 1 step, ≤13 pods, ≥8 available'],
      [SERVICE_LINE, '10 endpoints'],
    ],
  );
  assert.deepEqual(lenses[1]!.command, { title: '10 endpoints', command: 'kubeplan.showPlan', arguments: [uri, 'Service/shop/web'] });
});

test('textDocument/codeLens follows the edits of the document', async () => {
  const uri = await openDocument(WEB_V1);
  const published = client.nextDiagnostics(uri, { version: 2 });
  const line = WEB_V1.split('\n').indexOf('  replicas: 10');
  client.change(uri, 2, { start: { line, character: 12 }, end: { line, character: 14 } }, '3');
  await published;
  const titles = (await lensesOf(uri)).map((lens) => lens.command?.title);
  // 25% of 3: maxSurge rounds up to 1 (≤ 4 pods), maxUnavailable rounds down to 0 (≥ 3 available).
  assert.deepEqual(titles, ['rollout: 1 step, ≤4 pods, ≥3 available', '3 endpoints']);
});

// pkg/apis/apps/validation ValidateDeploymentSpec → ValidateNonnegativeField: "must be greater than or equal to 0".
test('textDocument/codeLens on a document with errors says which object would be rejected, instead of no endpoints', async () => {
  const lenses = await lensesOf(await openDocument(WEB_V1.replace('replicas: 10', 'replicas: -1')));
  assert.deepEqual(
    lenses.map((lens) => [lens.range.start.line, lens.command?.title]),
    [
      [0, 'rejected: spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
      [SERVICE_LINE, 'no plan: Deployment/web would be rejected'],
    ],
  );
});

test('textDocument/codeLens gives nothing for a document without planned kinds', async () => {
  assert.deepEqual(await lensesOf(await openDocument('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n')), []);
});

test('textDocument/codeLens counts the endpoints of a Service whose Deployment is written in another file', async (t) => {
  // The Deployment of 10 replicas, written alone in a file of the workspace folder, with labels of its own.
  const deployment = WEB_V1.slice(0, WEB_V1.indexOf('---'))
    .replace(/name: web\n/, 'name: api\n')
    .replace(/app: web/g, 'app: api');
  fs.writeFileSync(path.join(folder, 'api-deployment.yaml'), deployment);
  t.after(() => fs.rmSync(path.join(folder, 'api-deployment.yaml')));
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(folder, 'api-deployment.yaml')), type: 1 }] });
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector: {app: api}\n  ports:\n    - {port: 80, targetPort: http}\n';
  const uri = fileUri(path.join(folder, 'api-service.yaml'));
  const published = client.nextDiagnostics(uri);
  client.open(uri, service);
  await published;
  // The folder is indexed in the background; ask until the Deployment has been read.
  let title: string | undefined;
  for (let attempt = 0; attempt < 50 && title !== '10 endpoints'; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    title = (await lensesOf(uri))[0]?.command?.title;
  }
  assert.equal(title, '10 endpoints');
});

test('textDocument/codeLens over a document above 512 KB gives one lens at its top that plans the file on request', async () => {
  // Many ConfigMaps after the Deployment and Service: a manifest past the size lenses are planned for.
  const filler = 'data:\n  payload: "' + 'x'.repeat(1000) + '"\n';
  const configMaps = Array.from({ length: 600 }, (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\n  namespace: shop\n${filler}`).join('');
  const lenses = await lensesOf(await openDocument(`${WEB_V1}${configMaps}`));
  assert.deepEqual(lenses, [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: 'lenses are off for files over 512 KB: plan this file', command: 'kubeplan.planFile' } },
  ]);
});

test('textDocument/codeLens plans on the cluster of the kubeplan.plan.cluster setting', async () => {
  const uri = await openDocument(WEB_V1);
  client.changeSettings({ plan: { cluster: path.join(fixturesDir, 'plan', 'small-cluster.yaml') } });
  try {
    await client.nextDiagnostics(uri);
    const titles = (await lensesOf(uri)).map((lens) => lens.command?.title);
    assert.equal(titles[1], '5 endpoints');
  } finally {
    client.changeSettings({});
    await client.nextDiagnostics(uri);
  }
});

// "0 9 * * 1" fires on Mondays at 09:00 in the CronJob's time zone, whatever the day today.
test('textDocument/codeLens names the next run above a CronJob in its time zone', async () => {
  const cronJob = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 9 * * 1"
  timeZone: Asia/Seoul
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: busybox:1.36}]
`;
  const lenses = await lensesOf(await openDocument(cronJob));
  assert.deepEqual(
    lenses.map((lens) => lens.command?.title),
    ['next: Mon 09:00 Asia/Seoul'],
  );
});

test('textDocument/codeLens waits for typing to pause: the diagnostics of an edit come first', async () => {
  const many = Array.from({ length: 20 }, (_, i) => WEB_V1.replace(/name: web$/gm, `name: web-${i}`).replace(/app: web\b/g, `app: web-${i}`)).join('---\n');
  const uri = await openDocument(many);
  const order: string[] = [];
  const published = client.nextDiagnostics(uri, { version: 2 }).then(() => order.push('diagnostics'));
  client.change(uri, 2, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '# edited\n');
  const lenses = lensesOf(uri).then((answer) => {
    order.push('lenses');
    return answer;
  });
  await Promise.all([published, lenses]);
  assert.deepEqual(order, ['diagnostics', 'lenses']);
  assert.equal((await lenses).length, 40);
});
