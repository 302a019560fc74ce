/**
 * The namespace labels of Pod Security admission and the policy they select (staging/src/k8s.io/pod-security-admission/
 * api/constants.go and helpers.go): a level (`privileged`, `baseline`, `restricted`) and a policy version (`latest`
 * or `v1.<minor>`) for each of the three modes.
 */
import { FieldPath, invalid, renderFieldError } from '../../../kube/field-errors';

export type Level = 'privileged' | 'baseline' | 'restricted';

/** A policy version: `latest`, or the minor of `v1.<minor>`. */
export type PolicyVersion = 'latest' | number;

export interface LevelVersion {
  readonly level: Level;
  readonly version: PolicyVersion;
}

export interface Policy {
  readonly enforce: LevelVersion;
  readonly audit: LevelVersion;
  readonly warn: LevelVersion;
}

type Mode = keyof Policy;
const MODES: readonly Mode[] = ['enforce', 'audit', 'warn'];

/** The label of a mode's level, `pod-security.kubernetes.io/<mode>`; that of its version adds `-version`. */
function levelLabel(mode: Mode): string {
  return `pod-security.kubernetes.io/${mode}`;
}

const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];

/** The policy of a namespace without labels: the default AdmissionConfiguration's `privileged:latest` in every mode. */
const DEFAULT_POLICY: Policy = {
  enforce: { level: 'privileged', version: 'latest' },
  audit: { level: 'privileged', version: 'latest' },
  warn: { level: 'privileged', version: 'latest' },
};

/** LevelVersion.String(): `restricted:latest`, `baseline:v1.30`. */
export function levelVersionText(levelVersion: LevelVersion): string {
  const version = levelVersion.version === 'latest' ? 'latest' : `v1.${levelVersion.version}`;
  return `${levelVersion.level}:${version}`;
}

/** Whether two level-versions are the same (Go's `==` on api.LevelVersion). */
export function sameLevelVersion(a: LevelVersion, b: LevelVersion): boolean {
  return a.level === b.level && a.version === b.version;
}

/** api.CompareLevels: negative when `a` is less strict than `b`. */
export function compareLevels(a: Level, b: Level): number {
  return LEVELS.indexOf(a) - LEVELS.indexOf(b);
}

/** api.ParseLevel: an unknown level is `restricted` with an error (enforce fails closed). */
function parseLevel(text: string): { level: Level; error?: string } {
  if ((LEVELS as readonly string[]).includes(text)) return { level: text as Level };
  return { level: 'restricted', error: `must be one of ${LEVELS.join(', ')}` };
}

/** api.ParseVersion: `latest` or `v1.<minor>`, anything else `latest` with an error. */
function parseVersion(text: string): { version: PolicyVersion; error?: string } {
  if (text === 'latest') return { version: 'latest' };
  const match = /^v1\.([0-9]|[1-9][0-9]*)$/.exec(text);
  if (!match) return { version: 'latest', error: 'must be "latest" or "v1.x"' };
  return { version: Number(match[1]) };
}

/**
 * api.PolicyToEvaluate: the namespace's policy from its labels and the field errors of those it could not parse
 * (rendered as the API server prints field.Error). A bad audit or warn level fails open (`privileged`); without a
 * warn label, warn is raised to a stricter enforce level, with enforce's version unless warn-version is set.
 */
export function policyToEvaluate(labels: Readonly<Record<string, string>> | undefined, minor: number): { policy: Policy; errors: string[] } {
  const errors: string[] = [];
  if (!labels || Object.keys(labels).length === 0) return { policy: DEFAULT_POLICY, errors };
  const fail = (label: string, value: string, detail: string | undefined) => {
    if (detail !== undefined) errors.push(renderFieldError(invalid(FieldPath.of('metadata', 'labels').key(label), value, detail), minor));
  };
  const policy: Record<Mode, { level: Level; version: PolicyVersion }> = { enforce: { ...DEFAULT_POLICY.enforce }, audit: { ...DEFAULT_POLICY.audit }, warn: { ...DEFAULT_POLICY.warn } };
  const parsedLevel: Partial<Record<Mode, boolean>> = {};
  for (const mode of MODES) {
    const level = labels[levelLabel(mode)];
    if (level !== undefined) {
      const parsed = parseLevel(level);
      parsedLevel[mode] = parsed.error === undefined;
      // Enforce fails closed (ParseLevel's restricted), audit and warn fail open.
      policy[mode].level = parsed.error === undefined || mode === 'enforce' ? parsed.level : 'privileged';
      fail(levelLabel(mode), level, parsed.error);
    }
    const version = labels[`${levelLabel(mode)}-version`];
    if (version !== undefined) {
      const parsed = parseVersion(version);
      policy[mode].version = parsed.version;
      fail(`${levelLabel(mode)}-version`, version, parsed.error);
    }
  }
  const hasWarnLevel = labels[levelLabel('warn')] !== undefined;
  if (!hasWarnLevel && parsedLevel.enforce && compareLevels(policy.enforce.level, policy.warn.level) > 0) {
    policy.warn = { level: policy.enforce.level, version: labels[`${levelLabel('warn')}-version`] === undefined ? policy.enforce.version : policy.warn.version };
  }
  return { policy, errors };
}
