/**
 * A CronJob's schedule in words and its next runs, in its `timeZone` (or UTC, the usual zone of the controller
 * manager), with what concurrencyPolicy and startingDeadlineSeconds do to a run
 * (pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob). Parsing and the next-run arithmetic are
 * robfig/cron v3's, from server/src/cron.
 */
import { next } from '../../cron/next';
import { parseSchedule, STAR_BIT, type FieldSchedule, type Schedule } from '../../cron/parse';
import { intlZone, loadLocationError, offsetAt, wallClock } from '../../cron/time-zone';
import { objectAt, stringAt, type PlainObject } from '../../kube/plain-values';
import { startsWith, type Explainer } from './target';

const RUNS_SHOWN = 5;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const CRON_FIELDS = ['schedule', 'timeZone', 'concurrencyPolicy', 'startingDeadlineSeconds'];

export const explainCronJob: Explainer = (target) => {
  if (target.kind !== 'CronJob' || target.path.length !== 2 || !startsWith(target.path, ['spec'])) return undefined;
  if (!CRON_FIELDS.includes(String(target.path[1]))) return undefined;
  const spec = objectAt(target.object, 'spec');
  return spec ? cronJobMarkdown(spec, target.now) : undefined;
};

export function cronJobMarkdown(spec: PlainObject, now: number): string {
  const sections = [scheduleMarkdown(stringAt(spec, 'schedule'), stringAt(spec, 'timeZone'), now)];
  sections.push(concurrencyMarkdown(stringAt(spec, 'concurrencyPolicy')));
  const deadline = spec['startingDeadlineSeconds'];
  sections.push(deadlineMarkdown(typeof deadline === 'number' ? deadline : undefined));
  return sections.join('\n\n');
}

function scheduleMarkdown(text: string | undefined, timeZone: string | undefined, now: number): string {
  if (text === undefined) return '**Schedule**: none written.';
  const parsed = parseSchedule(text);
  if ('error' in parsed) return `**Schedule** \`${text}\` cannot be parsed: ${parsed.error}`;
  const zoneError = timeZone !== undefined ? loadLocationError(timeZone) : undefined;
  if (zoneError) return `**Schedule** \`${text}\`: ${describeSchedule(parsed.schedule)}. The time zone \`${timeZone}\` is unknown (${zoneError}); the controller will not run it.`;
  const zone = intlZone(parsed.schedule.location ?? timeZone ?? 'UTC');
  const runs: string[] = [];
  for (let at = now, i = 0; i < RUNS_SHOWN; i++) {
    const run = next(parsed.schedule, at, zone);
    if (run === undefined) break;
    runs.push(`- ${formatRun(run, zone)}`);
    at = run;
  }
  const zoneNote = timeZone === undefined && parsed.schedule.location === undefined ? " (no `timeZone`: the controller manager's zone, UTC here)" : '';
  const lines = [`**Schedule** \`${text}\`: ${describeSchedule(parsed.schedule)}, ${zone}${zoneNote}.`, ''];
  lines.push(runs.length > 0 ? `Next ${runs.length === 1 ? 'run' : `${runs.length} runs`}:` : 'It never runs in the next five years.', ...runs);
  return lines.join('\n');
}

/** The schedule in words: `at 02:30 on Monday to Friday`, `every 15 minutes`. */
export function describeSchedule(schedule: Schedule): string {
  if (schedule.kind === 'every') return `every ${formatDelay(schedule.delayMs)}, counted from when the controller started`;
  return [timeOfDay(schedule), days(schedule), months(schedule)].filter(Boolean).join(' ');
}

function timeOfDay(schedule: FieldSchedule): string {
  const minutes = valuesOf(schedule.minute, 0, 59);
  const hours = valuesOf(schedule.hour, 0, 23);
  const everyHour = hours.length === 24;
  if (minutes.length === 60) return everyHour ? 'every minute' : `every minute of hour ${list(hours.map(pad))}`;
  const step = evenStep(minutes, 60);
  if (everyHour) {
    if (step) return `every ${step} minutes`;
    return `at minute ${list(minutes.map(String))} of every hour`;
  }
  if (minutes.length * hours.length <= 6) return `at ${list(hours.flatMap((hour) => minutes.map((minute) => `${pad(hour)}:${pad(minute)}`)))}`;
  const minutePart = step ? `every ${step} minutes` : `at minute ${list(minutes.map(String))}`;
  return `${minutePart} of hour ${list(hours.map(pad))}`;
}

function days(schedule: FieldSchedule): string {
  const domStar = (schedule.dom & STAR_BIT) !== 0n;
  const dowStar = (schedule.dow & STAR_BIT) !== 0n;
  const dom = valuesOf(schedule.dom, 1, 31);
  const dow = valuesOf(schedule.dow, 0, 6);
  const domText = `on day ${list(dom.map(String))} of the month`;
  const dowText = `on ${weekdays(dow)}`;
  if (domStar && dowStar) return 'every day';
  // robfig/cron: when either field is `*` both must match; when both are restricted, either may.
  if (dowStar) return dow.length === 7 ? domText : `${domText}, if it is ${weekdays(dow)}`;
  if (domStar) return dom.length === 31 ? dowText : `${dowText}, if it is day ${list(dom.map(String))} of the month`;
  return `${domText} and ${dowText} (either day matches)`;
}

function months(schedule: FieldSchedule): string {
  const values = valuesOf(schedule.month, 1, 12);
  return values.length === 12 ? '' : `in ${list(values.map((month) => MONTHS[month - 1]!))}`;
}

function weekdays(values: number[]): string {
  if (values.length === 5 && values.join() === '1,2,3,4,5') return 'Monday to Friday';
  if (values.length === 7) return 'every day of the week';
  return list(values.map((day) => WEEKDAYS[day]!));
}

function valuesOf(set: bigint, min: number, max: number): number[] {
  const values: number[] = [];
  for (let value = min; value <= max; value++) if ((set & (1n << BigInt(value))) !== 0n) values.push(value);
  return values;
}

/** The step of values spread evenly over the whole range from 0 (every 15 minutes: 0, 15, 30, 45), if they are. */
function evenStep(values: number[], range: number): number | undefined {
  if (values.length < 2 || values[0] !== 0) return undefined;
  const step = values[1]!;
  return values.every((value, index) => value === index * step) && values[values.length - 1]! + step >= range ? step : undefined;
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function formatDelay(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const parts = [
    [Math.floor(seconds / 3600), 'h'],
    [Math.floor((seconds % 3600) / 60), 'm'],
    [seconds % 60, 's'],
  ] as const;
  return (
    parts
      .filter(([amount]) => amount > 0)
      .map(([amount, unit]) => `${amount}${unit}`)
      .join('') || '0s'
  );
}

/** `2026-11-23 (Mon) 02:30 +01:00`, in the zone's wall time. */
export function formatRun(epochMs: number, zone: string): string {
  const wall = wallClock(zone, epochMs);
  const offsetMinutes = Math.round(offsetAt(zone, epochMs) / 60000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} (${WEEKDAYS[wall.weekday]!.slice(0, 3)}) ${pad(wall.hour)}:${pad(wall.minute)} ${offset}`;
}

function concurrencyMarkdown(policy: string | undefined): string {
  switch (policy ?? 'Allow') {
    case 'Forbid':
      return '**concurrencyPolicy** `Forbid`: while a job is still running, a due run is skipped (event JobAlreadyActive).';
    case 'Replace':
      return '**concurrencyPolicy** `Replace`: a due run deletes the jobs still running and starts in their place.';
    default:
      return `**concurrencyPolicy** \`Allow\`${policy === undefined ? ' (default)' : ''}: a due run starts even while earlier jobs are still running.`;
  }
}

function deadlineMarkdown(seconds: number | undefined): string {
  if (seconds === undefined) {
    return '**startingDeadlineSeconds** unset: a late run starts whenever the controller gets to it; of several missed times only the most recent runs.';
  }
  return `**startingDeadlineSeconds** \`${seconds}\`: a run that cannot start within ${seconds} s of its time is skipped (event MissSchedule); only times within the last ${seconds} s count as missed.`;
}
