/** Workload checks beyond the pod spec: selector ↔ template labels, Deployment strategy, counters, restart policy. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const deployment = (spec: string, labels = '{app: web}', podSpec = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    selector: {matchLabels: {app: web}}
    ${spec}
    template:
      metadata:
        labels: ${labels}
      spec:
        ${podSpec}
        containers: [{name: web, image: "nginx:1.25"}]
`;

test('template labels that do not satisfy the selector are reported on the labels, as Go prints the map', () => {
  const finding = onlyFinding(deployment('', '{app: api, tier: front}'), '1.33');
  assert.equal(finding.rule, 'selector-mismatch');
  assert.equal(finding.message, 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"api", "tier":"front"}: `selector` does not match template `labels`');
  assert.equal(finding.text, '{app: api, tier: front}');
});

test('a template without labels prints a nil map', () => {
  const text = deployment('').replace('    metadata:\n      labels: {app: web}\n', '    metadata: {}\n');
  assert.match(onlyFinding(text, '1.33').message, /Invalid value: map\[string\]string\(nil\): `selector` does not match/);
});

test('template labels with extra keys satisfy the selector', () => {
  assert.deepEqual(checkText(deployment('', '{app: web, version: v2}')).findings, []);
});

test('a StatefulSet with a NotIn selector matching its template passes, and one that excludes it fails', () => {
  const statefulSet = (operator: string) => yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      serviceName: db
      selector: {matchExpressions: [{key: app, operator: ${operator}, values: [db]}]}
      template:
        metadata: {labels: {app: db}}
        spec: {containers: [{name: db, image: "postgres:16"}]}
  `;
  assert.deepEqual(checkText(statefulSet('In')).findings, []);
  assert.equal(onlyFinding(statefulSet('NotIn')).rule, 'selector-mismatch');
});

test('a Job with a manual selector must match its template; a generated one is not checked', () => {
  const job = (manualSelector: boolean) => yaml`
    apiVersion: batch/v1
    kind: Job
    metadata: {name: once}
    spec:
      manualSelector: ${manualSelector}
      selector: {matchLabels: {app: once}}
      template:
        metadata: {labels: {app: other}}
        spec: {restartPolicy: Never, containers: [{name: c, image: "busybox:1"}]}
  `;
  assert.equal(onlyFinding(job(true), '1.33').message, 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`');
  assert.deepEqual(
    checkText(job(false), '1.33').findings.filter((f) => f.rule === 'selector-mismatch'),
    [],
  );
});

test('Recreate with a rollingUpdate block is forbidden, on its key', () => {
  const finding = onlyFinding(deployment('strategy: {type: Recreate, rollingUpdate: {maxSurge: 1}}'));
  assert.equal(finding.rule, 'deployment-strategy');
  assert.equal(finding.message, "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
  assert.equal(finding.text, 'rollingUpdate');
});

test('maxSurge and maxUnavailable both 0 are rejected on maxUnavailable', () => {
  const finding = onlyFinding(deployment('strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}'));
  assert.equal(finding.message, 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0');
  assert.equal(finding.text, '0');
  assert.equal(finding.column, 59);
});

test('0% and 0 count as zero together', () => {
  assert.equal(
    onlyFinding(deployment('strategy: {rollingUpdate: {maxSurge: "0%", maxUnavailable: "0%"}}')).message,
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0',
  );
});

test('maxSurge 0 alone is valid: maxUnavailable defaults to 25%', () => {
  assert.deepEqual(checkText(deployment('strategy: {rollingUpdate: {maxSurge: 0}}')).findings, []);
});

test('a percent that is not a percent, and maxUnavailable over 100%, are invalid', () => {
  const { findings } = checkText(deployment('strategy: {rollingUpdate: {maxSurge: 20Percent, maxUnavailable: "150%"}}'));
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"20Percent\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
    ],
  );
});

test('maxSurge above 100% is valid', () => {
  assert.deepEqual(checkText(deployment('strategy: {rollingUpdate: {maxSurge: "200%"}}')).findings, []);
});

test('progressDeadlineSeconds not above minReadySeconds is rejected', () => {
  const finding = onlyFinding(deployment('minReadySeconds: 10\n    progressDeadlineSeconds: 10'));
  assert.equal(finding.rule, 'workload-counters');
  assert.equal(finding.message, 'spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds');
  assert.equal(finding.text, '10');
});

test('minReadySeconds above 600 needs an explicit, larger progress deadline', () => {
  assert.equal(onlyFinding(deployment('minReadySeconds: 900')).message, 'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds');
  assert.deepEqual(checkText(deployment('minReadySeconds: 900\n    progressDeadlineSeconds: 1200')).findings, []);
});

test('negative replicas are rejected', () => {
  assert.equal(onlyFinding(deployment('replicas: -1')).message, 'spec.replicas: Invalid value: -1: must be greater than or equal to 0');
});

test('a Deployment template with restartPolicy OnFailure is rejected, naming Always', () => {
  const finding = onlyFinding(deployment('', '{app: web}', 'restartPolicy: OnFailure'));
  assert.equal(finding.rule, 'template-restart-policy');
  assert.equal(finding.message, 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"');
  assert.equal(finding.text, 'OnFailure');
});

test("activeDeadlineSeconds is forbidden in a Deployment template, in the ReplicaSet's words", () => {
  assert.equal(
    onlyFinding(deployment('', '{app: web}', 'activeDeadlineSeconds: 60')).message,
    'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
  );
});

test('an omitted restartPolicy defaults to Always and passes', () => {
  assert.deepEqual(checkText(deployment('')).findings, []);
});
