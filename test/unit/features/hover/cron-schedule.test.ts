import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cronJobMarkdown, describeSchedule } from '../../../../server/src/features/hover/cron-schedule';
import { parseSchedule } from '../../../../server/src/cron/parse';
import { hoverText, NOW } from './hover-helpers';

function words(spec: string): string {
  const parsed = parseSchedule(spec);
  assert.ok('schedule' in parsed, spec);
  return describeSchedule(parsed.schedule);
}

test('a weekday schedule reads as a time on Monday to Friday', () => {
  assert.equal(words('30 2 * * 1-5'), 'at 02:30 on Monday to Friday');
});

test('a step of 15 minutes reads as every 15 minutes', () => {
  assert.equal(words('*/15 * * * *'), 'every 15 minutes every day');
});

test('@daily is midnight every day', () => {
  assert.equal(words('@daily'), 'at 00:00 every day');
});

test('day of month and day of week both restricted: either day matches', () => {
  assert.equal(words('0 9 1 * mon'), 'at 09:00 on day 1 of the month and on Monday (either day matches)');
});

test('the next five runs of a weekday schedule in Berlin skip the weekend', () => {
  // NOW is Monday 2026-11-23 03:00 UTC = 04:00 in Berlin (UTC+1): Monday's 02:30 has passed.
  const markdown = cronJobMarkdown({ schedule: '30 2 * * 1-5', timeZone: 'Europe/Berlin' }, NOW);
  const runs = markdown.split('\n').filter((line) => line.startsWith('- '));
  assert.deepEqual(runs, [
    '- 2026-11-24 (Tue) 02:30 +01:00',
    '- 2026-11-25 (Wed) 02:30 +01:00',
    '- 2026-11-26 (Thu) 02:30 +01:00',
    '- 2026-11-27 (Fri) 02:30 +01:00',
    '- 2026-11-30 (Mon) 02:30 +01:00',
  ]);
});

test('without a timeZone the runs are in UTC', () => {
  const markdown = cronJobMarkdown({ schedule: '0 * * * *' }, NOW);
  assert.match(markdown, /UTC \(no `timeZone`/);
  assert.match(markdown, /- 2026-11-23 \(Mon\) 04:00 \+00:00/);
});

test('concurrencyPolicy and startingDeadlineSeconds are explained, defaults marked', () => {
  const allowed = cronJobMarkdown({ schedule: '@hourly' }, NOW);
  assert.match(allowed, /concurrencyPolicy\*\* `Allow` \(default\)/);
  assert.match(allowed, /startingDeadlineSeconds\*\* unset/);
  const forbidden = cronJobMarkdown({ schedule: '@hourly', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 200 }, NOW);
  assert.match(forbidden, /`Forbid`: while a job is still running, a due run is skipped/);
  assert.match(forbidden, /`200`: a run that cannot start within 200 s of its time is skipped/);
});

test("an unparseable schedule gets the parser's message", () => {
  assert.match(cronJobMarkdown({ schedule: '0 0 * *' }, NOW), /cannot be parsed: expected exactly 5 fields, found 4: \[0 0 \* \*\]/);
});

test('hovering a CronJob schedule shows the words and the next runs', () => {
  const text = `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "0 6 1 * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: busybox}]
`;
  const markdown = hoverText(text, '0 6 1');
  assert.match(markdown, /at 06:00 on day 1 of the month/);
  assert.match(markdown, /- 2026-12-01 \(Tue\) 06:00 \+00:00\n- 2027-01-01 \(Fri\) 06:00 \+00:00/);
});
