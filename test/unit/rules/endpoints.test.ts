/**
 * Endpoints and EndpointSlice validation, expectations worked from upstream pkg/apis/core/validation/validation.go
 * (validateEndpointSubsets, validateEndpointAddress, ValidateNonSpecialIP, validateEndpointPort),
 * pkg/apis/discovery/validation/validation.go (ValidateEndpointSlice, validateEndpoints, validatePorts,
 * validateHints, validateAddressType) and apimachinery's util/validation (IsValidIP, IsValidIPv4Address,
 * IsFullyQualifiedDomainName).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

const endpoints = (subsets: string) => `apiVersion: v1\nkind: Endpoints\nmetadata: {name: db}\nsubsets:\n${subsets}`;

// validateEndpointSubsets: the usual hand-written Endpoints of a Service without a selector.
test('endpoints with addresses and a port are accepted', () => {
  assert.deepEqual(checkText(endpoints('  - addresses: [{ip: 10.1.2.3}, {ip: "2001:db8::1"}]\n    ports: [{port: 5432}]\n')).findings, []);
});

// validateEndpointSubsets: len(ss.Addresses) == 0 && len(ss.NotReadyAddresses) == 0.
test('a subset without addresses or notReadyAddresses is required on the subset', () => {
  const finding = onlyFinding(endpoints('  - ports: [{port: 5432}]\n'));
  assert.equal(finding.rule, 'endpoints-subsets');
  assert.equal(finding.message, 'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`');
  assert.equal(finding.line, 5);
});

// ValidateNonSpecialIP: ip.IsLoopback().
test('a loopback address is not an endpoint', () => {
  const finding = onlyFinding(endpoints('  - addresses: [{ip: 127.0.0.1}]\n'));
  assert.equal(finding.message, 'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)');
  assert.equal(finding.text, '127.0.0.1');
});

// ValidateNonSpecialIP: ip.IsLinkLocalUnicast(), for notReadyAddresses too.
test('a link-local address is not an endpoint, ready or not', () => {
  const finding = onlyFinding(endpoints('  - notReadyAddresses: [{ip: 169.254.169.254}]\n'));
  assert.equal(finding.message, 'subsets[0].notReadyAddresses[0].ip: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)');
});

// ValidateNonSpecialIP: ip.IsUnspecified(), the address printed with %v.
test('the unspecified IPv6 address is not an endpoint', () => {
  const finding = onlyFinding(endpoints('  - addresses: [{ip: "::"}]\n'));
  assert.equal(finding.message, 'subsets[0].addresses[0].ip: Invalid value: "::": may not be unspecified (::)');
});

// validateEndpointAddress: IsValidIP, then ValidateNonSpecialIP's own parse failure.
test('an address that is not an IP is reported by both IP checks', () => {
  const findings = checkText(endpoints('  - addresses: [{ip: db.example.com}]\n')).findings;
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'subsets[0].addresses[0].ip: Invalid value: "db.example.com": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      'subsets[0].addresses[0].ip: Invalid value: "db.example.com": must be a valid IP address',
    ],
  );
});

// validateEndpointPort: requireName when there is more than one port.
test('with several ports each needs a name', () => {
  const finding = onlyFinding(endpoints('  - addresses: [{ip: 10.1.2.3}]\n    ports: [{port: 80, name: http}, {port: 443}]\n'));
  assert.equal(finding.message, 'subsets[0].ports[1].name: Required value');
  assert.equal(finding.path, 'subsets[0].ports[1].name');
});

// validateEndpointAddress: ValidateDNS1123Label(hostname).
test('an address hostname must be a DNS label', () => {
  const finding = onlyFinding(endpoints('  - addresses: [{ip: 10.1.2.3, hostname: db.primary}]\n'));
  assert.match(finding.message, /^subsets\[0\]\.addresses\[0\]\.hostname: Invalid value: "db\.primary": a lowercase RFC 1123 label must consist of/);
  assert.equal(finding.text, 'db.primary');
});

const slice = (body: string) => `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: web-abc12}\n${body}`;

// ValidateEndpointSlice: a slice as the EndpointSlice controller writes it.
test('an IPv4 slice with endpoints and named ports is accepted', () => {
  const text = yaml`
    apiVersion: discovery.k8s.io/v1
    kind: EndpointSlice
    metadata: {name: web-abc12}
    addressType: IPv4
    endpoints:
      - addresses: ["10.1.2.3"]
        nodeName: node-1
        zone: us-east-1a
        hints: {forZones: [{name: us-east-1a}]}
    ports:
      - {name: http, port: 8080, protocol: TCP}
      - {name: metrics, port: 9090, appProtocol: kubernetes.io/h2c}
  `;
  assert.deepEqual(checkText(text).findings, []);
});

// validateAddressType: supportedAddressTypes (the deprecated IP type only on update).
test('the deprecated IP address type is not supported on create', () => {
  const finding = onlyFinding(slice('addressType: IP\n'));
  assert.equal(finding.rule, 'endpoint-slice');
  assert.equal(finding.message, 'addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"');
  assert.equal(finding.text, 'IP');
});

// validateEndpoints: IsValidIPv4Address then ValidateNonSpecialIP for an IPv6 address in an IPv4 slice.
test('an IPv6 loopback address in an IPv4 slice is reported twice', () => {
  const findings = checkText(slice('addressType: IPv4\nendpoints:\n  - addresses: ["::1"]\n')).findings;
  assert.deepEqual(
    findings.map((f) => f.message),
    ['endpoints[0].addresses[0]: Invalid value: "::1": must be a valid IPv4 address', 'endpoints[0].addresses[0]: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
  );
});

// validateEndpoints: IsValidIPv6Address accepts no IPv4 address.
test('an IPv4 address in an IPv6 slice is not a valid IPv6 address', () => {
  const finding = onlyFinding(slice('addressType: IPv6\nendpoints:\n  - addresses: ["10.1.2.3"]\n'));
  assert.equal(finding.message, 'endpoints[0].addresses[0]: Invalid value: "10.1.2.3": must be a valid IPv6 address');
});

// validateEndpoints: len(endpoint.Addresses) == 0.
test('an endpoint needs at least one address', () => {
  const finding = onlyFinding(slice('addressType: IPv4\nendpoints:\n  - addresses: []\n'));
  assert.equal(finding.message, 'endpoints[0].addresses: Required value: must contain at least 1 address');
  assert.equal(finding.text, 'addresses');
});

// IsFullyQualifiedDomainName: at least two segments.
test('an FQDN endpoint address needs two segments', () => {
  const finding = onlyFinding(slice('addressType: FQDN\nendpoints:\n  - addresses: ["localhost"]\n'));
  assert.equal(finding.message, 'endpoints[0].addresses[0]: Invalid value: "localhost": should be a domain with at least two segments separated by dots');
});

// IsFullyQualifiedDomainName: a trailing dot is allowed.
test('an FQDN with a trailing dot is accepted', () => {
  assert.deepEqual(checkText(slice('addressType: FQDN\nendpoints:\n  - addresses: ["db.example.com."]\n')).findings, []);
});

// validateEndpoints: ValidateDNS1123Label(*endpoint.Hostname) — an empty hostname is set, so it is validated.
test('an empty endpoint hostname is not a DNS label', () => {
  const finding = onlyFinding(slice('addressType: IPv4\nendpoints:\n  - addresses: ["10.1.2.3"]\n    hostname: ""\n'));
  assert.match(finding.message, /^endpoints\[0\]\.hostname: Invalid value: "": a lowercase RFC 1123 label must consist of/);
});

// validateHints: a zone named twice.
test('a zone hint repeated is a duplicate', () => {
  const finding = onlyFinding(slice('addressType: IPv4\nendpoints:\n  - addresses: ["10.1.2.3"]\n    hints: {forZones: [{name: zone-a}, {name: zone-a}]}\n'));
  assert.equal(finding.message, 'endpoints[0].hints.forZones[1].name: Duplicate value: "zone-a"');
});

// validatePorts: two ports without a name both have the defaulted name "" (SetDefaults_EndpointPort).
test('two unnamed ports repeat the empty name', () => {
  const finding = onlyFinding(slice('addressType: IPv4\nports:\n  - port: 80\n  - port: 443\n'));
  assert.equal(finding.message, 'ports[1].name: Duplicate value: ""');
  assert.equal(finding.line, 7);
});
