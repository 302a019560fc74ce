/** The reference graph between the workspace's objects, both ways. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linksFrom, referencesTo } from '../../../server/src/features/object-links';
import type { WorkspaceObject } from '../../../server/src/catalog/workspace-object';
import { catalogOf, CONFIG_MAP, DEPLOYMENT, HPA, INGRESS, SECRET, SERVICE } from '../../helpers/workspace-manifests';

const WORKSPACE = { 'config.yaml': CONFIG_MAP, 'secret.yaml': SECRET, 'service.yaml': SERVICE, 'deployment.yaml': DEPLOYMENT, 'ingress.yaml': INGRESS, 'hpa.yaml': HPA };

const describe = (object: WorkspaceObject): string => `${object.kind}/${object.name}`;

function objectIn(catalog: ReturnType<typeof catalogOf>, kind: string): WorkspaceObject {
  const found = catalog.ofKind(kind)[0];
  assert.ok(found, kind);
  return found;
}

test('a Deployment refers to the ConfigMap, its key and the Secret its containers read', () => {
  const catalog = catalogOf(WORKSPACE);
  const links = linksFrom(objectIn(catalog, 'Deployment'), catalog).map((link) => [link.at.join('.'), describe(link.to), link.toAt.join('.')]);
  assert.deepEqual(links, [
    ['spec.template.spec.containers.0.env.0.valueFrom.configMapKeyRef.name', 'ConfigMap/settings', 'metadata.name'],
    ['spec.template.spec.containers.0.env.0.valueFrom.configMapKeyRef.key', 'ConfigMap/settings', 'data.LOG_LEVEL'],
    ['spec.template.spec.containers.0.envFrom.0.secretRef.name', 'Secret/credentials', 'metadata.name'],
  ]);
});

test('an Ingress backend refers to its Service and to the Service port it names', () => {
  const catalog = catalogOf(WORKSPACE);
  const links = linksFrom(objectIn(catalog, 'Ingress'), catalog).map((link) => [link.at.at(-1), describe(link.to), link.toAt.join('.')]);
  assert.deepEqual(links, [
    ['name', 'Service/web', 'metadata.name'],
    ['name', 'Service/web', 'spec.ports.0.name'],
  ]);
});

test('a Service refers to the workloads whose pod labels its selector matches, and only those', () => {
  const other = DEPLOYMENT.replace(/name: web\nspec/, 'name: batch\nspec').replace(/app: web/g, 'app: batch');
  const catalog = catalogOf({ ...WORKSPACE, 'other.yaml': other });
  assert.deepEqual(
    linksFrom(objectIn(catalog, 'Service'), catalog).map((link) => [link.at.join('.'), describe(link.to)]),
    [['spec.selector', 'Deployment/web']],
  );
});

test('an autoscaler refers to its scale target', () => {
  const catalog = catalogOf(WORKSPACE);
  assert.deepEqual(
    linksFrom(objectIn(catalog, 'HorizontalPodAutoscaler'), catalog).map((link) => describe(link.to)),
    ['Deployment/web'],
  );
});

test('a reference into another namespace finds nothing', () => {
  const catalog = catalogOf({ ...WORKSPACE, 'config.yaml': CONFIG_MAP.replace('name: settings', 'name: settings\n  namespace: other') });
  assert.ok(!linksFrom(objectIn(catalog, 'Deployment'), catalog).some((link) => link.to.kind === 'ConfigMap'));
});

test('the references to a workload are the Services selecting it and the autoscalers scaling it', () => {
  const catalog = catalogOf(WORKSPACE);
  const links = referencesTo({ kind: 'Deployment', namespace: 'default', name: 'web' }, ['metadata', 'name'], catalog);
  assert.deepEqual(links.map((link) => describe(link.from)).sort(), ['HorizontalPodAutoscaler/web', 'Service/web']);
});

test('the references to a ConfigMap key are the references that read that key', () => {
  const catalog = catalogOf(WORKSPACE);
  assert.deepEqual(
    referencesTo({ kind: 'ConfigMap', namespace: 'default', name: 'settings' }, ['data', 'LOG_LEVEL'], catalog).map((link) => link.at.at(-1)),
    ['key'],
  );
  assert.deepEqual(referencesTo({ kind: 'ConfigMap', namespace: 'default', name: 'settings' }, ['data', 'MODE'], catalog), []);
});

// pkg/apis/core/v1/conversion.go Convert_v1_PodSpec_To_core_PodSpec: the deprecated serviceAccount names the ServiceAccount when serviceAccountName is empty.
test('a pod template refers to its ServiceAccount through the deprecated serviceAccount too', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: one}\nspec:\n  serviceAccount: deployer\n  containers: [{name: c, image: busybox}]\n';
  const catalog = catalogOf({ 'pod.yaml': pod, 'sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: deployer}\n' });
  const links = linksFrom(objectIn(catalog, 'Pod'), catalog).map((link) => [link.at.join('.'), describe(link.to)]);
  assert.deepEqual(links, [['spec.serviceAccount', 'ServiceAccount/deployer']]);
});
