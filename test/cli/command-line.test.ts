/** The `kubeplan` command line as kubectl users expect it: help, mistakes named with suggestions, flags, exit codes. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir } from '../helpers/repo-paths';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-command-line-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const brokenFile = path.join(fixturesDir, 'broken', 'typical-mistakes.yaml');
const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: value\n`;

function write(name: string, text: string | Buffer): string {
  const file = path.join(scratch, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

test('kubeplan --help lists every command and exits 0', () => {
  const run = runCli(['--help']);
  assert.equal(run.status, 0);
  for (const command of ['check', 'plan', 'explain', 'lsp']) assert.match(run.stdout, new RegExp(`^  ${command} +\\S`, 'm'), command);
  assert.equal(run.stderr, '');
});

test('--help and -h of every command print its usage, examples and flags, and exit 0', () => {
  for (const command of ['check', 'plan', 'explain', 'lsp']) {
    for (const help of ['--help', '-h']) {
      const run = runCli([command, help]);
      assert.equal(run.status, 0, `${command} ${help}`);
      assert.match(run.stdout, new RegExp(`^Usage:\\n  kubeplan ${command} `, 'm'), `${command} ${help}`);
      assert.match(run.stdout, /^Examples:\n {2}\S/m, `${command} ${help}`);
      assert.match(run.stdout, /^Flags:\n/m, `${command} ${help}`);
    }
  }
});

test('help COMMAND prints that command help, as cobra help does', () => {
  const run = runCli(['help', 'plan']);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^Usage:\n {2}kubeplan plan /m);
});

test('--help wins over the other arguments, even a flag that is wrong', () => {
  const run = runCli(['check', '--no-such-flag', '--help']);
  assert.equal(run.status, 0);
  assert.match(run.stdout, /^Usage:\n {2}kubeplan check /m);
});

// spf13/cobra command.go: Find reports `unknown command %q for %q` with "Did you mean this?" and the names
// SuggestionsFor returns (Levenshtein distance at most SuggestionsMinimumDistance, 2, or a prefix).
test('an unknown command is named, the nearest command suggested, and exits 2', () => {
  const run = runCli(['chek', 'examples']);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, `kubeplan: unknown command "chek"\n\nDid you mean this?\n\tcheck\n\nSee 'kubeplan --help' for usage.\n`);
});

test('a command name that starts a command is suggested, as cobra suggests by prefix', () => {
  const run = runCli(['expl', 'pod']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /Did you mean this\?\n\texplain\n/);
});

test('an unknown command far from every command gets no suggestion', () => {
  const run = runCli(['deploy']);
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `kubeplan: unknown command "deploy"\nSee 'kubeplan --help' for usage.\n`);
});

// spf13/pflag flag.go: an undefined flag fails with `unknown flag: --name`; the suggestion applies cobra's
// command distance to the command's flags.
test('an unknown flag is named, the nearest flag suggested, and exits 2', () => {
  const run = runCli(['check', '--outptu', 'json', 'examples']);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, `kubeplan: unknown flag: --outptu\n\nDid you mean this?\n\t--output\n\nSee 'kubeplan check --help' for usage.\n`);
});

test('an unknown flag written with =value is named without its value', () => {
  const run = runCli(['plan', '--clustr=nodes.yaml', 'examples']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^kubeplan: unknown flag: --clustr\n\nDid you mean this\?\n\t--cluster\n/);
});

test('a flag without its value says so and exits 2', () => {
  const run = runCli(['check', 'examples', '--output']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^kubeplan: --output needs a value\n/);
});

test('--flag=value and --flag value are the same for every flag that takes a value', () => {
  const stdin = configMap('same');
  const spaced = runCli(['check', '--kubernetes-version', '1.32', '--output', 'json', '--max-file-size', '1Mi', '--filename', '-'], { input: stdin });
  const inline = runCli(['check', '--kubernetes-version=1.32', '--output=json', '--max-file-size=1Mi', '--filename=-'], { input: stdin });
  assert.equal(spaced.status, 0, spaced.stderr);
  assert.equal(inline.status, 0, inline.stderr);
  assert.equal(inline.stdout, spaced.stdout);
});

test('short flags take their value after a space or after =', () => {
  const spaced = runCli(['check', '-o', 'json', '-f', 'examples']);
  const inline = runCli(['check', '-o=json', '-f=examples']);
  assert.equal(spaced.status, 0, spaced.stderr);
  assert.equal(inline.stdout, spaced.stdout);
  assert.equal(JSON.parse(spaced.stdout).files, 7);
});

test('lsp without --stdio is a usage error, not a stack trace', () => {
  const run = runCli(['lsp']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^kubeplan: lsp needs --stdio/);
  assert.doesNotMatch(run.stderr, /\bat \S+ \(/);
});

// kubectl apply -f: `-f` is repeatable and each value is a file, a folder or `-`
// (k8s.io/cli-runtime pkg/resource FilenameOptions).
test('-f and --filename name inputs, repeatable and mixed with path arguments', () => {
  const a = write('filename/a.yaml', configMap('a'));
  const b = write('filename/b.yaml', configMap('b'));
  const c = write('filename/c.yaml', configMap('c'));
  const run = runCli(['check', '-o', 'json', '-f', a, '--filename', b, c]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).files, 3);
});

test('a path that does not exist exits 2 with its name', () => {
  const run = runCli(['check', '-f', path.join(scratch, 'nowhere.yaml')]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /nowhere\.yaml/);
});

// kubectl apply on a folder with no manifest fails: "error: no objects passed to apply"
// (staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go, Run).
test('a folder with no manifest file exits 2 with a message', () => {
  fs.mkdirSync(path.join(scratch, 'no-manifests'), { recursive: true });
  write('no-manifests/notes.txt', 'nothing here\n');
  const run = runCli(['check', path.join(scratch, 'no-manifests')]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^kubeplan: no \*\.yaml, \*\.yml or \*\.json file in .*no-manifests; --allow-empty/);
});

test('files with no Kubernetes object exit 2 with a message', () => {
  const run = runCli(['check', write('empty/empty.yaml', '# nothing yet\n')]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^kubeplan: no Kubernetes object in the file given/);
});

test('--allow-empty lets a run with no object exit 0', () => {
  const run = runCli(['check', '--allow-empty', write('allowed/empty.yaml', '# nothing yet\n')]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '1 file, 0 objects: 0 errors, 0 warnings\n');
});

test('an empty run with errors still exits 1: the errors come first', () => {
  const run = runCli(['check', write('syntax/bad.yaml', 'a: [1,\n')]);
  assert.equal(run.status, 1, run.stderr);
});

test('a skipped template is counted in the summary line', () => {
  const template = write('chart/templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n');
  const plain = write('chart/plain.yaml', configMap('plain'));
  const run = runCli(['check', template, plain]);
  assert.equal(run.status, 0, run.stderr);
  // The skipped template's own note (template-skipped, information) is counted with the others.
  assert.equal(run.stdout.trimEnd().split('\n').pop(), '2 files (skipped: 1 template), 1 object: 0 errors, 0 warnings, 1 note');
});

test('information notes are counted in the summary line, after errors and warnings', () => {
  // A Node without the labels the kubelet sets on the Node it registers (kubelet_node_status.go initialNode:
  // kubernetes.io/hostname, kubernetes.io/os, kubernetes.io/arch) gets one information note (node-kubelet-labels).
  const nodes = write('notes/nodes.yaml', 'apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Node\nmetadata:\n  name: b\n');
  const run = runCli(['check', nodes]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trimEnd().split('\n').pop(), '1 file, 2 objects: 0 errors, 0 warnings, 2 notes');
});

test('a run without information notes keeps the summary line without a count of notes', () => {
  const run = runCli(['check', write('notes/plain.yaml', configMap('plain'))]);
  assert.equal(run.stdout.trimEnd().split('\n').pop(), '1 file, 1 object: 0 errors, 0 warnings');
});

test('a file over --max-file-size is skipped and counted in the summary line', () => {
  const large = write('size/large.yaml', configMap('large').replace('value', 'v'.repeat(2048)));
  const run = runCli(['check', '--max-file-size', '1Ki', large, write('size/small.yaml', configMap('small'))]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trimEnd().split('\n').pop(), '2 files (skipped: 1 too large), 1 object: 0 errors, 0 warnings, 1 note');
});

test('a file that is not text is counted as skipped in the summary line', () => {
  const binary = write('binary/blob.yaml', Buffer.from([0x00, 0x01, 0x02, 0x00, 0x7f]));
  const run = runCli(['check', binary, write('binary/ok.yaml', configMap('ok'))]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trimEnd().split('\n').pop(), '2 files (skipped: 1 not text), 1 object: 0 errors, 0 warnings, 1 note');
});

test('--max-file-size that is not a size exits 2', () => {
  const run = runCli(['check', '--max-file-size', 'big', 'examples']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--max-file-size must be a positive size/);
});

test('--jobs that is not a whole number of threads exits 2', () => {
  for (const jobs of ['two', '-1', '1.5', '65']) {
    const run = runCli(['check', '--jobs', jobs, 'examples']);
    assert.equal(run.status, 2, jobs);
    assert.match(run.stderr, new RegExp(`--jobs must be a whole number of worker threads from 0 to 64, not ${jobs.replace('.', '\\.')}`));
  }
});

test('the report is the same on one thread (-j 0), on two workers (--jobs 2) and by default', () => {
  const one = runCli(['check', '-j', '0', '--output', 'json', 'examples']);
  const two = runCli(['check', '--jobs', '2', '--output', 'json', 'examples']);
  assert.equal(one.status, two.status, one.stderr);
  assert.equal(one.stdout, runCli(['check', '--output', 'json', 'examples']).stdout);
  assert.equal(two.stdout, one.stdout);
});

test('--quiet prints the findings and no summary line', () => {
  const run = runCli(['check', '--quiet', brokenFile]);
  assert.equal(run.status, 1);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 5);
  assert.ok(
    lines.every((line) => line.startsWith(`${brokenFile}:`)),
    run.stdout,
  );
});

test('--quiet prints nothing for a clean run', () => {
  const run = runCli(['check', '-q', 'examples']);
  assert.equal(run.status, 0);
  assert.equal(run.stdout, '');
});

test('output that is piped has no colour codes', () => {
  const run = runCli(['check', brokenFile]);
  assert.doesNotMatch(run.stdout, /\u001b\[/);
});

test('--files-from - reads the paths to check from standard input, one per line', () => {
  const a = write('listed/a.yaml', configMap('a'));
  const b = write('listed/b.yml', configMap('b').replace('key: value', 'count: 1'));
  const run = runCli(['check', '--output', 'json', '--files-from', '-'], { input: `${a}\n\n${b}\n` });
  assert.equal(run.status, 1, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.files, 2);
  assert.deepEqual(
    result.diagnostics.map((d: { file: string }) => d.file),
    [b],
  );
});

test('--files-from ignores listed files that are not manifests, as git diff --name-only lists every file', () => {
  const a = write('mixed/a.yaml', configMap('a'));
  write('mixed/README.md', '# docs\n');
  const list = write('mixed/changed.txt', `${a}\n${path.join(scratch, 'mixed', 'README.md')}\n`);
  const run = runCli(['check', '-o', 'json', '--files-from', list]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).files, 1);
});

test('--files-from with an empty list exits 2 unless --allow-empty', () => {
  assert.equal(runCli(['check', '--files-from', '-'], { input: '' }).status, 2);
  assert.equal(runCli(['check', '--allow-empty', '--files-from', '-'], { input: '' }).status, 0);
});

// Deployment rollout bounds (pkg/controller/deployment/util/deployment_util.go ResolveFenceposts): for 1 replica
// the default 25% surge rounds up to 1 and 25% unavailable rounds down to 0, so at most 2 pods and at least 1
// available.
test('a count of one is written in the singular in the plan: "1 replica"', () => {
  const deployment = (image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: solo\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: solo}\n  template:\n    metadata:\n      labels: {app: solo}\n    spec:\n      containers:\n        - name: solo\n          image: ${image}\n`;
  const running = write('solo/v1.yaml', deployment('nginx:1.26'));
  const updated = write('solo/v2.yaml', deployment('nginx:1.27'));
  const run = runCli(['plan', '--now', '2026-01-01T00:00:00Z', '--from', running, updated]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Rollout default\/solo \(RollingUpdate, 1 replica; maxSurge 1, maxUnavailable 0: at most 2 pods, at least 1 available\)/);
});

const SERVICE_WITHOUT_NAMESPACE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n';
const DEPLOYMENT_IN_SHOP =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "nginx:1.27"}]\n';

// kubectl apply -n NS sets metadata.namespace on each namespaced object that has none before sending it
// (k8s.io/cli-runtime pkg/resource Builder NamespaceParam with DefaultNamespace), and a Service selects pods of its
// own namespace only (pkg/controller/endpointslice, the Service's namespace lister).
test('-n is the namespace of objects that name none, for the cross-object rules', () => {
  const file = write('namespace/app.yaml', `${SERVICE_WITHOUT_NAMESPACE}---\n${DEPLOYMENT_IN_SHOP}`);
  const without = runCli(['check', '-o', 'json', file]);
  assert.deepEqual(
    JSON.parse(without.stdout).diagnostics.map((d: { rule: string }) => d.rule),
    ['service-selects-nothing'],
  );
  const withNamespace = runCli(['check', '-o', 'json', '-n', 'shop', file]);
  assert.equal(withNamespace.status, 0, withNamespace.stderr);
  assert.deepEqual(JSON.parse(withNamespace.stdout).diagnostics, []);
});

test('--namespace puts objects that name none in that namespace in the plan', () => {
  const file = write('namespace/plan.yaml', `${SERVICE_WITHOUT_NAMESPACE}---\n${DEPLOYMENT_IN_SHOP}`);
  const run = runCli(['plan', '--now', '2026-01-01T00:00:00Z', '--namespace=shop', file]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\n {2}shop\/web +ClusterIP +\S+ +80→80\/TCP +\S+:80 \(shop\/web-/);
});

// ValidateNamespaceName: a namespace name is an RFC 1123 label (apimachinery validation.IsDNS1123Label).
test('a --namespace that is not a namespace name exits 2', () => {
  const run = runCli(['check', '-n', 'Shop', 'examples']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^kubeplan: --namespace "Shop": a lowercase RFC 1123 label must consist of/);
});
