/**
 * Selectors and labels against the workspace: which pod templates a Service, workload, PodDisruptionBudget or
 * NetworkPolicy selects — and for the others, the first label that keeps them out — and, on a pod template's
 * labels, which Services, PodDisruptionBudgets and NetworkPolicies select it. Matching is apimachinery's
 * (kube/label-selectors.ts); namespaces are those of the objects (none written is "default").
 */
import { isObject, listAt, objectAt, stringAt, type PlainObject, type PlainValue } from '../../kube/plain-values';
import { compileLabelSelector, compileSetSelector, labelsOf, type LabelMatcher, type Labels } from '../../kube/label-selectors';
import type { PodTemplate } from '../../catalog/pod-templates';
import { podSpecPath } from '../../kube/pod-templates';
import { startsWith, valueAt, type Explainer, type HoverTarget } from './target';

/** Listed by name; beyond this many, a count. */
const SHOWN = 8;

/** A selector as written, with its compiled matcher. */
export type Selector = ({ kind: 'map'; labels: Labels } | { kind: 'labelSelector'; selector: PlainObject }) & { matches: LabelMatcher };

const SELECTOR_PATHS: Readonly<Record<string, { path: readonly string[]; map: boolean }>> = {
  Service: { path: ['spec', 'selector'], map: true },
  ReplicationController: { path: ['spec', 'selector'], map: true },
  Deployment: { path: ['spec', 'selector'], map: false },
  ReplicaSet: { path: ['spec', 'selector'], map: false },
  StatefulSet: { path: ['spec', 'selector'], map: false },
  DaemonSet: { path: ['spec', 'selector'], map: false },
  Job: { path: ['spec', 'selector'], map: false },
  PodDisruptionBudget: { path: ['spec', 'selector'], map: false },
  NetworkPolicy: { path: ['spec', 'podSelector'], map: false },
};

export const explainSelector: Explainer = (target) => {
  // A NetworkPolicy's selectors, its peers' included, are explained in network-policy.ts.
  if (target.kind === 'NetworkPolicy') return undefined;
  const place = SELECTOR_PATHS[target.kind];
  if (!place || !startsWith(target.path, place.path)) return undefined;
  const written = valueAt(target.object, place.path);
  if (!isObject(written)) return undefined;
  const selector = selectorOf(written, place.map);
  if (selector.kind === 'map' && Object.keys(selector.labels).length === 0) {
    return '**Selects** nothing: without a selector, the endpoints are not taken from pods (they are managed by hand or by another controller).';
  }
  const own = ownTemplateLabels(target);
  const lines = [`**Selects** (${describeSelector(selector)})`, ''];
  if (own) {
    const reason = whyNot(selector, own);
    lines.push(reason ? `- ✗ its own pod template: ${reason}` : '- ✓ its own pod template');
  }
  const catalog = target.catalog?.();
  if (!catalog) return lines.join('\n');
  const namespace = namespaceOf(target.object);
  const templates = catalog.podTemplates(namespace).filter((template) => !isSameObject(template, target));
  const matched = templates.filter((template) => !whyNot(selector, template.labels));
  const missed = templates.filter((template) => whyNot(selector, template.labels));
  if (templates.length === 0) lines.push(`- no other pod templates in namespace \`${namespace}\` in the workspace`);
  lines.push(...listed(matched, (template) => `- ✓ ${nameOf(template)}`));
  lines.push(...listed(missed, (template) => `- ✗ ${nameOf(template)}: ${whyNot(selector, template.labels)!}`));
  return lines.join('\n');
};

/** On a pod template's labels: the selectors of the workspace that select them. */
export const explainLabels: Explainer = (target) => {
  const labelsPath = templateLabelsPath(target.kind);
  const catalog = labelsPath && startsWith(target.path, labelsPath) ? target.catalog?.() : undefined;
  if (!labelsPath || !catalog) return undefined;
  const labels = labelsOf(valueAt(target.object, labelsPath));
  const namespace = namespaceOf(target.object);
  const lines = ['**Selected by**', ''];
  let any = false;
  for (const kind of ['Service', 'PodDisruptionBudget', 'NetworkPolicy']) {
    const place = SELECTOR_PATHS[kind]!;
    for (const object of catalog.ofKind(kind)) {
      if ((object.namespace || 'default') !== namespace) continue;
      const written = valueAt(object.value, place.path);
      if (!isObject(written)) continue;
      const selector = selectorOf(written, place.map);
      const reason = whyNot(selector, labels);
      lines.push(reason ? `- ✗ ${kind}/${object.name}: ${reason}` : `- ✓ ${kind}/${object.name}`);
      any = true;
    }
  }
  if (!any) lines.push(`- no Service, PodDisruptionBudget or NetworkPolicy with a selector in namespace \`${namespace}\` in the workspace`);
  return lines.join('\n');
};

/** A Service's or ReplicationController's label map (`map`), or a metav1.LabelSelector. */
export function selectorOf(written: PlainObject, map: boolean): Selector {
  if (map) {
    const labels = labelsOf(written);
    return { kind: 'map', labels, matches: compileSetSelector(labels) };
  }
  return { kind: 'labelSelector', selector: written, matches: compileLabelSelector(written) };
}

/** Why the selector does not select these labels, or undefined when it does. */
export function whyNot(selector: Selector, labels: Labels): string | undefined {
  if (selector.matches(labels)) return undefined;
  if (selector.kind === 'map') return firstMismatch(selector.labels, labels);
  const mismatch = firstMismatch(labelsOf(selector.selector['matchLabels']), labels);
  if (mismatch) return mismatch;
  for (const expression of listAt(selector.selector, 'matchExpressions')) {
    const failed = failedExpression(expression, labels);
    if (failed) return failed;
  }
  return 'the selector does not match';
}

function firstMismatch(wanted: Labels, labels: Labels): string | undefined {
  for (const [key, value] of Object.entries(wanted)) {
    if (!Object.hasOwn(labels, key)) return `no label \`${key}\``;
    if (labels[key] !== value) return `\`${key}\` is \`${labels[key]}\`, not \`${value}\``;
  }
  return undefined;
}

function failedExpression(expression: PlainValue, labels: Labels): string | undefined {
  const key = stringAt(expression, 'key') ?? '';
  const operator = stringAt(expression, 'operator') ?? '';
  const values = listAt(expression, 'values').map(String);
  if (compileLabelSelector({ matchExpressions: [expression] })(labels)) return undefined;
  const has = Object.hasOwn(labels, key);
  const actual = has ? `\`${key}\` is \`${labels[key]}\`` : `no label \`${key}\``;
  const written = `\`${key} ${operator}${values.length > 0 ? ` (${values.join(', ')})` : ''}\``;
  return `${written} fails: ${actual}`;
}

export function describeSelector(selector: Selector): string {
  if (selector.kind === 'map')
    return (
      Object.entries(selector.labels)
        .map(([key, value]) => `\`${key}=${value}\``)
        .join(', ') || 'empty'
    );
  const parts = Object.entries(labelsOf(selector.selector['matchLabels'])).map(([key, value]) => `\`${key}=${value}\``);
  for (const expression of listAt(selector.selector, 'matchExpressions')) {
    const values = listAt(expression, 'values').map(String);
    parts.push(`\`${stringAt(expression, 'key') ?? ''} ${stringAt(expression, 'operator') ?? ''}${values.length > 0 ? ` (${values.join(', ')})` : ''}\``);
  }
  return parts.join(', ') || 'empty: everything';
}

function templateLabelsPath(kind: string): readonly string[] | undefined {
  const spec = podSpecPath(kind);
  return spec ? [...spec.slice(0, -1), 'metadata', 'labels'] : undefined;
}

function ownTemplateLabels(target: HoverTarget): Labels | undefined {
  if (target.kind === 'Service' || target.kind === 'PodDisruptionBudget' || target.kind === 'NetworkPolicy') return undefined;
  const path = templateLabelsPath(target.kind);
  return path ? labelsOf(valueAt(target.object, path)) : undefined;
}

function isSameObject(template: PodTemplate, target: HoverTarget): boolean {
  return template.owner.kind === target.kind && template.owner.name === (stringAt(objectAt(target.object, 'metadata'), 'name') ?? '');
}

function namespaceOf(object: PlainObject): string {
  return stringAt(objectAt(object, 'metadata'), 'namespace') || 'default';
}

function nameOf(template: PodTemplate): string {
  return `${template.owner.kind}/${template.owner.name}`;
}

/** The first items as lines, then how many more there are. */
export function listed<T>(items: readonly T[], line: (item: T) => string): string[] {
  const lines = items.slice(0, SHOWN).map(line);
  if (items.length > SHOWN) lines.push(`- … and ${items.length - SHOWN} more`);
  return lines;
}
