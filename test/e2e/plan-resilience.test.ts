/**
 * The resilience check in a real VS Code (code-server) driven through Chromium: "Kubeplan: Check Resilience…" from
 * the command palette, "Each zone fails" picked in the quick pick, the plan with its Resilience section in the panel.
 * Runs after `npm run test:e2e` has packaged the extension and prepared the editor:
 * `node --test --test-reporter=spec out/editor/test/e2e/plan-resilience.test.js`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EditorSession, skipReason } from './editor-session';
import { repoRoot } from './setup';

const FILE = 'plan/web.yaml';
/** Three replicas of web pinned to worker-1 by nodeSelector, and their Service. */
const TEXT = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'plan', 'web-on-worker-1.yaml'), 'utf8');

const skip = skipReason();

describe('the resilience check in VS Code', { skip: skip ?? false }, () => {
  let session: EditorSession;

  before(async () => {
    session = await EditorSession.start({ name: 'plan-resilience', files: { [FILE]: TEXT } });
    await session.workbench.openFile(FILE);
  });

  after(async () => {
    await session?.close();
  });

  it('offers the failure of each node or of each zone', async () => {
    const { workbench } = session;
    await workbench.runCommand('Kubeplan: Check Resilience…');
    const rows = workbench.page.locator('.quick-input-widget .monaco-list-row');
    await workbench.waitFor(rows.filter({ hasText: 'Each zone fails' }).first(), 'the quick pick of failures');
    assert.equal(await rows.count(), 2);
    await workbench.waitFor(rows.filter({ hasText: 'Each node fails' }).first(), 'the failure of each node');
    await workbench.screenshot('resilience-pick');
  });

  // The embedded cluster: control-plane-1 and worker-1 in eu-west-1a, worker-2 in eu-west-1b, worker-3 in
  // eu-west-1c. All three replicas run on worker-1, so the failure of eu-west-1a leaves Service default/web without a
  // ready endpoint from the 50s node monitor grace period on (pkg/controller/nodelifecycle/
  // node_lifecycle_controller.go monitorNodeHealth, MarkPodsNotReady), and the replacements fit no other node; the
  // other two zones run none of them.
  it('plans each zone’s failure and shows the verdicts in the panel', async () => {
    const { workbench } = session;
    await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Each zone fails' }).first().click();
    const view = workbench.webview();
    await workbench.waitFor(view.locator('h1', { hasText: 'Plan: web.yaml (each zone fails)' }), 'the plan of the resilience check');
    await workbench.waitFor(view.locator('h2', { hasText: 'Resilience' }), 'the Resilience section');
    await workbench.waitFor(view.locator('p.verdict-outage', { hasText: 'What if each zone fails: 2 of 3 zone failures survive' }), 'the count of failures survived');
    await workbench.waitFor(
      view.locator('p.verdict-outage', { hasText: 'zone eu-west-1a: Service default/web loses every ready endpoint from 50s, never recovers: all 3 replicas run in eu-west-1a' }),
      'the verdict of eu-west-1a',
    );
    await workbench.waitFor(view.locator('td.verdict-outage', { hasText: '50s–never' }), 'the outage in the table');
    await workbench.screenshot('resilience-plan');
  });
});
