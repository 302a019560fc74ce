/**
 * CertificateSigningRequest validation, worked by hand from pkg/apis/certificates/validation/validation.go
 * (validateCertificateSigningRequest with the options of ValidateCertificateSigningRequestCreate), ValidateSignerName
 * (pkg/apis/core/validation) and certificates.ParseCSR.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

/** A PKCS#10 request for CN=alice (P-256), base64 of its PEM as the API stores spec.request. */
const REQUEST =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIS01ISUNBUUF3RURFT01Bd0dBMVVFQXd3RllXeHBZMlV3V1RBVEJnY3Foa2pPUFFJQkJnZ3Foa2pPUFFNQgpCd05DQUFSMUh5TEk5VFQxMmVFVEMwZ05iT3RjTk5zZHh5MXFFanhRaS95ejc5Zzd2amtoOWwrMi91QnJhTXpOCkJTbTVLanhuOFVUYm85R0F2VWFsVDg0MFU0blJvQUF3Q2dZSUtvWkl6ajBFQXdJRFNBQXdSUUloQU9YWnpETysKWXpQWk1KdmhSMEY1SVlIcjY4QmhyWE8rYTRoTk1VUE5IalljQWlCQmNwc2FOdlE0NXRQei9kZGdHTG10b2FWaQpaRkxOZ3JMNWxoNTg3YnJ3VUE9PQotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K';

const csr = (spec: string, request = REQUEST) => `apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata: {name: alice}\nspec:\n  request: ${request}\n${spec}`;
const client = '  signerName: kubernetes.io/kube-apiserver-client\n';

test('a well-formed request passes', () => {
  assert.deepEqual(checkText(csr(`${client}  usages: [digital signature, client auth]\n  expirationSeconds: 86400\n`)).findings, []);
});

// ParseCSR: pem.Decode finds no block, so "PEM block type must be CERTIFICATE REQUEST"; the []byte prints with %#v
test('a request that is not PEM is rejected with its bytes', () => {
  const finding = onlyFinding(csr(`${client}  usages: [client auth]\n`, 'aGVsbG8='), '1.33');
  assert.equal(finding.rule, 'certificate-signing-request');
  assert.equal(finding.message, 'spec.request: Invalid value: []byte{0x68, 0x65, 0x6c, 0x6c, 0x6f}: PEM block type must be CERTIFICATE REQUEST');
  assert.equal(finding.line, 5);
  assert.equal(finding.text, 'aGVsbG8=');
});

// ParseCSR: block.Type != "CERTIFICATE REQUEST" ("-----BEGIN X-----\n-----END X-----\n")
test('a PEM block of another type is rejected', () => {
  const request = Buffer.from('-----BEGIN X-----\n-----END X-----\n').toString('base64');
  const finding = onlyFinding(csr(`${client}  usages: [client auth]\n`, request), '1.33');
  assert.match(finding.message, /^spec\.request: Invalid value: \[\]byte\{0x2d, 0x2d, 0x2d, 0x2d, 0x2d, 0x42, .*, 0xa\}: PEM block type must be CERTIFICATE REQUEST$/);
});

// validateCertificateSigningRequest: len(csr.Spec.Usages) == 0
test('usages are required', () => {
  const finding = onlyFinding(csr(client));
  assert.equal(finding.message, 'spec.usages: Required value');
});

// validateCertificateSigningRequest: !allValidUsages.Has(usage), the list sorted as sets.String.List()
test('an unknown usage is reported with the known ones', () => {
  const finding = onlyFinding(csr(`${client}  usages: [client auth, "TLS client"]\n`));
  assert.equal(
    finding.message,
    'spec.usages[1]: Unsupported value: "TLS client": supported values: "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping"',
  );
  assert.equal(finding.text, '"TLS client"');
});

// validateCertificateSigningRequest: seen[usage]
test('a repeated usage is rejected', () => {
  const finding = onlyFinding(csr(`${client}  usages: [client auth, client auth]\n`));
  assert.equal(finding.message, 'spec.usages[1]: Duplicate value: "client auth"');
});

// validateCertificateSigningRequest: LegacyUnknownSignerName with allowLegacySignerName false
test('the legacy-unknown signer is refused in v1', () => {
  const finding = onlyFinding(csr('  signerName: kubernetes.io/legacy-unknown\n  usages: [client auth]\n'));
  assert.equal(finding.message, 'spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version');
  assert.equal(finding.line, 6);
});

// ValidateSignerName: len(segments) != 2
test('a signer name needs exactly one slash', () => {
  const finding = onlyFinding(csr('  signerName: example.com\n  usages: [client auth]\n'));
  assert.equal(finding.message, `spec.signerName: Invalid value: "example.com": must be a fully qualified domain and path of the form 'example.com/signer-name'`);
});

// ValidateSignerName: len(domainLabels) < 2, reported on the domain segment
test('the signer domain needs two labels', () => {
  const finding = onlyFinding(csr('  signerName: example/signer\n  usages: [client auth]\n'));
  assert.equal(finding.message, 'spec.signerName: Invalid value: "example": should be a domain with at least two segments separated by dots');
});

// ValidateSignerName: IsDNS1123Label of a domain label, then break
test('a signer domain label must be a DNS label', () => {
  const finding = onlyFinding(csr('  signerName: Example.com/signer\n  usages: [client auth]\n'));
  assert.equal(
    finding.message,
    `spec.signerName: Invalid value: "Example.com": validating label "Example": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  );
});

// validateCertificateSigningRequest: *ExpirationSeconds < 600
test('expirationSeconds below ten minutes is rejected', () => {
  const finding = onlyFinding(csr(`${client}  usages: [client auth]\n  expirationSeconds: 599\n`));
  assert.equal(finding.message, 'spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)');
  assert.equal(finding.text, '599');
});

// csrStrategy.PrepareForCreate clears status before validation: conditions written on create are not validated
test('status conditions are not validated on create', () => {
  const text = csr(`${client}  usages: [client auth]\nstatus:\n  conditions:\n  - {type: Approved, status: "False"}\n  - {type: Denied, status: "True"}\n`);
  assert.deepEqual(
    checkText(text).findings.filter((f) => f.rule === 'certificate-signing-request'),
    [],
  );
});
