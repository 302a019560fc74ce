/**
 * `kubeplan plan` and the `kubeplan/plan` request make the same plan of the same manifests, and refuse the same
 * manifests: one check of the texts, the cross-object rules included, gates both.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/run-cli';
import { LspClient, fileUri, type Range } from './lsp-client';

interface PlanAnswer {
  plan: unknown;
  sources: Record<string, unknown>;
  problems: { uri: string; range: Range; message: string; rule: string }[];
  failure: string | null;
  files: number;
  objects: number;
}

const NOW = '2026-11-23T03:00:00Z';
const configMap = (level: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata: {level: ${level}}\n`;
/** The second ConfigMap's `name: settings` is on line 10 (from 0), its value from character 8 to 16. */
const TWICE = `${configMap('info')}---\n${configMap('debug')}`;

let client: LspClient;
let folder: string;
let file: string;

before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-plan-agreement-'));
  file = path.join(folder, 'settings.yaml');
  fs.writeFileSync(file, TWICE);
  client = await LspClient.start({ workspaceFolders: [folder] });
});
after(async () => {
  await client.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

// Applying both objects cannot make both: kubectl apply creates the first (applyOneObject in
// staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go: info.Get is NotFound, so helper.Create) and patches the second
// over it, and a create of the second fails with AlreadyExists (InterpretCreateError in
// staging/src/k8s.io/apiserver/pkg/storage/errors/storage.go: storage.IsExist -> errors.NewAlreadyExists). The
// duplicate-object rule (rules/cross-object/duplicate-objects.ts) reports it as an error on each object's name.
const DUPLICATE = 'ConfigMap "settings" in namespace "shop" is defined 2 times in this file; applying it keeps only the last';

test('kubeplan plan refuses two ConfigMaps of the same name and namespace in a file, and makes no plan', () => {
  const run = runCli(['plan', '--now', NOW, file], { cwd: folder });
  assert.equal(run.status, 1, run.stderr);
  assert.equal(
    run.stdout,
    [
      `${file}:4:9: error: ${DUPLICATE} [duplicate-object] (ConfigMap/settings)`,
      `${file}:11:9: error: ${DUPLICATE} [duplicate-object] (ConfigMap/settings)`,
      '1 file, 2 objects: 2 errors, 0 warnings',
      '',
    ].join('\n'),
  );
});

test('the kubeplan/plan request refuses the same file with the same problem, placed on the second object too', async () => {
  const uri = fileUri(file);
  const answer = (await client.request('kubeplan/plan', { uris: [uri] })) as PlanAnswer;
  const at = (line: number) => ({ uri, range: { start: { line, character: 8 }, end: { line, character: 16 } }, message: DUPLICATE, rule: 'duplicate-object' });
  assert.deepEqual(answer, { plan: null, sources: {}, problems: [at(3), at(10)], failure: null, files: 1, objects: 2 });
});

test('the same objects in two files are variants, not duplicates: the command line and the request both plan them', async () => {
  const variants = ['aws', 'gcp'].map((cloud) => path.join(folder, cloud, 'settings.yaml'));
  for (const [i, variant] of variants.entries()) {
    fs.mkdirSync(path.dirname(variant));
    fs.writeFileSync(variant, configMap(i === 0 ? 'info' : 'debug'));
  }
  const run = runCli(['plan', '--now', NOW, '--output', 'json', ...variants], { cwd: folder });
  assert.equal(run.status, 0, run.stdout);
  const answer = (await client.request('kubeplan/plan', { uris: variants.map((variant) => fileUri(variant)) })) as PlanAnswer;
  assert.deepEqual([answer.problems, answer.failure, answer.files, answer.objects], [[], null, 2, 2]);
  assert.notEqual(answer.plan, null);
});
