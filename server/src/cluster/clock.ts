/**
 * Simulated time. The engine never reads the real clock: the plan starts at a time it is given and moves forward
 * only when the simulation says so, so the same input gives the same timestamps.
 */
import { formatTime } from './rfc3339';

export class SimulatedClock {
  /** The last timestamp written, for the second it was written in: thousands of objects share one second. */
  private written: { second: number; text: string } | undefined;

  constructor(private milliseconds: number) {}

  now(): number {
    return this.milliseconds;
  }

  advance(milliseconds: number): void {
    this.milliseconds += milliseconds;
  }

  /** RFC 3339 in UTC with whole seconds, as the API server writes metav1.Time (`2026-01-01T00:00:00Z`). */
  timestamp(): string {
    const second = Math.floor(this.milliseconds / 1000);
    if (this.written?.second !== second) this.written = { second, text: formatTime(this.milliseconds) };
    return this.written.text;
  }
}
