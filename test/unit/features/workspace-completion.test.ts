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
