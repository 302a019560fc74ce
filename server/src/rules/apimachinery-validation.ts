/**
 * The string validators of k8s.io/apimachinery/pkg/util/validation, each returning the detail messages the API
 * server prints (an empty list when the value is valid), word for word.
 */
import { TextMemo } from '../kube/text-memo';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;
const CONFIG_KEY = '[-._a-zA-Z0-9]+';
const PERCENT = '[0-9]+%';

const compiled = new Map<string, RegExp>();
/** The pattern anchored at both ends, compiled once: validators run for every label of every object. */
function whole(pattern: string): RegExp {
  let regExp = compiled.get(pattern);
  if (!regExp) {
    regExp = new RegExp(`^(?:${pattern})$`);
    compiled.set(pattern, regExp);
  }
  return regExp;
}

/** RegexError in validation.go: the message, examples, and the pattern. */
function regexError(message: string, pattern: string, ...examples: string[]): string {
  const shown = examples.length > 0 ? ` (e.g. ${examples.map((e) => `'${e}'`).join(',  or ')}, regex used for validation is '${pattern}')` : ` (regex used for validation is '${pattern}')`;
  return message + shown;
}

export function maxLengthError(length: number): string {
  return `must be no more than ${length} characters`;
}

export function isDns1123Label(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLengthError(63));
  if (!whole(DNS1123_LABEL).test(value)) {
    errors.push(
      regexError(
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        DNS1123_LABEL,
        'my-name',
        '123-abc',
      ),
    );
  }
  return errors;
}

export function isDns1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push(maxLengthError(253));
  if (!whole(DNS1123_SUBDOMAIN).test(value)) {
    errors.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN,
        'example.com',
      ),
    );
  }
  return errors;
}

export function isDns1035Label(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLengthError(63));
  if (!whole(DNS1035_LABEL).test(value)) {
    errors.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errors;
}

const QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/**
 * Whether a text is valid, remembered, so that the label keys and values every object repeats (`app`,
 * `app.kubernetes.io/name`) are judged once; the messages of an invalid one are made again when asked for.
 */
const validQualifiedNames = new TextMemo((text) => qualifiedNameErrors(text).length === 0, 4096, 128);
const validLabelValues = new TextMemo((text) => labelValueErrors(text).length === 0, 4096, 128);

/** Label and annotation keys: `name` or `prefix/name`, the prefix a DNS-1123 subdomain. */
export function isQualifiedName(value: string): string[] {
  return validQualifiedNames.get(value) ? [] : qualifiedNameErrors(value);
}

function qualifiedNameErrors(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0]!;
  } else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...isDns1123Subdomain(prefix).map((message) => `prefix part ${message}`));
  } else {
    return [`a qualified name ${regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push(`name part ${maxLengthError(63)}`);
  if (!whole(QUALIFIED_NAME).test(name)) errors.push(`name part ${regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc')}`);
  return errors;
}

export function isValidLabelValue(value: string): string[] {
  return validLabelValues.get(value) ? [] : labelValueErrors(value);
}

function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLengthError(63));
  if (!whole(LABEL_VALUE).test(value)) {
    errors.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errors;
}

export function isConfigMapKey(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push(maxLengthError(253));
  if (!whole(CONFIG_KEY).test(value)) {
    errors.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY, 'key.name', 'KEY_NAME', 'key-name'));
  }
  if (value === '.') errors.push("must not be '.'");
  else if (value === '..') errors.push("must not be '..'");
  else if (value.startsWith('..')) errors.push("must not start with '..'");
  return errors;
}

/** IANA_SVC_NAME: container and service port names. */
export function isValidPortName(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 15) errors.push(maxLengthError(15));
  if (!/^[-a-z0-9]+$/.test(value)) errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(value)) errors.push('must contain at least one letter (a-z)');
  if (value.includes('--')) errors.push('must not contain consecutive hyphens');
  if (value.startsWith('-') || value.endsWith('-')) errors.push('must not begin or end with a hyphen');
  return errors;
}

export function isValidPortNumber(value: number): string[] {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? [] : ['must be between 1 and 65535, inclusive'];
}

export function isValidPercent(value: string): string[] {
  return whole(PERCENT).test(value) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT, '1%', '93%')];
}

/** Names that may not be path segments on their own, and text no path segment may contain (api/validation/path). */
const NAME_MAY_NOT_BE = ['.', '..'];
const NAME_MAY_NOT_CONTAIN = ['/', '%'];

/**
 * IsValidPathSegmentName: names that become URL path segments (RBAC names, object references' kinds and names), far
 * looser than a DNS name.
 */
export function isValidPathSegmentName(value: string): string[] {
  for (const name of NAME_MAY_NOT_BE) if (value === name) return [`may not be '${name}'`];
  return NAME_MAY_NOT_CONTAIN.filter((text) => value.includes(text)).map((text) => `may not contain '${text}'`);
}

const C_IDENTIFIER = '[A-Za-z_][A-Za-z0-9_]*';

/** IsCIdentifier: a name usable as a C (and CEL) identifier. */
export function isCIdentifier(value: string): string[] {
  if (whole(C_IDENTIFIER).test(value)) return [];
  return [regexError("a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'", C_IDENTIFIER, 'my_name', 'MY_NAME', 'MyName')];
}
