/**
 * StatefulSet, DaemonSet and ControllerRevision validation (pkg/apis/apps/validation/validation.go), after
 * SetDefaults_StatefulSet and SetDefaults_DaemonSet (pkg/apis/apps/v1/defaults.go).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const statefulSet = (spec: string, name = 'db') => yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: ${name}}
  spec:
    ${spec}
    selector: {matchLabels: {app: db}}
    template:
      metadata: {labels: {app: db}}
      spec: {containers: [{name: db, image: "postgres:16"}]}
`;

const daemonSet = (strategy: string) => yaml`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata: {name: agent}
  spec:
    updateStrategy: ${strategy}
    selector: {matchLabels: {app: agent}}
    template:
      metadata: {labels: {app: agent}}
      spec: {containers: [{name: agent, image: "busybox:1.36"}]}
`;

// ValidateStatefulSetSpec, case OnDeleteStatefulSetStrategyType, field.Invalid with the internal
// *RollingUpdateStatefulSetStrategy. Up to 1.32 field.Error prints it with %#v: Partition converts from nil to 0, and
// maxUnavailable was dropped by PrepareForCreate (MaxUnavailableStatefulSet off).
test('a StatefulSet with OnDelete and a rollingUpdate is rejected on rollingUpdate, printed as Go prints the struct', () => {
  const finding = onlyFinding(statefulSet('updateStrategy: {type: OnDelete, rollingUpdate: {}}'), '1.32');
  assert.equal(finding.rule, 'statefulset-spec');
  assert.equal(
    finding.message,
    "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'",
  );
  assert.equal(finding.path, 'spec.updateStrategy.rollingUpdate');
  assert.equal(finding.line, 5);
  assert.equal(finding.text, '{}');
});

// From 1.33 field.Error marshals such a value to JSON (Go field names, as the internal type has no tags); in 1.36
// MaxUnavailableStatefulSet is on, so a set maxUnavailable is kept and printed.
test('from 1.33 the rejected rollingUpdate is printed as JSON, with maxUnavailable where the gate keeps it', () => {
  const text = statefulSet('updateStrategy: {type: OnDelete, rollingUpdate: {partition: 2, maxUnavailable: "50%"}}');
  const detail = ": only allowed for updateStrategy 'RollingUpdate'";
  assert.equal(onlyFinding(text, '1.34').message, `spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":2,"MaxUnavailable":null}${detail}`);
  assert.equal(onlyFinding(text, '1.36').message, `spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":2,"MaxUnavailable":"50%"}${detail}`);
});

// ValidateStatefulSetSpec → validateRollingUpdateStatefulSet: ValidateNonnegativeField(partition).
test('a negative partition is rejected', () => {
  const finding = onlyFinding(statefulSet('updateStrategy: {rollingUpdate: {partition: -1}}'));
  assert.equal(finding.message, 'spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0');
  assert.equal(finding.text, '-1');
});

// SetDefaults_StatefulSet: an explicit RollingUpdate keeps partition at 0 or creates nothing; OnDelete alone is valid.
test('RollingUpdate with a partition, and OnDelete without rollingUpdate, are valid', () => {
  assert.deepEqual(checkText(statefulSet('updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}')).findings, []);
  assert.deepEqual(checkText(statefulSet('updateStrategy: {type: OnDelete}')).findings, []);
});

// validateRollingUpdateStatefulSet with MaxUnavailableStatefulSet on (beta from 1.35): the IntOrString is printed
// as JSON, so a number bare and a string quoted.
test('maxUnavailable 0 is rejected where MaxUnavailableStatefulSet is on', () => {
  const finding = onlyFinding(statefulSet('updateStrategy: {rollingUpdate: {maxUnavailable: 0}}'), '1.36');
  assert.equal(finding.message, 'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0');
  assert.equal(finding.text, '0');
});

test('a maxUnavailable that is not a percent is invalid and, reading as 0, cannot be 0', () => {
  const { findings } = checkText(statefulSet('updateStrategy: {rollingUpdate: {maxUnavailable: half}}'), '1.36');
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"half\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "half": cannot be 0',
    ],
  );
});

test('maxUnavailable over 100% is rejected where the gate is on', () => {
  assert.equal(
    onlyFinding(statefulSet('updateStrategy: {rollingUpdate: {maxUnavailable: "150%"}}'), '1.36').message,
    'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%',
  );
});

// statefulSetStrategy.PrepareForCreate → dropStatefulSetDisabledFields: with the gate off the field is cleared.
test('maxUnavailable is dropped, not validated, where MaxUnavailableStatefulSet is off', () => {
  assert.deepEqual(checkText(statefulSet('updateStrategy: {rollingUpdate: {maxUnavailable: 0}}'), '1.34').findings, []);
  assert.deepEqual(checkText(statefulSet('updateStrategy: {rollingUpdate: {maxUnavailable: "50%"}}'), '1.36').findings, []);
});

// ValidateStatefulSetSpec: ValidateNonnegativeField(ordinals.start), a path written as one child "ordinals.start".
test('a negative ordinals.start is rejected', () => {
  const finding = onlyFinding(statefulSet('ordinals: {start: -1}'));
  assert.equal(finding.message, 'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0');
  assert.equal(finding.text, '-1');
});

test('ordinals starting at 5 are valid', () => {
  assert.deepEqual(checkText(statefulSet('ordinals: {start: 5}')).findings, []);
});

// ValidateStatefulSetSpec (1.33+): a non-empty serviceName of a new StatefulSet is a DNS-1123 label.
test('a serviceName that is not a DNS-1123 label is rejected from 1.33', () => {
  const finding = onlyFinding(statefulSet('serviceName: db.headless'), '1.33');
  assert.equal(
    finding.message,
    "spec.serviceName: Invalid value: \"db.headless\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  );
  assert.equal(finding.text, 'db.headless');
});

test('serviceName is not checked before 1.33, and may be empty or absent', () => {
  assert.deepEqual(checkText(statefulSet('serviceName: db.headless'), '1.32').findings, []);
  assert.deepEqual(checkText(statefulSet('serviceName: ""')).findings, []);
  assert.deepEqual(checkText(statefulSet('')).findings, []);
});

// ValidateStatefulSet → ValidateObjectMeta with ValidateStatefulSetName (NameIsDNSLabel since 1.27).
test('a StatefulSet name with a dot is rejected as a DNS-1123 label', () => {
  const finding = onlyFinding(statefulSet('serviceName: db', 'db.primary'));
  assert.equal(finding.rule, 'object-name');
  assert.match(finding.message, /^metadata\.name: Invalid value: "db\.primary": a lowercase RFC 1123 label must consist of/);
});

// ValidateDaemonSetSpec → ValidateDaemonSetUpdateStrategy → ValidateRollingUpdateDaemonSet.
test('DaemonSet maxUnavailable and maxSurge both 0 are rejected as a required maxUnavailable', () => {
  const finding = onlyFinding(daemonSet('{rollingUpdate: {maxUnavailable: 0, maxSurge: 0}}'));
  assert.equal(finding.rule, 'daemonset-update-strategy');
  assert.equal(finding.message, 'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0');
  assert.equal(finding.path, 'spec.updateStrategy.rollingUpdate.maxUnavailable');
  assert.equal(finding.text, 'maxUnavailable');
});

// SetDefaults_DaemonSet defaults maxUnavailable to 1 when unset, so maxSurge alone conflicts with it.
test('DaemonSet maxSurge beside the defaulted maxUnavailable 1 is rejected on maxSurge', () => {
  const finding = onlyFinding(daemonSet('{rollingUpdate: {maxSurge: "25%"}}'));
  assert.equal(finding.message, 'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "25%": may not be set when maxUnavailable is non-zero');
  assert.equal(finding.text, '"25%"');
});

// Up to 1.33 field.Error (apimachinery v0.33.0 ErrorBody) prints an IntOrString with %#v: its String method has a
// pointer receiver, so the value given to field.Invalid is no fmt.Stringer.
test('up to 1.33 an IntOrString is printed as the Go struct', () => {
  assert.equal(
    onlyFinding(daemonSet('{rollingUpdate: {maxSurge: "25%"}}'), '1.33').message,
    'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}: may not be set when maxUnavailable is non-zero',
  );
});

test('DaemonSet percents over 100% and negative counts are rejected', () => {
  const { findings } = checkText(daemonSet('{rollingUpdate: {maxUnavailable: -1, maxSurge: "200%"}}'));
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "200%": must not be greater than 100%',
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: "200%": may not be set when maxUnavailable is non-zero',
    ],
  );
});

test('DaemonSet surge with maxUnavailable 0, the defaults, and OnDelete are valid', () => {
  assert.deepEqual(checkText(daemonSet('{rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}')).findings, []);
  assert.deepEqual(checkText(daemonSet('{}')).findings, []);
  assert.deepEqual(checkText(daemonSet('{type: OnDelete}')).findings, []);
});

const revision = (number: string, data: string, name = 'web-6d4f7b9c8') => yaml`
  apiVersion: apps/v1
  kind: ControllerRevision
  metadata: {name: ${name}}
  revision: ${number}
  ${data}
`;

// ValidateControllerRevision: Data == nil → Required "data is mandatory"; ValidateNonnegativeField(revision).
test('a ControllerRevision without data is rejected', () => {
  const finding = onlyFinding(revision('1', ''));
  assert.equal(finding.rule, 'controller-revision');
  assert.equal(finding.message, 'data: Required value: data is mandatory');
});

test('a negative revision is rejected', () => {
  const finding = onlyFinding(revision('-2', 'data: {spec: {}}'));
  assert.equal(finding.message, 'revision: Invalid value: -2: must be greater than or equal to 0');
  assert.equal(finding.text, '-2');
});

test('a ControllerRevision with data and revision 0 is valid', () => {
  assert.deepEqual(checkText(revision('0', 'data: {spec: {}}')).findings, []);
});

// ValidateControllerRevisionName = NameIsDNSSubdomain.
test('a ControllerRevision name must be a DNS-1123 subdomain', () => {
  const finding = onlyFinding(revision('1', 'data: {}', 'Web_1'));
  assert.equal(finding.rule, 'object-name');
  assert.match(finding.message, /^metadata\.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of/);
});
