/**
 * The editor checks an open Helm values file as `kubeplan check CHART [-f FILE]` does: a chart's values.yaml, and a
 * values-*.yaml beside Chart.yaml merged over it as Helm merges a `-f` file (helm/helm pkg/cli/values/options.go,
 * MergeValues; pkg/chart/common/util/coalesce.go, CoalesceValues), against values.schema.json (jsonschema.go,
 * ValidateAgainstSchema; messages of santhosh-tekuri/jsonschema's kind/kind.go).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp-client';
import { fixturesDir } from '../helpers/repo-paths';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-lsp-values-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const HEADING = "values don't meet the specifications of the schema(s) in the following chart(s): ";

/** A copy of test/fixtures/helm/shop as a workspace folder. */
function shopChart(): string {
  const root = fs.mkdtempSync(path.join(scratch, 'ws-'));
  fs.cpSync(path.join(fixturesDir, 'helm', 'shop'), root, { recursive: true });
  return root;
}

async function diagnosticsOf(root: string, name: string, text: string): Promise<string[]> {
  const client = await LspClient.start({ workspaceFolders: [root] });
  try {
    const uri = pathToFileURL(path.join(root, name)).href;
    const next = client.nextDiagnostics(uri);
    client.open(uri, text);
    return (await next).diagnostics.map((d) => `${d.range.start.line + 1}: ${d.code}: ${d.message.replace(HEADING, '')}`);
  } finally {
    await client.stop();
  }
}

test("an open values.yaml gets its chart's schema failures as it is typed", async () => {
  const root = shopChart();
  const text = 'image:\n  repository: registry.example.com/shop/web\n  pullPolicy: Sometimes\nservice:\n  port: 80\n';
  assert.deepEqual(await diagnosticsOf(root, 'values.yaml', text), ["3: helm-values-schema: shop: - at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'"]);
});

test("an open values-prod.yaml beside Chart.yaml is merged over the chart's values.yaml and gets only its own failures", async () => {
  const root = shopChart();
  // values.yaml on disk holds a valid replicaCount and service; the override replaces the port.
  assert.deepEqual(await diagnosticsOf(root, 'values-prod.yaml', 'service:\n  port: 70000\n'), ["2: helm-values-schema: shop: - at '/service/port': maximum: got 70000, want 65535"]);
});

test('a values file of a chart without a schema gets no finding', async () => {
  const root = shopChart();
  fs.rmSync(path.join(root, 'values.schema.json'));
  assert.deepEqual(await diagnosticsOf(root, 'values-prod.yaml', 'service:\n  port: nonsense\nanything: [1, 2]\n'), []);
});

test('a values-*.yaml with no Chart.yaml beside it gets no finding', async () => {
  const root = fs.mkdtempSync(path.join(scratch, 'ws-'));
  assert.deepEqual(await diagnosticsOf(root, 'values-prod.yaml', 'replicaCount: -1\n'), []);
});
