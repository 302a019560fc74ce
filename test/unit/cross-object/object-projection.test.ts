/** What the index keeps of an object on disk: enough for every cross-object rule to reach the same verdict. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { objectAt, stringAt, type PlainObject } from '../../../server/src/kube/plain-values';
import { runCrossObjectRules } from '../../../server/src/rules/cross-object/run-cross-object-rules';
import type { WorkspaceObject } from '../../../server/src/catalog/workspace-object';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';
import { validateText } from '../../../server/src/check/validate-text';
import { projectObject } from '../../../server/src/workspace/object-projection';
import { deployment, service } from './workspace';

const podSpec = `      containers:
        - name: app
          image: nginx:1.27
          command: [nginx, -g, daemon off;]
          env:
            - {name: PLAIN, value: a long literal}
            - {name: FROM, valueFrom: {configMapKeyRef: {name: settings, key: levl}}}
          ports: [{name: http, containerPort: 8080}]`;
const files: Record<string, string> = {
  'deploy.yaml': deployment('web', '{app: web}', { podSpec }),
  'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{port: 80, targetPort: htp}]'),
  'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, annotations: {big: "x"}}\ndata: {level: debug}\n',
};

function objects(project: boolean): WorkspaceObject[] {
  return Object.entries(files).flatMap(([file, text]) =>
    validateText(text, { kubernetesVersion: DEFAULT_VERSION }).objects.map((object) => ({ ...object, file, value: project ? projectObject(object.value) : object.value })),
  );
}

test('rules find the same on projected objects as on whole ones', () => {
  const verdicts = (project: boolean) => runCrossObjectRules(objects(project)).map((finding) => `${finding.file} ${finding.rule} ${finding.path}`);
  assert.deepEqual(verdicts(true), verdicts(false));
  assert.equal(verdicts(true).length, 2);
});

test('the projection drops literal env values, images, annotations and data values', () => {
  const projected = JSON.stringify(objects(true).map((object) => object.value));
  for (const dropped of ['a long literal', 'nginx:1.27', 'daemon off', '"big"', 'debug']) assert.ok(!projected.includes(dropped), dropped);
});

test('objects no rule reads beyond their name keep only their identity', () => {
  const priority = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high', labels: { a: 'b' } }, value: 1000, description: 'long text' };
  assert.deepEqual(JSON.parse(JSON.stringify(projectObject(priority))), { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high', labels: { a: 'b' } } });
});

test('roles, bindings and NetworkPolicies keep what RBAC grants and what a policy selects', () => {
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'reader' },
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] },
    rules: [{ verbs: ['get'] }],
  };
  const binding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'ci', namespace: 'shop' },
    roleRef: { kind: 'Role', name: 'deployer' },
    subjects: [{ kind: 'ServiceAccount', name: 'ci' }],
  };
  const policy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'web' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] },
  };
  for (const object of [role, binding, policy]) assert.deepEqual(JSON.parse(JSON.stringify(projectObject(object))), object);
});

test('the projection keeps the ignore annotation, which suppresses cross-object findings about the object', () => {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', annotations: { 'kubeplan.dev/ignore': 'service-selects-nothing', note: 'long text' } } };
  assert.deepEqual(JSON.parse(JSON.stringify(projectObject(service))), {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', annotations: { 'kubeplan.dev/ignore': 'service-selects-nothing' } },
  });
});

/** Heap in use once the collector has run (`--expose-gc` set from here, as the test runner does not pass it). */
function heapAfterCollection(): number {
  v8.setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

test('the projection keeps none of the text its strings were read from', () => {
  const service = (i: number, note: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: a-service-with-a-long-name-${i}\n  labels: {app.kubernetes.io/name: a-long-label-value-${i}}\n  annotations: {note: ${note}}\nspec:\n  selector: {app.kubernetes.io/name: a-long-label-value-${i}}\n  ports: [{name: a-long-port-name, port: 80}]\n`;
  // Schemas and validators loaded, and the memos of texts every object repeats filled, before the heap is read.
  validateText(service(-1, 'x'), { kubernetesVersion: DEFAULT_VERSION, cache: false });
  const before = heapAfterCollection();
  // 400 documents of 20,000 characters: decoded the fast way, their names and labels are slices of their texts.
  const kept: PlainObject[] = [];
  for (let i = 0; i < 400; i++) kept.push(projectObject(validateText(service(i, 'x'.repeat(20_000)), { kubernetesVersion: DEFAULT_VERSION, cache: false }).objects[0]!.value));
  const retained = heapAfterCollection() - before;
  assert.equal(stringAt(objectAt(kept[399], 'metadata'), 'name'), 'a-service-with-a-long-name-399');
  // The texts add up to 8 MB; 400 projections to well under a megabyte.
  assert.ok(retained < 4_000_000, `${retained} bytes retained`);
});
