/**
 * Matching pods to nodes by labels, fields and taints, as component-helpers/scheduling/corev1 does
 * (nodeaffinity.go, helpers.go) and core/v1 Toleration.ToleratesTaint.
 */
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { labelValue } from '../../kube/label-selectors';

const INTEGER = /^[+-]?\d+$/;

function requirementMatches(requirement: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return values.length > 0 && value !== undefined && values.includes(value);
    case 'NotIn':
      return values.length > 0 && (value === undefined || !values.includes(value));
    case 'Exists':
      return values.length === 0 && value !== undefined;
    case 'DoesNotExist':
      return values.length === 0 && value === undefined;
    case 'Gt':
    case 'Lt': {
      // Exactly one integer value, compared with the label read as an integer; an unparsable label never matches.
      if (values.length !== 1 || !INTEGER.test(values[0]!) || value === undefined || !INTEGER.test(value)) return false;
      const bound = BigInt(values[0]!);
      const actual = BigInt(value);
      return requirement.operator === 'Gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/** One node selector term: its expressions (labels) and fields (only `metadata.name`) ANDed; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  for (const requirement of expressions) if (!requirementMatches(requirement, labelValue(labels, requirement.key))) return false;
  for (const requirement of fields) {
    const fieldSupported = requirement.key === 'metadata.name' && (requirement.operator === 'In' || requirement.operator === 'NotIn');
    if (!fieldSupported || !requirementMatches(requirement, node.metadata?.name)) return false;
  }
  return true;
}

/** `spec.nodeSelector` and required node affinity together (nodeaffinity.GetRequiredNodeAffinity(pod).Match). */
export function matchesRequiredNodeAffinity(pod: Pod, node: Node): boolean {
  const selector = pod.spec?.nodeSelector;
  if (selector) {
    const labels = node.metadata?.labels ?? {};
    for (const [key, value] of Object.entries(selector)) if (labelValue(labels, key) !== value) return false;
  }
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms === undefined) return true;
  return terms.some((term) => termMatches(term, node));
}

/** core/v1 Toleration.ToleratesTaint. */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
    case '':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** The first taint (in node order) passing `relevant` that no toleration tolerates (v1helper.FindMatchingUntoleratedTaint). */
export function firstUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], relevant: (taint: Taint) => boolean): Taint | undefined {
  if (taints.length === 0) return undefined;
  return taints.find((taint) => relevant(taint) && !tolerations.some((toleration) => toleratesTaint(toleration, taint)));
}

export function isNoScheduleOrNoExecute(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}
