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

  it('underlines the mistakes of a broken manifest once it is opened', async (t) => {
    const { workbench } = session;
    const asked = Date.now();
    await workbench.openFile(BROKEN_FILE);
    const shown = Date.now();
    await workbench.waitForSquiggle('error');
    t.diagnostic(`${BROKEN_FILE}: quick open → editor shown ${shown - asked} ms; editor shown → first squiggle ${Date.now() - shown} ms`);
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

  it("shows a field's documentation when hovering its key", async () => {
    const { workbench } = session;
    const file = 'examples/deployment.yaml';
    const position = positionOf(fs.readFileSync(path.join(session.workspace, file), 'utf8'), '  replicas:');
    await workbench.openFile(file);
    const hover = await workbench.hoverAt(position.line, position.column + 2);
    // DeploymentSpec.replicas as the Kubernetes API documents it.
    assert.match(hover, /Number of desired pods\. This is a pointer to distinguish between explicit zero and not specified\. Defaults to 1\./);
    await workbench.screenshot('hover');
    await workbench.dismiss();
  });

  // Activation includes starting the language server; a few hundred milliseconds on an idle machine, and the
  // bound leaves room for a busy one.
  it('activates in the extension host within three seconds, the language server started', async (t) => {
    const activation = await session.workbench.activationTime('Kubeplan');
    t.diagnostic(`extension host: Kubeplan activated in ${activation} ms`);
    assert.ok(activation < 3000, `activation took ${activation} ms`);
  });
});

/** 1-based line and column of the first occurrence of a text. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" in the file`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
