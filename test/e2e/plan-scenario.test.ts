/**
 * A scenario planned in a real VS Code (code-server) driven through Chromium: "Kubeplan: Plan a Node Drain…" from
 * the command palette, the node picked in the quick pick, the plan of the drain in the panel.
 * Runs after `npm run test:e2e` has packaged the extension and prepared the editor:
 * `node --test --test-reporter=spec out/editor/test/e2e/plan-scenario.test.js`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EditorSession, skipReason } from './editor-session';
import { repoRoot } from './setup';

const FILE = 'plan/web.yaml';
/** Three replicas of web under a budget of minAvailable 2, and their Service. */
const TEXT = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'plan', 'drain-budget.yaml'), 'utf8');

const skip = skipReason();

describe('a scenario planned in VS Code', { skip: skip ?? false }, () => {
  let session: EditorSession;

  before(async () => {
    session = await EditorSession.start({ name: 'plan-scenario', files: { [FILE]: TEXT } });
    await session.workbench.openFile(FILE);
  });

  after(async () => {
    await session?.close();
  });

  it('offers the cluster model’s nodes with their zones, pods and taints', async () => {
    const { workbench } = session;
    await workbench.runCommand('Kubeplan: Plan a Node Drain…');
    const rows = workbench.page.locator('.quick-input-widget .monaco-list-row');
    await workbench.waitFor(rows.filter({ hasText: 'worker-1' }).first(), 'the quick pick of nodes');
    // The embedded cluster: control-plane-1 and worker-1 in eu-west-1a, worker-2 in eu-west-1b, worker-3 in
    // eu-west-1c; the scheduler spreads the three replicas one to a worker (the control plane is tainted).
    assert.equal(await rows.count(), 4);
    await workbench.waitFor(rows.filter({ hasText: 'worker-2' }).filter({ hasText: 'eu-west-1b' }).filter({ hasText: '1 pod: default/web-' }).first(), 'worker-2 with its zone and pod');
    await workbench.waitFor(
      rows.filter({ hasText: 'control-plane-1' }).filter({ hasText: 'no pods · tainted node-role.kubernetes.io/control-plane:NoSchedule' }).first(),
      'the control plane with its taint',
    );
    await workbench.screenshot('drain-pick');
  });

  // kubectl drain cordons worker-1 and evicts its one web pod (the budget allows one disruption: 3 healthy, 2
  // required); the replacement cannot land on the cordoned node, so worker-1 ends with no pods and the three
  // replicas run on worker-2 and worker-3.
  it('plans the drain of the picked node in the panel', async () => {
    const { workbench } = session;
    await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'worker-1' }).first().click();
    const view = workbench.webview();
    await workbench.waitFor(view.locator('h1', { hasText: 'Plan: web.yaml (drain worker-1)' }), 'the plan of the drain');
    const pods = (node: string) => view.locator('.node', { has: view.locator('h3', { hasText: node }) }).locator('.pod');
    assert.equal(await pods('worker-1').count(), 0, 'the drained node runs no pod');
    assert.equal((await pods('worker-2').count()) + (await pods('worker-3').count()), 3);
    // The page shows the scenario's verdict once it has a section for scenarios; until then it names the scenario
    // among what it does not show. Either way, the scenario reached the page.
    await workbench.waitFor(view.getByText(/survives: every Service kept a ready endpoint|Not on this page: .*the drain scenario/).first(), 'the scenario on the page');
    await workbench.screenshot('drain-plan');
  });
});
