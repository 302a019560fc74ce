/** Label selectors as apimachinery evaluates them (k8s-semantics §2.10). */
import { isObject, listAt, stringAt, type PlainObject, type PlainValue } from './plain-values';

export type Labels = Readonly<Record<string, string>>;

export function labelsOf(value: PlainValue | undefined): Labels {
  const labels: Record<string, string> = {};
  if (isObject(value)) for (const [key, label] of Object.entries(value)) if (typeof label === 'string') labels[key] = label;
  return labels;
}

/** A Service's selector: every key present with that value. */
export function mapSelects(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** A metav1.LabelSelector: `matchLabels` and `matchExpressions` ANDed; `{}` matches everything; absent matches nothing. */
export function labelSelectorSelects(selector: PlainObject | undefined, labels: Labels): boolean {
  if (!selector) return false;
  if (!mapSelects(labelsOf(selector['matchLabels']), labels)) return false;
  return listAt(selector, 'matchExpressions').every((expression) => {
    const key = stringAt(expression, 'key') ?? '';
    const values = listAt(expression, 'values').filter((value): value is string => typeof value === 'string');
    const present = Object.prototype.hasOwnProperty.call(labels, key);
    switch (stringAt(expression, 'operator')) {
      case 'In':
        return present && values.includes(labels[key]!);
      case 'NotIn':
        return !present || !values.includes(labels[key]!);
      case 'Exists':
        return present;
      case 'DoesNotExist':
        return !present;
      default:
        return false;
    }
  });
}
