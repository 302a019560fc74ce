/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): `500m`, `1.5Gi`, `1e3`, `2`.
 * Parsing follows ParseQuantity, including its three error messages.
 */
export const QUANTITY_FORMAT_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_NUMERIC_ERROR = 'unable to parse numeric part of quantity';
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  /** The amount in base units (cores, bytes); a float, exact for everything a manifest plausibly holds. */
  value: number;
  format: QuantityFormat;
}

const SHAPE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export type QuantityResult = { ok: true; quantity: Quantity } | { ok: false; error: string };

export function parseQuantity(input: string | number): QuantityResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, quantity: { value: input, format: 'DecimalSI' } } : { ok: false, error: QUANTITY_FORMAT_ERROR };
  }
  const match = SHAPE.exec(input);
  if (!match) return { ok: false, error: QUANTITY_FORMAT_ERROR };
  const numeric = match[1]!;
  const suffix = match[2]!;
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(numeric)) return { ok: false, error: QUANTITY_NUMERIC_ERROR };
  const number = Number(numeric);
  if (suffix in BINARY) return { ok: true, quantity: { value: number * BINARY[suffix]!, format: 'BinarySI' } };
  if (suffix in DECIMAL) return { ok: true, quantity: { value: number * DECIMAL[suffix]!, format: 'DecimalSI' } };
  const exponent = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
  if (exponent) return { ok: true, quantity: { value: number * 10 ** Number(exponent[1]), format: 'DecimalExponent' } };
  return { ok: false, error: QUANTITY_SUFFIX_ERROR };
}
