/** What the index keeps of an object on disk: enough for every cross-object rule to reach the same verdict. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
