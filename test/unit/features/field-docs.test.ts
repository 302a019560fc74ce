import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldDoc, fieldDocMarkdown, type FieldDoc } from '../../../server/src/features/field-docs';
import { resolveResource } from '../../../server/src/schema/resource-names';
import { loadBundle } from '../../../server/src/schema/bundle';

function doc(apiVersion: string, kind: string, path: (string | number)[]): FieldDoc {
  const result = fieldDoc('1.36', apiVersion, kind, path);
  assert.ok(result?.ok, `${kind} ${path.join('.')} is documented`);
  return result.doc;
}

test('maxSurge is an IntOrString that defaults to 25%', () => {
  const maxSurge = doc('apps/v1', 'Deployment', ['spec', 'strategy', 'rollingUpdate', 'maxSurge']);
  assert.equal(maxSurge.type, '<IntOrString>');
  assert.equal(maxSurge.default, '`25%`');
  assert.equal(maxSurge.required, false);
  assert.equal(maxSurge.fieldPath, 'spec.strategy.rollingUpdate.maxSurge');
});

test('containers is a required list of Container with the fields of a container', () => {
  const containers = doc('v1', 'Pod', ['spec', 'containers']);
  assert.equal(containers.type, '<[]Container>');
  assert.equal(containers.required, true);
  assert.ok(containers.fields.some((field) => field.name === 'name' && field.required && field.type === '<string>'));
  assert.ok(containers.fields.some((field) => field.name === 'resources' && field.type === '<ResourceRequirements>'));
});

test('the path through a list index is written with the index', () => {
  const image = doc('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 1, 'image']);
  assert.equal(image.fieldPath, 'spec.template.spec.containers[1].image');
  assert.equal(image.type, '<string>');
});

test('labels are a map of strings and a key under them documents the map', () => {
  const labels = doc('apps/v1', 'Deployment', ['metadata', 'labels', 'app']);
  assert.equal(labels.name, 'labels');
  assert.equal(labels.type, '<map[string]string>');
  assert.deepEqual(labels.entry, { key: 'app' });
});

test('resource limits are a map of quantities', () => {
  assert.equal(doc('v1', 'Pod', ['spec', 'containers', 0, 'resources', 'limits']).type, '<map[string]Quantity>');
});

test('a container port number is an integer and a Service targetPort an IntOrString', () => {
  assert.equal(doc('v1', 'Pod', ['spec', 'containers', 0, 'ports', 0, 'containerPort']).type, '<integer>');
  assert.equal(doc('v1', 'Service', ['spec', 'ports', 0, 'targetPort']).type, '<IntOrString>');
});

test('the strategy type lists its allowed values and defaults to RollingUpdate', () => {
  const type = doc('apps/v1', 'Deployment', ['spec', 'strategy', 'type']);
  assert.deepEqual(type.enum, ['Recreate', 'RollingUpdate']);
  assert.equal(type.default, '`RollingUpdate`');
});

test('a probe period defaults to 10 seconds and its failure threshold to 3', () => {
  assert.equal(doc('v1', 'Pod', ['spec', 'containers', 0, 'livenessProbe', 'periodSeconds']).default, '`10`');
  assert.equal(doc('v1', 'Pod', ['spec', 'containers', 0, 'readinessProbe', 'failureThreshold']).default, '`3`');
});

test('imagePullPolicy states the default that depends on the image tag', () => {
  const policy = doc('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy']);
  assert.match(policy.default ?? '', /`Always` when the image tag is `latest`.*`IfNotPresent` otherwise/);
});

test('a Service targetPort defaults to the port', () => {
  assert.equal(doc('v1', 'Service', ['spec', 'ports', 0, 'targetPort']).default, 'the value of `port`');
});

test('enableServiceLinks defaults to true in a Pod but not in a Deployment template', () => {
  assert.equal(doc('v1', 'Pod', ['spec', 'enableServiceLinks']).default, '`true`');
  assert.equal(doc('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'enableServiceLinks']).default, undefined);
});

test('fields the API server leaves unset have no default', () => {
  assert.equal(doc('apps/v1', 'Deployment', ['spec', 'minReadySeconds']).default, undefined);
  assert.equal(doc('batch/v1', 'CronJob', ['spec', 'startingDeadlineSeconds']).default, undefined);
});

test('CronJob defaults: concurrencyPolicy Allow, three successful and one failed job kept', () => {
  assert.equal(doc('batch/v1', 'CronJob', ['spec', 'concurrencyPolicy']).default, '`Allow`');
  assert.equal(doc('batch/v1', 'CronJob', ['spec', 'successfulJobsHistoryLimit']).default, '`3`');
  assert.equal(doc('batch/v1', 'CronJob', ['spec', 'failedJobsHistoryLimit']).default, '`1`');
});

test('a field that does not exist is named', () => {
  assert.deepEqual(fieldDoc('1.36', 'apps/v1', 'Deployment', ['spec', 'replica']), { ok: false, missing: 'replica' });
});

test('the Markdown names the field, its type, its default and its path', () => {
  const markdown = fieldDocMarkdown(doc('apps/v1', 'Deployment', ['spec', 'replicas']));
  assert.match(markdown, /^\*\*replicas\*\* `<integer>`/);
  assert.match(markdown, /Default: `1`/);
  assert.match(markdown, /`spec\.replicas` in Deployment \(apps\/v1\)/);
});

test('resource names resolve as kubectl resolves them', () => {
  const bundle = loadBundle('1.36');
  const kindOf = (name: string, apiVersion?: string) => {
    const resolved = resolveResource(bundle, name, apiVersion);
    return resolved.ok ? `${resolved.info.apiVersion} ${resolved.info.kind}` : resolved.message;
  };
  assert.equal(kindOf('deploy'), 'apps/v1 Deployment');
  assert.equal(kindOf('deployments'), 'apps/v1 Deployment');
  assert.equal(kindOf('Deployment'), 'apps/v1 Deployment');
  assert.equal(kindOf('svc'), 'v1 Service');
  assert.equal(kindOf('cj'), 'batch/v1 CronJob');
  assert.equal(kindOf('ing'), 'networking.k8s.io/v1 Ingress');
  assert.equal(kindOf('events'), 'v1 Event');
  assert.equal(kindOf('hpa'), 'autoscaling/v2 HorizontalPodAutoscaler');
  assert.equal(kindOf('hpa', 'autoscaling/v1'), 'autoscaling/v1 HorizontalPodAutoscaler');
  assert.equal(kindOf('widgets'), 'the server doesn\'t have a resource type "widgets"');
});

test("a CRD schema's items hold a JSONSchemaProps whose fields are documented", () => {
  const path = ['spec', 'versions', 0, 'schema', 'openAPIV3Schema', 'properties', 'spec', 'items', 'properties', 'name', 'type'];
  const type = doc('apiextensions.k8s.io/v1', 'CustomResourceDefinition', path);
  assert.equal(type.type, '<string>');
  assert.equal(type.fieldPath, 'spec.versions[0].schema.openAPIV3Schema.properties[spec].items.properties[name].type');
});

test('a path inside a value the schema leaves open says where the open value starts', () => {
  assert.deepEqual(fieldDoc('1.36', 'apps/v1', 'ControllerRevision', ['data', 'spec', 'replicas']), { ok: false, missing: 'spec', freeFormAt: 1 });
});

// pkg/apis/batch/validation validateJobSpec: a Job's template must set restartPolicy to OnFailure or Never ("Required
// value: valid values: OnFailure, Never"), so the pod default Always is refused; a CronJob's jobTemplate is a Job spec.
test("a Job template's restartPolicy allows only OnFailure and Never, has no default and is required", () => {
  for (const [kind, path] of [
    ['Job', ['spec', 'template', 'spec', 'restartPolicy']],
    ['CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'restartPolicy']],
  ] as const) {
    const policy = doc('batch/v1', kind, [...path]);
    assert.deepEqual([policy.enum, policy.default, policy.required], [['OnFailure', 'Never'], undefined, true], kind);
  }
});

// pkg/apis/apps/validation ValidatePodTemplateSpecForReplicaSet: "RestartPolicy ... supported values: Always".
test("a Deployment template's restartPolicy allows only Always, its default", () => {
  const policy = doc('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'restartPolicy']);
  assert.deepEqual([policy.enum, policy.default, policy.required], [['Always'], '`Always`', false]);
});

// pkg/apis/core/v1 defaults SetDefaults_PodSpec: a pod's restartPolicy defaults to Always; all three values are valid.
test("a Pod's restartPolicy keeps all three values and its default Always", () => {
  const policy = doc('v1', 'Pod', ['spec', 'restartPolicy']);
  assert.deepEqual([[...(policy.enum ?? [])].sort(), policy.default], [['Always', 'Never', 'OnFailure'], '`Always`']);
});
