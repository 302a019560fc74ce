/**
 * The check registry (staging/src/k8s.io/pod-security-admission/policy/registry.go, checkRegistry.EvaluatePod and
 * populate): which implementation of which check runs for a level and a policy version, in upstream's order.
 *
 * - Each check runs the implementation with the highest minimum version not above the policy version; a check
 *   whose first version is newer does not run.
 * - `latest` and versions newer than the newest minimum version of any check are that newest version, or the
 *   cluster's own version when it is older (the emulation version a cluster of that release evaluates at).
 * - The baseline level runs the baseline checks; the restricted level runs the restricted checks and the baseline
 *   checks that none of them overrides at that version.
 * - Checks run in the order of their ids, as Go sorts strings, the baseline ones first.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { BASELINE_CHECKS } from './baseline-checks';
import type { Check, CheckPod, Violation } from './check-helpers';
import type { LevelVersion } from './levels';
import { RESTRICTED_CHECKS } from './restricted-checks';

const byId = (a: Check, b: Check) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ORDERED_CHECKS: readonly Check[] = [...[...BASELINE_CHECKS].sort(byId), ...[...RESTRICTED_CHECKS].sort(byId)];

/** The newest minimum version of any check: the version `latest` stands for. */
const NEWEST_CHECK_MINOR = Math.max(...ORDERED_CHECKS.map((check) => check.versions[check.versions.length - 1]!.minimumMinor));

const cache = new Map<string, readonly CheckPod[]>();

/** The implementations a level runs at a policy minor version, in order. */
function checksFor(level: 'baseline' | 'restricted', minor: number): readonly CheckPod[] {
  const key = `${level}:${minor}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const active = ORDERED_CHECKS.map((check) => ({ check, version: [...check.versions].reverse().find((version) => version.minimumMinor <= minor) }));
  const overridden = new Set(active.filter(({ check }) => check.level === 'restricted').flatMap(({ version }) => version?.overrides ?? []));
  const runs = active
    .filter(({ check, version }) => version !== undefined && (level === 'restricted' ? !overridden.has(check.id) : check.level === 'baseline'))
    .map(({ version }) => version!.checkPod);
  cache.set(key, runs);
  return runs;
}

/**
 * EvaluatePod followed by AggregateCheckResults: the violations of a pod (its metadata and spec, or a template's)
 * for a level and version, in a cluster of the given minor version.
 */
export function evaluatePod(levelVersion: LevelVersion, clusterMinor: number, metadata: ObjectMeta, spec: PodSpec): Violation[] {
  if (levelVersion.level === 'privileged') return [];
  const newest = Math.min(NEWEST_CHECK_MINOR, clusterMinor);
  const minor = levelVersion.version === 'latest' || levelVersion.version > newest ? newest : levelVersion.version;
  const violations: Violation[] = [];
  for (const check of checksFor(levelVersion.level, minor)) {
    const violation = check(metadata, spec);
    if (violation) violations.push(violation);
  }
  return violations;
}

/** AggregateCheckResult.ForbiddenDetail: `reason (detail), reason, …`. */
export function forbiddenDetail(violations: readonly Violation[]): string {
  return violations.map((violation) => (violation.detail ? `${violation.reason} (${violation.detail})` : violation.reason)).join(', ');
}

/** AggregateCheckResult.ForbiddenReason: the reasons alone, as the namespace check reports existing pods. */
export function forbiddenReason(violations: readonly Violation[]): string {
  return violations.map((violation) => violation.reason).join(', ');
}
