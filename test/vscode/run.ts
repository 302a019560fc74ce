/**
 * Runs the extension tests inside VS Code with @vscode/test-electron, which downloads the VS Code build
 * (KUBEPLAN_VSCODE_VERSION, default the latest stable) into .vscode-test/. The extension is loaded from this
 * checkout: dist/ must hold the bundle (`npm run test:vscode` makes it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

async function main(): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-vscode-'));
  fs.cpSync(path.join(repoRoot, 'examples'), path.join(workspace, 'examples'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'broken'), path.join(workspace, 'broken'), { recursive: true });
  try {
    await runTests({
      version: process.env['KUBEPLAN_VSCODE_VERSION'] ?? 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'suite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`kubeplan extension tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
