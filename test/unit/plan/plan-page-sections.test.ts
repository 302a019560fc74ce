/**
 * The plan page's sections for what a plan knows beyond its nodes and Services: a scenario's verdict, timeline and
 * evictions, NetworkPolicies with their reachability matrix, and a change's field diff against a base. The page is
 * read as text; every expectation is worked by hand from the upstream source named beside it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { renderPlanWebview, type WebviewPageOptions } from '../../../client/src/plan-view/webview-page';
import { renderPlanPage } from '../../../server/src/plan/html/plan-page';
import { type PlanTexts, planResponse, planTexts, planTextsAgainstBase } from '../../../server/src/plan/plan-texts';
import type { ScenarioStep } from '../../../server/src/protocol/plan';
import type { PlanResponse } from '../../../server/src/protocol/plan-request';
import { fixturesDir } from '../../helpers/repo-paths';
import { WEB_URI, webManifests } from './manifests';

const OPTIONS: WebviewPageOptions = { nonce: 'n0nce', cspSource: 'vscode-webview://abc', subject: 'web.yaml', clusterLabel: 'embedded' };
const NOW = Date.parse('2026-03-01T10:07:00Z');

function fixture(name: string): string {
  return fs.readFileSync(path.join(fixturesDir, 'plan', name), 'utf8');
}

function inputOf(text: string, current: string[] = [], scenario: ScenarioStep[] = []): PlanTexts {
  return {
    manifests: [{ file: WEB_URI, text }],
    current: current.map((currentText) => ({ file: 'file:///head/web.yaml', text: currentText })),
    cluster: undefined,
    kubernetesVersion: '1.36',
    rules: {},
    newPodsReady: true,
    now: NOW,
    scenario,
  };
}

function answered(response: PlanResponse): PlanResponse {
  assert.ok(response.plan, 'no plan');
  return response;
}

/** The HTML from a section's `<h2>` to the next `<h2>` or the events. */
function section(html: string, heading: string): string {
  const start = html.indexOf(`<h2>${heading}</h2>`);
  assert.ok(start >= 0, `no section ${heading}`);
  const rest = html.slice(start + 1);
  const ends = [rest.indexOf('<h2>'), rest.indexOf('<details>')].filter((index) => index >= 0);
  return html.slice(start, start + 1 + Math.min(...ends, rest.length));
}

// test/fixtures/plan/drain-budget.yaml: 3 replicas spread one per worker, a PodDisruptionBudget of minAvailable 2.
// kubectl drain (staging/src/k8s.io/kubectl/pkg/drain/drain.go evictPods, cordon.go) cordons worker-1 and evicts its
// one pod; the eviction API (pkg/registry/core/pod/storage/eviction.go) allows it, as 3 healthy pods exceed the
// budget's 2 by one (pkg/controller/disruption/disruption.go: disruptionsAllowed = currentHealthy - desiredHealthy).
// Two pods stay ready behind the Service throughout, so no Service loses its last endpoint.
const drained = () => answered(planResponse(planTexts(inputOf(fixture('drain-budget.yaml'), [], [{ kind: 'drain', node: 'worker-1' }]))));

test("a drain scenario's section opens with its verdict", () => {
  const html = renderPlanWebview(drained(), OPTIONS);
  assert.match(section(html, 'Scenario'), /^<h2>Scenario<\/h2>\n<p class="verdict-survives">survives: every Service kept a ready endpoint<\/p>\n/);
});

test("a drain scenario's timeline lists kubectl drain's steps in seconds since it began", () => {
  const html = section(renderPlanWebview(drained(), OPTIONS), 'Scenario');
  assert.match(
    html,
    /<table><thead><tr><th>At<\/th><th>What<\/th><\/tr><\/thead><tbody><tr><td>0s<\/td><td>kubectl drain worker-1 --ignore-daemonsets: node\/worker-1 cordoned<\/td><\/tr><tr><td>0s<\/td><td>pod\/web-[a-z0-9]+-[a-z0-9]+ evicted \(default\/web-[a-z0-9]+-[a-z0-9]+\)<\/td><\/tr><tr><td>0s<\/td><td>node\/worker-1 drained<\/td><\/tr><\/tbody><\/table>/,
  );
});

test('each eviction of a drain is a row with its pod, node, result and message', () => {
  const html = section(renderPlanWebview(drained(), OPTIONS), 'Scenario');
  assert.match(
    html,
    /<h3>Evictions \(1\)<\/h3>\n<table><thead><tr><th>Pod<\/th><th>Node<\/th><th>Result<\/th><th>Message<\/th><\/tr><\/thead><tbody><tr><td>default\/(web-[a-z0-9]+-[a-z0-9]+)<\/td><td>worker-1<\/td><td>evicted<\/td><td>pod\/\1 evicted<\/td><\/tr><\/tbody><\/table>/,
  );
});

test('an outage and the pods a scenario left Pending are shown, escaped', () => {
  const response = drained();
  const plan = structuredClone(response.plan!);
  plan.scenario!.outages.push({ service: 'default/<b>web</b>', port: 80, from: 0, to: null, reason: 'no ready endpoint' });
  plan.scenario!.pending.push({ pod: 'default/<i>p</i>', message: '0/4 nodes are available: <script>' });
  const html = section(renderPlanWebview({ ...response, plan }, OPTIONS), 'Scenario');
  assert.match(html, /<p class="verdict-outage">outages: default\/&lt;b&gt;web&lt;\/b&gt; port 80 from 0s never recovers \(no ready endpoint\)<\/p>/);
  assert.match(
    html,
    /<h3>Left Pending by the scenario \(1\)<\/h3>\n<ul class="pending"><li data-key="Pod\/default\/&lt;i&gt;p&lt;\/i&gt;">default\/&lt;i&gt;p&lt;\/i&gt;<div class="reason">0\/4 nodes are available: &lt;script&gt;<\/div><\/li><\/ul>/,
  );
});

// test/fixtures/plan/network-policies.yaml, by the NetworkPolicy API (staging/src/k8s.io/api/networking/v1/types.go
// NetworkPolicySpec): default-deny selects every pod of shop and isolates it both ways with no rule; db-from-web lets
// web pods in to db on port pg (5432); web-to-db lets web pods out to db pods on 5432. So web reaches db on 5432
// (egress allowed by web-to-db, ingress by db-from-web), and every other pair is refused: db may send nothing, and
// nothing lets web reach web's 8080.
const policies = () => answered(planResponse(planTexts(inputOf(fixture('network-policies.yaml')))));

test('each NetworkPolicy is a row with what it isolates and the pods it selects', () => {
  const html = section(renderPlanWebview(policies(), OPTIONS), 'NetworkPolicies');
  const rows = [...html.matchAll(/<tr data-key="NetworkPolicy\/shop\/([a-z-]+)"><td>.*?<\/td><td>([^<]*)<\/td><td>(.*?)<\/td><\/tr>/g)].map(([, name, isolates, selects]) => [
    name,
    isolates,
    (selects!.match(/shop\/[a-z]+-/g) ?? []).join(' '),
  ]);
  assert.deepEqual(rows, [
    ['db-from-web', 'Ingress', 'shop/db-'],
    ['default-deny', 'Ingress, Egress', 'shop/db- shop/web- shop/web-'],
    ['web-to-db', 'Egress', 'shop/web- shop/web-'],
  ]);
});

test('the reachability matrix has the source workloads as rows and the Services, then workloads, as columns', () => {
  const html = section(renderPlanWebview(policies(), OPTIONS), 'Reachability (4 refused, 2 allowed)');
  const headers = [...html.matchAll(/<th>(.*?)<\/th>/g)].map(([, cell]) => cell!.replace(/<[^>]*>/g, ''));
  assert.deepEqual(headers, ['From \\ To', 'service shop/db', 'shop/db', 'shop/web', 'shop/db', 'shop/web']);
});

test('each cell of the matrix marks its ports allowed or refused, the reason and deciding policies in a tooltip', () => {
  const html = section(renderPlanWebview(policies(), OPTIONS), 'Reachability (4 refused, 2 allowed)');
  const cells = (source: string) => [...(html.match(new RegExp(`<tr><th>${source}</th>(.*?)</tr>`))?.[1] ?? '').matchAll(/<td>(.*?)<\/td>/g)].map(([, cell]) => cell);
  const allowed = '<span class="allowed" title="egress allowed by shop/web-to-db; ingress allowed by shop/db-from-web">✓ 5432/TCP</span>';
  assert.deepEqual(cells('shop/web'), [
    allowed,
    allowed,
    '<span class="refused" title="egress isolated by shop/default-deny, shop/web-to-db and no rule of them allows it; ingress isolated by shop/default-deny and no rule of it allows it">✗ 8080/TCP</span>',
  ]);
  assert.deepEqual(
    cells('shop/db').map((cell) => cell!.replace(/ title="[^"]*"/, '')),
    ['<span class="refused">✗ 5432/TCP</span>', '<span class="refused">✗ 5432/TCP</span>', '<span class="refused">✗ 8080/TCP</span>'],
  );
});

test('a pair no NetworkPolicy applies to is an empty cell, and the legend says so', () => {
  const response = policies();
  const plan = structuredClone(response.plan!);
  // Only shop/web → service shop/db left: shop/db as a source has no cell in any column.
  plan.reachability = plan.reachability.filter((row) => row.from === 'shop/web' || row.to === 'shop/web');
  const html = section(renderPlanWebview({ ...response, plan }, OPTIONS), 'Reachability (2 refused, 2 allowed)');
  assert.match(html, /<tr><th>shop\/db<\/th><td><span class="muted">-<\/span><\/td><td><span class="muted">-<\/span><\/td><td><span class="refused"/);
  assert.match(html, /<p class="muted">✓ allowed, ✗ refused; - no NetworkPolicy applies to the pair<\/p>/);
});

test('a matrix of many workloads is cut, and what was left out is counted', () => {
  const response = policies();
  const plan = structuredClone(response.plan!);
  const row = plan.reachability[0]!;
  plan.reachability = Array.from({ length: 45 }, (_, i) => ({ ...row, from: `shop/client-${String(i).padStart(2, '0')}`, to: `shop/server-${i % 25}`, toKind: 'Workload' as const }));
  const html = section(renderPlanWebview({ ...response, plan }, OPTIONS), 'Reachability (45 refused, 0 allowed)');
  assert.equal(html.match(/<tr><th>shop\/client-/g)?.length, 40);
  assert.equal(html.match(/<th>shop\/server-/g)?.length, 20);
  assert.match(html, /<p class="muted">… and 5 more sources and 5 more destinations \(the JSON plan lists every connection\)<\/p>/);
});

test('names and reasons in the NetworkPolicy sections are escaped', () => {
  const response = policies();
  const plan = structuredClone(response.plan!);
  plan.networkPolicies[0]!.name = '<img src=x onerror=alert(1)>';
  plan.reachability[0]!.from = '"><script>alert(2)</script>';
  plan.reachability[0]!.reason = '" onmouseover="alert(3)';
  const html = renderPlanWebview({ ...response, plan }, OPTIONS);
  assert.doesNotMatch(html, /<img|onmouseover="alert/);
  assert.equal(html.match(/<script/g)?.length, 1, 'only the page script');
  assert.match(html, /shop\/&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.match(html, /<tr><th>&quot;&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;<\/th>/);
  assert.match(html, /title="&quot; onmouseover=&quot;alert\(3\)"/);
});

test('a plan with NetworkPolicies and a scenario no longer says they are missing from the page', () => {
  const response = answered(planResponse(planTexts(inputOf(`${fixture('drain-budget.yaml')}---\n${fixture('network-policies.yaml')}`, [], [{ kind: 'drain', node: 'worker-1' }]))));
  const html = renderPlanPage(response, { host: { kind: 'file' }, subject: 'web.yaml', clusterLabel: 'embedded' });
  assert.doesNotMatch(html, /Not on this page/);
  const headings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map(([, heading]) => heading);
  assert.deepEqual(headings.slice(-3), ['NetworkPolicies', 'Reachability (11 refused, 2 allowed)', 'Scenario']);
});

// A change of the pod template's image is a new ReplicaSet and a rollout (pkg/controller/deployment/sync.go
// getNewReplicaSet: no ReplicaSet's template equals the new one); a ConfigMap's data changes as written.
const SETTINGS = (mode: string) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata:\n  mode: "${mode}"\n`;
const against = () =>
  answered(planResponse(planTextsAgainstBase(inputOf(webManifests('v2') + SETTINGS('<script>alert(1)</script>'), [webManifests('v1') + SETTINGS('a')]), { ref: 'Git HEAD', deletedFiles: [] })));

test("a change's section heading counts the objects it adds, changes and removes", () => {
  const html = renderPlanWebview(against(), OPTIONS);
  assert.ok(html.includes('<h2>Changes against Git HEAD: 0 added, 2 changed, 0 removed</h2>'));
});

test('each changed object lists its fields old → new, values escaped', () => {
  const html = section(renderPlanWebview(against(), OPTIONS), 'Changes against Git HEAD: 0 added, 2 changed, 0 removed');
  assert.match(
    html,
    /<tr data-key="Deployment\/shop\/web"><td><a href="#" data-uri="file:\/\/\/workspace\/web.yaml" data-line="0" data-character="0">Deployment shop\/web<\/a><\/td><td class="change-changed">changed<\/td><td><code>spec\.template\.spec\.containers\[name=web\]\.image<\/code>: nginx:1\.26 → nginx:1\.27<\/td><\/tr>/,
  );
  assert.match(
    html,
    /<tr data-key="ConfigMap\/shop\/settings"><td><a [^>]*>ConfigMap shop\/settings<\/a><\/td><td class="change-changed">changed<\/td><td><code>data\.mode<\/code>: a → &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td><\/tr>/,
  );
});

test('what the change does lists the rollout its new image starts', () => {
  const html = section(renderPlanWebview(against(), OPTIONS), 'What the change does (1)');
  assert.match(
    html,
    /<table><thead><tr><th>Effect<\/th><th>Of<\/th><th>Before<\/th><th>After<\/th><\/tr><\/thead><tbody><tr><td>rollout<\/td><td>Deployment\/shop\/web<\/td><td><\/td><td>complete<\/td><\/tr><\/tbody><\/table>/,
  );
});

test('an object the change removes says kubectl apply leaves it', () => {
  const response = answered(planResponse(planTextsAgainstBase(inputOf(webManifests('v1'), [webManifests('v1') + SETTINGS('a')]), { ref: 'main', deletedFiles: ['old.yaml'] })));
  const html = section(renderPlanWebview(response, OPTIONS), 'Changes against main: 0 added, 0 changed, 1 removed');
  assert.match(
    html,
    /<tr data-key="ConfigMap\/shop\/settings"><td>ConfigMap shop\/settings<\/td><td class="change-removed">removed<\/td><td><span class="reason">kubectl apply does not delete it<\/span><\/td><\/tr>/,
  );
  assert.match(html, /<ul class="notes"><li>deleted file: old\.yaml<\/li><\/ul>/);
});

// test/fixtures/plan/web-on-worker-1.yaml on the default cluster (control-plane-1 and worker-1 in eu-west-1a, worker-2
// in eu-west-1b, worker-3 in eu-west-1c): 3 replicas pinned to worker-1 by nodeSelector. When eu-west-1a fails, its
// pods are marked not Ready after the 50s node monitor grace period (pkg/controller/nodelifecycle/
// node_lifecycle_controller.go monitorNodeHealth, MarkPodsNotReady), so Service default/web loses its endpoints at
// 50s; the 3 replacements made once the pods are deleted (pkg/controller/tainteviction/taint_eviction.go, after the
// 300s DefaultTolerationSeconds) fit only the unreachable worker-1 (pkg/scheduler/framework/plugins/nodeaffinity) and
// stay Pending, so it never recovers. eu-west-1b and eu-west-1c run none of the replicas and survive.
const whatIfZones = () => answered(planResponse(planTexts({ ...inputOf(fixture('web-on-worker-1.yaml')), whatIf: 'zones' })));

test('a what-if plan has a Resilience section that counts the failures survived', () => {
  const html = section(renderPlanWebview(whatIfZones(), OPTIONS), 'Resilience');
  assert.match(html, /^<h2>Resilience<\/h2>\n<p class="verdict-outage">What if each zone fails: 2 of 3 zone failures survive<\/p>/);
});

test("the resilience table has a row per zone and a column per Service down, with each Service's worst outage", () => {
  const html = section(renderPlanWebview(whatIfZones(), OPTIONS), 'Resilience');
  const rows = [
    '<tr><td>eu-west-1a</td><td class="verdict-outage">50s–never</td><td class="verdict-outage">1</td><td class="verdict-pending">3</td></tr>',
    '<tr><td>eu-west-1b</td><td class="verdict-survives">ok</td><td>0</td><td>0</td></tr>',
    '<tr><td>eu-west-1c</td><td class="verdict-survives">ok</td><td>0</td><td>0</td></tr>',
  ];
  assert.ok(html.includes(`<table><thead><tr><th>ZONE</th><th>default/web</th><th>WORKLOADS OUT</th><th>PENDING</th></tr></thead><tbody>${rows.join('')}</tbody></table>`), html);
});

test('a failure that does not survive is explained by its verdict and reasons', () => {
  const html = section(renderPlanWebview(whatIfZones(), OPTIONS), 'Resilience');
  assert.ok(
    html.includes(
      '<p class="verdict-outage">zone eu-west-1a: Service default/web loses every ready endpoint from 50s, never recovers: all 3 replicas run in eu-west-1a; Deployment default/web loses every ready replica from 50s, never recovers: all 3 replicas run in eu-west-1a</p>\n<ul class="reasons"><li>Service default/web: all 3 replicas run in eu-west-1a</li><li>Deployment default/web: all 3 replicas run in eu-west-1a</li>',
    ),
    html,
  );
  // Zones that survive with nothing to say are in the table only.
  assert.doesNotMatch(html, /zone eu-west-1b: survives/);
});

test('names, verdicts and reasons in the Resilience section are escaped', () => {
  const response = whatIfZones();
  const plan = structuredClone(response.plan!);
  const failure = plan.resilience!.failures[0]!;
  failure.failed = '<b>zone</b>';
  failure.outages[0]!.service = 'default/<i>web</i>';
  failure.verdict = 'zone <b>: down';
  failure.reasons = ['<script>'];
  const html = section(renderPlanWebview({ ...response, plan }, OPTIONS), 'Resilience');
  assert.match(html, /<th>default\/&lt;i&gt;web&lt;\/i&gt;<\/th>/);
  assert.match(html, /<tr><td>&lt;b&gt;zone&lt;\/b&gt;<\/td>/);
  assert.match(html, /<p class="verdict-outage">zone &lt;b&gt;: down<\/p>\n<ul class="reasons"><li>&lt;script&gt;<\/li><\/ul>/);
  assert.doesNotMatch(html, /<script>|<b>|<i>/);
});

test('a plan without --what-if has no Resilience section', () => {
  assert.doesNotMatch(renderPlanWebview(drained(), OPTIONS), /<h2>Resilience<\/h2>/);
});
