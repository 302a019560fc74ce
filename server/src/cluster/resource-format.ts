/**
 * How the plan writes resource amounts: Kubernetes quantity strings in one fixed form each, so that numbers of
 * the same resource compare at a glance and parse back with any Kubernetes client.
 * - cpu: millicores, always with the `m` suffix (`3900m`, `250m`, `0m`);
 * - memory and other byte amounts: the largest binary unit that divides the amount exactly (`15Gi`, `1536Mi`,
 *   `512Ki`), plain bytes otherwise (`1000`), `0` for nothing.
 */
const BINARY_UNITS: readonly [string, number][] = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
];

export function formatMilliCpu(milliCpu: number): string {
  return `${milliCpu}m`;
}

export function formatBytes(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [suffix, size] of BINARY_UNITS) if (bytes % size === 0) return `${bytes / size}${suffix}`;
  return String(bytes);
}
