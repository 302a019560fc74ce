/**
 * `kubeplan.diagnostics.scope` in a real VS Code (code-server) driven through Chromium: with `workspace`, the
 * findings of a manifest never opened are in the Problems panel; with `open`, they are not. Runs after
 * `npm run test:e2e` has packaged the extension and prepared the editor:
 * `node --test --test-reporter=spec out/editor/test/e2e/workspace-diagnostics.test.js`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { EditorSession, skipReason } from './editor-session';

const STEP_TIMEOUT_MS = 30_000;
const SCOPE_SETTING = 'kubeplan.diagnostics.scope';

/** Never opened: only a workspace scope reports it. */
const NEVER_OPENED = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: never-opened\nneverOpenedField: 1\n';
// apimachinery's strict decoding (k8s.io/apimachinery/pkg/runtime/serializer/json): `unknown field "neverOpenedField"`.
const NEVER_OPENED_MESSAGE = 'strict decoding error: unknown field "neverOpenedField"';
/** Opened, so that the Problems panel always has an entry to wait for. */
const OPENED = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: opened\nopenedField: 1\n';

const skip = skipReason();

describe('diagnostics of files that are not open', { skip: skip ?? false }, () => {
  let session: EditorSession;

  before(async () => {
    session = await EditorSession.start({
      name: 'workspace-diagnostics',
      files: { 'manifests/never-opened.yaml': NEVER_OPENED, 'manifests/opened.yaml': OPENED },
      settings: { [SCOPE_SETTING]: 'workspace' },
    });
    await session.workbench.openFile('manifests/opened.yaml');
    await session.workbench.waitForSquiggle('error');
  });

  after(async () => {
    await session?.close();
  });

  /** Waits until the messages of the Problems panel (open) satisfy `holds`; returns them. */
  async function problemsUntil(holds: (messages: string[]) => boolean, what: string): Promise<string[]> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    let messages: string[] = [];
    while (Date.now() < deadline) {
      // Read in one go: entries come and go while the server publishes.
      messages = (await session.workbench.page.locator('.markers-panel .monaco-list-row .marker-message').allInnerTexts()).map((message) => message.trim());
      if (holds(messages)) return messages;
      await sleep(250);
    }
    assert.fail(`the Problems panel never showed ${what}; it shows ${JSON.stringify(messages)}`);
  }

  it('lists the findings of a manifest never opened with the workspace scope', async () => {
    await session.workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await problemsUntil((messages) => messages.some((message) => message.startsWith(NEVER_OPENED_MESSAGE)), 'the finding of the file never opened');
  });

  it('drops them when the scope goes back to open documents', async () => {
    const workspaceSettings = path.join(session.workspace, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(workspaceSettings), { recursive: true });
    fs.writeFileSync(workspaceSettings, JSON.stringify({ [SCOPE_SETTING]: 'open' }));
    const messages = await problemsUntil((shown) => !shown.some((message) => message.startsWith(NEVER_OPENED_MESSAGE)), 'the finding of the file never opened gone');
    assert.ok(
      messages.some((message) => message.startsWith('strict decoding error: unknown field "openedField"')),
      `the open file's finding stays: ${JSON.stringify(messages)}`,
    );
  });
});
