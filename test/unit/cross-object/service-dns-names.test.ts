/**
 * `service-dns-name-missing`. The Kubernetes DNS specification (kubernetes/dns docs/specification.md) names a
 * Service `<service>.<ns>.svc.<zone>` (2.3.1, 2.4.1), its endpoints `<hostname>.<service>.<ns>.svc.<zone>` (2.4.1)
 * and its named ports `_<port>._<proto>.<service>.<ns>.svc.<zone>` (2.3.2); a name no Service backs is NXDOMAIN.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, deployment, rulesOf, service } from './workspace';

const RULE = 'service-dns-name-missing';

function client(env: string, namespace = 'shop'): string {
  return deployment('web', '{app: web}', {
    namespace,
    podSpec: `      containers:
        - name: app
          image: app:1
${env}`,
  });
}

const envValue = (value: string) => `          env:\n            - name: TARGET\n              value: "${value}"\n`;
const api = service('api', '  selector: {app: api}\n  ports: [{name: http, port: 8080}]', 'shop');
const reported = (files: Record<string, string>) => rulesOf(files).filter((rule) => rule === RULE);

test('an env value naming a missing Service by <service>.<ns>.svc.cluster.local is reported on the value', () => {
  const findings = crossCheck({ 'web.yaml': client(envValue('http://payments.shop.svc.cluster.local:8080/v1')), 'api.yaml': api });
  assert.deepEqual(
    findings.filter((finding) => finding.rule === RULE).map(({ severity, path, message }) => ({ severity, path, message })),
    [
      {
        severity: 'warning',
        path: 'spec.template.spec.containers[0].env[0].value',
        message: '"payments.shop.svc.cluster.local" does not resolve: there is no Service "payments" in namespace "shop"',
      },
    ],
  );
});

test('the short <service>.<ns>.svc form is read too', () => {
  assert.deepEqual(reported({ 'web.yaml': client(envValue('payments.shop.svc:8080')), 'api.yaml': api }), [RULE]);
});

test('a name of a Service in the workspace is quiet', () => {
  assert.deepEqual(reported({ 'web.yaml': client(envValue('http://api.shop.svc.cluster.local:8080')), 'api.yaml': api }), []);
});

// 2.4.1: `<hostname>.<service>.<ns>.svc.<zone>` — the Service is the label before the namespace.
test('a pod name under a headless Service looks up that Service', () => {
  assert.deepEqual(reported({ 'web.yaml': client(envValue('web-0.api.shop.svc.cluster.local')), 'api.yaml': api }), []);
  assert.deepEqual(reported({ 'web.yaml': client(envValue('web-0.db.shop.svc.cluster.local')), 'api.yaml': api }), [RULE]);
});

// 2.3.2: `_<port>._<proto>.<service>.<ns>.svc.<zone>`.
test('an SRV name looks up its Service', () => {
  assert.deepEqual(reported({ 'web.yaml': client(envValue('_http._tcp.api.shop.svc.cluster.local')), 'api.yaml': api }), []);
});

test('a name in another namespace is looked up there', () => {
  const other = service('api', '  selector: {app: api}\n  ports: [{port: 80}]', 'billing');
  assert.deepEqual(reported({ 'web.yaml': client(envValue('api.billing.svc')), 'api.yaml': api, 'other.yaml': other }), []);
  assert.deepEqual(reported({ 'web.yaml': client(envValue('ledger.billing.svc')), 'api.yaml': api, 'other.yaml': other }), [RULE]);
});

test('a namespace where the workspace holds no Service is quiet: its Services are managed elsewhere', () => {
  assert.deepEqual(reported({ 'web.yaml': client(envValue('ledger.billing.svc.cluster.local')), 'api.yaml': api }), []);
});

test('command and args are read', () => {
  const args = `          command: ["wait-for", "db.shop.svc:5432"]\n          args: ["--upstream=http://cache.shop.svc.cluster.local"]\n`;
  const findings = crossCheck({ 'web.yaml': client(args), 'api.yaml': api }).filter((finding) => finding.rule === RULE);
  assert.deepEqual(
    findings.map((finding) => finding.path),
    ['spec.template.spec.containers[0].command[1]', 'spec.template.spec.containers[0].args[0]'],
  );
});

test('a name under another zone, or inside a longer name, is not read as this cluster', () => {
  assert.deepEqual(reported({ 'web.yaml': client(envValue('payments.shop.svc.example.com')), 'api.yaml': api }), []);
  assert.deepEqual(reported({ 'web.yaml': client(envValue('payments.shop.svcs')), 'api.yaml': api }), []);
});

test('the <service> and <service>.<ns> forms are left alone', () => {
  assert.deepEqual(reported({ 'web.yaml': client(envValue('payments.shop')), 'api.yaml': api }), []);
});
