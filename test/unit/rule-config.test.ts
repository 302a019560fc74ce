/** Severity per rule, `.kubeplan.yaml` parsing, and suppression by annotation and by comment. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfigFile, readRuleSettings, type RuleSettings } from '../../server/src/rules/rule-config';
import { validateText } from '../../server/src/check/validate-text';
import { DEFAULT_VERSION } from '../../server/src/schema/versions';

const BAD_NAME = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n';

function rulesAndSeverities(text: string, rules?: RuleSettings): string[] {
  return validateText(text, { kubernetesVersion: DEFAULT_VERSION, rules }).findings.map((f) => `${f.rule}:${f.severity}`);
}

test("a configured severity replaces the rule's default", () => {
  assert.deepEqual(rulesAndSeverities(BAD_NAME), ['object-name:error']);
  assert.deepEqual(rulesAndSeverities(BAD_NAME, { 'object-name': 'warning' }), ['object-name:warning']);
});

test('a rule set to off reports nothing', () => {
  assert.deepEqual(rulesAndSeverities(BAD_NAME, { 'object-name': 'off' }), []);
});

test('schema findings are configured by their rule id like object rules', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndta: {}\n';
  assert.deepEqual(rulesAndSeverities(text, { 'unknown-field': 'information' }), ['unknown-field:information']);
});

test('the same text gives each caller its own settings although results are cached', () => {
  assert.deepEqual(rulesAndSeverities(BAD_NAME, { 'object-name': 'hint' }), ['object-name:hint']);
  assert.deepEqual(rulesAndSeverities(BAD_NAME), ['object-name:error']);
});

test('readRuleSettings keeps valid entries and describes unknown ids and bad severities', () => {
  const read = readRuleSettings({ 'image-tag': 'warning', 'no-such-rule': 'error', labels: 'loud' });
  assert.deepEqual(read.rules, { 'image-tag': 'warning' });
  assert.deepEqual(read.problems, ['unknown rule "no-such-rule"', 'rule "labels": severity must be one of error, warning, information, hint, off, not "loud"']);
});

test('readRuleSettings accepts the ids of workspace checks', () => {
  assert.deepEqual(readRuleSettings({ 'duplicate-object': 'off' }).problems, []);
});

test('parseConfigFile reads the rules mapping of a .kubeplan.yaml', () => {
  assert.deepEqual(parseConfigFile('rules:\n  image-tag: warning\n  object-name: off\n'), { rules: { 'image-tag': 'warning', 'object-name': 'off' }, problems: [] });
  assert.deepEqual(parseConfigFile(''), { rules: {}, problems: [] });
});

test('parseConfigFile refuses YAML that is not a mapping of rules', () => {
  assert.throws(() => parseConfigFile('rules: [a, b]\n'), ConfigError);
  assert.throws(() => parseConfigFile('- rules\n'), ConfigError);
  assert.throws(() => parseConfigFile('rules: {a: b\n'), ConfigError);
});

test('the kubeplan.dev/ignore annotation suppresses the listed rules on its object only', () => {
  const annotated = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  annotations:\n    kubeplan.dev/ignore: "labels, object-name"\n';
  assert.deepEqual(rulesAndSeverities(`${annotated}---\n${BAD_NAME}`), ['object-name:error']);
});

test('an annotation naming other rules suppresses nothing', () => {
  const annotated = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n  annotations:\n    kubeplan.dev/ignore: labels\n';
  assert.deepEqual(rulesAndSeverities(annotated), ['object-name:error']);
});

test('a kubeplan-ignore comment suppresses the rule on its own line', () => {
  assert.deepEqual(rulesAndSeverities(BAD_NAME.replace('Bad_Name', 'Bad_Name  # kubeplan-ignore object-name')), []);
});

test('a kubeplan-ignore comment suppresses the rule on the next line', () => {
  assert.deepEqual(rulesAndSeverities(BAD_NAME.replace('  name:', '  # kubeplan-ignore labels,object-name\n  name:')), []);
});

test('a kubeplan-ignore comment two lines above, or for another rule, suppresses nothing', () => {
  assert.deepEqual(rulesAndSeverities(BAD_NAME.replace('metadata:', '# kubeplan-ignore object-name\nmetadata:')), ['object-name:error']);
  assert.deepEqual(rulesAndSeverities(BAD_NAME.replace('Bad_Name', 'Bad_Name  # kubeplan-ignore labels')), ['object-name:error']);
});
