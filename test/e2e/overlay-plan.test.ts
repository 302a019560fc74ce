/**
 * "Plan this overlay" in a real VS Code (code-server) driven through Chromium: the CodeLens above a
 * kustomization.yaml renders the overlay with the kubectl (or kustomize) on PATH and opens its plan in the panel.
 * The overlay is test/fixtures/kustomize/overlays/staging over ../../base: kustomize gives every name the prefix
 * `staging-` (namePrefix) and the Deployment 3 replicas (the replicas.yaml patch), so the embedded cluster's three
 * workers run one pod each. Skipped where neither kubectl nor kustomize is installed.
 * Runs after `npm run test:e2e` has packaged the extension and prepared the editor:
 * `node --test --test-reporter=spec out/editor/test/e2e/overlay-plan.test.js`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EditorSession, skipReason } from './editor-session';
import { repoRoot } from './setup';
import { acrossReload } from './workbench';

const KUSTOMIZATION = 'kustomize/overlays/staging/kustomization.yaml';

/** The fixture's base and staging overlay, by path in the workspace. */
function overlayFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of ['base', path.join('overlays', 'staging')]) {
    const from = path.join(repoRoot, 'test', 'fixtures', 'kustomize', folder);
    for (const name of fs.readdirSync(from)) files[path.join('kustomize', folder, name)] = fs.readFileSync(path.join(from, name), 'utf8');
  }
  return files;
}

function onPath(program: string): boolean {
  return (process.env['PATH'] ?? '').split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, program)));
}

const skip = skipReason() ?? (onPath('kubectl') || onPath('kustomize') ? undefined : 'neither kubectl nor kustomize is on PATH');

describe('"Plan this overlay" in VS Code', { skip: skip ?? false }, () => {
  let session: EditorSession;

  before(async () => {
    session = await EditorSession.start({ name: 'overlay-plan', files: overlayFiles() });
    await session.workbench.openFile(KUSTOMIZATION);
  });

  after(async () => {
    await session?.close();
  });

  it('offers the CodeLens above the kustomization', async () => {
    const { workbench } = session;
    await workbench.waitFor(workbench.page.locator('.monaco-editor .codelens-decoration', { hasText: 'Plan this overlay' }), 'the Plan this overlay CodeLens');
  });

  it('renders the overlay and plans it in the panel: prefixed names, the patched replica count', async () => {
    const { workbench } = session;
    await workbench.page.locator('.monaco-editor .codelens-decoration a:visible', { hasText: 'Plan this overlay' }).first().click();
    const view = workbench.webview();
    await acrossReload(() => workbench.waitFor(view.locator('h1', { hasText: 'Plan: staging (kustomize)' }), 'the plan of the overlay'));
    await workbench.waitFor(view.locator('section.rollout[data-key="Deployment/default/staging-web"]'), 'the rollout of staging-web');
    await workbench.waitFor(view.locator('tr[data-key="Service/default/staging-web"]'), 'the staging-web Service');
    assert.equal(await view.locator('.node .pod').count(), 3, 'three replicas, one on each worker');
    await workbench.screenshot('overlay-plan');
  });
});
