/** Keys, enum values and apiVersion/kind pairs offered from the schema of the document's kind. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionsAt } from '../../../server/src/features/completion';
import { withCursor } from './cursor-text';

function labels(marked: string, version: '1.30' | '1.36' = '1.36'): string[] {
  const { text, offset } = withCursor(marked);
  return completionsAt(text, offset, version).map((entry) => entry.label);
}

function entry(marked: string, label: string) {
  const { text, offset } = withCursor(marked);
  const found = completionsAt(text, offset, '1.36').find((candidate) => candidate.label === label);
  assert.ok(found, `${label} is offered`);
  return found;
}

test('a Deployment spec offers its required selector and template first, without the keys already written', () => {
  const offered = labels('apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2\n  |\n');
  assert.deepEqual(offered.slice(0, 2), ['selector', 'template']);
  assert.ok(offered.includes('strategy'));
  assert.ok(!offered.includes('replicas'));
});

test('a field comes with its type and description', () => {
  const replicas = entry('apiVersion: apps/v1\nkind: Deployment\nspec:\n  rep|\n', 'replicas');
  assert.equal(replicas.detail, '<integer>');
  assert.match(replicas.documentation ?? '', /desired pods/);
});

test('a container list item offers the container fields, name first since it is required', () => {
  const offered = labels('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - |\n');
  assert.equal(offered[0], 'name');
  assert.ok(offered.includes('image') && offered.includes('imagePullPolicy'));
});

test('the top level of an object offers metadata and spec but not status', () => {
  const offered = labels('apiVersion: v1\nkind: Service\n|\n');
  assert.ok(offered.includes('metadata') && offered.includes('spec'));
  assert.ok(!offered.includes('status') && !offered.includes('kind'));
});

test('an object field inserts a nested block, a list field a first item', () => {
  assert.equal(entry('apiVersion: apps/v1\nkind: Deployment\nspec:\n  |\n', 'strategy').insertText, 'strategy:\n  $0');
  assert.equal(entry('apiVersion: v1\nkind: Pod\nspec:\n  |\n', 'containers').insertText, 'containers:\n  - $0');
});

for (const [field, marked, values] of [
  ['restartPolicy', 'apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: |\n', ['Always', 'Never', 'OnFailure']],
  ['imagePullPolicy', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      imagePullPolicy: |\n', ['Always', 'IfNotPresent', 'Never']],
  ['Service type', 'apiVersion: v1\nkind: Service\nspec:\n  type: |\n', ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']],
  ['pathType', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nspec:\n  rules:\n    - http:\n        paths:\n          - pathType: |\n', ['Exact', 'ImplementationSpecific', 'Prefix']],
  ['concurrencyPolicy', 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  concurrencyPolicy: |\n', ['Allow', 'Forbid', 'Replace']],
  ['protocol', 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 80\n      protocol: |\n', ['SCTP', 'TCP', 'UDP']],
] as const) {
  test(`${field} offers the values the API server accepts`, () => {
    assert.deepEqual(labels(marked).sort(), [...values]);
  });
}

test('a boolean field offers true and false', () => {
  assert.deepEqual(labels('apiVersion: apps/v1\nkind: Deployment\nspec:\n  paused: |\n'), ['true', 'false']);
});

test('kind offers the kinds of the apiVersion written', () => {
  assert.deepEqual(labels('apiVersion: apps/v1\nkind: |\n'), ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet']);
});

// The order is the API server's preference (CompareKubeAwareVersionStrings): autoscaling/v2 before autoscaling/v1.
test('apiVersion offers the versions that serve the kind written', () => {
  assert.deepEqual(labels('kind: CronJob\napiVersion: |\n'), ['batch/v1']);
  assert.deepEqual(labels('kind: HorizontalPodAutoscaler\napiVersion: |\n'), ['autoscaling/v2', 'autoscaling/v1']);
});

test('apiVersions follow the chosen Kubernetes version', () => {
  // ServiceCIDR went GA in Kubernetes 1.33.
  assert.ok(!labels('kind: ServiceCIDR\napiVersion: |\n', '1.30').includes('networking.k8s.io/v1'));
  assert.ok(labels('kind: ServiceCIDR\napiVersion: |\n', '1.36').includes('networking.k8s.io/v1'));
});

test('a document without apiVersion and kind offers those two keys and the object snippets', () => {
  const offered = labels('|');
  assert.deepEqual(offered.slice(0, 2), ['apiVersion', 'kind']);
  for (const kind of ['Pod', 'Deployment', 'Service', 'Ingress', 'ConfigMap', 'Secret', 'CronJob', 'Job']) assert.ok(offered.includes(kind), kind);
});

test('an item of a list of values offers the values of its items', () => {
  assert.deepEqual(labels('apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  accessModes:\n    - |\n').sort(), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']);
});

test('a key edited in front of its colon is replaced by the name alone', () => {
  const { text, offset } = withCursor('apiVersion: apps/v1\nkind: Deployment\nspec:\n  rep|cas: 2\n');
  const replicas = completionsAt(text, offset, '1.36').find((candidate) => candidate.label === 'replicas')!;
  assert.equal(replicas.insertText, 'replicas');
  assert.equal(text.slice(replicas.replace.start, replicas.replace.end), 'repcas');
});

test('text that is not block YAML gets no completion and no exception', () => {
  for (const marked of ['{"apiVersion": "v1", "kind": "|"}', 'apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  |\r\n', '\tkey: |', '- - - |', 'a: b: c: |', '---\n---\n|\n---', ': |']) {
    const { text, offset } = withCursor(marked);
    assert.ok(Array.isArray(completionsAt(text, offset, '1.36')), marked);
  }
});

test('a document with Windows line ends is read as any other', () => {
  assert.ok(labels('apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  |\r\n').includes('containers'));
});

test('apiVersion completion leaves out an API the version no longer serves, though its client models carry it', () => {
  const text = 'apiVersion: \nkind: FlowSchema\n';
  assert.deepEqual(
    completionsAt(text, 'apiVersion: '.length, '1.36').map((item) => item.label),
    ['flowcontrol.apiserver.k8s.io/v1'],
  );
});

// pkg/apis/batch/validation/validation.go validateJobSpec (run by ValidateJobTemplateSpec for a CronJob): a Job's
// template takes restartPolicy OnFailure or Never.
test("a Job template's restartPolicy offers OnFailure and Never only", () => {
  const offered = labels('apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      restartPolicy: |\n');
  assert.deepEqual(offered, ['OnFailure', 'Never']);
});

test("a CronJob's job template offers OnFailure and Never in the restartPolicy key's choices", () => {
  const restartPolicy = entry('apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartP|\n', 'restartPolicy');
  assert.equal(restartPolicy.insertText, 'restartPolicy: ${1|OnFailure,Never|}');
});

// pkg/apis/apps/validation/validation.go ValidatePodTemplateSpecForReplicaSet, ValidateDaemonSetSpec,
// ValidateStatefulSetSpec: only Always.
test("a Deployment, DaemonSet and StatefulSet template's restartPolicy offers Always only", () => {
  for (const kind of ['Deployment', 'DaemonSet', 'StatefulSet']) {
    assert.deepEqual(labels(`apiVersion: apps/v1\nkind: ${kind}\nspec:\n  template:\n    spec:\n      restartPolicy: |\n`), ['Always'], kind);
  }
});

test("a Pod's restartPolicy offers all three policies", () => {
  assert.deepEqual(labels('apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: |\n'), ['Always', 'Never', 'OnFailure']);
});

// k8s.io/apimachinery/pkg/apis/meta/v1/types.go ObjectMeta: uid, resourceVersion, generation, creationTimestamp,
// deletionTimestamp and deletionGracePeriodSeconds are "Read-only", selfLink "a legacy read-only field",
// managedFields "internal housekeeping".
test('metadata offers the fields an author writes, none the system populates', () => {
  assert.deepEqual(labels('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  |\n'), ['annotations', 'finalizers', 'generateName', 'labels', 'name', 'namespace', 'ownerReferences']);
});

test("a pod template's metadata leaves out the read-only fields too", () => {
  const offered = labels('apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    metadata:\n      |\n');
  assert.ok(offered.includes('labels') && !offered.includes('uid') && !offered.includes('creationTimestamp'));
});

// k8s.io/apimachinery/pkg/version/helpers.go CompareKubeAwareVersionStrings: GA, then beta, then alpha.
test('apiVersion offers the versions of a group newest-stable first', () => {
  assert.deepEqual(labels('kind: ValidatingAdmissionPolicy\napiVersion: |\n', '1.30'), [
    'admissionregistration.k8s.io/v1',
    'admissionregistration.k8s.io/v1beta1',
    'admissionregistration.k8s.io/v1alpha1',
  ]);
});
