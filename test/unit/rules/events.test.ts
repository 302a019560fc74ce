/**
 * Event validation on create, worked from pkg/apis/core/validation/events.go: ValidateEventCreate runs
 * legacyValidateEvent for every Event and, for events.k8s.io/v1, the strict checks after it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const eventFindings = (text: string) => checkText(text).findings.filter((f) => f.rule === 'event-create');

// legacyValidateEvent: no eventTime, and involvedObject.namespace equal to the event's namespace.
test("a core Event in its object's namespace is accepted", () => {
  const text = yaml`
    apiVersion: v1
    kind: Event
    metadata: {name: web.17a, namespace: shop}
    involvedObject: {kind: Pod, name: web, namespace: shop}
    reason: Started
    message: Started container
    type: Normal
  `;
  assert.deepEqual(checkText(text).findings, []);
});

// legacyValidateEvent: EventTime zero, involvedObject.namespace set and different from event.Namespace.
test('a core Event in another namespace than its object is rejected on involvedObject.namespace', () => {
  const text = yaml`
    apiVersion: v1
    kind: Event
    metadata: {name: web.17a, namespace: shop}
    involvedObject: {kind: Pod, name: web, namespace: default}
    reason: Started
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'event-create');
  assert.equal(finding.message, 'involvedObject.namespace: Invalid value: "default": does not match event.namespace');
  assert.equal(finding.line, 4);
  assert.equal(finding.text, 'default');
});

// legacyValidateEvent: the namespace kubectl fills in from its context is not known, so nothing is compared.
test('a core Event without metadata.namespace is not compared with its object', () => {
  const text = yaml`
    apiVersion: v1
    kind: Event
    metadata: {name: web.17a}
    involvedObject: {kind: Pod, name: web, namespace: shop}
  `;
  assert.deepEqual(eventFindings(text), []);
});

// legacyValidateEvent: EventTime zero and no involvedObject.namespace: the event must be in "" or "default".
test('an event about a cluster object outside default is rejected, placed on involvedObject', () => {
  const text = yaml`
    apiVersion: v1
    kind: Event
    metadata: {name: node-1.17a, namespace: shop}
    involvedObject: {kind: Node, name: node-1}
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'involvedObject.namespace: Invalid value: "": does not match event.namespace');
  assert.equal(finding.text, 'involvedObject');
});

// legacyValidateEvent: with EventTime set, ReportingController (reportingComponent in core/v1), ReportingInstance,
// Action and Reason are required; an empty ReportingController also fails IsQualifiedName.
test('a core Event with eventTime needs its reporting fields, placed on eventTime', () => {
  const text = yaml`
    apiVersion: v1
    kind: Event
    metadata: {name: web.17a, namespace: shop}
    involvedObject: {kind: Pod, name: web, namespace: shop}
    eventTime: "2024-05-01T10:00:00.000000Z"
    reportingComponent: kubelet
    reason: Started
  `;
  const findings = eventFindings(text);
  assert.deepEqual(
    findings.map((f) => [f.message, f.line, f.text]),
    [
      ['reportingInstance: Required value', 5, 'eventTime'],
      ['action: Required value', 5, 'eventTime'],
    ],
  );
});

// legacyValidateEvent: len(Reason) > ReasonLengthLimit (128) is Invalid with an empty value.
test('a reason longer than 128 characters is rejected', () => {
  const text = yaml`
    apiVersion: events.k8s.io/v1
    kind: Event
    metadata: {name: web.17a, namespace: shop}
    regarding: {kind: Pod, name: web, namespace: shop}
    eventTime: "2024-05-01T10:00:00.000000Z"
    reportingController: example.com/controller
    reportingInstance: controller-1
    action: Scale
    reason: ${'x'.repeat(129)}
    type: Normal
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'reason: Invalid value: "": can have at most 128 characters');
  assert.equal(finding.line, 9);
});

// ValidateEventCreate (events.k8s.io/v1): Type Normal or Warning; the deprecated count unset; series count >= 2.
// Errors name the internal fields (count), placed on the v1 fields (deprecatedCount).
test('an events.k8s.io Event with an unknown type, a count and a short series is rejected on each', () => {
  const text = yaml`
    apiVersion: events.k8s.io/v1
    kind: Event
    metadata: {name: web.17a, namespace: shop}
    regarding: {kind: Pod, name: web, namespace: shop}
    eventTime: "2024-05-01T10:00:00.000000Z"
    reportingController: kubelet
    reportingInstance: node-1
    action: Started
    reason: Started
    type: Info
    deprecatedCount: 3
    series: {count: 1, lastObservedTime: "2024-05-01T10:00:00.000000Z"}
  `;
  assert.deepEqual(
    eventFindings(text).map((f) => [f.message, f.line, f.text]),
    [
      ['type: Invalid value: "": has invalid value: Info', 10, 'Info'],
      ['count: Invalid value: "": needs to be unset', 11, '3'],
      ['series.count: Invalid value: "": should be at least 2', 12, '1'],
    ],
  );
});

// legacyValidateEvent: len(Message) > NoteLengthLimit (1024), named message, placed on note.
test('an events.k8s.io note longer than 1024 bytes is rejected as message', () => {
  const text = yaml`
    apiVersion: events.k8s.io/v1
    kind: Event
    metadata: {name: web.17a, namespace: shop}
    regarding: {kind: Pod, name: web, namespace: shop}
    eventTime: "2024-05-01T10:00:00.000000Z"
    reportingController: kubelet
    reportingInstance: node-1
    action: Started
    reason: Started
    type: Normal
    note: ${'n'.repeat(1025)}
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.message, 'message: Invalid value: "": can have at most 1024 characters');
  assert.equal(finding.path, 'message');
  assert.equal(finding.line, 11);
});

// ValidateEventCreate (events.k8s.io/v1): a well-formed event passes.
test('a complete events.k8s.io Event is accepted', () => {
  const text = yaml`
    apiVersion: events.k8s.io/v1
    kind: Event
    metadata: {name: web.17a, namespace: shop}
    regarding: {kind: Pod, name: web, namespace: shop}
    eventTime: "2024-05-01T10:00:00.000000Z"
    reportingController: kubelet
    reportingInstance: node-1
    action: Started
    reason: Started
    type: Warning
    note: Back-off restarting failed container
  `;
  assert.deepEqual(checkText(text).findings, []);
});
