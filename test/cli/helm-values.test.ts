/**
 * `kubeplan check CHART -f a.yaml -f b.yaml`: the values files merged over the chart's values.yaml as `helm template
 * CHART -f a.yaml -f b.yaml` merges them (helm/helm pkg/cli/values/options.go, MergeValues; pkg/chart/common/util/
 * coalesce.go, CoalesceValues), validated against the chart's and its subcharts' values.schema.json (jsonschema.go,
 * ValidateAgainstSchema), each failure in the file that supplied the value. test/fixtures/helm/shop is the chart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir } from '../helpers/repo-paths';

interface JsonDiagnostic {
  file: string;
  line: number;
  severity: string;
  rule: string;
  message: string;
}

const HEADING = "values don't meet the specifications of the schema(s) in the following chart(s): ";

/** A copy of the shop chart in a temporary folder, with `files` written into it; removed after `use`. */
function withChart(files: Record<string, string>, use: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-values-'));
  try {
    fs.cpSync(path.join(fixturesDir, 'helm', 'shop'), path.join(dir, 'shop'), { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    use(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function valuesFindings(args: string[], cwd: string): { status: number | null; found: string[]; stderr: string } {
  const run = runCli(['check', '-o', 'json', ...args], { cwd });
  const diagnostics = run.stdout === '' ? [] : (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  const found = diagnostics.filter((d) => d.rule === 'helm-values-schema').map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message.replace(HEADING, '')}`);
  return { status: run.status, found, stderr: run.stderr };
}

test('-f after a chart folder gives values files, merged in order and each failure placed in the file that set it', () => {
  withChart(
    {
      'a.yaml': 'image:\n  pullPolicy: Sometimes\nservice:\n  port: 0\n',
      'b.yaml': 'service:\n  port: 70000\n',
    },
    (dir) => {
      const run = valuesFindings(['shop', '-f', 'a.yaml', '-f', 'b.yaml'], dir);
      assert.equal(run.status, 1, run.stderr);
      // b.yaml's port replaces a.yaml's (MergeMaps); a.yaml's pullPolicy stands, as b.yaml does not set it.
      assert.deepEqual(run.found, [
        "a.yaml:2: error: shop: - at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'",
        "b.yaml:2: error: shop: - at '/service/port': maximum: got 70000, want 65535",
      ]);
    },
  );
});

test('--values is the same as -f after a chart folder', () => {
  withChart({ 'a.yaml': 'replicaCount: -1\n' }, (dir) => {
    assert.deepEqual(valuesFindings(['--values', 'a.yaml', 'shop'], dir).found, ["a.yaml:1: error: shop: - at '/replicaCount': minimum: got -1, want 0"]);
  });
});

test("a subchart's section in a values file is checked against the subchart's own schema", () => {
  const cacheSchema = JSON.stringify({ type: 'object', properties: { port: { type: 'integer', maximum: 65535 } } });
  withChart({ 'shop/charts/cache/values.schema.json': cacheSchema, 'prod.yaml': 'cache:\n  port: 70000\n' }, (dir) => {
    assert.deepEqual(valuesFindings(['shop', '-f', 'prod.yaml'], dir).found, ["prod.yaml:2: error: cache: - at '/port': maximum: got 70000, want 65535"]);
  });
});

test('a packed subchart gets a note that its values are not checked', () => {
  withChart({ 'shop/charts/redis-17.0.0.tgz': 'not read' }, (dir) => {
    const run = valuesFindings(['shop'], dir);
    assert.deepEqual(run.found, [
      `${path.join('shop', 'charts', 'redis-17.0.0.tgz')}:1: information: redis-17.0.0.tgz is a packed subchart: its values are not checked against its values.schema.json (unpack it into charts/ to check them)`,
    ]);
  });
});

test('without a chart folder among the paths -f still names a file to check, as kubectl -f does', () => {
  withChart({ 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: []\n' }, (dir) => {
    const run = runCli(['check', '-o', 'json', '-f', 'pod.yaml'], { cwd: dir });
    assert.equal((JSON.parse(run.stdout) as { objects: number }).objects, 1);
  });
});

test('a folder given with -f after a chart folder is still checked as a folder', () => {
  withChart({}, (dir) => {
    fs.mkdirSync(path.join(dir, 'more'));
    fs.writeFileSync(path.join(dir, 'more', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers: []\n');
    const run = runCli(['check', '-o', 'json', 'shop', '-f', 'more'], { cwd: dir });
    assert.equal((JSON.parse(run.stdout) as { objects: number }).objects, 2, run.stderr);
  });
});

test('--values without a chart folder is a usage error', () => {
  withChart({ 'a.yaml': 'replicaCount: 1\n' }, (dir) => {
    const run = runCli(['check', '--values', 'a.yaml', 'shop/templates'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--values needs a chart folder \(one holding Chart\.yaml\) among the paths/);
  });
});

test('-f with two chart folders is a usage error naming both', () => {
  withChart({ 'a.yaml': 'replicaCount: 1\n' }, (dir) => {
    fs.cpSync(path.join(dir, 'shop'), path.join(dir, 'shop2'), { recursive: true });
    const run = runCli(['check', 'shop', 'shop2', '-f', 'a.yaml'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /2 were given \(shop, shop2\)/);
  });
});

test('a values file that does not exist is an I/O error', () => {
  withChart({}, (dir) => {
    const run = runCli(['check', 'shop', '-f', 'missing.yaml'], { cwd: dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot read missing\.yaml: ENOENT/);
  });
});

test('the rule can be turned off in .kubeplan.yaml', () => {
  withChart({ 'a.yaml': 'replicaCount: -1\n', '.kubeplan.yaml': 'rules:\n  helm-values-schema: off\n' }, (dir) => {
    assert.deepEqual(valuesFindings(['shop', '-f', 'a.yaml'], dir).found, []);
  });
});

test('a subchart folder given alone is checked against its own schema with its own values', () => {
  const cacheSchema = JSON.stringify({ type: 'object', properties: { port: { type: 'integer', maximum: 65535 } } });
  withChart({ 'shop/charts/cache/values.schema.json': cacheSchema, 'shop/charts/cache/values.yaml': 'port: 70000\n' }, (dir) => {
    assert.deepEqual(valuesFindings([path.join('shop', 'charts', 'cache')], dir).found, [
      `${path.join('shop', 'charts', 'cache', 'values.yaml')}:1: error: cache: - at '/port': maximum: got 70000, want 65535`,
    ]);
  });
});
