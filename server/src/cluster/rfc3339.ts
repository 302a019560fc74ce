/** Timestamps as the API writes them: RFC 3339 at whole seconds, `Z` for UTC (metav1.Time). */
import { offsetAt } from '../cron/time-zone';

export function formatTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Epoch milliseconds of an RFC 3339 timestamp, or undefined when absent or unreadable. */
export function parseTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Date.parse(text);
  return Number.isNaN(value) ? undefined : value;
}

/** Go's `t.In(zone).Format(time.RFC3339)`: wall time in the zone with its offset (`Z` in UTC). */
export function formatTimeIn(epochMs: number, zone: string): string {
  const offset = offsetAt(zone, epochMs);
  if (offset === 0) return formatTime(epochMs);
  const wall = formatTime(epochMs + offset).slice(0, -1);
  const minutes = Math.abs(offset) / 60000;
  const sign = offset < 0 ? '-' : '+';
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
