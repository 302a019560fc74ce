/** CodeLens texts above Deployments, Services and CronJobs, from the plan of their document. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlannedCronJob } from '../../../server/src/protocol/plan';
import { nextRunTitle, planLenses } from '../../../server/src/features/plan-code-lens';
import { planTexts, type PlanTexts } from '../../../server/src/plan/plan-texts';
import { renderPlanText } from '../../../server/src/plan/plan-render';
import { validateText } from '../../../server/src/check/validate-text';
import { WEB_URI, webManifests } from './manifests';

const NOW = Date.parse('2026-11-23T03:00:00Z');

function lensTitles(text: string, options: Partial<PlanTexts> = {}): string[] {
  const input: PlanTexts = { manifests: [{ file: WEB_URI, text }], current: [], cluster: undefined, kubernetesVersion: '1.36', rules: {}, newPodsReady: true, now: NOW, ...options };
  const { plan } = planTexts(input);
  assert.ok(plan, 'no plan');
  return planLenses(validateText(text, { kubernetesVersion: '1.36' }).objects, plan).map((lens) => lens.title);
}

// maxSurge 25% of 10 rounds up to 3 (≤ 13 pods), maxUnavailable 25% of 10 rounds down to 2 (≥ 8 available).
test('a new Deployment of 10 replicas at 25%/25% is created in one step with at most 13 pods and at least 8 available', () => {
  assert.equal(lensTitles(webManifests())[0], 'rollout: 1 step, ≤13 pods, ≥8 available');
});

// From 10 available old pods: +3 new then -2 old (13 - 8 - 3 unavailable new), +2 new, -5 old, +5 new, -3 old.
test('changing the image of 10 running replicas at 25%/25% takes 5 steps', () => {
  const titles = lensTitles(webManifests('v2'), { current: [{ file: 'file:///head/web.yaml', text: webManifests('v1') }] });
  assert.equal(titles[0], 'rollout: 5 steps, ≤13 pods, ≥8 available');
});

test('a Service counts the ready pods it selects as endpoints', () => {
  assert.equal(lensTitles(webManifests())[1], '10 endpoints');
});

test('a Service whose pods never become ready has no endpoints, and says how many are not ready', () => {
  assert.equal(lensTitles(webManifests(), { newPodsReady: false })[1], 'no endpoints (10 not ready)');
});

test('a Service that selects no pod has no endpoints', () => {
  const text = webManifests().replace('selector: {app: web}', 'selector: {app: api}');
  assert.equal(lensTitles(text)[1], 'no endpoints');
});

test('each lens opens the plan at its object', () => {
  const text = webManifests();
  const { plan } = planTexts({ manifests: [{ file: WEB_URI, text }], current: [], cluster: undefined, kubernetesVersion: '1.36', rules: {}, newPodsReady: true, now: NOW });
  const lenses = planLenses(validateText(text, { kubernetesVersion: '1.36' }).objects, plan!);
  assert.deepEqual(
    lenses.map((lens) => [lens.target, lens.offset]),
    [
      ['Deployment/shop/web', 0],
      ['Service/shop/web', text.indexOf('apiVersion: v1')],
    ],
  );
});

const cronJob = (nextRuns: string[], timeZone: string | null): PlannedCronJob => ({ name: 'report', namespace: 'default', schedule: '0 9 * * 1', timeZone, nextRuns, suspended: false });

// 2026-11-30 is a Monday; Asia/Seoul is UTC+9 all year.
test('a CronJob names its next run in its own time zone', () => {
  assert.equal(nextRunTitle(cronJob(['2026-11-30T00:00:00Z'], 'Asia/Seoul')), 'next: Mon 09:00 Asia/Seoul');
});

test('a CronJob without a time zone names its next run in UTC', () => {
  assert.equal(nextRunTitle(cronJob(['2026-11-29T23:30:00Z'], null)), 'next: Sun 23:30 UTC');
});

test('a CronJob whose schedule never fires says so', () => {
  assert.equal(nextRunTitle(cronJob([], null)), 'next: never');
});

test('a suspended CronJob has no next run', () => {
  assert.equal(nextRunTitle({ ...cronJob(['2026-11-30T00:00:00Z'], null), suspended: true }), 'suspended: no runs');
});

// The EndpointSlice controller (staging/src/k8s.io/endpointslice utils.go getEndpointPorts) skips a Service port for
// which FindPort (pkg/api/v1/pod/util.go) finds no container port of that name: the 10 pods stay in a slice with no
// ports, and kube-proxy sends them nothing.
test('a Service whose named targetPort no selected pod declares has no endpoints, and says why', () => {
  const text = webManifests().replace('targetPort: http}', 'targetPort: htttp}');
  assert.equal(lensTitles(text)[1], 'no endpoints: targetPort htttp resolves for none of the 10 selected pods');
});

test("the plan's text gives the Service whose targetPort resolves for no pod no endpoint, as its lens does", () => {
  const text = webManifests().replace('targetPort: http}', 'targetPort: htttp}');
  const { plan } = planTexts({ manifests: [{ file: WEB_URI, text }], current: [], cluster: undefined, kubernetesVersion: '1.36', rules: {}, newPodsReady: true, now: NOW });
  const row = renderPlanText(plan!)
    .split('\n')
    .find((line) => line.includes('shop/web') && line.includes('80→htttp/TCP'));
  assert.match(row ?? '', /none: targetPort htttp resolves for none of the 10 selected pods/);
});
