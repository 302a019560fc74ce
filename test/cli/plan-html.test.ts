/**
 * `kubeplan plan --output html`: the editor's plan page written as one file a browser opens, as a CI job keeps it.
 * The real binary on real files; the page is read as text.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir, repoRoot } from '../helpers/repo-paths';
import { planTextsInput } from '../../server/src/cli/plan-command';
import { parsePlanArgs } from '../../server/src/cli/plan-args';
import { planResponse, planTexts } from '../../server/src/plan/plan-texts';
import { renderPlanWebview } from '../../client/src/plan-view/webview-page';

const NOW = '2026-03-01T10:07:00Z';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-plan-html-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function planPage(args: readonly string[], expectedStatus = 0): { page: string; stderr: string } {
  const run = runCli(['plan', '--output', 'html', '--now', NOW, ...args]);
  assert.equal(run.status, expectedStatus, run.stderr);
  return { page: run.stdout, stderr: run.stderr };
}

/** The section headings a reader sees: the h2 headings and the events' summary line. */
function headings(page: string): string[] {
  return [...page.matchAll(/<h2>([^<]*)<\/h2>|<summary class="events-heading">([^<]*)<\/summary>/g)].map((match) => match[1] ?? match[2] ?? '');
}

test('the examples give one complete HTML document with its style sheet inline and no script', () => {
  const { page, stderr } = planPage(['examples']);
  assert.equal(stderr, '');
  assert.ok(page.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="UTF-8">\n'), page.slice(0, 200));
  assert.ok(page.endsWith('</body>\n</html>\n'));
  assert.equal(page.match(/<style[\s>]/g)?.length, 1);
  assert.doesNotMatch(page, /<script/i, 'a file runs no script');
  assert.doesNotMatch(page, /acquireVsCodeApi/, 'nothing that exists only in the editor');
});

test("the page's policy allows nothing but its own style sheet, named by its SHA-256 hash", () => {
  const { page } = planPage(['examples']);
  const style = page.match(/<style>([\s\S]*?)<\/style>/)?.[1];
  assert.ok(style !== undefined);
  // CSP Level 2 hash sources: base64 of the SHA-256 digest of the element's text, exactly as written.
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none';">`), page.slice(0, 400));
});

test('the page loads nothing from elsewhere: no http(s) address, no import, no url() in its style', () => {
  const { page } = planPage(['examples']);
  assert.doesNotMatch(page, /https?:\/\//i);
  assert.doesNotMatch(page, /(?:src|href)="[^"#]/i);
  assert.doesNotMatch(page, /@import|url\(/i);
});

test('without an editor theme the page sets its own colours, light and dark as the system prefers', () => {
  const { page } = planPage(['examples']);
  assert.doesNotMatch(page, /--vscode-/, 'no variable only the editor sets');
  assert.match(page, /:root \{\n {2}color-scheme: light dark;[^}]*--plan-fg: #1f2328;[^}]*--plan-bg: #ffffff;/);
  assert.match(page, /@media \(prefers-color-scheme: dark\) \{\n {2}:root \{\n {4}--plan-fg: #e6edf3;\n {4}--plan-bg: #0d1117;/);
});

// The examples hold one Deployment, one Service, one Ingress and one CronJob (and a ConfigMap, a Secret and their
// Namespace, which the plan has no section for); the embedded cluster has four nodes.
test("the page has every section the editor's plan panel shows for the same plan", () => {
  const { page } = planPage(['examples']);
  const fromCommandLine = planTextsInput({ ...parsePlanArgs(['--now', NOW, path.join(repoRoot, 'examples')]), now: Date.parse(NOW), rules: {} });
  const panel = renderPlanWebview(planResponse(planTexts(fromCommandLine)), { nonce: 'n', cspSource: 'vscode-webview://x', subject: 'examples', clusterLabel: 'embedded' });
  assert.deepEqual(headings(page), headings(panel));
  assert.deepEqual(headings(page).slice(0, 6), ['Nodes', 'Rollouts', 'Services', 'Ingress routes', 'DNS', 'CronJob next runs']);
  assert.match(headings(page)[6] ?? '', /^Events \(\d+\)$/);
  assert.match(page, /<p class="summary">Kubernetes 1\.36 · 4 nodes · 3 pods \(3 scheduled, 0 pending\) · 1 rollout · 1 service · 1 ingress · 1 CronJob<\/p>/);
});

test('no button of the editor is on the page; the heading names the paths and the cluster', () => {
  const { page } = planPage(['examples']);
  assert.doesNotMatch(page, /<button|data-command=/);
  assert.match(page, /<h1>Plan: examples<\/h1>\n<p class="muted">Cluster: embedded<\/p>/);
});

test('where an object is written is a tooltip with the path and line, not a link to open', () => {
  const { page } = planPage(['examples']);
  assert.doesNotMatch(page, /<a |data-uri=/);
  assert.match(page, /<section class="rollout" data-key="Deployment\/bookshelf\/bookshelf-web"><h3><span class="source" title="examples\/deployment\.yaml:1">bookshelf\/bookshelf-web<\/span>/);
});

// pkg/controller/deployment/util/deployment_util.go ResolveFenceposts: maxSurge 25% of 10 rounds up to 3,
// maxUnavailable 25% rounds down to 2; the rollout keeps at most 13 pods and at least 8 available.
test('a rollout from --from is drawn as its chart with the maxTotal and minAvailable lines', () => {
  const { page } = planPage(['--from', path.join(fixturesDir, 'plan', 'web-v1.yaml'), path.join(fixturesDir, 'plan', 'web-v2.yaml')]);
  assert.match(page, /<h1>Plan: \S+web-v2\.yaml \(changes against \S+web-v1\.yaml\)<\/h1>/);
  assert.match(page, /10 replicas, maxSurge 3, maxUnavailable 2: at most 13 pods, at least 8 available/);
  assert.match(page, /<svg class="rollout-chart"[^>]*>.*<line class="bound bound-maxTotal" data-bound="maxTotal"[^>]*\/><text class="bound-label"[^>]*>max 13 pods<\/text>/);
  assert.match(page, /<text class="bound-label"[^>]*>min 8 available<\/text>/);
});

test('a label value of a cluster file that holds markup is escaped', () => {
  const cluster = path.join(scratch, 'cluster.yaml');
  fs.writeFileSync(
    cluster,
    'apiVersion: v1\nkind: Node\nmetadata:\n  name: edge-1\n  labels: {topology.kubernetes.io/zone: "</h3><script>alert(1)</script>"}\nstatus:\n  allocatable: {cpu: "2", memory: 4Gi, pods: "10"}\n',
  );
  const { page } = planPage(['--cluster', cluster, 'examples']);
  assert.doesNotMatch(page, /<script/i);
  assert.match(page, /<div class="node"><h3>edge-1 <span class="muted">&lt;\/h3&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/span><\/h3>/);
  assert.match(page, /<p class="muted">Cluster: cluster\.yaml<\/p>/);
});

// staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsValidLabelValue: a label value must start and
// end with an alphanumeric character, so the API server refuses the Deployment and nothing can be planned.
test('manifests with errors give a page of the errors at their places, exit 1, and the errors in the log', () => {
  const manifest = path.join(scratch, 'web.yaml');
  fs.writeFileSync(manifest, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  labels:\n    app: "<script>alert(1)</script>"\ndata: {a: b}\n');
  const { page, stderr } = planPage([manifest], 1);
  assert.doesNotMatch(page, /<script|<button/i);
  assert.match(page, /<p class="problem-message">No plan: the manifests have 1 error\./);
  const place = `${manifest}:6`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.match(page, new RegExp(`<li>${place} <span class="problem-message">metadata\\.labels: Invalid value: &quot;&lt;script&gt;alert\\(1\\)&lt;/script&gt;&quot;: a valid label must be`));
  assert.match(stderr, /web\.yaml:6:\d+: error: metadata\.labels: Invalid value: "<script>alert\(1\)<\/script>": a valid label must be/);
});

// test/fixtures/plan/network-policies.yaml: three NetworkPolicies of namespace shop (staging/src/k8s.io/api/networking/v1/
// types.go NetworkPolicySpec). Of the 13 pairs they affect, only shop/web → shop/db on 5432 (the Service and the
// workload) is allowed; default/web of drain-budget.yaml is let into shop by no rule, shop/db may send nothing, and
// shop/web may send only to db. kubectl drain (staging/src/k8s.io/kubectl/pkg/drain/drain.go) of worker-1 is the scenario.
test('the file page has sections for the NetworkPolicies, their reachability and a drain scenario', () => {
  const { page } = planPage(['--drain', 'worker-1', path.join(fixturesDir, 'plan', 'drain-budget.yaml'), path.join(fixturesDir, 'plan', 'network-policies.yaml')]);
  assert.doesNotMatch(page, /Not on this page/);
  assert.deepEqual(headings(page).slice(-4, -1), ['NetworkPolicies', 'Reachability (11 refused, 2 allowed)', 'Scenario']);
  assert.match(page, /<p class="verdict-survives">survives: every Service kept a ready endpoint<\/p>/);
});
