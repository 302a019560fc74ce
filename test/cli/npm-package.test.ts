/**
 * What `npm pack` puts in the command line's package (npm-packlist reads .npmignore instead of .gitignore when
 * it exists): everything `bin/kubeplan.js` loads at run time, and none of the sources, tests or benchmarks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../helpers/repo-paths';

function packedFiles(): Set<string> {
  // --ignore-scripts: the check needs the file list only, not the build that `prepare` would run.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const json = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  const [pack] = JSON.parse(json) as { files: { path: string }[] }[];
  return new Set(pack!.files.map((file) => file.path));
}

test('the npm package holds the command line, its compiled server, the generated schemas and the bundles', () => {
  const files = packedFiles();
  for (const needed of [
    'bin/kubeplan.js',
    'package.json',
    'out/server/src/cli/main.js',
    'out/server/src/lsp/server.js',
    'schemas/generated/1.36.json',
    'schemas/generated/1.36.validators.js',
    'dist/lsp-entry.js',
  ]) {
    assert.ok(files.has(needed), `${needed} is missing from the package`);
  }
});

test('the npm package leaves out sources, tests, benchmarks and editor packages', () => {
  const files = [...packedFiles()];
  const outside = files.filter((file) => /^(server|client|test|bench)\/|^out\/(test|bench|client|editor)\/|\.vsix$/.test(file));
  assert.deepEqual(outside, []);
});
