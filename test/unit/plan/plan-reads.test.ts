/** Which files a plan request reads, so that the plan panel plans again when one of them changes. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlanReads } from '../../../client/src/plan/plan-reads';

test('a plan of texts reads those documents and no other file', () => {
  const reads = new PlanReads({ texts: [{ uri: 'file:///ws/web.yaml', text: '' }] });
  assert.equal(reads.includes('file:///ws/web.yaml'), true);
  assert.equal(reads.includes('file:///ws/api.yaml'), false);
});

test('a plan of a folder reads every file below it, also one created later, and nothing beside it', () => {
  const reads = new PlanReads({ uris: ['file:///ws/deploy'] });
  assert.equal(reads.includes('file:///ws/deploy/apps/web.yaml'), true);
  assert.equal(reads.includes('file:///ws/deploy-old/web.yaml'), false);
});

test('a plan of changes reads what runs now as well as the working copy', () => {
  const reads = new PlanReads({ texts: [{ uri: 'file:///ws/web.yaml', text: '' }], from: { uris: ['file:///ws/live.yaml'] } });
  assert.equal(reads.includes('file:///ws/live.yaml'), true);
});

test('the cluster file is read by every plan on it', () => {
  const reads = new PlanReads({ uris: ['file:///ws/deploy'] }, 'file:///ws/cluster/nodes.yaml');
  assert.equal(reads.includes('file:///ws/cluster/nodes.yaml'), true);
});

test('the same file written with escapes or without is the same file', () => {
  const reads = new PlanReads({ texts: [{ uri: 'file:///ws/app%40v2/web.yaml', text: '' }] });
  assert.equal(reads.includes('file:///ws/app@v2/web.yaml'), true);
});

test('a kustomization reads its folder and the folders of its bases, as saved on disk', () => {
  const reads = new PlanReads({
    kustomization: {
      folder: '/ws/overlays/prod',
      objects: [{ text: 'kind: Deployment', origin: { file: '/ws/base/deployment.yaml' } }],
    },
  });
  assert.equal(reads.includes('file:///ws/overlays/prod/patch.yaml'), true);
  assert.equal(reads.includes('file:///ws/base/kustomization.yaml'), true);
  assert.equal(reads.includes('file:///ws/overlays/staging/patch.yaml'), false);
  assert.equal(reads.readsUnsavedText, false);
});

test('a remote base names no local folder', () => {
  const reads = new PlanReads({
    kustomization: { folder: '/ws/overlay', objects: [{ text: '', origin: { file: '/examples/web.yaml', repo: 'https://github.com/example/app', ref: 'v1' } }] },
  });
  assert.equal(reads.includes('file:///examples/web.yaml'), false);
});

test('a plan of open documents or folders reads the editor’s unsaved text', () => {
  assert.equal(new PlanReads({ uris: ['file:///ws'] }).readsUnsavedText, true);
});
