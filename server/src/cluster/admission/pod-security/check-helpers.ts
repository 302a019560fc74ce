/**
 * What the Pod Security checks share (staging/src/k8s.io/pod-security-admission/policy/checks.go, helpers.go and
 * visitor.go): the shape of a check and of its violation, the container walk, and the wording helpers every
 * check's message is built with.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { renderValue } from '../../../kube/field-errors';

/** A check's refusal (CheckResult with Allowed false): the short reason and the detail naming what is wrong. */
export interface Violation {
  readonly reason: string;
  /** Empty when the check names nothing in particular. */
  readonly detail: string;
}

/** CheckPodFn: undefined when the pod is allowed. */
export type CheckPod = (metadata: ObjectMeta, spec: PodSpec) => Violation | undefined;

/** One implementation of a check, in force from a policy version (`v1.<minimumMinor>`) on. */
export interface VersionedCheck {
  readonly minimumMinor: number;
  readonly checkPod: CheckPod;
  /** Baseline checks this restricted check replaces at the restricted level (OverrideCheckIDs). */
  readonly overrides?: readonly string[];
}

/** policy.Check: an id, the level it belongs to and its implementations, oldest first. */
export interface Check {
  readonly id: string;
  readonly level: 'baseline' | 'restricted';
  readonly versions: readonly VersionedCheck[];
}

/** visitContainers: init containers, then containers, then ephemeral containers. */
export function containersOf(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...((spec.ephemeralContainers ?? []) as Container[])];
}

/** joinQuote: `"a", "b"`. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"`, `containers "a", "b"`: how the checks name the containers at fault. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** sets.String.List(): the distinct values, sorted as Go sorts strings. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The v1.25 revisions of several restricted checks: a Windows pod (`spec.os.name: windows`) is allowed. */
export function exceptWindows(check: CheckPod): CheckPod {
  return (metadata, spec) => (spec.os?.name === 'windows' ? undefined : check(metadata, spec));
}

/**
 * The v1.35 revisions of the procMount, runAsNonRoot and runAsUser checks (relaxPolicyForUserNamespacePod, KEP-127):
 * a pod in its own user namespace (`hostUsers: false`) is allowed.
 */
export function exceptUserNamespace(check: CheckPod): CheckPod {
  return (metadata, spec) => (spec.hostUsers === false ? undefined : check(metadata, spec));
}

/** Go's %q of a string, as field errors print string values (the same in every release). */
export function quoted(text: string): string {
  return renderValue(text, 0);
}
