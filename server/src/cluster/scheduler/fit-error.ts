/** The FailedScheduling message (pkg/scheduler/framework/types.go FitError.Error). */

/** Reasons of the nodes that failed, one entry per node (a node may give several reasons). */
export interface Diagnosis {
  nodeReasons: readonly (readonly string[])[];
  /** Nodes left out by a PreFilter result, all with the same reasons. */
  absentNodes: number;
  absentReasons: readonly string[];
  /** Set when a PreFilter rejected the pod outright; the per-node histogram is then omitted. */
  preFilterMessage?: string;
}

/** `<count> <reason>` for each reason, sorted byte-wise as Go's sort.Strings does, joined with `, `. */
export function reasonHistogram(diagnosis: Diagnosis): string {
  const counts = new Map<string, number>();
  for (const reasons of diagnosis.nodeReasons) for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  if (diagnosis.absentNodes > 0) {
    for (const reason of diagnosis.absentReasons) counts.set(reason, (counts.get(reason) ?? 0) + diagnosis.absentNodes);
  }
  const entries = [...counts].map(([reason, count]) => `${count} ${reason}`);
  entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.join(', ');
}

/** `0/N nodes are available: <prefilter message or histogram>.` followed by ` <post-filter message>` when there is one. */
export function fitErrorMessage(nodeCount: number, diagnosis: Diagnosis, postFilterMessage: string | undefined): string {
  let message = `0/${nodeCount} nodes are available:`;
  if (diagnosis.preFilterMessage !== undefined) message += ` ${diagnosis.preFilterMessage}.`;
  else {
    const histogram = reasonHistogram(diagnosis);
    if (histogram) message += ` ${histogram}.`;
  }
  if (postFilterMessage) message += ` ${postFilterMessage}`;
  return message;
}
