/**
 * A user's editor for an end-to-end test: a temporary workspace (the repository's examples plus files the test
 * adds), code-server with the packaged .vsix installed, and the workbench open on it in Chromium.
 *
 *   const session = await EditorSession.start({ files: { 'broken.yaml': text } });
 *   await session.workbench.openFile('broken.yaml');
 *   ...
 *   await session.close();
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer, type CodeServer } from './code-server';
import { editorSetup, missingParts, repoRoot } from './setup';
import { Workbench } from './workbench';

/** Screenshots and editor logs of every run, kept after it (gitignored). */
export const resultsDir = path.join(repoRoot, 'test-results', 'e2e');

export interface SessionOptions {
  /** Files written into the workspace beside the examples, by path relative to it. */
  files?: Record<string, string>;
  /** User settings over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Subfolder of the results folder for this session's screenshots and logs. */
  name: string;
}

/**
 * Why the editor cannot run here, or undefined when it can. Without CI a missing part skips the tests; in CI
 * it fails them, since a green run that checked nothing would hide a broken set-up.
 */
export function skipReason(): string | undefined {
  const missing = missingParts();
  if (missing.length === 0) return undefined;
  const reason = `missing ${missing.join('; ')} — run \`node out/editor/test/e2e/setup.js\` (part of \`npm run test:e2e\`)`;
  if (process.env['CI']) throw new Error(reason);
  return reason;
}

/** The packaged extension that `npm run package` wrote for this version. */
export function packagedExtension(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(repoRoot, `kubeplan-${version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing; run \`npm run package\` first`);
  return vsix;
}

export class EditorSession {
  private constructor(
    readonly workspace: string,
    readonly server: CodeServer,
    readonly workbench: Workbench,
    private readonly tempDir: string,
  ) {}

  static async start(options: SessionOptions): Promise<EditorSession> {
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-e2e-'));
    const workspace = path.join(tempDir, 'workspace');
    fs.cpSync(path.join(repoRoot, 'examples'), path.join(workspace, 'examples'), { recursive: true });
    for (const [file, text] of Object.entries(options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), text);
    }
    const outDir = path.join(resultsDir, options.name);
    fs.rmSync(outDir, { recursive: true, force: true });
    const setup = editorSetup();
    let server: CodeServer | undefined;
    try {
      server = await startCodeServer({
        entry: setup.codeServerEntry,
        workspace,
        stateDir: path.join(tempDir, 'editor'),
        vsix: packagedExtension(),
        ...(options.settings ? { settings: options.settings } : {}),
      });
      const workbench = await Workbench.open(server.url, setup.chromium, outDir);
      return new EditorSession(workspace, server, workbench, tempDir);
    } catch (error) {
      await server?.stop();
      fs.rmSync(tempDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Closes the browser and code-server (with its extension host and language server); keeps the logs. */
  async close(): Promise<void> {
    try {
      await this.workbench.close();
    } finally {
      await this.server.stop();
      const kept = this.workbench.screenshotsDir;
      if (fs.existsSync(this.server.logsDir)) fs.cpSync(this.server.logsDir, path.join(kept, 'logs'), { recursive: true });
      fs.copyFileSync(this.server.logFile, path.join(kept, 'code-server.log'));
      fs.rmSync(this.tempDir, { recursive: true, force: true });
    }
  }
}
