/**
 * What users configure about rules: a severity per rule id (settings `kubeplan.rules`, `.kubeplan.yaml`), and
 * suppressions written in the manifest itself (the `kubeplan.dev/ignore` annotation, `# kubeplan-ignore`
 * comments). Applied to a file's findings after validation, so that cached results stay independent of settings.
 */
import { parse as parseYaml } from 'yaml';
import type { Finding, Severity } from '../kube/findings';
import type { PlainValue } from '../kube/plain-values';
import type { RuleFamily } from './rule';
import { CROSS_OBJECT_RULES } from './cross-object/rules';
import { OBJECT_RULES } from './index';

export type RuleSeverity = Severity | 'off';

/** Rule id → severity; rules not named keep their default. */
export type RuleSettings = Readonly<Record<string, RuleSeverity>>;

const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'information', 'hint', 'off'];

/** What every rule is, for listings such as SARIF's rule metadata. */
export interface RuleInfo {
  id: string;
  family: 'schema' | RuleFamily;
  defaultSeverity: Severity | 'off';
  description: string;
}

/** Findings the engine makes outside the object rules: decoding, schema and file-level checks. */
const ENGINE_RULES: readonly RuleInfo[] = [
  ['yaml-syntax', 'error', 'YAML that cannot be parsed'],
  ['duplicate-key', 'warning', 'a key repeated in a mapping: kubectl keeps the last value silently'],
  ['yaml-limits', 'error', 'alias bombs and absurd nesting'],
  ['missing-type', 'error', 'a built-in kind without apiVersion, or an apiVersion without kind'],
  ['unknown-api', 'error', 'an apiVersion/kind the chosen Kubernetes version does not serve'],
  ['no-schema', 'hint', 'a custom resource with no known schema'],
  ['unknown-field', 'error', 'a field strict decoding rejects, with the nearest field suggested'],
  ['required-field', 'error', 'a missing required field'],
  ['field-type', 'error', 'a value of the wrong type'],
  ['unsupported-value', 'error', 'an enum value that is not allowed'],
  ['invalid-quantity', 'error', 'a resource quantity the API server cannot parse'],
  ['invalid-base64', 'error', 'Secret data that is not base64'],
  ['template-skipped', 'information', 'a Helm/Go template file, skipped'],
  ['kustomization', 'error', "a kustomization file's field kustomize cannot decode, or a wrong kind or apiVersion"],
  ['patch-directive', 'error', 'a `$patch` value in a strategic-merge patch other than replace, merge or delete'],
  ['helm-values-schema', 'error', "a Helm chart's values, merged as Helm merges them, that its values.schema.json (or a subchart's) refuses"],
  ['file-too-large', 'information', 'a file over 16 MB, skipped'],
  ['not-text', 'information', 'a binary file, skipped'],
].map(([id, defaultSeverity, description]) => ({ id: id!, family: 'schema' as const, defaultSeverity: defaultSeverity as Severity, description: description! }));

let allRules: ReadonlyMap<string, RuleInfo> | undefined;

/** Every rule by id: engine, object and cross-object rules. */
export function ruleInfo(id: string): RuleInfo | undefined {
  allRules ??= new Map(
    [...ENGINE_RULES, ...OBJECT_RULES, ...CROSS_OBJECT_RULES].map((rule) => [rule.id, { id: rule.id, family: rule.family, defaultSeverity: rule.defaultSeverity, description: rule.description }]),
  );
  return allRules.get(id);
}

/** The per-project config file, at the workspace root. */
export const CONFIG_FILE_NAME = '.kubeplan.yaml';

export const IGNORE_ANNOTATION = 'kubeplan.dev/ignore';
export const IGNORE_COMMENT = /#\s*kubeplan-ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)/;

export function isKnownRule(id: string): boolean {
  return ruleInfo(id) !== undefined;
}

/** Rules that say nothing unless a user turns them on. */
function isOffByDefault(id: string): boolean {
  return ruleInfo(id)?.defaultSeverity === 'off';
}

/** The rules that are off by default and that these settings turn on. */
export function optInRules(rules: RuleSettings = {}): Set<string> {
  return new Set(
    Object.entries(rules)
      .filter(([id, severity]) => severity !== 'off' && isOffByDefault(id))
      .map(([id]) => id),
  );
}

export interface ReadRuleSettings {
  rules: RuleSettings;
  /** Entries that were ignored, each described in one line for the user. */
  problems: string[];
}

/** Reads a `rules` mapping as users write it; whatever is not understood is left out and described. */
export function readRuleSettings(raw: unknown): ReadRuleSettings {
  if (raw === undefined || raw === null) return { rules: {}, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { rules: {}, problems: ['"rules" must map rule ids to severities'] };
  const rules: Record<string, RuleSeverity> = {};
  const problems: string[] = [];
  for (const [id, severity] of Object.entries(raw)) {
    if (!isKnownRule(id)) problems.push(`unknown rule "${id}"`);
    else if (typeof severity !== 'string' || !(RULE_SEVERITIES as readonly string[]).includes(severity)) {
      problems.push(`rule "${id}": severity must be one of ${RULE_SEVERITIES.join(', ')}, not ${JSON.stringify(severity)}`);
    } else rules[id] = severity as RuleSeverity;
  }
  return { rules, problems };
}

export class ConfigError extends Error {}

/** Parses a `.kubeplan.yaml`; a file that is not YAML or not a mapping is an error, unknown rules are problems. */
export function parseConfigFile(text: string): ReadRuleSettings {
  let config: unknown;
  try {
    config = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`not valid YAML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  if (config === null || config === undefined) return { rules: {}, problems: [] };
  if (typeof config !== 'object' || Array.isArray(config)) throw new ConfigError('must be a mapping with a "rules" key');
  const { rules, ...rest } = config as Record<string, unknown>;
  if (rules !== undefined && rules !== null && (typeof rules !== 'object' || Array.isArray(rules))) throw new ConfigError('"rules" must map rule ids to severities');
  const read = readRuleSettings(rules);
  return { rules: read.rules, problems: [...Object.keys(rest).map((key) => `unknown key "${key}"`), ...read.problems] };
}

/** The object a finding belongs to, as far as suppression needs it. */
export interface SuppressionScope {
  value: { [key: string]: PlainValue };
  range: { start: number; end: number };
}

/**
 * Gives each finding its configured severity, drops rules that are off, and drops findings suppressed by their
 * object's annotation or by a comment on their line or the line above.
 */
export function applyRuleConfig<F extends Finding>(text: string, findings: readonly F[], objects: readonly SuppressionScope[], rules: RuleSettings = {}): F[] {
  // Nothing to configure: the language server asks after every edit, and the text may be megabytes long.
  if (findings.length === 0) return [];
  const comments = text.includes('kubeplan-ignore') ? ignoreComments(text) : undefined;
  const objectIgnores = objects.map((object) => ({ range: object.range, ids: annotationIgnores(object.value) })).filter((o) => o.ids.size > 0);
  const out: F[] = [];
  for (const finding of findings) {
    const configured = rules[finding.rule];
    if (configured === 'off' || (configured === undefined && isOffByDefault(finding.rule))) continue;
    if (comments && isCommentSuppressed(text, finding, comments)) continue;
    if (objectIgnores.some((o) => o.ids.has(finding.rule) && o.range.start <= finding.range.start && finding.range.end <= o.range.end)) continue;
    out.push(configured === undefined || configured === finding.severity ? finding : { ...finding, severity: configured });
  }
  return out;
}

/** Whether an object carries the ignore annotation, as `applyRuleConfig` reads it. */
export function hasIgnoreAnnotation(object: { [key: string]: PlainValue }): boolean {
  return annotationIgnores(object).size > 0;
}

function annotationIgnores(object: { [key: string]: PlainValue }): Set<string> {
  const metadata = object['metadata'];
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) return new Set();
  const annotations = metadata['annotations'];
  if (!annotations || typeof annotations !== 'object' || Array.isArray(annotations)) return new Set();
  const value = annotations[IGNORE_ANNOTATION];
  return typeof value === 'string' ? idList(value) : new Set();
}

function idList(text: string): Set<string> {
  return new Set(
    text
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  );
}

/** Line number (0-based) → the rule ids a comment on that line ignores. */
function ignoreComments(text: string): Map<number, Set<string>> {
  const byLine = new Map<number, Set<string>>();
  const lines = text.split('\n');
  lines.forEach((line, number) => {
    const match = IGNORE_COMMENT.exec(line);
    if (match) byLine.set(number, idList(match[1]!));
  });
  return byLine;
}

function isCommentSuppressed(text: string, finding: Finding, comments: Map<number, Set<string>>): boolean {
  const line = lineOf(text, finding.range.start);
  return Boolean(comments.get(line)?.has(finding.rule) || comments.get(line - 1)?.has(finding.rule));
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
