/**
 * The plan in a real VS Code (code-server) driven through Chromium: the CodeLens above a Deployment, the plan
 * panel beside the editor, and a click in the panel that brings the manifest's line back.
 * Runs after `npm run test:e2e` has packaged the extension and prepared the editor:
 * `node --test --test-reporter=spec out/editor/test/e2e/plan-panel.test.js`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EditorSession, skipReason } from './editor-session';
import { repoRoot } from './setup';
import { acrossReload } from './workbench';

const FILE = 'plan/web.yaml';
const fixture = (name: string) => fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'plan', name), 'utf8');
/** Committed to Git as what runs now; the working copy changes the image. */
const COMMITTED = fixture('web-v1.yaml');
const TEXT = fixture('web-v2.yaml');
/** 1-based, as the status bar counts. */
const SERVICE_LINE = TEXT.split('\n').indexOf('apiVersion: v1') + 1;

const skip = skipReason();

describe('the plan in VS Code', { skip: skip ?? false }, () => {
  let session: EditorSession;

  before(async () => {
    session = await EditorSession.start({ name: 'plan', files: { [FILE]: COMMITTED } });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=kubeplan', '-c', 'user.email=kubeplan@example.invalid', ...args], { cwd: session.workspace, stdio: 'pipe' });
    git('init', '-q');
    git('add', FILE);
    git('commit', '-q', '-m', 'web at nginx 1.26');
    fs.writeFileSync(path.join(session.workspace, FILE), TEXT);
    await session.workbench.openFile(FILE);
  });

  after(async () => {
    await session?.close();
  });

  // maxSurge 25% of 10 rounds up to 3, maxUnavailable 25% of 10 rounds down to 2.
  it('shows the rollout above the Deployment and the endpoints above the Service', async () => {
    const { workbench } = session;
    const lens = workbench.page.locator('.monaco-editor .codelens-decoration', { hasText: 'rollout: 1 step, ≤13 pods, ≥8 available' });
    await workbench.waitFor(lens, 'the rollout CodeLens');
    await workbench.waitFor(workbench.page.locator('.monaco-editor .codelens-decoration', { hasText: '10 endpoints' }), 'the endpoints CodeLens');
  });

  it('opens the plan beside the editor: node boxes, the rollout chart with its bounds, the Service', async () => {
    const { workbench } = session;
    await workbench.runCommand('Kubeplan: Plan Current File');
    const view = workbench.webview();
    await workbench.waitFor(view.locator('h1', { hasText: 'Plan: web.yaml' }), 'the plan panel');
    assert.equal(await view.locator('.node').count(), 4, 'the embedded cluster has four nodes');
    assert.equal(await view.locator('.rollout-chart line[data-bound]').count(), 2);
    await workbench.waitFor(view.locator('tr[data-key="Service/shop/web"]'), 'the Service row');
    await workbench.screenshot('plan-panel');
  });

  it('reveals the Service manifest when its name is clicked in the panel', async () => {
    const { workbench } = session;
    await workbench.webview().locator('tr[data-key="Service/shop/web"] a').first().click();
    const position = workbench.page.locator('.statusbar-item', { hasText: `Ln ${SERVICE_LINE}, Col 1` });
    await workbench.waitFor(position, `the cursor on line ${SERVICE_LINE}`);
  });

  it('opens the plan at the rollout when its CodeLens is clicked', async () => {
    const { workbench } = session;
    // The click in the panel before this revealed the manifest with focus, but on a loaded machine the webview can
    // take focus back after it; Go to Line then has no text editor ("Open a text editor first to go to a line").
    await workbench.runCommand('View: Focus First Editor Group');
    await workbench.goTo(1, 1);
    await workbench.page.locator('.monaco-editor .codelens-decoration a:visible', { hasText: 'rollout:' }).first().click();
    await acrossReload(() => workbench.waitFor(workbench.webview().locator('section.rollout.focused[data-key="Deployment/shop/web"] .rollout-chart'), 'the rollout in focus'));
    await workbench.screenshot('rollout');
  });

  // From 10 available pods at 25%/25%: +3 new / -2 old, +2 new, -5 old, +5 new, -3 old.
  it('plans the working copy against its version in Git HEAD: the rollout of a new image in 5 steps', async () => {
    const { workbench } = session;
    await workbench.runCommand('Kubeplan: Plan Changes Against Git HEAD');
    const view = workbench.webview();
    await acrossReload(() => workbench.waitFor(view.locator('h1', { hasText: 'Plan: web.yaml (changes against HEAD)' }), 'the plan of the changes'));
    assert.equal(await view.locator('section.rollout[data-key="Deployment/shop/web"] tbody tr').count(), 5);
    await workbench.screenshot('changes-against-head');
  });

  it('opens the same plan as an untitled Markdown document', async () => {
    const { workbench } = session;
    await workbench.runCommand('Kubeplan: Open Plan as Markdown');
    const lines = workbench.page.locator('.editor-instance .monaco-editor .view-lines:visible').first();
    await workbench.waitFor(lines.getByText('## kubeplan plan'), 'the Markdown heading');
    // The plan shown is the one against Git HEAD: its changes come first, above the fold of the editor.
    await workbench.waitFor(lines.getByText('### Changes against Git HEAD: 0 added, 1 changed, 0 removed', { exact: false }), 'the changes heading');
  });
});
