/** Outcome of one filter plugin on one node (framework Status with its code and reasons). */
export type RejectionCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface FilterRejection {
  plugin: string;
  /** UnschedulableAndUnresolvable nodes are not considered for preemption. */
  code: RejectionCode;
  /** One reason per failure; the FailedScheduling histogram counts each. */
  reasons: readonly string[];
}

/** A filter's verdict; one with fixed reasons can be made once and returned for every node it refuses. */
export function reject(plugin: string, code: RejectionCode, ...reasons: string[]): FilterRejection {
  return { plugin, code, reasons };
}
