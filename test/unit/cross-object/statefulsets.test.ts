/**
 * `statefulset-service-not-headless`. The StatefulSet controller gives each pod the hostname `<pod>` and the
 * subdomain spec.serviceName (pkg/controller/statefulset/stateful_set_utils.go updateIdentity); the cluster DNS
 * serves `<pod>.<serviceName>.<namespace>.svc` only from the endpoints of a headless Service of that name
 * (kubernetes/dns docs/specification.md, "Records for a Headless Service").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, rulesOf } from './workspace';

function statefulSet(serviceName: string | undefined, namespace?: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db${namespace ? `\n  namespace: ${namespace}` : ''}
spec:${serviceName !== undefined ? `\n  serviceName: ${serviceName}` : ''}
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: postgres:16
          ports: [{name: pg, containerPort: 5432}]
`;
}

function dbService(name: string, spec: string, namespace?: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
${spec}  selector: {app: db}
  ports: [{port: 5432, targetPort: pg}]
`;
}

test('a StatefulSet whose serviceName names a Service with a cluster IP is reported on serviceName', () => {
  const findings = crossCheck({ 'sts.yaml': statefulSet('db'), 'svc.yaml': dbService('db', '') });
  assert.deepEqual(
    findings.map(({ rule, severity, path, file, text }) => ({ rule, severity, path, file, text })),
    [{ rule: 'statefulset-service-not-headless', severity: 'warning', path: 'spec.serviceName', file: 'sts.yaml', text: 'db' }],
  );
  assert.equal(findings[0]!.message, 'Service "db" is not headless (it gets a cluster IP; set clusterIP: None): the pods of StatefulSet "db" get no stable DNS names');
});

test('an explicit cluster IP is named in the message', () => {
  const findings = crossCheck({ 'sts.yaml': statefulSet('db'), 'svc.yaml': dbService('db', '  clusterIP: 10.0.0.12\n') });
  assert.match(findings[0]!.message, /has clusterIP 10\.0\.0\.12/);
});

test('a headless Service (clusterIP None) is quiet', () => {
  assert.deepEqual(rulesOf({ 'sts.yaml': statefulSet('db'), 'svc.yaml': dbService('db', '  clusterIP: None\n') }), []);
});

test('a serviceName with no Service in the workspace is quiet: that Service is managed elsewhere', () => {
  assert.deepEqual(rulesOf({ 'sts.yaml': statefulSet('db-headless'), 'svc.yaml': dbService('db', '') }), []);
});

test('a Service of the same name in another namespace is not the one the pods use', () => {
  // Only service-selects-nothing: the Service in "default" selects the StatefulSet's pods in "shop", which it cannot.
  assert.deepEqual(rulesOf({ 'sts.yaml': statefulSet('db', 'shop'), 'svc.yaml': dbService('db', '') }), ['service-selects-nothing']);
  assert.deepEqual(rulesOf({ 'sts.yaml': statefulSet('db', 'shop'), 'svc.yaml': dbService('db', '', 'shop') }), ['statefulset-service-not-headless']);
});

test('a StatefulSet without serviceName is quiet', () => {
  assert.deepEqual(rulesOf({ 'sts.yaml': statefulSet(undefined), 'svc.yaml': dbService('db', '') }), []);
});
