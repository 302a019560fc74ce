/**
 * field.Error's printing per release, from apimachinery's pkg/util/validation/field/errors.go at the tags of each
 * Kubernetes minor (v0.30.0 … v0.36.0): Error.ErrorBody, TooLong and TooMany.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { FieldPath, invalid, renderFieldError, tooLong, tooMany } from '../../../server/src/kube/field-errors';
import { goPointer, goScalar, goString, goStruct, intOrString } from '../../../server/src/kube/go-values';
import { onlyFinding } from '../../helpers/check-text';

const path = FieldPath.of('spec', 'x');

// ErrorBody up to v0.33.0: %#v for anything but int64/int32/float64/float32/bool/string; IntOrString.String has a
// pointer receiver, so the struct is printed.
test('up to 1.33 an int-or-string prints as the Go struct', () => {
  assert.equal(renderFieldError(invalid(path, intOrString('abc'), 'bad'), 33), 'spec.x: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"abc"}: bad');
  assert.equal(renderFieldError(invalid(path, intOrString(0), 'bad'), 30), 'spec.x: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: bad');
});

// ErrorBody from v0.34.0: json.Marshal for everything but the simple types; IntOrString.MarshalJSON.
test('from 1.34 an int-or-string prints as JSON', () => {
  assert.equal(renderFieldError(invalid(path, intOrString('abc'), 'bad'), 34), 'spec.x: Invalid value: "abc": bad');
  assert.equal(renderFieldError(invalid(path, intOrString(0), 'bad'), 36), 'spec.x: Invalid value: 0: bad');
});

test('lists and maps print as Go literals up to 1.33 and as JSON from 1.34', () => {
  assert.equal(renderFieldError(invalid(path, ['a', 'b'], 'bad'), 33), 'spec.x: Invalid value: []string{"a", "b"}: bad');
  assert.equal(renderFieldError(invalid(path, ['a', 'b'], 'bad'), 34), 'spec.x: Invalid value: ["a","b"]: bad');
  assert.equal(renderFieldError(invalid(path, { b: '2', a: '1' }, 'bad'), 33), 'spec.x: Invalid value: map[string]string{"a":"1", "b":"2"}: bad');
  assert.equal(renderFieldError(invalid(path, { b: '2', a: '1' }, 'bad'), 36), 'spec.x: Invalid value: {"a":"1","b":"2"}: bad');
});

// encoding/json escapes <, > and & for HTML.
test('JSON strings escape HTML characters as Go does', () => {
  assert.equal(renderFieldError(invalid(path, ['<a&b>'], 'bad'), 36), 'spec.x: Invalid value: ["\\u003ca\\u0026b\\u003e"]: bad');
});

// Internal types have no JSON tags: fields come out under their Go names, in declaration order; nil pointers as null.
test('an internal struct prints with Go field names from 1.34', () => {
  const value = goStruct('core.Toleration', [
    ['Key', goString('k')],
    ['TolerationSeconds', goPointer('*int64', goScalar(5))],
    ['Other', goPointer('*bool', undefined)],
  ]);
  assert.equal(renderFieldError(invalid(path, value, 'bad'), 33), 'spec.x: Invalid value: core.Toleration{Key:"k", TolerationSeconds:(*int64)(5), Other:(*bool)(nil)}: bad');
  assert.equal(renderFieldError(invalid(path, value, 'bad'), 34), 'spec.x: Invalid value: {"Key":"k","TolerationSeconds":5,"Other":null}: bad');
});

// TooLong: "must have at most %d bytes" in v0.30/v0.31, "may not be more than %d bytes" from v0.32, singular from v0.34.
test('too long is worded per release', () => {
  assert.equal(renderFieldError(tooLong(path, 63), 30), 'spec.x: Too long: must have at most 63 bytes');
  assert.equal(renderFieldError(tooLong(path, 63), 32), 'spec.x: Too long: may not be more than 63 bytes');
  assert.equal(renderFieldError(tooLong(path, 1), 33), 'spec.x: Too long: may not be more than 1 bytes');
  assert.equal(renderFieldError(tooLong(path, 1), 34), 'spec.x: Too long: may not be more than 1 byte');
});

// TooMany prints the count, then "must have at most %d items" ("item" for 1 from v0.34).
test('too many is worded per release', () => {
  assert.equal(renderFieldError(tooMany(path, 3, 1), 33), 'spec.x: Too many: 3: must have at most 1 items');
  assert.equal(renderFieldError(tooMany(path, 3, 1), 36), 'spec.x: Too many: 3: must have at most 1 item');
});

// ValidateTolerations prints the core.Toleration it rejects; from 1.34 as JSON with Go field names.
test('on 1.36 the Exists-with-value error prints the toleration as JSON', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: nginx:1.27}]\n  tolerations: [{key: k, operator: Exists, value: v, effect: NoSchedule}]\n';
  assert.equal(
    onlyFinding(text, '1.36').message,
    'spec.tolerations[0].operator: Invalid value: {"Key":"k","Operator":"Exists","Value":"v","Effect":"NoSchedule","TolerationSeconds":null}: value must be empty when `operator` is \'Exists\'',
  );
});

// ValidateService's duplicate (protocol, port) key is a core.ServicePort; TargetPort's MarshalJSON prints 0.
test('on 1.36 a duplicate Service port prints the ServicePort key as JSON', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: a}\n  ports:\n  - {name: a, port: 80}\n  - {name: b, port: 80}\n';
  assert.equal(onlyFinding(text, '1.36').message, 'spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}');
});

// ValidateRollingUpdateDeployment passes the IntOrString: JSON prints "0%" from 1.34, %#v the struct before.
test('the both-zero Deployment error prints the int-or-string per release', () => {
  const text =
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: a}}\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: "0%"}}\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: nginx:1.27}]}\n';
  assert.equal(onlyFinding(text, '1.36').message, 'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "0%": may not be 0 when `maxSurge` is 0');
  assert.equal(
    onlyFinding(text, '1.33').message,
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}: may not be 0 when `maxSurge` is 0',
  );
});
