/** Quick fixes applied to a manifest's text, with the findings validation gives before and after. */
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { validateText } from '../../../server/src/check/validate-text';
import { quickFixes, type TextEdit } from '../../../server/src/features/code-actions';
import type { RuleSettings } from '../../../server/src/rules/rule-config';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';

export function findings(text: string, fileName = 'deploy.yaml', rules: RuleSettings = {}) {
  return validateText(text, { kubernetesVersion: DEFAULT_VERSION, fileName, rules }).findings;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits].sort((a, b) => b.range.start - a.range.start).reduce((out, edit) => out.slice(0, edit.range.start) + edit.newText + out.slice(edit.range.end), text);
}

/** The titles offered for the first finding of `rule`, and the text after applying the one titled `title`. */
export function fix(text: string, rule: string, title: string, fileName?: string, rules?: RuleSettings): { titles: string[]; fixed: string | undefined } {
  const finding = findings(text, fileName, rules).find((f) => f.rule === rule);
  assert.ok(finding, `no ${rule} finding`);
  const fixes = quickFixes(text, { rule, message: finding.message, path: finding.path ?? '', range: finding.range });
  const chosen = fixes.find((f) => f.title === title);
  return { titles: fixes.map((f) => f.title), fixed: chosen && applyEdits(text, chosen.edits) };
}

/** The fixed text parses, and validating it again no longer finds `rule`. */
export function assertGone(fixed: string, rule: string, fileName?: string, rules?: RuleSettings): void {
  assert.deepEqual(
    parseAllDocuments(fixed).flatMap((d) => d.errors),
    [],
    'the fixed text is valid YAML',
  );
  assert.deepEqual(
    findings(fixed, fileName, rules).filter((f) => f.rule === rule),
    [],
  );
}
