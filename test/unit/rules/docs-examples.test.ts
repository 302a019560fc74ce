/**
 * The examples in docs/rules: under each rule's heading, the first manifest gets that rule's finding, the second
 * does not. Each example is checked as `kubeplan check` checks one file: its own findings, then the rules across
 * its objects, with the rule turned on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/repo-paths';
import { OBJECT_RULES } from '../../../server/src/rules/index';
import { CROSS_OBJECT_RULES } from '../../../server/src/rules/cross-object/rules';
import { runCrossObjectRules } from '../../../server/src/rules/cross-object/run-cross-object-rules';
import { applyRuleConfig, optInRules } from '../../../server/src/rules/rule-config';
import { validateText } from '../../../server/src/check/validate-text';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';

const PAGES = ['schema.md', 'api-validation.md', 'api-warnings.md', 'best-practice.md', 'cross-object.md'];

interface Example {
  rule: string;
  fires: string;
  quiet: string;
}

function examplesOf(page: string): Example[] {
  return readDoc(page)
    .split(/^## /m)
    .slice(1)
    .flatMap((section) => {
      const rule = section.slice(0, section.indexOf('\n')).trim();
      const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!);
      return blocks.length === 2 ? [{ rule, fires: blocks[0]!, quiet: blocks[1]! }] : [];
    });
}

function readDoc(page: string): string {
  return fs.readFileSync(path.join(repoRoot, 'docs', 'rules', page), 'utf8');
}

function rulesReported(text: string, rule: string): string[] {
  const rules = { [rule]: 'error' as const };
  const report = validateText(text, { kubernetesVersion: DEFAULT_VERSION, rules });
  const across = runCrossObjectRules(
    report.objects.map((object) => ({ ...object, file: 'example.yaml' })),
    { optIn: optInRules(rules) },
  );
  return [...report.findings, ...applyRuleConfig(text, across, report.objects, rules)].map((finding) => finding.rule);
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

test("every rule has a row in docs/rules/README.md and a section on its family's page", () => {
  const table = readDoc('README.md');
  const pages: Record<string, string> = { 'api-validation': 'api-validation.md', 'api-warnings': 'api-warnings.md', 'best-practice': 'best-practice.md', 'cross-object': 'cross-object.md' };
  for (const rule of [...OBJECT_RULES, ...CROSS_OBJECT_RULES]) {
    assert.ok(table.includes(`| [\`${rule.id}\`]`), `${rule.id} is not in the table`);
    assert.match(readDoc(pages[rule.family]!), new RegExp(`^## ${rule.id}$`, 'm'), `${rule.id} has no section`);
  }
});
