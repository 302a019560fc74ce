/**
 * Prepares what the end-to-end tests need: Debian's Chromium, ripgrep and Neovim, and code-server (VS Code with its
 * Node.js extension host, served to a browser) unpacked into a cache folder named by its version. The cache is
 * reused when complete, so only the first run pays the few minutes of native builds. Run directly
 * (`node out/editor/test/e2e/setup.js`) it prepares everything and prints where things are.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The newest code-server whose VS Code runs on Node 20 (1.100.3). */
export const CODE_SERVER_VERSION = '4.100.3';

export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

export interface EditorSetup {
  /** code-server's Node entry point: `node <entry> [options] [folder]`. */
  codeServerEntry: string;
  chromium: string;
}

/** The browser, and the Debian packages that provide what code-server's build and search need. */
const SYSTEM_PACKAGES = [
  { name: 'chromium', present: () => fs.existsSync(chromiumPath()) },
  { name: 'ripgrep', present: () => fs.existsSync('/usr/bin/rg') },
  { name: 'libkrb5-dev', present: () => debianPackageInstalled('libkrb5-dev') },
  // Another LSP client: the language server must work unchanged in Neovim's.
  { name: 'neovim', present: () => fs.existsSync('/usr/bin/nvim') },
];

export function chromiumPath(): string {
  return process.env['KUBEPLAN_E2E_CHROMIUM'] ?? '/usr/bin/chromium';
}

/** Folder of the unpacked code-server; KUBEPLAN_E2E_CACHE moves the cache out of node_modules (which `npm ci` empties). */
export function codeServerDir(): string {
  const cache = process.env['KUBEPLAN_E2E_CACHE'] ?? path.join(repoRoot, 'node_modules', '.cache', 'kubeplan-e2e');
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
}

const COMPLETE_MARKER = '.kubeplan-setup-complete';

/** What is missing, without changing anything; empty when the test can run. */
export function missingParts(): string[] {
  const missing = SYSTEM_PACKAGES.filter((pkg) => !pkg.present()).map((pkg) => `Debian package ${pkg.name}`);
  if (!fs.existsSync(path.join(codeServerDir(), COMPLETE_MARKER))) missing.push(`code-server ${CODE_SERVER_VERSION} in ${codeServerDir()}`);
  return missing;
}

export function editorSetup(): EditorSetup {
  return { codeServerEntry: path.join(codeServerDir(), 'out', 'node', 'entry.js'), chromium: chromiumPath() };
}

/** Installs whatever is missing. Needs root for apt-get and the npm registry for code-server's first unpacking. */
export function prepareEditor(log: (line: string) => void = console.log): EditorSetup {
  installSystemPackages(log);
  if (!fs.existsSync(path.join(codeServerDir(), COMPLETE_MARKER))) unpackCodeServer(log);
  const setup = editorSetup();
  const version = run(process.execPath, [setup.codeServerEntry, '--version'], repoRoot, 'pipe');
  if (!version.includes(CODE_SERVER_VERSION)) throw new Error(`code-server in ${codeServerDir()} reports "${version.trim()}", expected ${CODE_SERVER_VERSION}`);
  return setup;
}

function installSystemPackages(log: (line: string) => void): void {
  const missing = SYSTEM_PACKAGES.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(', ')}; install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing ${missing.join(', ')} with apt-get`);
  run('apt-get', ['update'], repoRoot);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], repoRoot, 'inherit', { DEBIAN_FRONTEND: 'noninteractive' });
}

/**
 * npm's package, without its install script (which would download ripgrep): dependencies installed with scripts
 * off, Debian's ripgrep put where VS Code looks for it, then the native modules rebuilt for this Node.
 */
function unpackCodeServer(log: (line: string) => void): void {
  // A folder without the marker is an interrupted unpacking: start again. Native builds are made in place.
  const folder = codeServerDir();
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  log(`unpacking code-server ${CODE_SERVER_VERSION} into ${folder} (first run only; a few minutes)`);
  const download = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-code-server-'));
  try {
    const tarball = run('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--silent', '--pack-destination', download], download, 'pipe')
      .trim()
      .split('\n')
      .pop()!;
    run('tar', ['-xzf', path.join(download, tarball), '-C', folder, '--strip-components=1'], folder);
  } finally {
    fs.rmSync(download, { recursive: true, force: true });
  }
  const vscodeDir = path.join(folder, 'lib', 'vscode');
  const npmInstall = ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'];
  run('npm', npmInstall, folder);
  run('npm', npmInstall, vscodeDir);
  const ripgrepBin = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(ripgrepBin, { recursive: true });
  fs.copyFileSync('/usr/bin/rg', path.join(ripgrepBin, 'rg'));
  fs.chmodSync(path.join(ripgrepBin, 'rg'), 0o755);
  const rebuild = ['rebuild'];
  // code-server's own install script refuses to run as root unless npm says unsafe-perm (npm 11 no longer has the flag).
  const rebuildEnv = { npm_config_yes: 'true', npm_config_unsafe_perm: 'true' };
  run('npm', rebuild, vscodeDir, 'inherit', rebuildEnv);
  fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  run('npm', rebuild, folder, 'inherit', rebuildEnv);
  fs.writeFileSync(path.join(folder, COMPLETE_MARKER), `${CODE_SERVER_VERSION}\n`);
}

function debianPackageInstalled(name: string): boolean {
  try {
    return run('dpkg-query', ['-W', '-f=${Status}', name], repoRoot, 'pipe').includes('install ok installed');
  } catch {
    return false;
  }
}

function run(command: string, args: string[], cwd: string, stdio: 'pipe' | 'inherit' = 'inherit', env: Record<string, string> = {}): string {
  const output = execFileSync(command, args, { cwd, stdio: ['ignore', stdio, stdio === 'pipe' ? 'pipe' : 'inherit'], env: { ...process.env, ...env }, encoding: 'utf8' });
  return output ?? '';
}

if (require.main === module) {
  try {
    const setup = prepareEditor();
    console.log(`code-server: ${setup.codeServerEntry}\nchromium: ${setup.chromium}`);
  } catch (error) {
    console.error(`kubeplan e2e setup failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
