/**
 * The language server in another LSP client: Neovim's built-in one (Debian package `neovim`), headless, against
 * `kubeplan lsp --stdio`. It sees the same diagnostics and hover as VS Code does.
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

function runNeovim(file: string, root: string, hover: { line: number; character: number }): NeovimSession {
  const out = path.join(root, 'session.json');
  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(repoRoot, 'test', 'e2e', 'neovim-client.lua')}`], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      KUBEPLAN_CMD: JSON.stringify([process.execPath, path.join(repoRoot, 'bin', 'kubeplan.js'), 'lsp', '--stdio']),
      KUBEPLAN_FILE: file,
      KUBEPLAN_ROOT: root,
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
