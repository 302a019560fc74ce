/**
 * The language server in another LSP client: Neovim's built-in one (Debian package `neovim`), headless, against
 * `kubeplan lsp --stdio`, configured by the README's Neovim snippet itself (so the snippet cannot drift from what
 * works). It sees the same diagnostics and hover as VS Code does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers/repo-paths';

interface NeovimSession {
  diagnostics: { message: string; severity: number; range: { start: { line: number; character: number } } }[];
  hover: { contents: { kind?: string; value?: string } | string } | null;
  errors: string[];
}

const NVIM = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
/** In CI a missing editor is a failure: the set-up installs it. */
const skip = NVIM || process.env['CI'] ? false : 'nvim is not installed (Debian package neovim)';

const BROKEN = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  replica: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

/** The README's Neovim snippet: the Lua block after the line that introduces it. */
function readmeSnippet(): string {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const introduced = readme.indexOf('\nNeovim (0.7 or later)');
  const block = /```lua\n([\s\S]*?)```/.exec(readme.slice(introduced));
  assert.ok(introduced >= 0 && block, 'README has a Neovim snippet');
  return block[1]!;
}

/** The snippet with this checkout's server and this Node in place of `/path/to/kubeplan` and `node`. */
function snippetForThisCheckout(): string {
  const snippet = readmeSnippet();
  const command = "cmd = { 'node', '--max-semi-space-size=2', '/path/to/kubeplan/bin/kubeplan.js', 'lsp', '--stdio' }";
  assert.ok(snippet.includes(command), `the snippet starts the server as the README says: ${command}`);
  const here = [process.execPath, '--max-semi-space-size=2', path.join(repoRoot, 'bin', 'kubeplan.js'), 'lsp', '--stdio'];
  return snippet.replace(command, `cmd = { ${here.map((part) => JSON.stringify(part)).join(', ')} }`);
}

function runNeovim(file: string, root: string, hover: { line: number; character: number }): NeovimSession {
  const out = path.join(root, 'session.json');
  const config = path.join(root, 'init.lua');
  fs.writeFileSync(config, snippetForThisCheckout());
  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(repoRoot, 'test', 'e2e', 'neovim-client.lua')}`], {
    encoding: 'utf8',
    timeout: 60_000,
    // Started in the workspace, as the snippet's root_dir expects.
    cwd: root,
    env: {
      ...process.env,
      KUBEPLAN_CONFIG: config,
      KUBEPLAN_FILE: file,
      KUBEPLAN_OUT: out,
      KUBEPLAN_HOVER_LINE: String(hover.line),
      KUBEPLAN_HOVER_CHARACTER: String(hover.character),
    },
  });
  assert.ok(fs.existsSync(out), `Neovim wrote no result (status ${run.status}, signal ${run.signal}): ${run.stderr}${run.stdout}`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimSession;
}

test("Neovim's LSP client receives kubeplan's diagnostics and hover for a broken Deployment", { skip, timeout: 90_000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-neovim-'));
  try {
    const file = path.join(root, 'deployment.yaml');
    fs.writeFileSync(file, BROKEN);
    const session = runNeovim(file, root, { line: 5, character: 3 });
    assert.deepEqual(session.errors, []);
    assert.deepEqual(
      session.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.message]),
      [[6, 2, 1, 'strict decoding error: unknown field "spec.replica"; did you mean "replicas"?']],
    );
    const contents = session.hover?.contents;
    const text = typeof contents === 'string' ? contents : (contents?.value ?? '');
    assert.match(text, /replicas/);
    assert.match(text, /integer/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
