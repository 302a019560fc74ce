/**
 * The Kubernetes versions kubeplan ships schemas for. Each comes from the @kubernetes/client-node release that
 * was generated from that version's OpenAPI spec (installed side by side under an npm alias). Kubernetes 1.31
 * and 1.35 have no such release, so they are not offered rather than approximated.
 */
export const SUPPORTED_VERSIONS = ['1.30', '1.32', '1.33', '1.34', '1.36'] as const;
export type KubernetesVersion = (typeof SUPPORTED_VERSIONS)[number];
export const DEFAULT_VERSION: KubernetesVersion = '1.36';

/** The minor version as a number (36 for 1.36), for comparing releases. */
export function minorOf(version: KubernetesVersion): number {
  // Versions are `1.NN`: the minor is what follows the dot (read often: every pod admitted asks).
  return Number(version.slice(version.indexOf('.') + 1));
}

/** The npm alias each version's client package is installed under. */
export function clientPackageFor(version: KubernetesVersion): string {
  return `kubernetes-client-${version}`;
}

export function isSupportedVersion(value: string): value is KubernetesVersion {
  return (SUPPORTED_VERSIONS as readonly string[]).includes(value);
}

/** Accepts "1.33", "v1.33" and "1.33.2"; returns undefined for anything kubeplan has no schema for. */
export function parseKubernetesVersion(value: string): KubernetesVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(value.trim());
  if (!match) return undefined;
  const minor = `${match[1]}.${Number(match[2])}`;
  return isSupportedVersion(minor) ? minor : undefined;
}
