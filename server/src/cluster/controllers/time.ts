/**
 * Times as the API writes them. metav1.Time serialises as RFC 3339 with whole seconds, so a condition written
 * at 12:00:00.900 reads back as 12:00:00; controllers that compare times see the truncated value.
 */
export function formatTime(milliseconds: number): string {
  return new Date(Math.floor(milliseconds / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds since the epoch, or undefined for an absent or unreadable time (Go's zero time). */
export function parseTime(time: string | undefined): number | undefined {
  if (time === undefined) return undefined;
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? undefined : parsed;
}
