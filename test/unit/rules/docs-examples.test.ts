/** The examples in docs/rules: under each rule's heading, the first manifest gets that rule's finding, the second does not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/repo-paths';
import { OBJECT_RULES } from '../../../server/src/rules/index';
import { validateText } from '../../../server/src/validate-text';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';

/** Families whose rules look at one file at a time; the workspace checks need other files and are not run here. */
const PAGES = ['schema.md', 'api-validation.md', 'best-practice.md'];

interface Example {
  rule: string;
  fires: string;
  quiet: string;
}

function examplesOf(page: string): Example[] {
  const markdown = fs.readFileSync(path.join(repoRoot, 'docs', 'rules', page), 'utf8');
  return markdown.split(/^## /m).slice(1).flatMap((section) => {
    const rule = section.slice(0, section.indexOf('\n')).trim();
    const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
    return blocks.length === 2 ? [{ rule, fires: blocks[0]!, quiet: blocks[1]! }] : [];
  });
}

function rulesReported(text: string, rule: string): string[] {
  return validateText(text, { kubernetesVersion: DEFAULT_VERSION, rules: { [rule]: 'error' } }).findings.map((finding) => finding.rule);
}

for (const page of PAGES) {
  test(`every example in docs/rules/${page} fires or stays quiet as it says`, () => {
    const examples = examplesOf(page);
    assert.ok(examples.length > 0);
    for (const { rule, fires, quiet } of examples) {
      assert.ok(rulesReported(fires, rule).includes(rule), `${rule}: the example that fires does not:\n${fires}`);
      assert.ok(!rulesReported(quiet, rule).includes(rule), `${rule}: the quiet example fires:\n${quiet}`);
    }
  });
}

test('every object rule has a row in docs/rules/README.md and a section on its family\'s page', () => {
  const table = fs.readFileSync(path.join(repoRoot, 'docs', 'rules', 'README.md'), 'utf8');
  const pages: Record<string, string> = { 'api-validation': 'api-validation.md', 'best-practice': 'best-practice.md' };
  for (const rule of OBJECT_RULES) {
    assert.ok(table.includes(`| [\`${rule.id}\`]`), `${rule.id} is not in the table`);
    const page = fs.readFileSync(path.join(repoRoot, 'docs', 'rules', pages[rule.family] ?? 'cross-object.md'), 'utf8');
    assert.match(page, new RegExp(`^## ${rule.id}$`, 'm'), `${rule.id} has no section`);
  }
});
