/**
 * RuntimeClass (plugin/pkg/admission/runtimeclass/admission.go: Admit, Validate, prepareObjects, setOverhead,
 * setScheduling, validateOverhead; pkg/util/tolerations/tolerations.go MergeTolerations), with the plan's rule for
 * classes the inputs do not hold (assumed to exist, with a note).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1';
import type { RuntimeClass } from 'kubernetes-types/node/v1';
import { mergeTolerations, runtimeClass } from '../../../../server/src/cluster/admission/runtime-class';
import { plan, request, testContext, type TestContext } from './fixtures';

const pod = (spec: Partial<Pod['spec']> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { runtimeClassName: 'gvisor', containers: [{ name: 'app', image: 'app:1' }], ...spec },
});

function withClass(fields: Omit<RuntimeClass, 'handler' | 'metadata'>): TestContext {
  const context = testContext({ inputs: ['RuntimeClass//gvisor'] });
  context.store.create({ apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor' }, handler: 'runsc', ...fields });
  return context;
}

/** Both halves, as the API server runs them around name generation. */
function admitted(created: Pod, context: TestContext): string | undefined {
  return runtimeClass.admit!(request(created), context)?.refused ?? runtimeClass.validate!(request(created), context)?.refused;
}

// setOverhead: the class's PodFixed becomes the pod's Overhead; validateOverhead then agrees.
test("a pod of a RuntimeClass with overhead gets the class's overhead", () => {
  const created = pod();
  assert.equal(admitted(created, withClass({ overhead: { podFixed: { cpu: '250m', memory: '120Mi' } } })), undefined);
  assert.deepEqual(created.spec?.overhead, { cpu: '250m', memory: '120Mi' });
});

// setOverhead: Semantic.DeepEqual compares quantities by amount, not by how they are written.
test('a pod that sets the same overhead written another way is admitted', () => {
  assert.equal(admitted(pod({ overhead: { cpu: '0.25' } }), withClass({ overhead: { podFixed: { cpu: '250m' } } })), undefined);
});

test("a pod that sets another overhead than its class's is refused", () => {
  assert.equal(
    admitted(pod({ overhead: { cpu: '1' } }), withClass({ overhead: { podFixed: { cpu: '250m' } } })),
    "pods \"p\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
  );
});

// validateOverhead: an overhead without a class that defines one.
test('a pod that sets an overhead its class does not define is refused', () => {
  assert.equal(admitted(pod({ overhead: { cpu: '250m' } }), withClass({})), 'pods "p" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
  assert.equal(
    admitted(pod({ runtimeClassName: undefined, overhead: { cpu: '250m' } }), testContext()),
    'pods "p" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
  );
});

// setScheduling: a pod without a node selector takes the class's.
test("a pod without a node selector takes its class's", () => {
  const created = pod();
  admitted(created, withClass({ scheduling: { nodeSelector: { sandbox: 'gvisor' } } }));
  assert.deepEqual(created.spec?.nodeSelector, { sandbox: 'gvisor' });
});

// setScheduling: the class's keys are added to the pod's; the same value is no conflict.
test("the class's node selector is merged into the pod's", () => {
  const created = pod({ nodeSelector: { disk: 'ssd', sandbox: 'gvisor' } });
  assert.equal(admitted(created, withClass({ scheduling: { nodeSelector: { sandbox: 'gvisor', zone: 'a' } } })), undefined);
  assert.deepEqual(created.spec?.nodeSelector, { disk: 'ssd', sandbox: 'gvisor', zone: 'a' });
});

test('a pod whose node selector gives a key of the class another value is refused as a conflict', () => {
  const refused = admitted(pod({ nodeSelector: { sandbox: 'kata' } }), withClass({ scheduling: { nodeSelector: { sandbox: 'gvisor' } } }));
  assert.equal(refused, 'pods "p" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[sandbox] = gvisor; pod.spec.nodeSelector[sandbox] = kata');
});

// setScheduling: MergeTolerations(pod's, class's).
test("the class's tolerations are appended to the pod's, once", () => {
  const own = { key: 'sandbox', operator: 'Equal', value: 'gvisor', effect: 'NoSchedule' };
  const extra = { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' };
  const created = pod({ tolerations: [own] });
  admitted(created, withClass({ scheduling: { tolerations: [own, extra] } }));
  assert.deepEqual(created.spec?.tolerations, [own, extra]);
});

// MergeTolerations: isSuperset drops a toleration that a broader one, before or after it, covers; an Exists toleration
// with no key covers every key; a NoExecute one with tolerationSeconds covers only shorter or equal times.
test('merged tolerations keep only the broadest of those that cover each other', () => {
  const equal = { key: 'a', operator: 'Equal', value: 'x', effect: 'NoSchedule' };
  const exists = { key: 'a', operator: 'Exists', effect: 'NoSchedule' };
  assert.deepEqual(mergeTolerations([equal], [exists]), [exists]);
  assert.deepEqual(mergeTolerations([exists], [equal]), [exists]);
  const everything = { operator: 'Exists' };
  assert.deepEqual(mergeTolerations([equal, exists], [everything]), [everything]);
  const short = { key: 'b', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 };
  const long = { key: 'b', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 600 };
  assert.deepEqual(mergeTolerations([short], [long]), [long]);
  const forever = { key: 'b', operator: 'Exists', effect: 'NoExecute' };
  assert.deepEqual(mergeTolerations([forever], [long]), [forever]);
});

// prepareObjects: the lister and the live lookup both answer NotFound.
test('a pod naming a RuntimeClass that is among the inputs but not applied yet is refused', () => {
  const context = testContext({ inputs: ['RuntimeClass//gvisor'] });
  assert.equal(admitted(pod(), context), 'pods "p" is forbidden: pod rejected: RuntimeClass "gvisor" not found');
});

test('a pod naming a RuntimeClass the inputs do not hold is admitted unchanged, noting the assumption', () => {
  const context = testContext();
  const created = pod({ overhead: { cpu: '250m' } });
  assert.equal(admitted(created, context), undefined);
  assert.deepEqual(created.spec?.overhead, { cpu: '250m' });
  assert.deepEqual(context.notes, ['RuntimeClass "gvisor" is not among the inputs: assumed to exist, with no pod overhead and no scheduling constraints']);
});

// pkg/scheduler/framework/plugins/noderesources/fit.go computePodResourceRequest: the pod's requests plus its
// Overhead, which the plugin set from the class.
test("a plan's node counts the pod overhead of a RuntimeClass among its requests", () => {
  const result = plan(
    'apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: gvisor}\nhandler: runsc\noverhead: {podFixed: {cpu: 250m, memory: 64Mi}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  runtimeClassName: gvisor\n  containers: [{name: app, image: "app:1", resources: {requests: {cpu: 100m, memory: 64Mi}}}]\n',
  );
  const node = result.nodes.find((candidate) => candidate.pods.includes('default/p'))!;
  assert.equal(node.requested.cpu, '350m');
  assert.equal(node.requested.memory, '128Mi');
});
