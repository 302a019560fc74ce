/**
 * A language server that dies is started again by the extension, and the editor keeps working: the test kills the
 * server process outright, as a crash or the kernel's out-of-memory killer would, and asks for a hover afterwards.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EditorSession, skipReason } from './editor-session';
import { repoRoot } from './setup';

const BROKEN_FILE = 'broken/typical-mistakes.yaml';
/** Opened only after the restart: its squiggle can come only from the new server. */
const OPENED_AFTER = 'broken/opened-after-restart.yaml';
const RESTART_TIMEOUT_MS = 60_000;

const skip = skipReason();

/** The kubeplan language servers this session's code-server started (their command lines name its state folder). */
function languageServerPids(stateDir: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('lsp-entry.js') && line.includes(stateDir))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

async function waitForNewServer(stateDir: string, killed: number): Promise<number> {
  const deadline = Date.now() + RESTART_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const fresh = languageServerPids(stateDir).filter((pid) => pid !== killed);
    if (fresh.length > 0) return fresh[0]!;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no language server came back within ${RESTART_TIMEOUT_MS / 1000} s of killing ${killed}`);
}

describe('a language server that dies', { skip: skip ?? false }, () => {
  let session: EditorSession;

  before(async () => {
    session = await EditorSession.start({
      name: 'server-restart',
      files: {
        [BROKEN_FILE]: fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', BROKEN_FILE), 'utf8'),
        [OPENED_AFTER]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\ndta:\n  mode: fast\n',
      },
    });
  });

  after(async () => {
    await session?.close();
  });

  it('is started again, and hovers and diagnostics come back', async (t) => {
    const { workbench } = session;
    const stateDir = path.dirname(session.server.logFile);
    await workbench.openFile(BROKEN_FILE);
    await workbench.waitForSquiggle('error');
    const [first] = languageServerPids(stateDir);
    assert.ok(first !== undefined, 'a kubeplan language server is running');
    process.kill(first, 'SIGKILL');
    const second = await waitForNewServer(stateDir, first);
    t.diagnostic(`killed language server ${first}; the extension started ${second}`);

    const file = 'examples/deployment.yaml';
    const text = fs.readFileSync(path.join(session.workspace, file), 'utf8');
    const line = text.slice(0, text.indexOf('  replicas:')).split('\n').length;
    await workbench.openFile(file);
    const hover = await workbench.hoverAt(line, 5);
    assert.match(hover, /Number of desired pods/);
    await workbench.dismiss();
    await workbench.openFile(OPENED_AFTER);
    await workbench.waitForSquiggle('error');
    const messages = (await workbench.problems()).map((problem) => problem.message);
    assert.ok(
      messages.some((message) => message.startsWith('strict decoding error: unknown field "dta"')),
      JSON.stringify(messages),
    );
  });
});
