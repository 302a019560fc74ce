/**
 * The plan panel stays true in a real VS Code (code-server) driven through Chromium: an edit saved in the editor
 * is planned again by itself, Refresh (the page's button and the command) plans again on a cluster file the
 * editor does not watch, and a workspace whose manifests have errors lists them with links and in the Problems
 * panel, also for a file that is not open. Runs after `npm run test:e2e` has packaged the extension and prepared
 * the editor: `node --test --test-reporter=spec out/editor/test/e2e/plan-refresh.test.js`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EditorSession, skipReason } from './editor-session';
import { repoRoot } from './setup';
import { acrossReload } from './workbench';

const FILE = 'plan/web.yaml';
/** A Deployment of 10 replicas and its Service; line 7 is `  replicas: 10`. */
const TEXT = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'plan', 'web-v2.yaml'), 'utf8');
const REPLICAS_LINE = TEXT.split('\n').indexOf('  replicas: 10') + 1;
/** Not open in the editor: its error reaches the Problems panel only through the plan. */
const BROKEN = 'broken/api.yaml';
const BROKEN_TEXT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: api}\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - {name: api, image: "api:1.0"}\n';
// pkg/apis/apps/validation/validation.go ValidateDeploymentSpec: ValidateNonnegativeField(spec.Replicas) →
// apimachinery's field.Invalid with "must be greater than or equal to 0".
const BROKEN_MESSAGE = 'spec.replicas: Invalid value: -1: must be greater than or equal to 0';

/** `count` schedulable nodes of 4 CPUs and 16 GiB, as `kind: Node` manifests. */
function nodes(count: number): string {
  return Array.from(
    { length: count },
    (_, index) =>
      `apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-${index + 1}\n  labels: {kubernetes.io/hostname: worker-${index + 1}, kubernetes.io/os: linux}\nstatus:\n  capacity: {cpu: "4", memory: 16Gi, pods: "110"}\n  allocatable: {cpu: "4", memory: 16Gi, pods: "110"}\n`,
  ).join('---\n');
}

const skip = skipReason();

describe('the plan panel stays true', { skip: skip ?? false }, () => {
  let session: EditorSession;
  /** Outside the workspace, where the editor's file watcher does not look: only Refresh sees it change. */
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-e2e-cluster-'));
  const clusterFile = path.join(outside, 'nodes.yaml');

  before(async () => {
    fs.writeFileSync(clusterFile, nodes(2));
    session = await EditorSession.start({ name: 'plan-refresh', files: { [FILE]: TEXT, [BROKEN]: BROKEN_TEXT }, settings: { 'kubeplan.plan.cluster': clusterFile } });
    await session.workbench.openFile(FILE);
  });

  after(async () => {
    await session?.close();
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('plans the file on the cluster file of the settings', async () => {
    const { workbench } = session;
    await workbench.runCommand('Kubeplan: Plan Current File');
    await workbench.waitFor(workbench.webview().locator('p.summary', { hasText: '2 nodes · 10 pods (10 scheduled, 0 pending)' }), 'the plan of 10 replicas on 2 nodes');
  });

  it('says the plan is out of date while the file is edited, and plans again once it is saved: the page shows the new replicas', async () => {
    const { workbench } = session;
    // Column 13 is the first digit of `  replicas: 10`.
    await workbench.goTo(REPLICAS_LINE, 13);
    await workbench.page.keyboard.press('Shift+End');
    await workbench.page.keyboard.type('4');
    // Typing on, with gaps shorter than the pause a plan waits for: the page says its plan is out of date meanwhile.
    const banner = workbench.webview().locator('.stale', { hasText: 'Out of date: web.yaml was edited. Planning again…' });
    await Promise.all([workbench.page.keyboard.type(' # was 10', { delay: 250 }), workbench.waitFor(banner, 'the out-of-date banner while typing')]);
    await workbench.page.keyboard.press('Control+s');
    await acrossReload(() => workbench.waitFor(workbench.webview().locator('p.summary', { hasText: '2 nodes · 4 pods (4 scheduled, 0 pending)' }), 'the plan of 4 replicas'));
    assert.equal(await workbench.webview().locator('.stale').count(), 0, 'the new plan is current');
    await workbench.screenshot('planned-again-after-save');
  });

  it('plans again on the cluster file as it is now when Refresh is clicked on the page', async () => {
    const { workbench } = session;
    fs.writeFileSync(clusterFile, nodes(3));
    await workbench.webview().locator('button[data-command="kubeplan.refreshPlan"]').click();
    await acrossReload(() => workbench.waitFor(workbench.webview().locator('p.summary', { hasText: '3 nodes · 4 pods' }), 'the plan on 3 nodes'));
    assert.equal(await workbench.webview().locator('.node').count(), 3);
  });

  it('plans again when Kubeplan: Refresh Plan is run', async () => {
    const { workbench } = session;
    fs.writeFileSync(clusterFile, nodes(1));
    await workbench.runCommand('Kubeplan: Refresh Plan');
    await acrossReload(() => workbench.waitFor(workbench.webview().locator('p.summary', { hasText: '1 node · 4 pods' }), 'the plan on 1 node'));
  });

  it('lists the errors of a workspace plan, and shows them in the Problems panel for a file that is not open', async () => {
    const { workbench } = session;
    await workbench.runCommand('Kubeplan: Plan Workspace');
    const view = workbench.webview();
    const link = view.locator('ul.problems a', { hasText: 'api.yaml:6' });
    await acrossReload(() => workbench.waitFor(link, 'the error of api.yaml in the panel'));
    assert.match(await view.locator('ul.problems li', { hasText: 'api.yaml:6' }).innerText(), new RegExp(BROKEN_MESSAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await view.locator('button[data-command="workbench.actions.view.problems"]').click();
    // The page's button opens the Problems panel; the keyboard's focus stays in the page.
    const problems = await workbench.shownProblems();
    assert.ok(
      problems.some((problem) => problem.message === BROKEN_MESSAGE),
      `the Problems panel shows ${JSON.stringify(problems.map((problem) => problem.message))}`,
    );
    await workbench.screenshot('workspace-errors');
  });

  it('opens the file that is not open at the error when its link is clicked', async () => {
    const { workbench } = session;
    await workbench.webview().locator('ul.problems a', { hasText: 'api.yaml:6' }).click();
    await workbench.waitFor(workbench.page.locator('.tabs-container .tab.active[aria-label^="api.yaml"]'), 'the editor for api.yaml');
    await workbench.waitFor(workbench.page.locator('.statusbar-item', { hasText: 'Ln 6, Col' }), 'the cursor on line 6');
  });
});
