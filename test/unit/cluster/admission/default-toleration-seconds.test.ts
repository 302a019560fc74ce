/** DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds/admission.go, Plugin.Admit). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import { defaultTolerationSeconds } from '../../../../server/src/cluster/admission/default-toleration-seconds';
import { request, testContext } from './fixtures';

const pod = (tolerations?: Toleration[]): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'app:1' }], ...(tolerations ? { tolerations } : {}) },
});

const NOT_READY = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const UNREACHABLE = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

function admitted(created: Pod): Toleration[] | undefined {
  defaultTolerationSeconds.admit!(request(created), testContext());
  return created.spec?.tolerations;
}

// Admit: neither toleratesNodeNotReady nor toleratesNodeUnreachable: notReadyToleration, then unreachableToleration.
test('a pod without tolerations gets not-ready and unreachable NoExecute tolerations for 300 seconds', () => {
  assert.deepEqual(admitted(pod()), [NOT_READY, UNREACHABLE]);
});

// Admit: a toleration of the key with effect NoExecute counts, whatever its seconds.
test('a pod that tolerates not-ready already gets only the unreachable default', () => {
  const own = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 };
  assert.deepEqual(admitted(pod([own])), [own, UNREACHABLE]);
});

// Admit: an empty effect tolerates every effect.
test('a toleration of the key with no effect counts as tolerating the NoExecute taint', () => {
  const own = { key: 'node.kubernetes.io/unreachable', operator: 'Exists' };
  assert.deepEqual(admitted(pod([own])), [own, NOT_READY]);
});

// Admit: an empty key tolerates every key.
test('a toleration with no key and no effect tolerates both taints: nothing is added', () => {
  const own = { operator: 'Exists' };
  assert.deepEqual(admitted(pod([own])), [own]);
});

// Admit: a NoSchedule toleration of the key does not tolerate the NoExecute taint.
test('a NoSchedule toleration of not-ready does not stop the default', () => {
  const own = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' };
  assert.deepEqual(admitted(pod([own])), [own, NOT_READY, UNREACHABLE]);
});

test('objects other than pods are left alone', () => {
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } };
  assert.equal(defaultTolerationSeconds.admit!(request(configMap), testContext()), undefined);
  assert.deepEqual(configMap, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } });
});
