/** Names, keys, labels and ports offered from the workspace's other objects. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionsAt } from '../../../server/src/features/completion';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';
import { withCursor } from './cursor-text';
import { catalogOf, CONFIG_MAP, DEPLOYMENT, SECRET, SERVICE } from '../../helpers/workspace-manifests';

const catalog = catalogOf({ 'config.yaml': CONFIG_MAP, 'secret.yaml': SECRET, 'service.yaml': SERVICE, 'deployment.yaml': DEPLOYMENT });

function labels(marked: string): string[] {
  const { text, offset } = withCursor(marked);
  return completionsAt(text, offset, DEFAULT_VERSION, catalog).map((entry) => entry.label);
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: job\nspec:\n  containers:\n    - name: job\n      image: busybox:1.36\n';

test('a configMapKeyRef name offers the ConfigMaps of the namespace', () => {
  assert.deepEqual(labels(`${POD}      env:\n        - name: A\n          valueFrom:\n            configMapKeyRef:\n              name: |\n`), ['settings']);
});

test('a configMapKeyRef key offers the keys of the ConfigMap it names', () => {
  assert.deepEqual(labels(`${POD}      env:\n        - name: A\n          valueFrom:\n            configMapKeyRef:\n              name: settings\n              key: |\n`), ['LOG_LEVEL', 'MODE']);
});

test('a secret volume offers the Secrets, and its items the Secret keys', () => {
  assert.deepEqual(labels(`${POD}  volumes:\n    - name: creds\n      secret:\n        secretName: |\n`), ['credentials']);
  assert.deepEqual(labels(`${POD}  volumes:\n    - name: creds\n      secret:\n        secretName: credentials\n        items:\n          - key: |\n`), ['password']);
});

test('objects of another namespace are not offered', () => {
  assert.deepEqual(labels(`${POD.replace('name: job\nspec', 'name: job\n  namespace: other\nspec')}      envFrom:\n        - configMapRef:\n            name: |\n`), []);
});

test('a Service selector offers the pod template label keys not yet written, then their values', () => {
  const head = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: web\n';
  assert.ok(labels(`${head}    |\n`).includes('tier'));
  assert.ok(!labels(`${head}    |\n`).includes('app'));
  assert.deepEqual(labels(`${head}    tier: |\n`), ['frontend']);
});

test('matchLabels offers the pod template label keys', () => {
  const offered = labels('apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      |\n');
  assert.deepEqual(offered.sort(), ['app', 'tier']);
});

test('an Ingress backend offers the Services, then the port names of the Service it names', () => {
  const head = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n';
  assert.deepEqual(labels(`${head}      name: |\n`), ['web']);
  assert.deepEqual(labels(`${head}      name: web\n      port:\n        name: |\n`), ['http']);
  assert.deepEqual(labels(`${head}      name: web\n      port:\n        number: |\n`), ['80']);
});

test('a Service targetPort offers the container port names of the namespace', () => {
  assert.deepEqual(labels('apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n    - port: 80\n      targetPort: |\n'), ['http']);
});

const WORKERS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
        - name: worker
          image: worker:1
          ports:
            - name: metrics
              containerPort: 9090
            - containerPort: 7000
`;
const withWorkers = catalogOf({ 'deployment.yaml': DEPLOYMENT, 'worker.yaml': WORKERS });

function targetPorts(selector: string): [string, string | undefined, string][] {
  const { text, offset } = withCursor(`apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n${selector}  ports:\n    - port: 80\n      targetPort: |\n`);
  return completionsAt(text, offset, DEFAULT_VERSION, withWorkers)
    .sort((a, b) => (a.sortText < b.sortText ? -1 : 1))
    .map((entry) => [entry.label, entry.detail, entry.sortText]);
}

// pkg/api/v1/pod/util.go FindPort: a named targetPort is looked up among the selected pod's containers' ports.
test("a Service targetPort offers the selected pods' container ports first, by name and by number", () => {
  assert.deepEqual(targetPorts('  selector:\n    app: worker\n'), [
    ['metrics', 'containerPort 9090 of Deployment worker', '0000'],
    ['9090', 'containerPort metrics of Deployment worker', '0001'],
    ['7000', 'containerPort of Deployment worker', '0002'],
    ['http', 'containerPort 8080 of Deployment web', '1http'],
  ]);
});

test('a Service targetPort finds a selector written as a flow mapping on its line', () => {
  assert.deepEqual(targetPorts('  selector: {app: worker}\n'), targetPorts('  selector:\n    app: worker\n'));
});

test('a Service targetPort written after the ports still finds the selector below them', () => {
  const { text, offset } = withCursor('apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  ports:\n    - port: 80\n      targetPort: |\n  selector:\n    app: web\n');
  assert.deepEqual(
    completionsAt(text, offset, DEFAULT_VERSION, withWorkers)
      .sort((a, b) => (a.sortText < b.sortText ? -1 : 1))
      .map((entry) => entry.label),
    ['http', '8080', 'metrics'],
  );
});

test('a Service without a selector offers the port names of every pod template, by name', () => {
  assert.deepEqual(
    targetPorts('').map(([label]) => label),
    ['http', 'metrics'],
  );
});

test('names written in the file being edited are offered before those of other files', () => {
  const here = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: zeta\n---\n${POD}      envFrom:\n        - configMapRef:\n            name: |\n`;
  const { text, offset } = withCursor(here);
  const files = catalogOf({ 'config.yaml': CONFIG_MAP, 'here.yaml': text });
  assert.deepEqual(
    completionsAt(text, offset, DEFAULT_VERSION, files, 'here.yaml')
      .sort((a, b) => (a.sortText < b.sortText ? -1 : 1))
      .map((entry) => entry.label),
    ['zeta', 'settings'],
  );
});

test('selector label values of the file being edited come before those of other files', () => {
  const here = `${WORKERS}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: |\n`;
  const { text, offset } = withCursor(here);
  const files = catalogOf({ 'deployment.yaml': DEPLOYMENT, 'here.yaml': text });
  assert.deepEqual(
    completionsAt(text, offset, DEFAULT_VERSION, files, 'here.yaml')
      .sort((a, b) => (a.sortText < b.sortText ? -1 : 1))
      .map((entry) => entry.label),
    ['worker', 'web'],
  );
});
