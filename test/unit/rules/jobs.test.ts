/** Job and CronJob validation: restart policy, spec limits, schedule and time zone, in the API server's words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

const job = (spec: string, restartPolicy = 'Never') =>
  `apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n${spec}  template:\n    spec:\n${restartPolicy ? `      restartPolicy: ${restartPolicy}\n` : ''}      containers: [{name: c, image: busybox:1.36}]\n`;

const cronJob = (spec: string, restartPolicy = 'OnFailure') =>
  `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n${spec}  jobTemplate:\n    spec:\n      template:\n        spec:\n${restartPolicy ? `          restartPolicy: ${restartPolicy}\n` : ''}          containers: [{name: c, image: busybox:1.36}]\n`;

const rulesOf = (text: string, prefix: string) => checkText(text).findings.filter((f) => f.rule.startsWith(prefix));

test('a Job with OnFailure or Never and sane counts is accepted', () => {
  assert.deepEqual(rulesOf(job('  parallelism: 2\n  completions: 4\n  backoffLimit: 0\n', 'OnFailure'), 'job-'), []);
  assert.deepEqual(rulesOf(job(''), 'job-'), []);
});

test('a Job template without restartPolicy is rejected as Always would be, on the template spec', () => {
  const finding = onlyFinding(job('', ''));
  assert.equal(finding.rule, 'job-restart-policy');
  assert.equal(finding.message, 'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  assert.equal(finding.path, 'spec.template.spec.restartPolicy');
});

test('a CronJob job template with restartPolicy Always is rejected on the value', () => {
  const finding = onlyFinding(cronJob('  schedule: "0 * * * *"\n', 'Always'));
  assert.equal(finding.message, 'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  assert.equal(finding.text, 'restartPolicy');
});

test('podFailurePolicy allows only restartPolicy Never', () => {
  const text = job('  podFailurePolicy:\n    rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}]\n', 'OnFailure');
  const finding = rulesOf(text, 'job-restart-policy')[0]!;
  assert.equal(finding.message, 'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified');
  assert.equal(finding.text, 'OnFailure');
});

test('a negative backoffLimit is rejected on its value', () => {
  const finding = onlyFinding(job('  backoffLimit: -1\n'));
  assert.equal(finding.rule, 'job-spec');
  assert.equal(finding.message, 'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0');
  assert.equal(finding.text, '-1');
});

test('an Indexed Job needs completions', () => {
  const finding = onlyFinding(job('  completionMode: Indexed\n  parallelism: 3\n'));
  assert.equal(finding.message, 'spec.completions: Required value: when completion mode is Indexed');
});

test('an Indexed Job without completions or parallelism is defaulted to one completion', () => {
  assert.deepEqual(rulesOf(job('  completionMode: Indexed\n'), 'job-'), []);
});

test('backoffLimitPerIndex requires Indexed completion mode', () => {
  const finding = onlyFinding(job('  backoffLimitPerIndex: 1\n'));
  assert.equal(finding.message, 'spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode');
});

test('negative startingDeadlineSeconds and history limits are rejected on a CronJob', () => {
  const findings = rulesOf(cronJob('  schedule: "0 * * * *"\n  startingDeadlineSeconds: -5\n  failedJobsHistoryLimit: -1\n'), 'job-spec');
  assert.deepEqual(
    findings.map((f) => f.message),
    ['spec.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0', 'spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0'],
  );
});

test('a valid schedule with names and a real time zone passes', () => {
  assert.deepEqual(checkText(cronJob('  schedule: "30 9 * * MON-FRI"\n  timeZone: Europe/Berlin\n')).findings, []);
  assert.deepEqual(checkText(cronJob('  schedule: "@hourly"\n')).findings, []);
});

test("a six-field schedule is rejected with the parser's words on the schedule", () => {
  const finding = onlyFinding(cronJob('  schedule: "0 */5 * * * *"\n'));
  assert.equal(finding.rule, 'cron-schedule');
  assert.equal(finding.message, 'spec.schedule: Invalid value: "0 */5 * * * *": expected exactly 5 fields, found 6: [0 */5 * * * *]');
  assert.equal(finding.text, '"0 */5 * * * *"');
});

test('day of week 7 is out of range', () => {
  assert.equal(onlyFinding(cronJob('  schedule: "0 0 * * 7"\n')).message, 'spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7');
});

test('a TZ prefix in the schedule is forbidden on create even when the zone is real', () => {
  const finding = onlyFinding(cronJob('  schedule: "CRON_TZ=Europe/Berlin 0 9 * * *"\n'));
  assert.equal(finding.message, 'spec.schedule: Invalid value: "CRON_TZ=Europe/Berlin 0 9 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
});

test("an unknown time zone is rejected with Go's LoadLocation error", () => {
  const finding = onlyFinding(cronJob('  schedule: "0 9 * * *"\n  timeZone: Europe/Atlantis\n'));
  assert.equal(finding.rule, 'cron-time-zone');
  assert.equal(finding.message, 'spec.timeZone: Invalid value: "Europe/Atlantis": unknown time zone Europe/Atlantis');
  assert.equal(finding.text, 'Europe/Atlantis');
});

test('a time zone in the wrong case is unknown, as the tz database is case-sensitive', () => {
  assert.equal(onlyFinding(cronJob('  schedule: "0 9 * * *"\n  timeZone: europe/berlin\n')).message, 'spec.timeZone: Invalid value: "europe/berlin": unknown time zone europe/berlin');
});

test('Local is not an explicit time zone', () => {
  assert.equal(
    onlyFinding(cronJob('  schedule: "0 9 * * *"\n  timeZone: Local\n')).message,
    'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
  );
});

test('a time zone component with a space fails the naming rule before any lookup', () => {
  assert.equal(onlyFinding(cronJob('  schedule: "0 9 * * *"\n  timeZone: "New York"\n')).message, 'spec.timeZone: Invalid value: "New York": unknown time zone New York');
});

test('a CronJob job template may not set a selector, which the controller generates', () => {
  const text = cronJob('  schedule: "0 * * * *"\n').replace('  jobTemplate:\n    spec:\n', '  jobTemplate:\n    spec:\n      selector: {matchLabels: {app: report}}\n');
  const finding = onlyFinding(text, '1.33');
  assert.equal(finding.rule, 'job-spec');
  assert.equal(
    finding.message,
    'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"report"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
  );
  assert.equal(finding.text, 'selector');
});

test('a CronJob job template may not ask for a manual selector', () => {
  const text = cronJob('  schedule: "0 * * * *"\n').replace('  jobTemplate:\n    spec:\n', '  jobTemplate:\n    spec:\n      manualSelector: true\n');
  assert.equal(onlyFinding(text).message, 'spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"');
});

test('a TZ prefix with no schedule after it reports only the TZ error, as the parser panics upstream', () => {
  const finding = onlyFinding(cronJob('  schedule: "TZ=UTC"\n'));
  assert.equal(finding.message, 'spec.schedule: Invalid value: "TZ=UTC": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
});
