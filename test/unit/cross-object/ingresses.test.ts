/** `ingress-missing-service`, `ingress-missing-port` and `tls-secret-missing`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck, deployment, rulesOf, service } from './workspace';

const ingress = (backend: string, tls = '') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:${tls}
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: ${backend}
`;
const files = (ingressText: string): Record<string, string> => ({
  'ingress.yaml': ingressText,
  'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]'),
  'deploy.yaml': deployment('web', '{app: web}'),
});

test('a backend naming a Service that is not in the namespace is reported on the name', () => {
  const findings = crossCheck(files(ingress('{name: wep, port: {number: 80}}')));
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.rule, 'ingress-missing-service');
  assert.equal(findings[0]!.severity, 'warning');
  assert.equal(findings[0]!.path, 'spec.rules[0].http.paths[0].backend.service.name');
  assert.equal(findings[0]!.text, 'wep');
});

test('a backend port number the Service does not expose is reported', () => {
  const findings = crossCheck(files(ingress('{name: web, port: {number: 8080}}')));
  assert.deepEqual(
    findings.map((f) => [f.rule, f.text]),
    [['ingress-missing-port', '8080']],
  );
});

test('a backend port name is the Service port name, not its targetPort', () => {
  assert.deepEqual(rulesOf(files(ingress('{name: web, port: {name: http}}'))), []);
  assert.deepEqual(rulesOf(files(ingress('{name: web, port: {name: web}}'))), ['ingress-missing-port']);
});

test('a default backend is checked too', () => {
  const text = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  defaultBackend: {service: {name: gone, port: {number: 80}}}\n';
  assert.deepEqual(rulesOf(files(text)), ['ingress-missing-service']);
});

test('a TLS Secret that is not in the workspace is information, and quiet when it is', () => {
  const tls = '\n  tls: [{hosts: [a.example.com], secretName: web-tls}]';
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: web-tls}\ntype: kubernetes.io/tls\ndata: {tls.crt: "", tls.key: ""}\n';
  const findings = crossCheck({ ...files(ingress('{name: web, port: {number: 80}}', tls)), 'secret.yaml': secret.replace('web-tls', 'db-tls') });
  assert.deepEqual(
    findings.map((f) => [f.rule, f.severity, f.text]),
    [['tls-secret-missing', 'information', 'web-tls']],
  );
  assert.deepEqual(rulesOf({ ...files(ingress('{name: web, port: {number: 80}}', tls)), 'secret.yaml': secret }), []);
});

test('a TLS Secret cert-manager issues for the Ingress is not reported', () => {
  const tls = '\n  tls: [{hosts: [a.example.com], secretName: web-tls}]';
  const text = ingress('{name: web, port: {number: 80}}', tls).replace('metadata: {name: web}', 'metadata: {name: web, annotations: {cert-manager.io/cluster-issuer: letsencrypt}}');
  assert.deepEqual(rulesOf(files(text)), []);
});

test('a backend Service is not looked for in a namespace without any Service in the workspace', () => {
  assert.deepEqual(rulesOf({ 'ingress.yaml': ingress('{name: web, port: {number: 80}}', '\n  tls: [{secretName: web-tls}]') }), []);
});

test('a backend Service within two edits of a Service in the namespace is suggested', () => {
  const findings = crossCheck(files(ingress('{name: wep, port: {number: 80}}')));
  assert.equal(findings[0]!.message, 'Service "wep" not found in namespace "default"; did you mean "web"?');
});

test("a backend port name within two edits of one of the Service's port names is suggested", () => {
  const findings = crossCheck(files(ingress('{name: web, port: {name: htp}}')));
  assert.equal(findings[0]!.rule, 'ingress-missing-port');
  assert.equal(findings[0]!.message, 'Service "web" has no port named "htp"; did you mean "http"?');
});
