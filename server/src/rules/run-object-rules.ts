/** Runs the object rules that apply to one decoded object and places their findings on the text. */
import type { Finding, OffsetRange } from '../kube/findings';
import { formatFieldPath, pathKeys } from '../kube/field-path';
import { renderFieldError } from '../kube/field-errors';
import { minorOf } from '../schema/versions';
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
 * Warnings the API server gives with every request of an API version, accepted or not (the deprecation warning of
 * k8s.io/apiserver pkg/endpoints/installer.go). Every other warning comes from the kind's WarningsOnCreate, which
 * the API server asks only once validation has accepted the object (pkg/registry/rest/create.go BeforeCreate).
 */
const WARNINGS_OF_EVERY_REQUEST: ReadonlySet<string> = new Set(['deprecated-api-version']);

/**
 * Rules that are off by default run only when `optIn` names them: their findings would otherwise be placed on
 * the text (which can mean building a syntax tree) only to be dropped by the settings. An object the API-server
 * validation rules refuse gets no create warnings, as the API server returns none for it. The API server reports an
 * error list through field.ErrorList.ToAggregate, which drops an error whose text it has already printed: so does
 * this, for the validation errors of one object.
 */
export function runObjectRules(context: RuleContext, locate: (keys: Keys, prefer: 'key' | 'value') => OffsetRange, optIn: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  let refused = false;
  const minor = minorOf(context.kubernetesVersion);
  let validationMessages: Set<string> | undefined;
  for (const rule of rulesFor(context.kind)) {
    if (rule.defaultSeverity === 'off' && !optIn.has(rule.id)) continue;
    if (refused && rule.family === 'api-warnings' && !WARNINGS_OF_EVERY_REQUEST.has(rule.id)) continue;
    for (const error of rule.check(context)) {
      const message = renderFieldError(error, minor);
      if (rule.family === 'api-validation') {
        // Made for the first error only: most objects have none.
        validationMessages ??= new Set();
        if (validationMessages.has(message)) continue;
        validationMessages.add(message);
      }
      const place = error.placeAt ?? { path: error.path, target: error.target };
      findings.push({
        rule: rule.id,
        severity: rule.defaultSeverity === 'off' ? 'hint' : rule.defaultSeverity,
        message,
        path: formatFieldPath(error.path),
        range: locate(pathKeys(place.path), place.target),
      });
      refused ||= rule.family === 'api-validation';
    }
  }
  return findings;
}
