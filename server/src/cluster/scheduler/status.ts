/** Outcome of one filter plugin on one node (framework Status with its code and reasons). */
export type RejectionCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface FilterRejection {
  plugin: string;
  /** UnschedulableAndUnresolvable nodes are not considered for preemption. */
  code: RejectionCode;
  /** One reason per failure; the FailedScheduling histogram counts each. */
  reasons: string[];
}

export function reject(plugin: string, code: RejectionCode, ...reasons: string[]): FilterRejection {
  return { plugin, code, reasons };
}
