/**
 * When a schedule fires next: robfig/cron v3's SpecSchedule.Next step by step — month, day, hour, minute,
 * second, each loop restarting from the top when it wraps — with Go's time arithmetic in the schedule's zone, so
 * that DST gaps and repeated hours give the times the CronJob controller computes. Day-of-month and
 * day-of-week: when either is `*`/`?` both must match, otherwise either may.
 */
import { STAR_BIT, type FieldSchedule, type Schedule } from './parse';
import { goDate, intlZone, wallClock, type WallClock } from './time-zone';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Next gives up after five years without a match (a schedule such as `0 0 30 2 *`). */
const YEAR_LIMIT = 5;

const has = (set: bigint, value: number) => (set & (1n << BigInt(value))) !== 0n;

function dayMatches(schedule: FieldSchedule, wall: WallClock): boolean {
  const domMatch = has(schedule.dom, wall.day);
  const dowMatch = has(schedule.dow, wall.weekday);
  if ((schedule.dom & STAR_BIT) !== 0n || (schedule.dow & STAR_BIT) !== 0n) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/**
 * The first time strictly after `after` (epoch milliseconds) at which the schedule fires, or undefined when it
 * never does within five years. `timeZone` is the zone the controller evaluates in — the CronJob's
 * `spec.timeZone`, or the controller manager's own zone — unless the schedule names one with `TZ=`.
 */
export function next(schedule: Schedule, after: number, timeZone = 'UTC'): number | undefined {
  if (schedule.kind === 'every') return after - (((after % SECOND) + SECOND) % SECOND) + schedule.delayMs;
  const zone = intlZone(schedule.location ?? timeZone);
  const date = (y: number, mo: number, d: number, h: number, mi: number, s: number) => goDate(zone, y, mo, d, h, mi, s);

  let t = Math.floor(after / SECOND) * SECOND + SECOND;
  let added = false;
  const yearLimit = wallClock(zone, t).year + YEAR_LIMIT;

  wrap: for (;;) {
    let wall = wallClock(zone, t);
    if (wall.year > yearLimit) return undefined;

    while (!has(schedule.month, wall.month)) {
      if (!added) {
        added = true;
        t = date(wall.year, wall.month, 1, 0, 0, 0);
        wall = wallClock(zone, t);
      }
      t = date(wall.year, wall.month + 1, wall.day, wall.hour, wall.minute, wall.second);
      wall = wallClock(zone, t);
      if (wall.month === 1) continue wrap;
    }

    while (!dayMatches(schedule, wall)) {
      if (!added) {
        added = true;
        t = date(wall.year, wall.month, wall.day, 0, 0, 0);
        wall = wallClock(zone, t);
      }
      t = date(wall.year, wall.month, wall.day + 1, wall.hour, wall.minute, wall.second);
      wall = wallClock(zone, t);
      // Midnight may not exist, or land an hour off, after a DST change: move back to it.
      if (wall.hour !== 0) {
        t += wall.hour > 12 ? (24 - wall.hour) * HOUR : -wall.hour * HOUR;
        wall = wallClock(zone, t);
      }
      if (wall.day === 1) continue wrap;
    }

    while (!has(schedule.hour, wall.hour)) {
      if (!added) {
        added = true;
        t = date(wall.year, wall.month, wall.day, wall.hour, 0, 0);
        wall = wallClock(zone, t);
      }
      t += HOUR;
      wall = wallClock(zone, t);
      if (wall.hour === 0) continue wrap;
    }

    while (!has(schedule.minute, wall.minute)) {
      if (!added) {
        added = true;
        t = Math.floor(t / MINUTE) * MINUTE;
        wall = wallClock(zone, t);
      }
      t += MINUTE;
      wall = wallClock(zone, t);
      if (wall.minute === 0) continue wrap;
    }

    // ParseStandard schedules fire at second 0.
    while (wall.second !== 0) {
      if (!added) {
        added = true;
        t = Math.floor(t / SECOND) * SECOND;
      }
      t += SECOND;
      wall = wallClock(zone, t);
      if (wall.second === 0) continue wrap;
    }
    return t;
  }
}
