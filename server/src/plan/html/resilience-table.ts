/**
 * `--what-if nodes|zones` as one table, the same words in the terminal, in Markdown and on the plan page: a heading
 * that counts the failures survived, one row per failure, one column per Service that any failure takes down (its
 * worst outage in that failure), the workloads left without a ready replica and the replacements left Pending; then
 * each failure that needs explaining with its verdict and reasons.
 */
import type { PlannedFailure, PlannedResilience } from '../../protocol/plan';

/** How a cell reads: the outputs colour it (terminal) or give it a class (page). */
export type ResilienceTone = 'good' | 'bad' | 'warn';

export interface ResilienceCell {
  text: string;
  tone?: ResilienceTone;
}

export interface ResilienceTable {
  /** `What if each node fails: 2 of 3 node failures survive`. */
  heading: string;
  /** True when every failure survives. */
  allSurvive: boolean;
  headers: string[];
  /** One row per failure, in the order the plan gives them; empty when there was nothing to fail. */
  rows: ResilienceCell[][];
  /** Said under the table when no failure takes a Service down. */
  remark: string | undefined;
  /** The failures that did not survive or have reasons, each with its verdict. */
  explained: ResilienceExplanation[];
}

export interface ResilienceExplanation {
  verdict: ResilienceCell;
  reasons: string[];
}

/** Services given a column of their own; the others with an outage are counted in one more. */
export const RESILIENCE_SERVICE_COLUMNS = 6;

export function resilienceTable(resilience: PlannedResilience): ResilienceTable {
  const { failures } = resilience;
  const survived = failures.filter((failure) => failure.survives).length;
  const what = resilience.whatIf === 'nodes' ? 'node' : 'zone';
  const heading = `What if each ${what} fails: ${survived} of ${failures.length} ${what} failure${failures.length === 1 ? '' : 's'} survive${failures.length === 1 ? 's' : ''}`;
  const services = [...new Set(failures.flatMap((failure) => failure.outages.map((outage) => outage.service)))].sort();
  const shown = services.slice(0, RESILIENCE_SERVICE_COLUMNS);
  const rest = services.length - shown.length;
  const rows = failures.map((failure): ResilienceCell[] => {
    const worst = (service: string): ResilienceCell => {
      const outage = worstOutage(failure.outages.filter((candidate) => candidate.service === service));
      return outage ? { text: `${outage.from}s–${outage.to === null ? 'never' : `${outage.to}s`}`, tone: 'bad' } : { text: 'ok', tone: 'good' };
    };
    const others = new Set(failure.outages.filter((outage) => !shown.includes(outage.service)).map((outage) => outage.service));
    return [{ text: failure.failed }, ...shown.map(worst), ...(rest > 0 ? [count(others.size, 'bad')] : []), count(failure.workloadOutages.length, 'bad'), count(failure.pending.length, 'warn')];
  });
  return {
    heading,
    allSurvive: survived === failures.length,
    headers: [what.toUpperCase(), ...shown, ...(rest > 0 ? [`${rest} MORE SERVICES`] : []), 'WORKLOADS OUT', 'PENDING'],
    rows,
    remark: failures.length > 0 && services.length === 0 ? 'every Service keeps a ready endpoint in every failure' : undefined,
    explained: failures.filter((failure) => !failure.survives || failure.reasons.length > 0).map(explanation),
  };
}

/** A count toned only when it is not zero. */
function count(n: number, tone: ResilienceTone): ResilienceCell {
  return n > 0 ? { text: String(n), tone } : { text: '0' };
}

function explanation(failure: PlannedFailure): ResilienceExplanation {
  // A failure that survives but leaves a replacement Pending is a warning: the next failure may not survive.
  const tone: ResilienceTone = failure.survives ? (failure.pending.length > 0 ? 'warn' : 'good') : 'bad';
  return { verdict: { text: failure.verdict, tone }, reasons: failure.reasons };
}

/** The longest of the outages (one that never ends is the longest). */
function worstOutage<T extends { from: number; to: number | null }>(outages: readonly T[]): T | undefined {
  const length = (outage: T) => (outage.to === null ? Number.POSITIVE_INFINITY : outage.to - outage.from);
  return outages.reduce<T | undefined>((worst, outage) => (!worst || length(outage) > length(worst) ? outage : worst), undefined);
}
