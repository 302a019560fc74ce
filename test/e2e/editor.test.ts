/**
 * The packaged extension in a real VS Code (code-server) driven through Chromium: what a user sees for a broken
 * manifest and for a hover. Runs with `npm run test:e2e`, which packages the extension and prepares the editor.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EditorSession, skipReason } from './editor-session';
import { repoRoot } from './setup';

const BROKEN_FILE = 'broken/typical-mistakes.yaml';

const skip = skipReason();

describe('the packaged extension in VS Code', { skip: skip ?? false }, () => {
  let session: EditorSession;

  before(async () => {
    session = await EditorSession.start({
      name: 'editor',
      files: { [BROKEN_FILE]: fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', BROKEN_FILE), 'utf8') },
    });
  });

  after(async () => {
    await session?.close();
  });

  it('underlines the mistakes of a broken manifest within seconds of opening it', async (t) => {
    const { workbench } = session;
    const opened = Date.now();
    await workbench.openFile(BROKEN_FILE);
    await workbench.waitForSquiggle('error');
    t.diagnostic(`opening ${BROKEN_FILE} → first squiggle: ${Date.now() - opened} ms`);
    assert.ok((await workbench.squiggles('error').count()) >= 2, 'at least two error squiggles (the unknown field and the quantity)');
  });

  it("lists the API server's messages in the Problems panel", async () => {
    const { workbench } = session;
    const problems = await workbench.problems();
    const messages = problems.map((problem) => problem.message);
    assert.ok(
      messages.some((message) => message.startsWith('strict decoding error: unknown field "spec.replica"')),
      `the unknown-field error among the Problems entries: ${JSON.stringify(messages)}`,
    );
    assert.ok(
      messages.some((message) => message.includes('Invalid value: "1GB": quantities must match the regular expression')),
      `the quantity error among the Problems entries: ${JSON.stringify(messages)}`,
    );
    await workbench.screenshot('diagnostics');
  });
});
