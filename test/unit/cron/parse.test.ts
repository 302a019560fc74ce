/** The cron parser as the CronJob controller uses it: robfig/cron v3 ParseStandard, and its error texts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSchedule } from '../../../server/src/cron/parse';

const errorOf = (spec: string) => {
  const result = parseSchedule(spec);
  return 'error' in result ? result.error : undefined;
};

test('standard five-field schedules, lists, ranges, steps, names and ? parse', () => {
  for (const spec of ['0 9 * * 1-5', '*/15 * * * *', '0 0 1,15 * *', '5/10 * * * *', '0 12 * JAN-mar Mon-FRI', '0 0 ? * sun', '  0  0 * * *  ']) {
    assert.equal(errorOf(spec), undefined, spec);
  }
});

test('every macro parses', () => {
  for (const spec of ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 1h30m', '@every 90s']) {
    assert.equal(errorOf(spec), undefined, spec);
  }
});

const invalid: [string, string][] = [
  ['', 'empty spec string'],
  ['   ', 'expected exactly 5 fields, found 0: []'],
  ['0 0 * * * *', 'expected exactly 5 fields, found 6: [0 0 * * * *]'],
  ['0 * * *', 'expected exactly 5 fields, found 4: [0 * * *]'],
  ['60 * * * *', 'end of range (60) above maximum (59): 60'],
  ['0 24 * * *', 'end of range (24) above maximum (23): 24'],
  ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
  ['0 0 * 13 *', 'end of range (13) above maximum (12): 13'],
  ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
  ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
  ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
  ['0 0 * * monday', 'failed to parse int from monday: strconv.Atoi: parsing "monday": invalid syntax'],
  ['-5 * * * *', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
  ['*/-1 * * * *', 'negative number (-1) not allowed: -1'],
  ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
  ['*/2/3 * * * *', 'too many slashes: */2/3'],
  ['*/0 * * * *', 'step of range should be a positive number: */0'],
  ['99999999999999999999 * * * *', 'failed to parse int from 99999999999999999999: strconv.Atoi: parsing "99999999999999999999": value out of range'],
  ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
  ['@every 1d', 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
  ['@every 10', 'failed to parse duration @every 10: time: missing unit in duration "10"'],
  ['@every soon', 'failed to parse duration @every soon: time: invalid duration "soon"'],
  ['TZ=Mars/Olympus 0 * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ['CRON_TZ=europe/berlin 0 * * * *', 'provided bad location europe/berlin: unknown time zone europe/berlin'],
];

for (const [spec, message] of invalid) {
  test(`"${spec}" is rejected with "${message}"`, () => {
    assert.equal(errorOf(spec), message);
  });
}

test('a descriptor after leading space is not a descriptor but one field', () => {
  assert.equal(errorOf(' @daily'), 'expected exactly 5 fields, found 1: [@daily]');
});

test('a TZ prefix names the zone of the schedule', () => {
  const result = parseSchedule('TZ=Europe/Berlin 0 9 * * *');
  assert.ok('schedule' in result);
  assert.equal(result.schedule.location, 'Europe/Berlin');
});

test("a TZ prefix with nothing after it fails as Go's slice expression panics", () => {
  assert.equal(errorOf('TZ=UTC'), 'runtime error: slice bounds out of range [:-1]');
});

test('an alias spelt in lower case is an unknown zone, as the tz database is case-sensitive', () => {
  assert.equal(errorOf('TZ=us/pacific 0 * * * *'), 'provided bad location us/pacific: unknown time zone us/pacific');
  assert.equal(errorOf('TZ=US/Pacific 0 * * * *'), undefined);
});
