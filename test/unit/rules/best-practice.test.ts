/** The best-practice family: each rule fires when turned on and stays quiet by default or on a good manifest. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateText } from '../../../server/src/check/validate-text';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';
import type { RuleSettings } from '../../../server/src/rules/rule-config';

/** A Deployment that follows every best practice; each test changes one thing. */
function deployment(container = '', pod = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      securityContext:
        runAsNonRoot: true
${pod}      containers:
        - name: web
          image: registry.example.com/web:1.2.3
          resources:
            requests: {cpu: 100m, memory: 64Mi}
            limits: {memory: 128Mi}
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
          livenessProbe:
            httpGet: {path: /live, port: 8080}
${container}`;
}

function findings(text: string, rules?: RuleSettings): { rule: string; path: string; severity: string }[] {
  return validateText(text, { kubernetesVersion: DEFAULT_VERSION, rules }).findings.map(({ rule, path, severity }) => ({ rule, path, severity }));
}

function firesOnlyWhenEnabled(rule: string, bad: string, path: string): void {
  assert.deepEqual(findings(bad), [], 'quiet by default');
  assert.deepEqual(findings(bad, { [rule]: 'warning' }), [{ rule, path, severity: 'warning' }]);
}

const C = 'spec.template.spec.containers[0]';

test('a well-configured Deployment gets nothing even with every best-practice rule on', () => {
  const all = Object.fromEntries(
    ['image-tag', 'resources-missing', 'probes-missing', 'privileged', 'run-as-root', 'host-namespaces', 'host-path', 'secret-in-env', 'deprecated-service-account'].map((id) => [
      id,
      'warning' as const,
    ]),
  );
  assert.deepEqual(findings(deployment(), all), []);
});

test('image-tag: an image without a tag, or tagged :latest', () => {
  firesOnlyWhenEnabled('image-tag', deployment().replace('web:1.2.3', 'web'), `${C}.image`);
  firesOnlyWhenEnabled('image-tag', deployment().replace('web:1.2.3', 'web:latest'), `${C}.image`);
});

test('image-tag: a registry port is not a tag, and a digest pins the image', () => {
  assert.equal(findings(deployment().replace('registry.example.com/web:1.2.3', 'registry:5000/web'), { 'image-tag': 'warning' }).length, 1);
  assert.deepEqual(findings(deployment().replace('web:1.2.3', `web@sha256:${'a'.repeat(64)}`), { 'image-tag': 'warning' }), []);
});

test('resources-missing: a container without requests or limits', () => {
  const text = deployment().replace('            requests: {cpu: 100m, memory: 64Mi}\n', '');
  firesOnlyWhenEnabled('resources-missing', text, C);
});

test('probes-missing: a long-running container without a readiness probe', () => {
  const text = deployment().replace('          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n', '');
  firesOnlyWhenEnabled('probes-missing', text, C);
});

test("probes-missing: a Job's containers run to completion and need no probes", () => {
  const job = 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox:1.36}]\n';
  assert.deepEqual(findings(job, { 'probes-missing': 'warning' }), []);
});

test('privileged: a container with securityContext.privileged true', () => {
  firesOnlyWhenEnabled('privileged', deployment('          securityContext: {privileged: true}\n'), `${C}.securityContext.privileged`);
});

test('run-as-root: runAsNonRoot not set, or runAsUser 0', () => {
  firesOnlyWhenEnabled('run-as-root', deployment().replace('        runAsNonRoot: true\n', '        fsGroup: 1000\n'), C);
  firesOnlyWhenEnabled('run-as-root', deployment('          securityContext: {runAsUser: 0}\n'), `${C}.securityContext.runAsUser`);
});

test('host-namespaces: hostNetwork, hostPID or hostIPC', () => {
  firesOnlyWhenEnabled('host-namespaces', deployment('', '      hostNetwork: true\n'), 'spec.template.spec.hostNetwork');
  firesOnlyWhenEnabled('host-namespaces', deployment('', '      hostPID: true\n'), 'spec.template.spec.hostPID');
});

test('host-path: a hostPath volume', () => {
  firesOnlyWhenEnabled('host-path', deployment('', '      volumes: [{name: logs, hostPath: {path: /var/log}}]\n'), 'spec.template.spec.volumes[0].hostPath');
});

test('secret-in-env: a literal value in a variable named like a password', () => {
  firesOnlyWhenEnabled('secret-in-env', deployment('          env: [{name: DB_PASSWORD, value: hunter2hunter2}]\n'), `${C}.env[0].value`);
});

test('secret-in-env: file paths, references and flags in such variables are not secrets', () => {
  const env =
    '          env: [{name: KEY_FILE, value: /etc/key.pem}, {name: API_TOKEN, value: "$(TOKEN)"}, {name: SECRET_ENABLED, value: "true"}, {name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: t}}}]\n';
  assert.deepEqual(findings(deployment(env), { 'secret-in-env': 'warning' }), []);
});

test('deprecated-service-account: spec.serviceAccount is a hint by default and can be turned off', () => {
  const text = deployment('', '      serviceAccount: web\n');
  assert.deepEqual(findings(text), [{ rule: 'deprecated-service-account', path: 'spec.template.spec.serviceAccount', severity: 'hint' }]);
  assert.deepEqual(findings(text, { 'deprecated-service-account': 'off' }), []);
  assert.deepEqual(findings(deployment('', '      serviceAccountName: web\n')), []);
});
