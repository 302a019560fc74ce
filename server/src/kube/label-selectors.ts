/**
 * Label selectors as apimachinery evaluates them: a metav1.LabelSelector becomes a selector once
 * (k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go, LabelSelectorAsSelector), a label map such as a Service's
 * selector likewise (pkg/labels/labels.go, SelectorFromSet), and each requirement matches as
 * pkg/labels/selector.go Requirement.Matches does. Selectors are compiled into a matcher function once and then
 * applied to many label sets: the scheduler asks them for every pod on every node.
 *
 * Whether a selector is well formed (operators with the right values, qualified keys) is validation, reported
 * by the label-selector rule; here an operator outside In, NotIn, Exists and DoesNotExist matches nothing, as
 * LabelSelectorAsSelector's error leaves the caller without a selector.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { isObject, objectAt, type PlainObject, type PlainValue } from './plain-values';

export type Labels = Readonly<Record<string, string>>;

/** Tells whether a label set satisfies a compiled selector. */
export type LabelMatcher = (labels: Labels) => boolean;

/** labels.Nothing(): what an absent or null selector compiles to. */
export const MATCH_NOTHING: LabelMatcher = () => false;

/** labels.Everything(): what `{}` compiles to. */
export const MATCH_EVERYTHING: LabelMatcher = () => true;

/** A label's value, or undefined when absent (never an inherited property such as `constructor`, never a non-string). */
export function labelValue(labels: Labels, key: string): string | undefined {
  const value: unknown = labels[key];
  return typeof value === 'string' ? value : undefined;
}

/** The string entries of decoded labels (or of a decoded label map); entries of any other shape are skipped. */
export function labelsOf(value: PlainValue | undefined): Labels {
  const labels: Record<string, string> = {};
  if (isObject(value)) for (const [key, label] of Object.entries(value)) if (typeof label === 'string') labels[key] = label;
  return labels;
}

/**
 * LabelSelectorAsSelector: `matchLabels` (each an `In` of its one value) and `matchExpressions` ANDed; `{}`
 * matches everything; absent or null matches nothing. The selector may be typed or decoded: the cluster model's
 * typed objects are decoded manifests too, so its shape is checked as it is read, and entries of the wrong
 * shape (a non-string label value, a non-string key) are read as Go's decoder never lets them through: skipped
 * in `matchLabels`, an empty key or an unknown operator in `matchExpressions`.
 */
export function compileLabelSelector(selector: LabelSelector | PlainValue | undefined): LabelMatcher {
  if (!isObject(selector as PlainValue | undefined)) return MATCH_NOTHING;
  const { matchLabels, matchExpressions } = selector as { matchLabels?: PlainValue; matchExpressions?: PlainValue };
  const checks: LabelMatcher[] = [];
  if (isObject(matchLabels)) {
    for (const [key, value] of Object.entries(matchLabels)) {
      if (typeof value === 'string') checks.push((labels) => labelValue(labels, key) === value);
    }
  }
  for (const expression of Array.isArray(matchExpressions) ? matchExpressions : []) {
    const check = compileRequirement(expression);
    if (!check) return MATCH_NOTHING;
    checks.push(check);
  }
  if (checks.length === 0) return MATCH_EVERYTHING;
  if (checks.length === 1) return checks[0]!;
  return (labels) => checks.every((check) => check(labels));
}

/** Matchers of frozen label sets, which cannot change: a template's labels, asked about at every settle round. */
const frozenSetMatchers = new WeakMap<Labels, LabelMatcher>();

/** SelectorFromSet: every key of the set present with its value; an empty set matches everything. */
export function compileSetSelector(set: Labels): LabelMatcher {
  if (!Object.isFrozen(set)) return compileLabelSelector({ matchLabels: set });
  let matcher = frozenSetMatchers.get(set);
  if (matcher === undefined) {
    matcher = compileLabelSelector({ matchLabels: set });
    frozenSetMatchers.set(set, matcher);
  }
  return matcher;
}

/** compileSetSelector(set)(labels), for a set asked about one label set, where compiling it costs more than it saves. */
export function setSelectorMatches(set: Labels, labels: Labels): boolean {
  for (const key of Object.keys(set)) {
    const value: unknown = set[key];
    if (typeof value === 'string' && labelValue(labels, key) !== value) return false;
  }
  return true;
}

/** Requirement.Matches for one LabelSelectorRequirement; undefined for an operator LabelSelectorAsSelector refuses. */
function compileRequirement(expression: PlainValue): LabelMatcher | undefined {
  if (!isObject(expression)) return undefined;
  const key = typeof expression['key'] === 'string' ? expression['key'] : '';
  const written = expression['values'];
  const values = Array.isArray(written) ? written.filter((value): value is string => typeof value === 'string') : [];
  switch (expression['operator']) {
    case 'In':
      return (labels) => {
        const value = labelValue(labels, key);
        return value !== undefined && values.includes(value);
      };
    case 'NotIn':
      return (labels) => {
        const value = labelValue(labels, key);
        return value === undefined || !values.includes(value);
      };
    case 'Exists':
      return (labels) => labelValue(labels, key) !== undefined;
    case 'DoesNotExist':
      return (labels) => labelValue(labels, key) === undefined;
    default:
      return undefined;
  }
}

/** A selector with neither matchLabels nor matchExpressions: it matches everything (and validation refuses it where a controller needs one). */
export function isEmptySelector(selector: PlainObject): boolean {
  const matchLabels = objectAt(selector, 'matchLabels');
  const expressions = selector['matchExpressions'];
  return Object.keys(matchLabels ?? {}).length === 0 && (!Array.isArray(expressions) || expressions.length === 0);
}
