/**
 * The plan's reachability as a matrix, for the terminal, Markdown and the plan page alike: one row per source
 * workload, one column per destination (Services first, then workloads), and in each cell the ports the
 * NetworkPolicies decide for that pair. The plan lists only pairs a policy affects (the egress of the source or the
 * ingress of a destination pod is isolated); an empty cell is a pair no policy applies to. Big plans are cut to the
 * first sources and destinations, and what was left out is counted.
 */
import type { PlannedReachability } from '../../protocol/plan';

export interface MatrixDestination {
  /** `namespace/name`. */
  name: string;
  kind: PlannedReachability['toKind'];
  /** `service shop/db` for a Service (a Service and a workload often share a name), `shop/db` for a workload. */
  label: string;
}

/** One port of a cell: `5432/TCP`, or `any/TCP` for a destination that declares no port. */
export interface MatrixPort {
  port: string;
  allowed: boolean;
  /** `namespace/name` of the deciding policies. */
  by: readonly string[];
  reason: string;
}

export interface ReachabilityMatrix {
  sources: string[];
  destinations: MatrixDestination[];
  /** `cells[row][column]`: the ports of that pair, empty when no policy applies to it. */
  cells: MatrixPort[][][];
  /** Sources and destinations beyond the limits, not shown. */
  moreSources: number;
  moreDestinations: number;
}

export interface MatrixLimits {
  sources: number;
  destinations: number;
}

export function reachabilityMatrix(rows: readonly PlannedReachability[], limits: MatrixLimits): ReachabilityMatrix {
  const sources = [...new Set(rows.map((row) => row.from))];
  const byKey = new Map<string, MatrixDestination>();
  for (const row of rows) {
    const key = destinationKey(row);
    if (!byKey.has(key)) byKey.set(key, { name: row.to, kind: row.toKind, label: row.toKind === 'Service' ? `service ${row.to}` : row.to });
  }
  const destinations = [...byKey.values()].sort((a, b) => (a.kind !== b.kind ? (a.kind === 'Service' ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const shownSources = sources.slice(0, limits.sources);
  const shownDestinations = destinations.slice(0, limits.destinations);
  const rowOf = new Map(shownSources.map((source, index) => [source, index]));
  const columnOf = new Map(shownDestinations.map((destination, index) => [`${destination.kind}/${destination.name}`, index]));
  const cells = shownSources.map(() => shownDestinations.map((): MatrixPort[] => []));
  for (const row of rows) {
    const r = rowOf.get(row.from);
    const c = columnOf.get(destinationKey(row));
    if (r === undefined || c === undefined) continue;
    cells[r]![c]!.push({ port: `${row.port ?? 'any'}/${row.protocol}`, allowed: row.allowed, by: row.by, reason: row.reason });
  }
  return {
    sources: shownSources,
    destinations: shownDestinations,
    cells,
    moreSources: sources.length - shownSources.length,
    moreDestinations: destinations.length - shownDestinations.length,
  };
}

/** `✓ 5432/TCP` or `✗ 5432/TCP`. */
export function portMark(port: MatrixPort): string {
  return `${port.allowed ? '✓' : '✗'} ${port.port}`;
}

/** What the matrix's marks mean, said under it. */
export const MATRIX_LEGEND = '✓ allowed, ✗ refused; - no NetworkPolicy applies to the pair';

/** What was left out of a cut matrix, or nothing. */
export function matrixCut(matrix: ReachabilityMatrix): string | undefined {
  const parts = [
    matrix.moreSources > 0 ? `${matrix.moreSources} more ${matrix.moreSources === 1 ? 'source' : 'sources'}` : '',
    matrix.moreDestinations > 0 ? `${matrix.moreDestinations} more ${matrix.moreDestinations === 1 ? 'destination' : 'destinations'}` : '',
  ].filter((part) => part !== '');
  return parts.length > 0 ? `… and ${parts.join(' and ')}` : undefined;
}

function destinationKey(row: PlannedReachability): string {
  return `${row.toKind}/${row.to}`;
}
