/**
 * The `kubeplan/plan` answer for a kustomization the editor rendered: errors and objects are placed in the files
 * kustomize says they came from (`config.kubernetes.io/origin`, api/resource/origin.go), not in the rendered text.
 * Rendered with the kubectl on PATH (`kubectl kustomize`); skipped where it is not installed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixturesDir } from '../../helpers/repo-paths';
import { findProgram } from '../../../server/src/files/program-on-path';
import { renderKustomization } from '../../../server/src/files/kustomize-build';
import { KustomizeSources } from '../../../server/src/files/kustomize-sources';
import { planResponse, planTexts } from '../../../server/src/plan/plan-texts';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';

const kustomize = path.join(fixturesDir, 'kustomize');
const skip = findProgram('kubectl') === undefined ? 'kubectl is not installed' : false;
const uri = (file: string) => pathToFileURL(file).href;

async function respond(overlay: string) {
  const sources = new KustomizeSources(await renderKustomization(path.join(kustomize, 'overlays', overlay), { allowRemote: false }), 'kustomization');
  const planned = planTexts({
    manifests: [sources.manifest],
    current: [],
    cluster: undefined,
    kubernetesVersion: DEFAULT_VERSION,
    rules: {},
    newPodsReady: true,
    now: Date.parse('2026-03-01T10:07:00Z'),
  });
  return planResponse(planned, sources.responsePlacer());
}

test("a rendered overlay's error is a problem in the patch that set the field", { skip }, async () => {
  const response = await respond('prod');
  const replicas = response.problems.find((problem) => problem.message.includes('spec.replicas'));
  // replicas.yaml, line 6 (5 from 0): `  replicas: "three"`, the value from character 12.
  assert.deepEqual(replicas && { uri: replicas.uri, start: replicas.range.start }, { uri: uri(path.join(kustomize, 'overlays', 'prod', 'replicas.yaml')), start: { line: 5, character: 12 } });
});

test("a rendered overlay's objects are placed at their documents in the base", { skip }, async () => {
  const response = await respond('staging');
  assert.equal(response.sources['Deployment/default/staging-web']?.uri, uri(path.join(kustomize, 'base', 'deployment.yaml')));
  assert.equal(response.sources['Service/default/staging-web']?.uri, uri(path.join(kustomize, 'base', 'service.yaml')));
});
