/**
 * The Markdown plan fits one GitHub comment: GitHub refuses an issue or pull-request comment body longer than 65,536
 * characters ("Body is too long (maximum is 65536 characters)"). Long tables are cut with a row that counts what was
 * left out, and the text says where the complete plan is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir } from '../../helpers/repo-paths';
import { planManifests } from '../../helpers/plan-manifests';
import { MARKDOWN_LIMIT, renderPlanMarkdown, renderPlanText } from '../../../server/src/plan/plan-render';

const NOW = Date.parse('2026-03-01T10:07:00Z');
// 3,000 replicas requesting 100m on three workers of 3900m allocatable: 39 fit on each (3900m / 100m; memory would
// allow 120), 2,883 stay Pending, each a row of the Pending table, with thousands of events.
const crowded = fs.readFileSync(path.join(fixturesDir, 'plan', 'web-v1.yaml'), 'utf8').replace('replicas: 10', 'replicas: 3000');
const plan = planManifests(crowded, NOW);

test('GitHub takes comment bodies of up to 65,536 characters', () => {
  assert.equal(MARKDOWN_LIMIT, 65_536);
});

test('a plan with thousands of Pending pods stays within one comment and counts the rows left out', () => {
  const pending = plan.pods.filter((pod) => pod.node === null).length;
  assert.equal(pending, 2883);
  const markdown = renderPlanMarkdown(plan);
  assert.ok(markdown.length <= MARKDOWN_LIMIT, `${markdown.length} characters`);
  // The first 100 rows are shown, and one row counts the others.
  assert.ok(markdown.includes(`| … and ${pending - 100} more |  |  |`));
  assert.ok(markdown.trimEnd().endsWith('_Shortened to fit one comment: `kubeplan plan --output json` prints the complete plan._'));
});

test('a smaller limit cuts every table shorter until the plan fits', () => {
  const markdown = renderPlanMarkdown(plan, 20_000);
  assert.ok(markdown.length <= 20_000, `${markdown.length} characters`);
  const shown = /\| … and (\d+) more \| {2}\| {2}\|/.exec(markdown);
  assert.ok(shown && Number(shown[1]) > 2883 - 100, 'fewer than 100 Pending rows shown');
});

test('a limit no table cut can meet cuts the text at a line and says so', () => {
  const markdown = renderPlanMarkdown(plan, 1_000);
  assert.ok(markdown.length <= 1_000, `${markdown.length} characters`);
  assert.ok(markdown.startsWith('## kubeplan plan\n'));
  assert.ok(markdown.endsWith('prints the complete plan._'));
});

test('the text output is not cut', () => {
  const text = renderPlanText(plan);
  const pendingRows = text.split('\n').filter((line) => /^ {2}shop\/web-\S+ +ReplicaSet\/web-\S+ +0\/4 nodes are available/.test(line));
  assert.equal(pendingRows.length, 2883);
});
