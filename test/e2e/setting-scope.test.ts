/**
 * Where the extension's commands save a setting, in a real VS Code (code-server) driven through Chromium: the user
 * is asked (for them, or for this workspace) instead of a `.vscode/settings.json` appearing unasked, and a setting
 * already set at one scope is changed there without asking. Runs after `npm run test:e2e` has packaged the
 * extension and prepared the editor: `node --test --test-reporter=spec out/editor/test/e2e/setting-scope.test.js`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { EditorSession, skipReason } from './editor-session';

const VERSION_SETTING = 'kubeplan.kubernetesVersion';
const STEP_TIMEOUT_MS = 30_000;

const skip = skipReason();

/** The settings a file holds, or undefined when there is no such file. */
function settingsIn(file: string): Record<string, unknown> | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
}

/** Waits until the file holds the setting's value; the editor writes settings a moment after the choice. */
async function waitForSetting(file: string, value: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (settingsIn(file)?.[VERSION_SETTING] !== value) {
    if (Date.now() > deadline) assert.fail(`${file} never held ${VERSION_SETTING}: ${value}; it holds ${JSON.stringify(settingsIn(file))}`);
    await sleep(200);
  }
}

describe('settings saved where the user says', { skip: skip ?? false }, () => {
  let session: EditorSession;
  let workspaceSettings: string;

  before(async () => {
    session = await EditorSession.start({ name: 'setting-scope' });
    workspaceSettings = path.join(session.workspace, '.vscode', 'settings.json');
    await session.workbench.openFile('examples/deployment.yaml');
  });

  after(async () => {
    await session?.close();
  });

  /** Picks a version from the status bar's command; `scope` answers the question of where to save it, if asked. */
  async function selectVersion(version: string, scope?: string): Promise<void> {
    const { workbench } = session;
    await workbench.runCommand('Kubeplan: Select Kubernetes Version');
    await workbench.pickQuickInput(version);
    if (scope) {
      await workbench.waitFor(workbench.page.locator('.quick-input-widget .quick-input-title', { hasText: `Save Kubernetes ${version} for` }), 'the question of where to save');
      await workbench.pickQuickInput(scope);
    }
  }

  it('asks where to save a version set nowhere, and saves it for the user without creating workspace settings', async () => {
    await selectVersion('1.33', 'For me');
    await waitForSetting(session.server.userSettingsFile, '1.33');
    assert.equal(fs.existsSync(workspaceSettings), false);
  });

  it('changes a version set for the user there, without asking', async () => {
    await selectVersion('1.34');
    await waitForSetting(session.server.userSettingsFile, '1.34');
    assert.equal(fs.existsSync(workspaceSettings), false);
  });

  it('changes a version set for the workspace there, leaving the user’s as it was', async () => {
    fs.mkdirSync(path.dirname(workspaceSettings), { recursive: true });
    fs.writeFileSync(workspaceSettings, JSON.stringify({ [VERSION_SETTING]: '1.30' }));
    await session.workbench.waitFor(session.workbench.page.locator('.statusbar-item', { hasText: 'K8s 1.30' }), 'the status bar to show the workspace’s version');
    await selectVersion('1.32');
    await waitForSetting(workspaceSettings, '1.32');
    assert.equal(settingsIn(session.server.userSettingsFile)?.[VERSION_SETTING], '1.34');
  });
});
