/** Runs the object rules that apply to one decoded object and places their findings on the text. */
import type { Finding, OffsetRange } from '../kube/findings';
import { formatFieldPath, pathKeys } from '../kube/field-path';
import type { Keys } from '../kube/plain-values';
import { OBJECT_RULES } from './index';
import type { ObjectRule, RuleContext } from './rule';

const rulesByKind = new Map<string, readonly ObjectRule[]>();

function rulesFor(kind: string): readonly ObjectRule[] {
  let rules = rulesByKind.get(kind);
  if (!rules) {
    rules = OBJECT_RULES.filter((rule) => !rule.kinds || rule.kinds.includes(kind));
    rulesByKind.set(kind, rules);
  }
  return rules;
}

/**
 * Rules that are off by default run only when `optIn` names them: their findings would otherwise be placed on
 * the text (which can mean building a syntax tree) only to be dropped by the settings.
 */
export function runObjectRules(context: RuleContext, locate: (keys: Keys, prefer: 'key' | 'value') => OffsetRange, optIn: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rulesFor(context.kind)) {
    if (rule.defaultSeverity === 'off' && !optIn.has(rule.id)) continue;
    for (const error of rule.check(context)) {
      const place = error.placeAt ?? { path: error.path, target: error.target };
      findings.push({
        rule: rule.id,
        severity: rule.defaultSeverity === 'off' ? 'hint' : rule.defaultSeverity,
        message: error.message,
        path: formatFieldPath(error.path),
        range: locate(pathKeys(place.path), place.target),
      });
    }
  }
  return findings;
}
