/**
 * Fixes of an object's type (`unknown-api`): a misspelt kind changed to the near miss the message suggests, and an
 * apiVersion that is not (or no longer) served changed to the one that serves the kind. Only the type changes:
 * fields that must move with a new apiVersion are named in the message and left to the user, and validation of the
 * new version then points at each one.
 */
import { isScalar, type YAMLMap } from 'yaml';
import { inStyleOf, type QuickFix } from './yaml-edits';

export function fixApiType(root: YAMLMap, path: readonly (string | number)[], message: string): QuickFix[] {
  const field = path[0];
  if (path.length !== 1 || (field !== 'kind' && field !== 'apiVersion')) return [];
  const value = root.get(field, true);
  if (!isScalar(value) || !value.range || typeof value.value !== 'string') return [];
  const wanted = field === 'kind' ? /; did you mean "([^"]+)"\?$/.exec(message)?.[1] : successor(message);
  if (!wanted) return [];
  const newText = inStyleOf(value, wanted);
  if (newText === undefined) return [];
  return [{ title: `Change ${field} to ${field === 'kind' ? `"${wanted}"` : wanted}`, edits: [{ range: { start: value.range[0], end: value.range[1] }, newText }] }];
}

/** `…was removed in Kubernetes 1.16; use apiVersion: apps/v1…`, or `…serves Deployment as "apps/v1"` when only one version does. */
function successor(message: string): string | undefined {
  const removed = /; use apiVersion: ([\w.-]+\/[\w.-]+|v\d\w*)(?:,|$)/.exec(message)?.[1];
  if (removed) return removed;
  return /: Kubernetes [\d.]+ serves \S+ as "([^"]+)"$/.exec(message)?.[1];
}
