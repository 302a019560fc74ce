/**
 * CertificateSigningRequest validation as pkg/apis/certificates/validation/validation.go reports it on create
 * (ValidateCertificateSigningRequestCreate with the create options: no legacy signer, no unknown or repeated
 * usages). The strategy clears status before validating, so conditions and status.certificate never fail a create.
 * Of the request's own validation (certificates.ParseCSR, then the signature check) only the PEM block type is
 * checked, and only where it is certain to fail: the PKCS#10 structure and its signature are not parsed.
 */
import { FieldPath, duplicate, invalid, notSupported, required, tooLong, type FieldError } from '../kube/field-errors';
import { GoValue } from '../kube/go-values';
import { listAt, objectAt, stringAt } from '../kube/plain-values';
import { isDns1123Label, isDns1123Subdomain } from './apimachinery-validation';
import type { ObjectRule } from './rule';

/** certificates.LegacyUnknownSignerName */
const LEGACY_UNKNOWN_SIGNER = 'kubernetes.io/legacy-unknown';
/** validation.DNS1123SubdomainMaxLength, DNS1123LabelMaxLength */
const MAX_DOMAIN_LENGTH = 253;
const MAX_SIGNER_NAME_LENGTH = MAX_DOMAIN_LENGTH + (MAX_DOMAIN_LENGTH + 63 + 1) + 1;
const CSR_BLOCK_TYPE = 'CERTIFICATE REQUEST';
/** A PEM begin line, as encoding/pem looks for it: at the start of the data or of a line. */
const PEM_BEGIN = /(?:^|\n)-----BEGIN ([^\n]*?)-----/g;

/** allValidUsages, in the byte order of sets.String.List(). */
const KNOWN_USAGES = [
  'signing',
  'digital signature',
  'content commitment',
  'key encipherment',
  'key agreement',
  'data encipherment',
  'cert sign',
  'crl sign',
  'encipher only',
  'decipher only',
  'any',
  'server auth',
  'client auth',
  'code signing',
  'email protection',
  's/mime',
  'ipsec end system',
  'ipsec tunnel',
  'ipsec user',
  'timestamping',
  'ocsp signing',
  'microsoft sgc',
  'netscape sgc',
].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A []byte: `[]byte{0x2d, 0xa}` with %#v up to 1.33; encoding/json's base64 string from 1.34. */
function bytesValue(bytes: Buffer): GoValue {
  return new GoValue(`[]byte{${Array.from(bytes, (b) => `0x${b.toString(16)}`).join(', ')}}`, JSON.stringify(bytes.toString('base64')));
}

/**
 * certificates.ParseCSR fails with "PEM block type must be CERTIFICATE REQUEST" when pem.Decode finds no block or
 * one of another type. That is certain when no begin line names CERTIFICATE REQUEST; otherwise nothing is said.
 */
function requestErrors(request: string | undefined, path: FieldPath): FieldError[] {
  const bytes = Buffer.from(request ?? '', 'base64');
  const text = bytes.toString('latin1');
  for (const match of text.matchAll(PEM_BEGIN)) if (match[1] === CSR_BLOCK_TYPE) return [];
  return [invalid(path, bytesValue(bytes), `PEM block type must be ${CSR_BLOCK_TYPE}`)];
}

/** ValidateSignerName (pkg/apis/core/validation): `<domain>/<path>`, each dot-separated part a DNS name. */
export function signerNameErrors(signerName: string, path: FieldPath): FieldError[] {
  if (signerName === '') return [required(path)];
  const segments = signerName.split('/');
  if (segments.length !== 2) return [invalid(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const [domain, signerPath] = segments as [string, string];
  const errors: FieldError[] = [];
  if (domain.length > MAX_DOMAIN_LENGTH) errors.push(tooLong(path, MAX_DOMAIN_LENGTH));
  const domainLabels = domain.split('.');
  for (const label of domainLabels) {
    const messages = isDns1123Label(label);
    if (messages.length === 0) continue;
    for (const message of messages) errors.push(invalid(path, domain, `validating label ${JSON.stringify(label)}: ${message}`));
    break;
  }
  if (domainLabels.length < 2) errors.push(invalid(path, domain, 'should be a domain with at least two segments separated by dots'));
  for (const label of signerPath.split('.')) {
    const messages = isDns1123Subdomain(label);
    if (messages.length === 0) continue;
    for (const message of messages) errors.push(invalid(path, signerPath, `validating label ${JSON.stringify(label)}: ${message}`));
    break;
  }
  if (signerName.length > MAX_SIGNER_NAME_LENGTH) errors.push(tooLong(path, MAX_SIGNER_NAME_LENGTH));
  return errors;
}

export const certificateSigningRequestRule: ObjectRule = {
  id: 'certificate-signing-request',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    'A CertificateSigningRequest holds a PEM CERTIFICATE REQUEST, known usages without repeats, a signerName of the form example.com/name (not the legacy one) and expirationSeconds of at least 600.',
  kinds: ['CertificateSigningRequest'],
  check({ defaulted }) {
    const spec = objectAt(defaulted, 'spec') ?? {};
    const path = FieldPath.of('spec');
    const errors = requestErrors(stringAt(spec, 'request'), path.child('request'));
    const usages = listAt(spec, 'usages').map((usage) => (typeof usage === 'string' ? usage : ''));
    const usagesPath = path.child('usages');
    if (usages.length === 0) errors.push(required(usagesPath));
    usages.forEach((usage, i) => {
      if (!KNOWN_USAGES.includes(usage)) errors.push(notSupported(usagesPath.index(i), usage, KNOWN_USAGES));
    });
    const seen = new Set<string>();
    usages.forEach((usage, i) => {
      if (seen.has(usage)) errors.push(duplicate(usagesPath.index(i), usage));
      seen.add(usage);
    });
    const signerName = stringAt(spec, 'signerName') ?? '';
    const signerPath = path.child('signerName');
    if (signerName === LEGACY_UNKNOWN_SIGNER) errors.push(invalid(signerPath, signerName, 'the legacy signerName is not allowed via this API version'));
    else errors.push(...signerNameErrors(signerName, signerPath));
    const expiration = spec['expirationSeconds'];
    if (typeof expiration === 'number' && expiration < 600) {
      errors.push(invalid(path.child('expirationSeconds'), expiration, 'may not specify a duration less than 600 seconds (10 minutes)'));
    }
    return errors;
  },
};

export const CERTIFICATE_RULES: readonly ObjectRule[] = [certificateSigningRequestRule];
