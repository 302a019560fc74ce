/**
 * Resource names in a container's requests and limits. The names are those validateContainerResourceName
 * (pkg/apis/core/validation/validation.go) accepts: helper.standardContainerResources (cpu, memory,
 * ephemeral-storage), IsHugePageResourceName (`hugepages-` prefix) and IsExtendedResourceName (a domain outside
 * kubernetes.io), all in pkg/apis/core/helper/helpers.go.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionsAt } from '../../../server/src/features/completion';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';
import { withCursor } from './cursor-text';
import { catalogOf } from '../../helpers/workspace-manifests';

const TRAINER =
  'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: trainer\n  namespace: ml\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: train\n          image: trainer:1\n          resources:\n            limits:\n              nvidia.com/gpu: 1\n              example.com/fpga: 2\n              cpu: 2\n';
const catalog = catalogOf({ 'trainer.yaml': TRAINER });

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: job\nspec:\n  containers:\n    - name: job\n      image: busybox:1.36\n';

function entries(marked: string) {
  const { text, offset } = withCursor(marked);
  return completionsAt(text, offset, DEFAULT_VERSION, catalog);
}

test('requests offer the standard container resources, huge pages, then the extended resources of the workspace', () => {
  assert.deepEqual(
    entries(`${POD}      resources:\n        requests:\n          |\n`).map((entry) => [entry.label, entry.detail, entry.insertText]),
    [
      ['cpu', '<Quantity>, e.g. 500m', 'cpu: ${1:500m}'],
      ['memory', '<Quantity>, e.g. 256Mi', 'memory: ${1:256Mi}'],
      ['ephemeral-storage', '<Quantity>, e.g. 1Gi', 'ephemeral-storage: ${1:1Gi}'],
      ['hugepages-2Mi', '<Quantity>, e.g. 128Mi', 'hugepages-2Mi: ${1:128Mi}'],
      ['hugepages-1Gi', '<Quantity>, e.g. 1Gi', 'hugepages-1Gi: ${1:1Gi}'],
      ['example.com/fpga', '<Quantity>, e.g. 1', 'example.com/fpga: ${1:1}'],
      ['nvidia.com/gpu', '<Quantity>, e.g. 1', 'nvidia.com/gpu: ${1:1}'],
    ],
  );
});

test('limits leave out the resources already written', () => {
  const offered = entries(`${POD}      resources:\n        limits:\n          memory: 1Gi\n          |\n          nvidia.com/gpu: 1\n`).map((entry) => entry.label);
  assert.deepEqual(offered, ['cpu', 'ephemeral-storage', 'hugepages-2Mi', 'hugepages-1Gi', 'example.com/fpga']);
});

test('an init container takes the same resource names', () => {
  const offered = entries(`${POD}  initContainers:\n    - name: init\n      resources:\n        limits:\n          c|\n`).map((entry) => entry.label);
  assert.equal(offered[0], 'cpu');
});

test("a PersistentVolumeClaim's requests are not a container's: no cpu or memory", () => {
  const offered = entries('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  resources:\n    requests:\n      |\n').map((entry) => entry.label);
  assert.ok(!offered.includes('cpu') && !offered.includes('nvidia.com/gpu'));
});
