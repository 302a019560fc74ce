/** The plan page in the editor's webview: a pure function from the server's answer to HTML, read here as text. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlannedRollout } from '../../../server/src/protocol/plan';
import { planResponse, planTexts } from '../../../server/src/plan/plan-texts';
import type { PlanResponse } from '../../../server/src/protocol/plan-request';
import { renderPlanWebview, type WebviewPageOptions } from '../../../client/src/plan-view/webview-page';
import { renderPlanPage } from '../../../server/src/plan/html/plan-page';
import { rolloutChart } from '../../../server/src/plan/html/rollout-chart';
import { WEB_URI, lineOf, webManifests } from './manifests';

const OPTIONS: WebviewPageOptions = { nonce: 'n0nce', cspSource: 'vscode-webview://abc', subject: 'web.yaml', clusterLabel: 'embedded' };

const BIG = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: 1
  selector:
    matchLabels: {app: big}
  template:
    metadata:
      labels: {app: big}
    spec:
      containers:
        - name: big
          image: nginx:1.27
          resources:
            requests: {cpu: "8"}
`;

function planOf(text: string, current: string[] = []): PlanResponse {
  const response = planResponse(
    planTexts({
      manifests: [{ file: WEB_URI, text }],
      current: current.map((currentText) => ({ file: 'file:///head/web.yaml', text: currentText })),
      cluster: undefined,
      kubernetesVersion: '1.36',
      rules: {},
      newPodsReady: true,
      now: Date.parse('2026-11-23T03:00:00Z'),
    }),
  );
  assert.ok(response.plan, 'no plan');
  return response;
}

/** The rollout of 10 replicas at 25%/25% from 10 available old pods, worked by hand from rolling.go. */
const ROLLOUT: PlannedRollout = {
  deployment: 'default/web',
  strategy: 'RollingUpdate',
  replicas: 10,
  maxSurge: 3,
  maxUnavailable: 2,
  maxTotal: 13,
  minAvailable: 8,
  outcome: 'complete',
  steps: [
    [3, 8, 11, 11],
    [5, 8, 13, 13],
    [5, 3, 8, 8],
    [10, 3, 13, 13],
    [10, 0, 10, 10],
  ].map(([newPods, old, total, available]) => ({ new: newPods!, old: old!, total: total!, available: available!, events: [] })),
};

function attributeOf(svg: string, selector: RegExp, attribute: string): number {
  const element = svg.match(selector)?.[0];
  assert.ok(element, `no element matching ${selector}`);
  const value = element.match(new RegExp(`\\b${attribute}="([\\d.]+)"`))?.[1];
  assert.ok(value !== undefined, `no ${attribute} on ${element}`);
  return Number(value);
}

test('the maxTotal and minAvailable lines sit at 13 and 8 on the scale of the pod counts', () => {
  const svg = rolloutChart(ROLLOUT);
  const zero = attributeOf(svg, /<line[^>]*data-axis="0"[^>]*>/, 'y1');
  const maxTotal = attributeOf(svg, /<line[^>]*data-bound="maxTotal"[^>]*>/, 'y1');
  const minAvailable = attributeOf(svg, /<line[^>]*data-bound="minAvailable"[^>]*>/, 'y1');
  assert.ok(maxTotal < minAvailable && minAvailable < zero, 'SVG y grows downwards: 13 above 8 above 0');
  assert.ok(Math.abs((zero - minAvailable) / (zero - maxTotal) - 8 / 13) < 0.01);
});

test('each series of the chart has one point per step, the available line touching the maxTotal line at 13', () => {
  const svg = rolloutChart(ROLLOUT);
  const points = (series: string) => svg.match(new RegExp(`data-series="${series}" points="([^"]*)"`))![1]!.split(' ');
  assert.equal(points('old').length, 5);
  const maxTotal = attributeOf(svg, /<line[^>]*data-bound="maxTotal"[^>]*>/, 'y1');
  assert.equal(Number(points('available')[1]!.split(',')[1]), maxTotal);
});

test('a Recreate rollout has no surge and availability bounds to draw', () => {
  const svg = rolloutChart({ ...ROLLOUT, strategy: 'Recreate' });
  assert.doesNotMatch(svg, /data-bound=/);
});

test('the page allows only its own nonce-carrying script and style, and loads nothing from elsewhere', () => {
  const html = renderPlanWebview(planOf(webManifests()), OPTIONS);
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1];
  assert.ok(csp);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'nonce-n0nce';/);
  assert.match(csp, /style-src 'nonce-n0nce';/);
  assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="n0nce">']);
  assert.deepEqual(html.match(/<style[^>]*>/g), ['<style nonce="n0nce">']);
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
  assert.doesNotMatch(html, /\sstyle=/i, 'no style attributes: the policy would block them');
  assert.doesNotMatch(html, /(?:src|href)="(?:https?:)?\/\//i, 'no remote resources');
});

test("in the editor the page's colours are the theme's, with no defaults of its own", () => {
  const html = renderPlanWebview(planOf(webManifests()), OPTIONS);
  assert.match(html, /--plan-fg: var\(--vscode-foreground\);/);
  assert.match(html, /--plan-bg: var\(--vscode-editor-background\);/);
  assert.doesNotMatch(html, /prefers-color-scheme/);
});

test('names and messages from the manifests and the cluster are escaped', () => {
  const response = planOf(webManifests());
  const plan = structuredClone(response.plan!);
  plan.notes.push('<img src=x onerror="alert(1)">');
  plan.nodes[1]!.labels['topology.kubernetes.io/zone'] = '</h3><script>alert(2)</script>';
  const html = renderPlanWebview({ ...response, plan }, { ...OPTIONS, subject: 'a<b>.yaml', focus: '"><script>' });
  assert.doesNotMatch(html, /<img/);
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/);
  assert.match(html, /Plan: a&lt;b&gt;\.yaml/);
});

test('every node box shows cpu, memory and pod-count bars against allocatable', () => {
  const html = renderPlanWebview(planOf(webManifests()), OPTIONS);
  const worker = html.slice(html.indexOf('<h3>worker-1'), html.indexOf('<h3>worker-2'));
  // 10 pods of 100m / 128Mi each over three workers: the scheduler's spread puts 3 or 4 on worker-1.
  assert.match(worker, /data-resource="cpu"><span>cpu<\/span><svg[\s\S]*?<span>(300m|400m) \/ 3900m<\/span>/);
  assert.match(worker, /data-resource="memory">[\s\S]*?<span>(384Mi|512Mi) \/ 15Gi<\/span>/);
  assert.match(worker, /data-resource="pods">[\s\S]*?<span>(3|4) \/ 110<\/span>/);
});

test("Pending pods are set apart with the scheduler's reason", () => {
  const response = planOf(webManifests() + BIG);
  const pending = response.plan!.pods.filter((pod) => pod.node === null);
  assert.equal(pending.length, 1);
  const html = renderPlanWebview(response, OPTIONS);
  const section = html.slice(html.indexOf('<h2>Pending pods (1)</h2>'));
  assert.ok(html.includes('<h2>Pending pods (1)</h2>'));
  assert.match(section, /<ul class="pending"><li data-key="Pod\/default\/big-/);
  assert.match(section, /Insufficient cpu/);
  assert.doesNotMatch(section.slice(0, section.indexOf('</ul>')), /web-/, 'scheduled pods are not in the Pending list');
});

test('a pod, a Service and a rollout link to the line of the manifest that makes them', () => {
  const text = webManifests('v2');
  const html = renderPlanWebview(planOf(text, [webManifests()]), OPTIONS);
  const link = (line: number) => `data-uri="${WEB_URI}" data-line="${line}" data-character="0"`;
  assert.match(html, new RegExp(`<section class="rollout" data-key="Deployment/shop/web"><h3><a href="#" ${link(0)}>shop/web</a>`));
  assert.match(html, new RegExp(`<tr data-key="Service/shop/web"><td><a href="#" ${link(lineOf(text, 'apiVersion: v1'))}>shop/web</a>`));
  assert.match(html, new RegExp(`<span class="pod" data-key="Pod/shop/web-[a-z0-9]+-[a-z0-9]+"><a href="#" ${link(0)}>`));
});

test('the page opens at the object it was asked for', () => {
  const html = renderPlanWebview(planOf(webManifests()), { ...OPTIONS, focus: 'Service/shop/web' });
  assert.match(html, /<body data-focus="Service\/shop\/web">/);
});

test('manifests with errors give a message with their places and a way to the Problems panel, not an empty page', () => {
  const response = planResponse(
    planTexts({
      manifests: [{ file: WEB_URI, text: webManifests().replace('replicas: 10', 'replicas: -1') }],
      current: [],
      cluster: undefined,
      kubernetesVersion: '1.36',
      rules: {},
      newPodsReady: true,
      now: 0,
    }),
  );
  assert.equal(response.plan, null);
  const html = renderPlanWebview(response, OPTIONS);
  assert.match(html, /No plan: the manifests have 1 error\./);
  assert.match(html, /<button type="button" class="primary" data-command="workbench.actions.view.problems">Show Problems<\/button>/);
  assert.match(
    html,
    /<a href="#" data-uri="file:\/\/\/workspace\/web.yaml" data-line="6" data-character="\d+">web.yaml:7<\/a> <span class="problem-message">spec.replicas: Invalid value: -1: must be greater than or equal to 0/,
  );
});

test('the summary counts what the plan holds, one of a kind in the singular', () => {
  const html = renderPlanWebview(planOf(webManifests()), OPTIONS);
  assert.match(html, /<p class="summary">Kubernetes 1\.36 · 4 nodes · 10 pods \(10 scheduled, 0 pending\) · 1 rollout · 1 service · 0 ingresses · 0 CronJobs<\/p>/);
});

test('the page lists what the API server refused, with its message', () => {
  const html = renderPlanWebview(planOf('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priorityClassName: missing\n  containers: [{name: c, image: "x:1"}]\n'), OPTIONS);
  assert.match(html, /<h2>API server<\/h2>/);
  assert.match(html, /refused: pods &quot;p&quot; is forbidden: no PriorityClass with name missing was found/);
});

// pkg/controller/statefulset/stateful_set_control.go updateStatefulSet: with partition 2 of 3 replicas only
// ordinal 2 is replaced.
test("the page shows a StatefulSet's rollout with its partition and the pods deleted in order", () => {
  const statefulSet = (image: string) =>
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  replicas: 3\n  serviceName: db\n  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: "${image}"}]\n`;
  const html = renderPlanWebview(planOf(statefulSet('db:2'), [statefulSet('db:1')]), OPTIONS);
  assert.match(html, /<h2>StatefulSet and DaemonSet rollouts<\/h2>/);
  assert.match(html, /<td>partition 2, maxUnavailable 1<\/td><td>1 of 3<\/td><td>db-2<\/td><td>partitioned<\/td>/);
});

// kubernetes/dns docs/specification.md 2.4.1: a ClusterIP Service has an A record <service>.<ns>.svc.<zone>.
test("the page lists a Service's DNS record", () => {
  const html = renderPlanWebview(planOf(webManifests()), OPTIONS);
  assert.match(html, /<h2>DNS<\/h2>/);
  assert.match(html, /<code>web\.shop\.svc\.cluster\.local<\/code><\/td><td>A<\/td>/);
});

// pkg/kubelet/kubelet_pods.go makeEnvironmentVariables: a configMapKeyRef to a ConfigMap that does not exist fails
// the container's start with `configmap "settings" not found` (CreateContainerConfigError).
test('the page lists pods the kubelet holds, with its reason and message', () => {
  const manifests = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: shop}\ndata: {a: b}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n  - name: c\n    image: "x:1"\n    env:\n    - name: MODE\n      valueFrom: {configMapKeyRef: {name: settings, key: mode}}\n`;
  const html = renderPlanWebview(planOf(manifests), OPTIONS);
  assert.match(html, /<h2>Bound but not started \(1\)<\/h2>/);
  assert.match(html, /CreateContainerConfigError: configmap &quot;settings&quot; not found/);
});

// pkg/controller/volume/persistentvolume/pv_controller.go syncUnboundClaim: a claim with no class and no volume to
// bind stays Pending.
test('the page lists PersistentVolumeClaims with their phase', () => {
  const html = renderPlanWebview(
    planOf('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n'),
    OPTIONS,
  );
  assert.match(html, /<h2>PersistentVolumeClaims<\/h2>/);
  assert.match(html, /default\/data<\/a><\/td><td><span class="reason">Pending<\/span><\/td><td>-<\/td><td>-<\/td>/);
});

// Gateway API, HTTPRoute's PathMatch: a rule without matches matches PathPrefix "/".
test("the page lists a Gateway's routes down to the Service's endpoints", () => {
  const gateway =
    'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: example}\nspec: {controllerName: example.com/gateway}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: edge, namespace: shop}\nspec:\n  gatewayClassName: example\n  listeners: [{name: http, protocol: HTTP, port: 80}]\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop, namespace: shop}\nspec:\n  parentRefs: [{name: edge}]\n  rules: [{backendRefs: [{name: web, port: 80}]}]\n';
  const html = renderPlanWebview(planOf(`${webManifests()}---\n${gateway}`), OPTIONS);
  assert.match(html, /<h2>Gateway routes<\/h2>/);
  assert.match(html, /<td>shop\/edge\/http<\/td><td>\*<\/td><td>PathPrefix \/<\/td>/);
});

test('the webview page offers Refresh, which plans the same request again', () => {
  const html = renderPlanWebview(planOf(webManifests()), OPTIONS);
  assert.match(html, /<div class="toolbar"><button type="button" data-command="kubeplan.refreshPlan">Refresh<\/button>/);
});

test('an out-of-date plan carries why above it, escaped, in the webview only', () => {
  const stale = 'Out of date: <web>.yaml was edited. Planning again… The plan below was made at 10:02:13.';
  const html = renderPlanWebview(planOf(webManifests()), { ...OPTIONS, stale });
  assert.match(html, /<body data-focus="">\n<div class="stale" role="status">Out of date: &lt;web&gt;\.yaml was edited\. Planning again… The plan below was made at 10:02:13\.<\/div>\n<h1>/);
  assert.equal(renderPlanPage(planOf(webManifests()), { host: { kind: 'file' }, subject: 'web.yaml', clusterLabel: 'embedded', stale }).includes('class="stale"'), false);
});
