/** Next run times as robfig/cron v3 computes them in an IANA zone, DST transitions included. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSchedule } from '../../../server/src/cron/parse';
import { next } from '../../../server/src/cron/next';

function runs(spec: string, after: string, timeZone: string, count: number): string[] {
  const result = parseSchedule(spec);
  if ('error' in result) throw new Error(result.error);
  const times: string[] = [];
  let t = Date.parse(after);
  for (let i = 0; i < count; i++) {
    const time = next(result.schedule, t, timeZone);
    if (time === undefined) break;
    times.push(new Date(time).toISOString());
    t = time;
  }
  return times;
}

const cases: { name: string; spec: string; after: string; zone: string; expected: string[] }[] = [
  {
    name: 'weekdays at 09:00 in Berlin skip the weekend and follow the switch to summer time',
    spec: '0 9 * * 1-5',
    after: '2024-03-29T12:00:00Z',
    zone: 'Europe/Berlin',
    expected: ['2024-04-01T07:00:00.000Z', '2024-04-02T07:00:00.000Z'],
  },
  {
    name: 'every 15 minutes starts at the next quarter hour',
    spec: '*/15 * * * *',
    after: '2024-01-01T00:07:30Z',
    zone: 'UTC',
    expected: ['2024-01-01T00:15:00.000Z', '2024-01-01T00:30:00.000Z', '2024-01-01T00:45:00.000Z'],
  },
  {
    name: 'a time exactly on the schedule is not its own next run',
    spec: '0 * * * *',
    after: '2024-01-01T05:00:00Z',
    zone: 'UTC',
    expected: ['2024-01-01T06:00:00.000Z'],
  },
  {
    name: 'a wall time skipped by spring-forward in Berlin does not run that day',
    spec: '30 2 * * *',
    after: '2024-03-30T12:00:00Z',
    zone: 'Europe/Berlin',
    expected: ['2024-04-01T00:30:00.000Z', '2024-04-02T00:30:00.000Z'],
  },
  {
    name: 'a wall time skipped by spring-forward in New York does not run that day',
    spec: '30 2 * * *',
    after: '2024-03-09T12:00:00Z',
    zone: 'America/New_York',
    expected: ['2024-03-11T06:30:00.000Z'],
  },
  {
    name: 'a wall time repeated by fall-back in New York runs in both hours',
    spec: '30 1 * * *',
    after: '2024-11-02T12:00:00Z',
    zone: 'America/New_York',
    expected: ['2024-11-03T05:30:00.000Z', '2024-11-03T06:30:00.000Z', '2024-11-04T06:30:00.000Z'],
  },
  {
    name: 'a wall time repeated by fall-back in Berlin runs in both hours',
    spec: '30 2 * * *',
    after: '2024-10-26T12:00:00Z',
    zone: 'Europe/Berlin',
    expected: ['2024-10-27T00:30:00.000Z', '2024-10-27T01:30:00.000Z', '2024-10-28T01:30:00.000Z'],
  },
  {
    name: 'midnight daily in New York stays at local midnight across the DST change',
    spec: '@daily',
    after: '2024-03-09T12:00:00Z',
    zone: 'America/New_York',
    expected: ['2024-03-10T05:00:00.000Z', '2024-03-11T04:00:00.000Z'],
  },
  {
    name: 'day of month and day of week both restricted: either matches (Fridays and the 13th)',
    spec: '0 0 13 * 5',
    after: '2024-01-01T00:00:00Z',
    zone: 'UTC',
    expected: ['2024-01-05T00:00:00.000Z', '2024-01-12T00:00:00.000Z', '2024-01-13T00:00:00.000Z', '2024-01-19T00:00:00.000Z'],
  },
  {
    name: 'day of month with day of week * : both must match, so only the 13th',
    spec: '0 0 13 * *',
    after: '2024-01-01T00:00:00Z',
    zone: 'UTC',
    expected: ['2024-01-13T00:00:00.000Z', '2024-02-13T00:00:00.000Z'],
  },
  {
    name: 'a stepped day of week is restricted, so day of month ORs with it',
    spec: '0 0 1 * */3',
    after: '2024-01-01T12:00:00Z',
    zone: 'UTC',
    expected: ['2024-01-03T00:00:00.000Z', '2024-01-06T00:00:00.000Z', '2024-01-07T00:00:00.000Z'],
  },
  {
    name: 'month and weekday names',
    spec: '0 12 * FEB mon',
    after: '2024-01-01T00:00:00Z',
    zone: 'UTC',
    expected: ['2024-02-05T12:00:00.000Z', '2024-02-12T12:00:00.000Z'],
  },
  {
    name: 'yearly runs on the first of January',
    spec: '@yearly',
    after: '2024-06-01T00:00:00Z',
    zone: 'UTC',
    expected: ['2025-01-01T00:00:00.000Z'],
  },
  {
    name: 'the 29th of February runs only in leap years',
    spec: '0 0 29 2 *',
    after: '2024-03-01T00:00:00Z',
    zone: 'UTC',
    expected: ['2028-02-29T00:00:00.000Z'],
  },
  {
    name: 'a TZ prefix overrides the zone given',
    spec: 'TZ=Asia/Tokyo 0 9 * * *',
    after: '2024-01-01T00:00:00Z',
    zone: 'UTC',
    expected: ['2024-01-02T00:00:00.000Z'],
  },
  {
    name: '@every counts from the previous time, dropping its fraction of a second',
    spec: '@every 1h30m',
    after: '2024-01-01T00:00:00.500Z',
    zone: 'UTC',
    expected: ['2024-01-01T01:30:00.000Z', '2024-01-01T03:00:00.000Z'],
  },
];

for (const { name, spec, after, zone, expected } of cases) {
  test(name, () => {
    assert.deepEqual(runs(spec, after, zone, expected.length), expected);
  });
}

test('a date that never exists has no next run', () => {
  assert.deepEqual(runs('0 0 30 2 *', '2024-01-01T00:00:00Z', 'UTC', 1), []);
});
