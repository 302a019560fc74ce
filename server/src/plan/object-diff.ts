/**
 * Which fields of an object a change alters, as a reader of `kubectl diff` reads them. Both sides are compared after
 * the API server's defaulting, as kubectl diff compares the live object with the server's dry run of the apply, so a
 * field written out at its default value, or dropped back to it, is no change. What the API server and controllers
 * own (status, uid, resourceVersion, generation, timestamps, managedFields) is left out, as are the annotations
 * kubectl apply and the Deployment controller write. A Secret's values are masked as kubectl diff masks them
 * (staging/src/k8s.io/kubectl/pkg/cmd/diff/diff.go, Masker.run: `***` for an unchanged value, `*** (before)` and
 * `*** (after)` for a changed one).
 */
import { defaultedView } from '../defaulting';
import { isObject, type PlainObject, type PlainValue } from '../kube/plain-values';
import { semanticEqual } from '../kube/semantic-equal';
import type { PlannedFieldChange } from '../protocol/plan';

/** metadata fields the API server sets (k8s.io/apimachinery ObjectMeta: "Populated by the system. Read-only."). */
const SERVER_METADATA = new Set(['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink']);

/**
 * Annotations no manifest author writes: kubectl apply's record of the last applied configuration
 * (corev1.LastAppliedConfigAnnotation) and the revision the Deployment controller keeps
 * (pkg/controller/deployment/util/deployment_util.go, RevisionAnnotation).
 */
const WRITTEN_FOR_THEM = new Set(['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision']);

/** A JSON field name that reads as a word; any other key is written in brackets, as field.Path writes map keys. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Side {
  apiVersion: string;
  kind: string;
  value: PlainObject;
}

/** The fields that change from `before` to `after`, both decoded objects of one kind, in the order `after` writes them. */
export function diffObjects(before: Side, after: Side): PlannedFieldChange[] {
  const from = comparable(before);
  const to = comparable(after);
  const changes: PlannedFieldChange[] = [];
  walk('', from, to, changes);
  return after.kind === 'Secret' ? changes.map(maskSecretValue) : changes;
}

/** The object as the API server would store it, without what the server and its controllers own. */
function comparable(side: Side): PlainObject {
  const defaulted = defaultedView(side.apiVersion, side.kind, side.value);
  const { status: _status, metadata, ...rest } = defaulted;
  if (!isObject(metadata)) return rest;
  const kept: PlainObject = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (SERVER_METADATA.has(key)) continue;
    if (key === 'annotations' && isObject(value)) {
      kept[key] = Object.fromEntries(Object.entries(value).filter(([name]) => !WRITTEN_FOR_THEM.has(name)));
    } else kept[key] = value;
  }
  return { ...rest, metadata: kept };
}

function walk(path: string, before: PlainValue | undefined, after: PlainValue | undefined, changes: PlannedFieldChange[]): void {
  // Empty and absent are the same to the API server (an omitted field decodes to Go's zero value).
  if (semanticEqual(before, after)) return;
  if (isObject(before) && isObject(after)) {
    for (const key of unionOfKeys(Object.keys(before), Object.keys(after))) walk(childPath(path, key), before[key], after[key], changes);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const beforeNames = namesOf(before);
    const afterNames = namesOf(after);
    if (beforeNames && afterNames) {
      const byName = (items: PlainValue[], names: string[]) => new Map(names.map((name, i) => [name, items[i]]));
      const from = byName(before, beforeNames);
      const to = byName(after, afterNames);
      for (const name of unionOfKeys(beforeNames, afterNames)) walk(`${path}[name=${name}]`, from.get(name), to.get(name), changes);
      return;
    }
    if (before.every(isObject) && after.every(isObject)) {
      for (let i = 0; i < Math.max(before.length, after.length); i++) walk(`${path}[${i}]`, before[i], after[i], changes);
      return;
    }
  }
  changes.push({ path, before: before ?? null, after: after ?? null });
}

/** `after`'s keys in its order, then those only `before` has, in its order. */
function unionOfKeys(before: readonly string[], after: readonly string[]): string[] {
  const seen = new Set(after);
  return [...after, ...before.filter((key) => !seen.has(key))];
}

/** The names of a list whose items are all objects with a distinct `name` (containers, ports, env, volumes), none for an empty list; else undefined. */
function namesOf(items: readonly PlainValue[]): string[] | undefined {
  const names: string[] = [];
  for (const item of items) {
    const name = isObject(item) ? item['name'] : undefined;
    if (typeof name !== 'string') return undefined;
    names.push(name);
  }
  return new Set(names).size === names.length ? names : undefined;
}

function childPath(path: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** A Secret's `data` and `stringData` values, masked; other fields (type, labels) as they are. */
function maskSecretValue(change: PlannedFieldChange): PlannedFieldChange {
  if (!/^(data|stringData)([[.]|$)/.test(change.path)) return change;
  if (change.path === 'data' || change.path === 'stringData') {
    return { path: change.path, before: maskedMap(change.before, '*** (before)'), after: maskedMap(change.after, '*** (after)') };
  }
  return { path: change.path, before: change.before === null ? null : '*** (before)', after: change.after === null ? null : '*** (after)' };
}

function maskedMap(value: unknown, mask: string): unknown {
  if (value === null || typeof value !== 'object') return value === null ? null : mask;
  return Object.fromEntries(Object.keys(value).map((key) => [key, mask]));
}
