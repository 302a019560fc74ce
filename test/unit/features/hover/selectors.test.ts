import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverText } from './hover-helpers';

const deployment = (name: string, labels: string, ports = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27${ports}
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web, tier: front}
  ports:
    - port: 80
      targetPort: http
`;

const WORKSPACE = {
  'web.yaml': deployment('web', '{app: web, tier: front}', '\n          ports: [{name: http, containerPort: 8080}]'),
  'api.yaml': deployment('api', '{app: api, tier: front}'),
  'worker.yaml': deployment('worker', '{app: web}'),
};

test('a Service selector lists the templates it selects and, for the others, the label that differs', () => {
  const markdown = hoverText(SERVICE, 'tier: front', { workspace: WORKSPACE });
  assert.match(markdown, /- ✓ Deployment\/web/);
  assert.match(markdown, /- ✗ Deployment\/api: `app` is `api`, not `web`/);
  assert.match(markdown, /- ✗ Deployment\/worker: no label `tier`/);
});

test('a Deployment selector is checked against its own template', () => {
  const text = deployment('web', '{app: web}').replace('selector: {matchLabels: {app: web}}', 'selector: {matchLabels: {app: website}}');
  const markdown = hoverText(text, 'website');
  assert.match(markdown, /- ✗ its own pod template: `app` is `web`, not `website`/);
});

test('a failing match expression is named', () => {
  const text = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 1
  selector:
    matchExpressions:
      - {key: tier, operator: In, values: [back]}
`;
  const markdown = hoverText(text, 'operator', { workspace: WORKSPACE });
  assert.match(markdown, /- ✗ Deployment\/web: `tier In \(back\)` fails: `tier` is `front`/);
  assert.match(markdown, /- ✗ Deployment\/worker: `tier In \(back\)` fails: no label `tier`/);
});

test("a pod template's labels list the Services that select them, and why not", () => {
  const workspace = { 'service.yaml': SERVICE };
  assert.match(hoverText(WORKSPACE['web.yaml'], 'labels: {app: web', { n: 10, workspace }), /\*\*Selected by\*\*\n\n- ✓ Service\/web/);
  assert.match(hoverText(WORKSPACE['api.yaml'], 'labels: {app: api', { n: 10, workspace }), /- ✗ Service\/web: `app` is `api`, not `web`/);
});

test('a Service port resolves a named targetPort to the container port', () => {
  const markdown = hoverText(SERVICE, 'targetPort: http', { n: 12, workspace: WORKSPACE });
  assert.match(markdown, /\*\*Port 80\/TCP\*\* → targetPort `http`/);
  assert.match(markdown, /- Deployment\/web: container `web` port 8080 \(`http`\)/);
});

test('a named targetPort no selected container declares gives no endpoint', () => {
  const markdown = hoverText(SERVICE, 'port: 80', { workspace: { 'web.yaml': deployment('web', '{app: web, tier: front}') } });
  assert.match(markdown, /- Deployment\/web: no TCP container port named `http`: these pods get no endpoint for this port/);
});
