/**
 * Text output that fits where it goes: wrapped at `COLUMNS` (never when piped without it), coloured on request
 * or on a terminal, never when `NO_COLOR` is set (no-color.org) or `--color never` is given.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir } from '../helpers/repo-paths';

const NOW = ['--now', '2026-03-01T10:07:00Z'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-terminal-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A Deployment with one unknown field: one error whose line is 127 characters long. */
const UNKNOWN_FIELD = `apiVersion: apps/v1
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
const webFile = path.join(dir, 'web.yaml');
fs.writeFileSync(webFile, UNKNOWN_FIELD);
const ESCAPE = '\u001b[';
const TOO_BIG = path.join(fixturesDir, 'plan', 'too-big.yaml');

test('with COLUMNS=60 a long finding wraps between words onto lines indented by two spaces', () => {
  const run = runCli(['check', 'web.yaml'], { cwd: dir, env: { COLUMNS: '60' } });
  assert.equal(run.status, 1, run.stderr);
  // 57 characters fit before `"spec.replica";`; the continuation lines have 58 (60 less the indent).
  assert.equal(
    run.stdout,
    [
      'web.yaml:7:3: error: strict decoding error: unknown field',
      '  "spec.replica"; did you mean "replicas"? [unknown-field]',
      '  (Deployment/web)',
      '1 file, 1 object: 1 error, 0 warnings',
      '',
    ].join('\n'),
  );
});

test('piped output without COLUMNS keeps each finding on one line, however long', () => {
  const run = runCli(['check', 'web.yaml'], { cwd: dir, env: { COLUMNS: undefined } });
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stdout.split('\n')[0], 'web.yaml:7:3: error: strict decoding error: unknown field "spec.replica"; did you mean "replicas"? [unknown-field] (Deployment/web)');
});

test("with COLUMNS=80 a command's help wraps its description and flags to fit, examples whole, the words unchanged", () => {
  const narrow = runCli(['check', '--help'], { env: { COLUMNS: '80' } });
  const piped = runCli(['check', '--help'], { env: { COLUMNS: undefined } });
  assert.equal(narrow.status, 0, narrow.stderr);
  const sections = narrow.stdout.split(/\n(?=Usage:|Examples:|Flags:|Exit status:)/);
  for (const section of sections.filter((text) => !/^(Usage|Examples):/.test(text))) {
    for (const line of section.split('\n')) assert.ok(line.length <= 80, `${line.length} columns: ${line}`);
  }
  assert.match(narrow.stdout, /^ {2}-f, --filename PATH {12}a file, folder or - to read, as kubectl -f\n {33}takes them;/m);
  assert.equal(narrow.stdout.replace(/\s+/g, ' '), piped.stdout.replace(/\s+/g, ' '));
  assert.ok(
    piped.stdout.split('\n').some((line) => line.length > 120),
    'piped help keeps a flag on one line',
  );
});

test('a COLUMNS that is not a positive whole number is ignored', () => {
  const run = runCli(['check', 'web.yaml'], { cwd: dir, env: { COLUMNS: 'wide' } });
  assert.equal(run.stdout.split('\n').length, 3, run.stdout);
});

test("with COLUMNS=70 a plan table's REASON column wraps under itself while the pod's name keeps its width", () => {
  const narrow = runCli(['plan', ...NOW, TOO_BIG], { env: { COLUMNS: '70' } });
  const piped = runCli(['plan', ...NOW, TOO_BIG], { env: { COLUMNS: undefined } });
  assert.equal(narrow.status, 0, narrow.stderr);
  const table = (stdout: string) => stdout.slice(stdout.indexOf('Pending pods (1)\n')).split('\n\n')[0]!.split('\n').slice(1);
  const [pipedHeader, pipedRow] = table(piped.stdout);
  assert.equal(table(piped.stdout).length, 2);
  const reasonColumn = pipedHeader!.indexOf('REASON');
  const [header, first, ...rest] = table(narrow.stdout);
  assert.equal(header, pipedHeader);
  assert.ok(first!.startsWith('  jobs/batch-worker  -      '), first);
  assert.ok(rest.length > 0, 'the reason wraps');
  for (const line of [first!, ...rest]) assert.ok(line.length <= 70, `${line.length}: ${line}`);
  for (const line of rest) assert.match(line, new RegExp(`^ {${reasonColumn}}\\S`));
  // The wrapped reason says, word for word, what the piped one says on one line.
  const words = (text: string) => text.trim().split(/\s+/);
  assert.deepEqual(words([first!, ...rest].map((line) => line.slice(reasonColumn)).join(' ')), words(pipedRow!.slice(reasonColumn)));
});

test('NO_COLOR set to any non-empty value leaves escape codes out', () => {
  const run = runCli(['check', 'web.yaml'], { cwd: dir, env: { NO_COLOR: 'false', FORCE_COLOR: undefined } });
  assert.equal(run.stdout.includes(ESCAPE), false);
});

test('--color=always paints the severity red even when piped and NO_COLOR is set', () => {
  const run = runCli(['check', '--color=always', 'web.yaml'], { cwd: dir, env: { NO_COLOR: '1' } });
  assert.equal(
    run.stdout.split('\n')[0],
    `web.yaml:7:3: ${ESCAPE}31merror${ESCAPE}0m: strict decoding error: unknown field "spec.replica"; did you mean "replicas"? [unknown-field] (Deployment/web)`,
  );
});

test('--color never leaves escape codes out even with FORCE_COLOR', () => {
  const run = runCli(['check', '--color', 'never', 'web.yaml'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
  assert.equal(run.stdout.includes(ESCAPE), false);
});

test('FORCE_COLOR colours piped output when NO_COLOR is not set', () => {
  const run = runCli(['check', 'web.yaml'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
  assert.ok(run.stdout.includes(`${ESCAPE}31merror${ESCAPE}0m`), run.stdout);
});

test('piped output is not coloured without FORCE_COLOR or --color', () => {
  const run = runCli(['check', 'web.yaml'], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
  assert.equal(run.stdout.includes(ESCAPE), false);
});

test('--color=always paints the Pending pods heading of a plan red and its section headings bold', () => {
  const run = runCli(['plan', ...NOW, '--color=always', TOO_BIG]);
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.includes(`\n${ESCAPE}31mPending pods (1)${ESCAPE}0m\n`), run.stdout);
  assert.ok(run.stdout.includes(`\n${ESCAPE}1mNodes${ESCAPE}0m\n`), run.stdout);
});

test('--color takes only auto, always or never', () => {
  const run = runCli(['check', '--color=yes', 'web.yaml'], { cwd: dir });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, 'kubeplan: --color must be auto, always or never, not yes\n');
});

test("the plan's text output begins with the check's heading line and its findings, then the plan's", () => {
  // A Service whose selector matches no pod template: a warning (service-selects-nothing), which does not keep the plan from being made.
  fs.writeFileSync(path.join(dir, 'service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n');
  fs.writeFileSync(
    path.join(dir, 'api.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers: [{name: app, image: nginx:1.27}]\n',
  );
  const run = runCli(['plan', ...NOW, 'service.yaml', 'api.yaml'], { cwd: dir, env: { COLUMNS: undefined } });
  assert.equal(run.status, 0, run.stderr);
  const [check, finding, blank, plan] = run.stdout.split('\n');
  assert.equal(check, 'Check: 2 files, 2 objects: 0 errors, 1 warning');
  assert.match(finding!, /^service\.yaml:5:3: warning: .* \[service-selects-nothing\] \(Service\/web\)$/);
  assert.equal(blank, '');
  assert.match(plan!, /^Plan on 4 nodes, Kubernetes 1\.36: 1 pod \(1 scheduled, 0 pending\), 1 rollout, 1 service, 0 ingresses, 0 cronjobs$/);
});
