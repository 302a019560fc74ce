/**
 * The cron schedule parser the CronJob controller and CronJob validation use: robfig/cron v3's ParseStandard
 * (minute hour day-of-month month day-of-week, or a `@` descriptor, optionally after `TZ=<zone> ` or
 * `CRON_TZ=<zone> `), with its error texts word for word.
 */
import { parseGoDuration } from './go-duration';
import { loadLocationError } from './time-zone';

/** Bit sets as robfig/cron keeps them: bit n set when value n matches; STAR_BIT marks a `*` or `?` field. */
export interface FieldSchedule {
  kind: 'fields';
  minute: bigint;
  hour: bigint;
  dom: bigint;
  month: bigint;
  dow: bigint;
  /** From a `TZ=`/`CRON_TZ=` prefix; otherwise the controller's zone applies. */
  location?: string;
}

/** `@every <duration>`: a fixed delay from the previous time, whole seconds, at least one second. */
export interface EverySchedule {
  kind: 'every';
  delayMs: number;
  location?: string;
}

export type Schedule = FieldSchedule | EverySchedule;
/** `panicked`: Go's parser panics rather than returning this error. */
export type ParseResult = { schedule: Schedule } | { error: string; panicked?: true };

export const STAR_BIT = 1n << 63n;

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

function bits(min: number, max: number, step: number): bigint {
  let set = 0n;
  for (let i = min; i <= max; i += step) set |= 1n << BigInt(i);
  return set;
}

const all = (bounds: Bounds) => bits(bounds.min, bounds.max, 1) | STAR_BIT;
const one = (value: number) => 1n << BigInt(value);

const DESCRIPTORS: Readonly<Record<string, Omit<FieldSchedule, 'kind' | 'location'>>> = {
  '@yearly': { minute: one(0), hour: one(0), dom: one(1), month: one(1), dow: all(DOW) },
  '@annually': { minute: one(0), hour: one(0), dom: one(1), month: one(1), dow: all(DOW) },
  '@monthly': { minute: one(0), hour: one(0), dom: one(1), month: all(MONTHS), dow: all(DOW) },
  '@weekly': { minute: one(0), hour: one(0), dom: all(DOM), month: all(MONTHS), dow: one(0) },
  '@daily': { minute: one(0), hour: one(0), dom: all(DOM), month: all(MONTHS), dow: all(DOW) },
  '@midnight': { minute: one(0), hour: one(0), dom: all(DOM), month: all(MONTHS), dow: all(DOW) },
  '@hourly': { minute: one(0), hour: all(HOURS), dom: all(DOM), month: all(MONTHS), dow: all(DOW) },
};

class CronError extends Error {}

const INT64_MAX = 9223372036854775807n;

/** strconv.Atoi plus the parser's sign check (mustParseInt); bigint so that huge values print as Go prints them. */
function parseInt_(expr: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const value = BigInt(expr);
  if (value > INT64_MAX || value < -INT64_MAX - 1n) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`);
  if (value < 0n) throw new CronError(`negative number (${value}) not allowed: ${expr}`);
  return value;
}

function parseIntOrName(expr: string, names: Bounds['names']): bigint {
  const named = names?.[expr.toLowerCase()];
  return named === undefined ? parseInt_(expr) : BigInt(named);
}

function getRange(expr: string, bounds: Bounds): bigint {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0]!.split('-');
  const singleDigit = lowAndHigh.length === 1;
  const min = BigInt(bounds.min);
  const max = BigInt(bounds.max);
  let start: bigint;
  let end: bigint;
  let extra = 0n;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = min;
    end = max;
    extra = STAR_BIT;
  } else {
    start = parseIntOrName(lowAndHigh[0]!, bounds.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1]!, bounds.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step: bigint;
  if (rangeAndStep.length === 1) step = 1n;
  else if (rangeAndStep.length === 2) {
    step = parseInt_(rangeAndStep[1]!);
    // "N/step" means "N-max/step"
    if (singleDigit) end = max;
    // `*/2` is no longer "every day" for the day-of-month/day-of-week rule; `*/1` still is
    if (step > 1n) extra = 0n;
  } else throw new CronError(`too many slashes: ${expr}`);
  if (start < min) throw new CronError(`beginning of range (${start}) below minimum (${min}): ${expr}`);
  if (end > max) throw new CronError(`end of range (${end}) above maximum (${max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0n) throw new CronError(`step of range should be a positive number: ${expr}`);
  // a step beyond the range selects only the start
  return bits(Number(start), Number(end), Number(step > max ? max + 1n : step)) | extra;
}

/** A comma-separated list of ranges; empty elements are skipped (strings.FieldsFunc). */
function getField(field: string, bounds: Bounds): bigint {
  let set = 0n;
  for (const expr of field.split(',')) if (expr !== '') set |= getRange(expr, bounds);
  return set;
}

export function parseSchedule(spec: string): ParseResult {
  if (spec.length === 0) return { error: 'empty spec string' };
  let location: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const equals = spec.indexOf('=');
    // Go slices spec[eq+1:-1] here and panics with this text; CronJob validation calls ParseStandard without
    // recovering, so the API server answers such a create with an internal error rather than a field error.
    if (space < 0) return { error: 'runtime error: slice bounds out of range [:-1]', panicked: true };
    const name = spec.slice(equals + 1, space);
    const error = loadLocationError(name);
    if (error) return { error: `provided bad location ${name}: ${error}` };
    location = name;
    spec = spec.slice(space).trim();
  }
  const withLocation = <T extends object>(schedule: T) => (location === undefined ? schedule : { ...schedule, location });
  if (spec.startsWith('@')) {
    const descriptor = DESCRIPTORS[spec];
    if (descriptor) return { schedule: withLocation({ kind: 'fields' as const, ...descriptor }) };
    if (spec.startsWith('@every ')) {
      const duration = parseGoDuration(spec.slice('@every '.length));
      if ('error' in duration) return { error: `failed to parse duration ${spec}: ${duration.error}` };
      // cron.Every: at least one second, sub-second part dropped
      const ns = duration.nanoseconds < 1_000_000_000n ? 1_000_000_000n : duration.nanoseconds - (duration.nanoseconds % 1_000_000_000n);
      return { schedule: withLocation({ kind: 'every' as const, delayMs: Number(ns / 1_000_000n) }) };
    }
    return { error: `unrecognized descriptor: ${spec}` };
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return { error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  try {
    const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
    return {
      schedule: withLocation({
        kind: 'fields' as const,
        minute: getField(minute, MINUTES),
        hour: getField(hour, HOURS),
        dom: getField(dom, DOM),
        month: getField(month, MONTHS),
        dow: getField(dow, DOW),
      }),
    };
  } catch (error) {
    if (error instanceof CronError) return { error: error.message };
    throw error;
  }
}
