/**
 * Sysctl names as Kubernetes reads them (k8s.io/component-helpers/node/util/sysctl: NormalizeName; the pattern of
 * pkg/apis/core/validation's IsValidSysctlName): dot- or slash-separated segments, a name written with slashes
 * (`net/ipv4/ip_forward`) read with dots.
 */

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
/** The pattern the API server's message quotes. */
export const SYSCTL_PATTERN = `^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`;
export const SYSCTL_MAX_LENGTH = 253;
const SYSCTL_NAME = new RegExp(SYSCTL_PATTERN);

/** IsValidSysctlName: at most 253 characters of the pattern. */
export function isValidSysctlName(name: string): boolean {
  return name.length <= SYSCTL_MAX_LENGTH && SYSCTL_NAME.test(name);
}

/** NormalizeName: a name whose first separator is a slash has its dots and slashes swapped. */
export function normalizeSysctlName(name: string): string {
  const dot = name.indexOf('.');
  const slash = name.indexOf('/');
  if (slash < 0 || (dot >= 0 && dot < slash)) return name;
  return name.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
}
