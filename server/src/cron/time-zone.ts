/**
 * IANA time zones through Intl, with the pieces of Go's time package the cron schedule needs: whether
 * time.LoadLocation knows a name, UTC offsets, wall-clock fields, and time.Date's choice of instant for a wall
 * time that a DST transition skips or repeats.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * The result of Go's time.LoadLocation for a name: undefined when it loads, else its error. The tz database is
 * case-sensitive and knows no `GMT+5`-style names, while ICU accepts any case; a name that differs from its
 * canonical form only in case is therefore unknown.
 */
export function loadLocationError(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return 'time: invalid location name';
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return `unknown time zone ${name}`;
  }
  // ICU also takes offsets such as `+05:00`, which are no tz database file names.
  if (/^[+-]/.test(name)) return `unknown time zone ${name}`;
  if (resolved.toLowerCase() === name.toLowerCase() && resolved !== name) return `unknown time zone ${name}`;
  // Aliases are canonicalised by ICU, so their case cannot be compared; every tz database name component
  // starts with a capital letter, which catches the usual lower-case spelling (`us/pacific`).
  if (name.split('/').some((part) => /^[a-z]/.test(part))) return `unknown time zone ${name}`;
  return undefined;
}

/** The zone Go resolves a loaded name to for computing: `''` and `UTC` are UTC. */
export function intlZone(name: string): string {
  return name === '' ? 'UTC' : name;
}

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
}

/** The UTC offset in milliseconds of a zone at an instant (whole seconds). */
export function offsetAt(zone: string, epochMs: number): number {
  // UTC, the controller's default zone, has no offset to look up; Intl's formatting is the slow part of a schedule.
  if (zone === 'UTC') return 0;
  const instant = Math.floor(epochMs / 1000) * 1000;
  const parts = formatterFor(zone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - instant;
}

export function wallClock(zone: string, epochMs: number): WallClock {
  const local = new Date(epochMs + offsetAt(zone, epochMs));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

/**
 * Go's time.Date: fields out of range are normalised (month 13 is January of the next year), and the offset is
 * the one in force at the wall time read as UTC, unless the resulting instant falls outside that offset's
 * period — then the offset at that instant. So a skipped 02:30 becomes 03:30 in Europe/Berlin but 01:30 in
 * America/New_York, and a repeated hour resolves to whichever occurrence that lookup lands on.
 */
export function goDate(zone: string, year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const asUtc = new Date(0);
  asUtc.setUTCFullYear(year, month - 1, day);
  asUtc.setUTCHours(hour, minute, second, 0);
  const local = asUtc.getTime();
  const guessed = offsetAt(zone, local);
  const utc = local - guessed;
  const actual = offsetAt(zone, utc);
  return actual === guessed ? utc : local - actual;
}
