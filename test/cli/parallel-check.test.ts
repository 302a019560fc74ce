/**
 * `kubeplan check` on worker threads says exactly what the whole-set check every plan makes (`checkTexts`: every
 * text validated and held, then the cross-object rules over all of them) says of the same files. How many workers a
 * check starts unless told depends on the cores and the files (`defaultWorkerCount`).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkTexts, listedFindings } from '../../server/src/check/check-texts';
import { toDiagnostic } from '../../server/src/cli/checked-file';
import { defaultWorkerCount, PARALLEL_FROM_FILES } from '../../server/src/cli/check-pool';
import { collectFiles } from '../../server/src/files/collect-files';
import { formatJson } from '../../server/src/cli/output-formats';
import { LineIndex } from '../../server/src/parse/line-index';
import { runCli } from '../helpers/run-cli';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-parallel-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** Files with findings of their own, and Services that select pods written in other files (or none). */
function writeWorkspace(count: number): void {
  for (let i = 0; i < count; i++) {
    const app = `app-${i % 40}`;
    const text =
      i % 2 === 0
        ? `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-${i}}\nspec:\n  replicas: ${i % 7 === 0 ? -1 : 2}\n  selector: {matchLabels: {app: ${app}}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec:\n      containers: [{name: web, image: "nginx:1.27", ports: [{name: http, containerPort: 8080}]}]\n`
        : `apiVersion: v1\nkind: Service\nmetadata: {name: svc-${i}}\nspec:\n  selector: {app: ${i % 5 === 0 ? 'nobody' : `app-${(i - 1) % 40}`}}\n  ports: [{port: 80, targetPort: ${i % 3 === 0 ? 'metrics' : 'http'}}]\n`;
    fs.writeFileSync(path.join(root, `m-${String(i).padStart(4, '0')}.yaml`), text);
  }
}

/** The JSON report of the files checked as one set on this thread, every text held until the end. */
function checkedAsOneSet(files: readonly string[]): string {
  const checked = checkTexts(
    files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })),
    { kubernetesVersion: '1.36' },
  );
  const lines = new Map(checked.map((text) => [text, new LineIndex(text.text)]));
  const diagnostics = listedFindings(checked).map(({ text, finding }) => toDiagnostic(text.file, finding, lines.get(text)!));
  return formatJson({ files: files.length, objects: checked.reduce((sum, text) => sum + text.objects.length, 0), diagnostics });
}

test('a check on worker threads reports exactly what a check on one thread reports', () => {
  // 25 batches of 16 files, handed out to two workers.
  writeWorkspace(400);
  const run = runCli(['check', '--jobs', '2', '--output', 'json', root], { timeoutMs: 60_000 });
  assert.equal(run.status, 1, run.stderr);
  assert.equal(run.stdout, checkedAsOneSet(collectFiles([root])));
  const diagnostics = (JSON.parse(run.stdout) as { diagnostics: { rule: string }[] }).diagnostics;
  assert.ok(diagnostics.some((d) => d.rule === 'workload-counters'));
  assert.ok(diagnostics.some((d) => d.rule === 'service-selects-nothing'));
  assert.ok(diagnostics.some((d) => d.rule === 'service-target-port'));
});

test('a check starts one worker fewer than the cores, none on two cores or fewer, none below 2,000 files', () => {
  assert.equal(defaultWorkerCount(10_000, 2), 0);
  assert.equal(defaultWorkerCount(10_000, 3), 2);
  assert.equal(defaultWorkerCount(10_000, 8), 7);
  assert.equal(defaultWorkerCount(PARALLEL_FROM_FILES - 1, 8), 0);
  assert.equal(defaultWorkerCount(PARALLEL_FROM_FILES, 8), 7);
});

test('a check starts no more than 16 workers unless told', () => {
  assert.equal(defaultWorkerCount(100_000, 64), 16);
});
