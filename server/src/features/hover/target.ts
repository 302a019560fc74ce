/** What every computed hover explanation reads: the object under the cursor, where in it, and the workspace. */
import { isObject, type Keys, type PlainObject, type PlainValue } from '../../kube/plain-values';
import type { Catalog } from '../../catalog/catalog';
import type { KubernetesVersion } from '../../schema/versions';

export interface HoverTarget {
  /** The Kubernetes version validation and the plan use: which resources it serves, and at which scope. */
  kubernetesVersion: KubernetesVersion;
  apiVersion: string;
  kind: string;
  /** The object as decoded (not defaulted). */
  object: PlainObject;
  /** The field path at the cursor. */
  path: Keys;
  on: 'key' | 'value';
  /** The Go type the schema gives the value at the path (`resource.Quantity`, `intstr.IntOrString`), if known. */
  goType?: string;
  /** The decoded value at the path; undefined when absent. */
  value: PlainValue | undefined;
  /** The objects of the workspace, for selectors and ports (brought up to date when asked); absent without one. */
  catalog?: () => Catalog;
  /** Show decoded Secret values (`kubeplan.hover.revealSecrets`). */
  revealSecrets: boolean;
  /** Now, in milliseconds since the epoch: when the next runs of a schedule are counted from. */
  now: number;
  /** The zone cluster DNS serves (`kubeplan.plan.clusterDomain`). */
  clusterDomain: string;
}

/** A computed explanation: Markdown, or undefined when it has nothing to say about the target. */
export type Explainer = (target: HoverTarget) => string | undefined;

export function valueAt(value: PlainValue | undefined, path: Keys): PlainValue | undefined {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isObject(current) && typeof key === 'string') current = current[key];
    else return undefined;
  }
  return current;
}

/** Whether `path` starts with `prefix`, where `*` in the prefix matches any one key or index. */
export function startsWith(path: Keys, prefix: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((key, index) => key === '*' || key === path[index]);
}

/** `1610612736` → `1,610,612,736`. */
export function groupDigits(value: bigint | number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
