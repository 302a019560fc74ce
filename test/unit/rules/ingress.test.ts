/** Ingress validation: backends, hosts, paths per pathType and TLS, in the API server's words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

const ingress = (spec: string, metadata = '{name: web}') => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: ${metadata}\nspec:\n${spec}`;
const rule = (host: string, path: string, pathType = 'Prefix', backend = '{service: {name: web, port: {number: 80}}}') =>
  ingress(`  rules:\n  - host: ${host}\n    http:\n      paths:\n      - path: ${path}\n        pathType: ${pathType}\n        backend: ${backend}\n`);

test('a rule with a host, a prefix path and a service backend is accepted', () => {
  assert.deepEqual(checkText(rule('shop.example.com', '/api')).findings, []);
  assert.deepEqual(checkText(rule('"*.example.com"', '/', 'Exact', '{service: {name: web, port: {name: http}}}')).findings, []);
});

test('an Ingress with neither default backend nor rules is rejected on spec', () => {
  const finding = onlyFinding(ingress('  ingressClassName: nginx\n'), '1.33');
  assert.equal(finding.rule, 'ingress-rules');
  assert.equal(finding.message, 'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified');
  assert.equal(finding.text, 'spec');
});

test('a default backend alone is enough', () => {
  assert.deepEqual(checkText(ingress('  defaultBackend: {service: {name: web, port: {number: 80}}}\n')).findings, []);
});

test('a Prefix path must be absolute', () => {
  const finding = onlyFinding(rule('shop.example.com', 'api'));
  assert.equal(finding.message, 'spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path');
  assert.equal(finding.text, 'api');
});

test('a Prefix path with a double slash is rejected', () => {
  assert.equal(onlyFinding(rule('shop.example.com', '/api//v1')).message, 'spec.rules[0].http.paths[0].path: Invalid value: "/api//v1": must not contain \'//\'');
});

test('an Exact path ending in /. is rejected', () => {
  assert.equal(onlyFinding(rule('shop.example.com', '/api/.', 'Exact')).message, 'spec.rules[0].http.paths[0].path: Invalid value: "/api/.": cannot end with \'/.\'');
});

test('an ImplementationSpecific path may be a regex but must start with a slash', () => {
  assert.deepEqual(checkText(rule('shop.example.com', '"/api/(.*)"', 'ImplementationSpecific')).findings, []);
  assert.equal(onlyFinding(rule('shop.example.com', '"(.*)"', 'ImplementationSpecific')).message, 'spec.rules[0].http.paths[0].path: Invalid value: "(.*)": must be an absolute path');
});

test('an IP address is not a host', () => {
  assert.equal(onlyFinding(rule('10.0.0.1', '/')).message, 'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address');
});

test('a wildcard that is not the whole first label is rejected with the wildcard rule', () => {
  const finding = onlyFinding(rule('"shop.*.example.com"', '/'));
  assert.equal(
    finding.message,
    "spec.rules[0].host: Invalid value: \"shop.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  );
});

test('a backend with both service and resource is rejected', () => {
  const finding = onlyFinding(rule('a.example.com', '/', 'Prefix', '{service: {name: web, port: {number: 80}}, resource: {kind: Bucket, name: b}}'));
  assert.equal(finding.message, 'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both resource and service backends');
});

test('a service backend port needs a name or a number', () => {
  assert.equal(
    onlyFinding(rule('a.example.com', '/', 'Prefix', '{service: {name: web, port: {}}}')).message,
    'spec.rules[0].http.paths[0].backend: Required value: port name or number is required',
  );
});

test('a service backend port with both name and number is rejected', () => {
  assert.equal(
    onlyFinding(rule('a.example.com', '/', 'Prefix', '{service: {name: web, port: {name: http, number: 80}}}')).message,
    'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number',
  );
});

test('a backend service name must be a DNS-1035 label', () => {
  assert.match(
    onlyFinding(rule('a.example.com', '/', 'Prefix', '{service: {name: 1web, port: {number: 80}}}')).message,
    /^spec\.rules\[0\]\.http\.paths\[0\]\.backend\.service\.name: Invalid value: "1web": a DNS-1035 label must consist of/,
  );
});

test('a TLS host with upper case is rejected', () => {
  const finding = onlyFinding(ingress('  tls: [{hosts: [Shop.example.com], secretName: shop-tls}]\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n'));
  assert.match(finding.message, /^spec\.tls\[0\]\.hosts\[0\]: Invalid value: "Shop\.example\.com": a lowercase RFC 1123 subdomain/);
});

test('a class annotation that differs from ingressClassName is rejected', () => {
  const finding = onlyFinding(
    ingress('  ingressClassName: nginx\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n', '{name: web, annotations: {kubernetes.io/ingress.class: traefik}}'),
  );
  assert.equal(finding.message, 'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified');
  assert.equal(finding.text, 'traefik');
});

test('a class annotation equal to ingressClassName is accepted', () => {
  assert.deepEqual(
    checkText(ingress('  ingressClassName: nginx\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n', '{name: web, annotations: {kubernetes.io/ingress.class: nginx}}')).findings,
    [],
  );
});

test('an Ingress without spec is reported on its kind', () => {
  const finding = onlyFinding('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n', '1.33');
  assert.equal(finding.message, 'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified');
  assert.equal(finding.text, 'Ingress');
});
