/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): `500m`, `1.5Gi`, `1e3`, `2`.
 * Parsing follows apimachinery's ParseQuantity and its error messages. (Its third error, "unable to parse
 * numeric part of quantity", needs numbers beyond int64 precision and is not reproduced.)
 */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  /** The amount in base units (cores, bytes); a float, exact for everything a manifest plausibly holds. */
  value: number;
  format: QuantityFormat;
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const SUFFIX_LETTERS = 'eEinumkKMGTP';

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

interface QuantityParts {
  /** Sign, digits and fraction as written, e.g. "-1.5". */
  value: string;
  suffix: string;
}

/**
 * Splits a quantity the way apimachinery's parseQuantityString does: sign, digits, optional fraction, then a
 * run of suffix letters, an optional sign and digits (an exponent). Anything left over is a format error.
 */
function splitQuantity(input: string): QuantityParts | undefined {
  let pos = 0;
  if (input[pos] === '-' || input[pos] === '+') pos++;
  while (pos < input.length && isDigit(input[pos]!)) pos++;
  if (input[pos] === '.') {
    pos++;
    while (pos < input.length && isDigit(input[pos]!)) pos++;
  }
  const value = input.slice(0, pos);
  const suffixStart = pos;
  while (pos < input.length && SUFFIX_LETTERS.includes(input[pos]!)) pos++;
  if (input[pos] === '-' || input[pos] === '+') pos++;
  while (pos < input.length && isDigit(input[pos]!)) pos++;
  if (pos < input.length) return undefined;
  return { value, suffix: input.slice(suffixStart) };
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

export function parseQuantity(input: string | number): QuantityResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, quantity: { value: input, format: 'DecimalSI' } } : { ok: false, error: QUANTITY_FORMAT_ERROR };
  }
  if (input.length === 0) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const parts = splitQuantity(input);
  if (!parts) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  let scale: number;
  let format: QuantityFormat;
  const exponent = /^[eE]([+-]?[0-9]+)$/.exec(parts.suffix);
  if (parts.suffix in BINARY) [scale, format] = [BINARY[parts.suffix]!, 'BinarySI'];
  else if (parts.suffix in DECIMAL) [scale, format] = [DECIMAL[parts.suffix]!, 'DecimalSI'];
  else if (exponent) [scale, format] = [10 ** Number(exponent[1]), 'DecimalExponent'];
  else return { ok: false, error: QUANTITY_SUFFIX_ERROR };
  // apimachinery reads a missing number as 0: "-", "." and "Gi" are all valid zero quantities.
  const number = /[0-9]/.test(parts.value) ? Number(parts.value.replace(/\.$/, '')) : 0;
  return { ok: true, quantity: { value: number * scale, format } };
}
