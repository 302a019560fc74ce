/** Timestamps as the API writes them: RFC 3339 at whole seconds, `Z` for UTC (metav1.Time). */
import { offsetAt } from '../cron/time-zone';

export function formatTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The timestamps parsed so far. A plan's times are whole seconds of a clock that moves rarely, so controllers that
 * rank and count thousands of pods ask for the same few texts again and again; the map is emptied when it grows.
 */
const parsed = new Map<string, number | undefined>();
const PARSED_KEPT = 10_000;

/** Epoch milliseconds of an RFC 3339 timestamp, or undefined when absent or unreadable. */
export function parseTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  let value = parsed.get(text);
  if (value === undefined && !parsed.has(text)) {
    const epochMs = Date.parse(text);
    value = Number.isNaN(epochMs) ? undefined : epochMs;
    if (parsed.size >= PARSED_KEPT) parsed.clear();
    parsed.set(text, value);
  }
  return value;
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
