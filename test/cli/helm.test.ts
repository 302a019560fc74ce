/**
 * Helm's rendered output checked as `helm template … | kubeplan check -` or as a file: every finding names the chart
 * template of its document. test/fixtures/helm/rendered/shop.yaml is what `helm template shop test/fixtures/helm/shop
 * --set report.replicas=20` prints, written by hand in Helm's format: `---\n# Source: <path>\n<document>\n` per
 * document (helm/helm pkg/action/action.go, renderResources), kinds in InstallOrder and templates in path order
 * (pkg/release/v1/util/kind_sorter.go, sortManifestsByKind; manifest_sorter.go, SortManifests), hooks after the
 * rest (pkg/cmd/template.go), NOTES.txt and `_` partials never written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir, repoRoot } from '../helpers/repo-paths';

const rendered = path.relative(repoRoot, path.join(fixturesDir, 'helm', 'rendered', 'shop.yaml'));
const chartCrds = path.relative(repoRoot, path.join(fixturesDir, 'helm', 'shop', 'crds'));

interface JsonDiagnostic {
  file: string;
  line: number;
  rule: string;
  renderedFrom?: { template: string; line: number };
}

test('a finding in rendered output starts with its chart template and the line within the rendered document', () => {
  const run = runCli(['check', rendered]);
  assert.equal(run.status, 1, run.stderr);
  // shop.yaml line 40 is line 19 of the document under `# Source: shop/charts/cache/templates/deployment.yaml`
  // (line 21); the Go decoder's words for a string in an int32 field.
  assert.equal(
    run.stdout.split('\n')[0],
    `shop/charts/cache/templates/deployment.yaml (rendered, line 19), ${rendered}:40:30: error: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32 [field-type] (Deployment/shop-cache)`,
  );
});

test('JSON output gives the template and rendered line as renderedFrom beside the file and line', () => {
  const run = runCli(['check', '-o', 'json', rendered]);
  const [first] = (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  assert.deepEqual(first && { file: first.file, line: first.line, renderedFrom: first.renderedFrom }, {
    file: rendered,
    line: 40,
    renderedFrom: { template: 'shop/charts/cache/templates/deployment.yaml', line: 19 },
  });
});

test('helm template piped to check - names the template and keeps the place in standard input', () => {
  const run = runCli(['check', '-o', 'json', '-'], { input: fs.readFileSync(path.join(repoRoot, rendered), 'utf8') });
  const [first] = (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
  assert.deepEqual(first && [first.file, first.line, first.renderedFrom?.template], ['<stdin>', 40, 'shop/charts/cache/templates/deployment.yaml']);
});

test('SARIF annotates the location with the template it was rendered from', () => {
  const run = runCli(['check', '-o', 'sarif', rendered]);
  const location = JSON.parse(run.stdout).runs[0].results[0].locations[0];
  assert.deepEqual(
    { message: location.message, properties: location.properties, startLine: location.physicalLocation.region.startLine },
    {
      message: { text: 'rendered from shop/charts/cache/templates/deployment.yaml (rendered, line 19)' },
      properties: { renderedFrom: { template: 'shop/charts/cache/templates/deployment.yaml', line: 19 } },
      startLine: 40,
    },
  );
});

test("a rendered custom resource is validated against the CRD in the chart's crds folder checked with it", () => {
  const run = runCli(['check', '-o', 'json', rendered, chartCrds]);
  const crontab = (JSON.parse(run.stdout) as { diagnostics: (JsonDiagnostic & { message: string })[] }).diagnostics.find((d) => d.rule === 'custom-resource-schema');
  // The CRD's `maximum: 10` on spec.replicas, in apiextensions-apiserver's words (validation.go, ValidateCustomResource).
  assert.deepEqual(crontab && [crontab.message, crontab.line, crontab.renderedFrom], [
    'spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10',
    80,
    { template: 'shop/templates/report.yaml', line: 8 },
  ]);
});

test('without the CRD the rendered custom resource gets no schema finding', () => {
  const run = runCli(['check', '-o', 'json', rendered]);
  const rules = (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics.map((d) => d.rule);
  assert.ok(!rules.includes('custom-resource-schema'), rules.join(', '));
});

test('plan names the template of each error that keeps the plan from being made', () => {
  const run = runCli(['plan', rendered, chartCrds]);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /^shop\/charts\/cache\/templates\/deployment\.yaml \(rendered, line 19\), /m);
  assert.match(run.stdout, /^shop\/templates\/report\.yaml \(rendered, line 8\), /m);
});

test("the plan page names each object's template", () => {
  const fixed = fs.readFileSync(path.join(repoRoot, rendered), 'utf8').replace('containerPort: "6379"', 'containerPort: 6379').replace('replicas: 20', 'replicas: 2');
  const run = runCli(['plan', '--output', 'html', '-'], { input: fixed });
  assert.equal(run.status, 0, run.stderr);
  // The web Deployment is written from line 44, the first line of shop/templates/deployment.yaml's output.
  assert.match(run.stdout, /title="shop\/templates\/deployment\.yaml \(rendered, line 1\), &lt;stdin&gt;:44"/);
});

test("checking a chart folder checks its values.yaml against values.schema.json at the value's line", () => {
  const chart = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-chart-'));
  try {
    fs.cpSync(path.join(fixturesDir, 'helm', 'shop'), chart, { recursive: true });
    fs.writeFileSync(path.join(chart, 'values.yaml'), 'replicaCount: 2\nimage:\n  repository: registry.example.com/shop/web\n  pullPolicy: Sometimes\nservice:\n  port: 80\n');
    const run = runCli(['check', '-o', 'json', chart]);
    assert.equal(run.status, 1, run.stderr);
    const found = (JSON.parse(run.stdout) as { diagnostics: (JsonDiagnostic & { message: string; column: number })[] }).diagnostics.filter((d) => d.rule === 'helm-values-schema');
    // Helm's heading (pkg/chart/common/util/values.go), the chart's name from Chart.yaml, the library's enum message.
    assert.deepEqual(
      found.map((d) => [d.file, d.line, d.column, d.message]),
      [
        [
          path.join(chart, 'values.yaml'),
          4,
          15,
          "values don't meet the specifications of the schema(s) in the following chart(s): shop: - at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'",
        ],
      ],
    );
  } finally {
    fs.rmSync(chart, { recursive: true, force: true });
  }
});
