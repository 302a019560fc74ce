import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rolloutMarkdown } from '../../../../server/src/features/hover/rollout';
import { hoverText } from './hover-helpers';

const spec = (replicas: number | undefined, rollingUpdate?: Record<string, number | string>) => ({
  ...(replicas === undefined ? {} : { replicas }),
  ...(rollingUpdate ? { strategy: { rollingUpdate } } : {}),
});

test('25% of 10 replicas: 3 surge pods rounded up, 2 unavailable rounded down', () => {
  const text = rolloutMarkdown(spec(10));
  assert.match(text, /maxSurge `25%` \(default\) of 10 replicas → 3 \(rounded up\): at most 13 pods during a rollout/);
  assert.match(text, /maxUnavailable `25%` \(default\) of 10 replicas → 2 \(rounded down\): at least 8 available/);
});

test('no replicas written means 1: one surge pod and none unavailable', () => {
  const text = rolloutMarkdown(spec(undefined));
  assert.match(text, /1 replica \(default\)/);
  assert.match(text, /→ 1 \(rounded up\): at most 2 pods/);
  assert.match(text, /→ 0 \(rounded down\): at least 1 available/);
});

test('maxSurge 0 and 25% of 3 both resolve to 0, so one pod may be unavailable', () => {
  const text = rolloutMarkdown(spec(3, { maxSurge: 0 }));
  assert.match(text, /maxSurge `0`: at most 3 pods/);
  assert.match(text, /both 0 would never progress, so the controller allows 1: at least 2 available/);
});

test('an integer maxUnavailable above the replicas is capped at the replicas', () => {
  const text = rolloutMarkdown(spec(5, { maxSurge: 3, maxUnavailable: 10 }));
  assert.match(text, /at most 8 pods/);
  assert.match(text, /capped at 5: at least 0 available/);
});

test('100% surge of 4 replicas doubles the pods during a rollout', () => {
  assert.match(rolloutMarkdown(spec(4, { maxSurge: '100%', maxUnavailable: '25%' })), /→ 4 \(rounded up\): at most 8 pods.*\n.*→ 1 \(rounded down\): at least 3 available/);
});

test('Recreate has no surge and no availability during a rollout', () => {
  assert.match(rolloutMarkdown({ replicas: 3, strategy: { type: 'Recreate' } }), /Recreate, 3 replicas\): every old pod is stopped before any new one/);
});

test('hovering maxUnavailable in a Deployment shows the resolved bounds', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 10
  strategy:
    rollingUpdate:
      maxUnavailable: 30%
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`;
  const markdown = hoverText(text, '30%');
  assert.match(markdown, /maxUnavailable `30%` of 10 replicas → 3 \(rounded down\): at least 7 available/);
  assert.match(markdown, /maxSurge `25%` \(default\) of 10 replicas → 3 \(rounded up\): at most 13 pods/);
});
