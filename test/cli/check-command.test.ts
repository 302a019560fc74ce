/** `kubeplan check` as a user and a CI job run it: the real binary, real files, real exit codes. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../helpers/run-cli';
import { fixturesDir, repoRoot } from '../helpers/repo-paths';

const brokenFile = path.join(fixturesDir, 'broken', 'typical-mistakes.yaml');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-cli-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: value\n`;
const SUMMARY = /^\d+ files?, \d+ objects?: \d+ errors?, \d+ warnings?$/;

function writeTree(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').pop() ?? '';
}

test('the bundled examples check clean: exit 0 and a summary with no errors', () => {
  const run = runCli(['check', 'examples']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(run.stdout, '7 files, 7 objects: 0 errors, 0 warnings\n');
});

test('the bundled examples check clean in every supported version', () => {
  for (const version of ['1.30', '1.32', '1.33', '1.34', '1.36']) {
    const run = runCli(['check', '--kubernetes-version', version, '--output', 'json', 'examples']);
    assert.equal(run.status, 0, version);
    assert.deepEqual(JSON.parse(run.stdout).diagnostics, [], version);
  }
});

test('a file with errors exits 1 and text output lists file:line:column, then the summary line', () => {
  const run = runCli(['check', brokenFile]);
  assert.equal(run.status, 1);
  const lines = run.stdout.trimEnd().split('\n');
  assert.match(lastLine(run.stdout), SUMMARY);
  assert.equal(lastLine(run.stdout), '1 file, 3 objects: 5 errors, 0 warnings');
  assert.ok(
    lines.slice(0, -1).every((l) => l.startsWith(`${brokenFile}:`)),
    run.stdout,
  );
  assert.ok(lines.includes(`${brokenFile}:7:3: error: strict decoding error: unknown field "spec.replica"; did you mean "replicas"? [unknown-field] (Deployment/web)`), run.stdout);
});

// kubectl 1.32 reads the byte as U+FFFD (golang.org/x/text's UTF-8 decoder in k8s.io/cli-runtime) and goes on.
test('bytes that are not UTF-8 are read as U+FFFD as kubectl reads them, with a warning at their place', () => {
  const file = path.join(scratch, 'latin1.yaml');
  // "café" as Latin-1 writes it: é is the lone byte E9.
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.from(`${configMap('ok')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: menu\ndata:\n  drink: caf`), Buffer.from([0xe9]), Buffer.from(' au lait\n')]),
  );
  const run = runCli(['check', file]);
  assert.equal(run.status, 0);
  assert.equal(
    run.stdout,
    `${file}:13:13: warning: bytes that are not UTF-8 start here; kubectl reads them as U+FFFD (\uFFFD), and that is what the API server receives [yaml-syntax]\n1 file, 2 objects: 0 errors, 1 warning\n`,
  );
});

test('a missing file exits 2 with a one-line message on stderr and nothing on stdout', () => {
  const run = runCli(['check', path.join(scratch, 'does-not-exist.yaml')]);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /does-not-exist\.yaml/);
});

test('an unsupported --kubernetes-version exits 2 and names the supported ones', () => {
  const run = runCli(['check', '--kubernetes-version', '1.31', 'examples']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1);
  assert.match(run.stderr, /1\.30, 1\.32, 1\.33, 1\.34, 1\.36/);
});

test('an unknown option exits 2', () => {
  const run = runCli(['check', '--strict-mode', 'examples']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--strict-mode/);
});

test('an unknown output format exits 2', () => {
  assert.equal(runCli(['check', '--output', 'yaml', 'examples']).status, 2);
});

test('--kubernetes-version=X.Y (inline value) picks the version', () => {
  const run = runCli(['check', '--kubernetes-version=1.30', '--output=json', '-'], {
    input: 'apiVersion: resource.k8s.io/v1\nkind: DeviceClass\nmetadata: {name: gpu}\n',
  });
  assert.equal(run.status, 1);
  assert.equal(JSON.parse(run.stdout).diagnostics[0].rule, 'unknown-api');
});

test('- reads the manifest from standard input', () => {
  const run = runCli(['check', '--output', 'json', '-'], { input: configMap('from-stdin').replace('key: value', 'count: 1') });
  assert.equal(run.status, 1);
  const result = JSON.parse(run.stdout);
  assert.equal(result.files, 1);
  assert.equal(result.diagnostics[0].file, '<stdin>');
  assert.equal(result.diagnostics[0].name, 'from-stdin');
});

test('folders are searched recursively for .yaml, .yml and .json, skipping node_modules and other files', () => {
  const root = path.join(scratch, 'tree');
  writeTree(root, {
    'a.yaml': configMap('a'),
    'deep/er/b.yml': configMap('b'),
    'deep/c.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
    'notes.txt': 'apiVersion: v1\nkind: Nope\n',
    'README.md': '# not a manifest\n',
    'node_modules/pkg/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad}\nbogus: 1\n',
  });
  const run = runCli(['check', '--output', 'json', root]);
  assert.equal(run.status, 0, run.stdout);
  const result = JSON.parse(run.stdout);
  assert.equal(result.files, 3);
  assert.equal(result.objects, 3);
});

test('a symlink loop in a folder does not hang and each file is read once', () => {
  const root = path.join(scratch, 'loop');
  writeTree(root, { 'inner/one.yaml': configMap('one') });
  fs.symlinkSync(root, path.join(root, 'inner', 'back-to-root'), 'dir');
  fs.symlinkSync(path.join(root, 'inner'), path.join(root, 'inner', 'self'), 'dir');
  const started = Date.now();
  const run = runCli(['check', '--output', 'json', root], { timeoutMs: 10_000 });
  assert.ok(Date.now() - started < 10_000);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).files, 1);
});

test('--output json follows the contract: every key, its type, 1-based positions and API-server field paths', () => {
  const run = runCli(['check', '--output', 'json', brokenFile]);
  assert.equal(run.status, 1);
  const result = JSON.parse(run.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(result).sort(), ['diagnostics', 'files', 'objects']);
  assert.equal(result['files'], 1);
  assert.equal(result['objects'], 3);
  const diagnostics = result['diagnostics'] as Record<string, unknown>[];
  assert.equal(diagnostics.length, 5);
  const keys = ['apiVersion', 'column', 'endColumn', 'endLine', 'file', 'kind', 'line', 'message', 'name', 'namespace', 'path', 'rule', 'severity'];
  for (const d of diagnostics) {
    assert.deepEqual(Object.keys(d).sort(), keys);
    for (const key of ['line', 'column', 'endLine', 'endColumn']) {
      assert.ok(Number.isInteger(d[key]) && (d[key] as number) >= 1, `${key} = ${String(d[key])}`);
    }
    for (const key of ['file', 'rule', 'message', 'path', 'apiVersion', 'kind', 'name', 'namespace']) assert.equal(typeof d[key], 'string', key);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(d['severity'] as string));
  }
  assert.deepEqual(diagnostics[0], {
    file: brokenFile,
    line: 7,
    column: 3,
    endLine: 7,
    endColumn: 10,
    severity: 'error',
    rule: 'unknown-field',
    message: 'strict decoding error: unknown field "spec.replica"; did you mean "replicas"?',
    path: 'spec.replica',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'web',
    namespace: '',
  });
  const quantity = diagnostics.find((d) => d['rule'] === 'invalid-quantity')!;
  assert.equal(quantity['path'], 'spec.template.spec.containers[0].resources.requests[memory]');
  assert.equal(quantity['line'], 21);
  const removed = diagnostics.find((d) => d['rule'] === 'unknown-api')!;
  assert.equal(removed['path'], 'apiVersion');
  assert.equal(removed['kind'], 'Ingress');
});

test('--output json puts the namespace of the object in each diagnostic', () => {
  const run = runCli(['check', '--output', 'json', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\ndata: {n: 1}\n' });
  assert.equal(JSON.parse(run.stdout).diagnostics[0].namespace, 'shop');
});

test('--output sarif is SARIF 2.1.0 with one result per diagnostic and its region', () => {
  const run = runCli(['check', '--output', 'sarif', brokenFile]);
  assert.equal(run.status, 1);
  const sarif = JSON.parse(run.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs.length, 1);
  const results = sarif.runs[0].results as {
    ruleId: string;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
  }[];
  assert.equal(results.length, 5);
  const first = results.find((r) => r.ruleId === 'unknown-field')!;
  assert.equal(first.level, 'error');
  assert.match(first.message.text, /spec\.replica/);
  assert.deepEqual(first.locations[0]!.physicalLocation.region, { startLine: 7, startColumn: 3, endLine: 7, endColumn: 10 });
  assert.ok(first.locations[0]!.physicalLocation.artifactLocation.uri.endsWith('test/fixtures/broken/typical-mistakes.yaml'));
  const ruleIds = (sarif.runs[0].tool.driver.rules as { id: string }[]).map((r) => r.id);
  for (const result of results) assert.ok(ruleIds.includes(result.ruleId), result.ruleId);
});

test('hints are left out of text output, which still ends with the summary line', () => {
  const run = runCli(['check', '-'], { input: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n' });
  assert.equal(run.status, 0);
  assert.equal(run.stdout, '1 file, 1 object: 0 errors, 0 warnings\n');
});

test('a check loads no module of the cluster model: only a plan pays for compiling it', () => {
  const main = path.join(repoRoot, 'out', 'server', 'src', 'cli', 'main.js');
  const script = `require(${JSON.stringify(main)}).main(['check', '--quiet', 'examples']).then(() => {
    process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((file) => file.includes('/server/src/cluster/'))));
  });`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('['))), []);
});
