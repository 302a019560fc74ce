/**
 * intstr.IntOrString as controllers read it (apimachinery/pkg/util/intstr/intstr.go): a count, or a percentage of a
 * total.
 */

export type IntOrString = number | string;

/** GetScaledValueFromIntOrPercent: an int as is; "p%" as p × total / 100 in float64, rounded up or down. */
export function scaledValueFromIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number | { error: string } {
  if (value === undefined) return { error: 'nil value for IntOrString' };
  if (typeof value === 'number') return value;
  if (!value.endsWith('%')) return { error: 'invalid value for IntOrString: invalid type: string is not a percentage' };
  const digits = value.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits)) {
    return { error: `invalid value for IntOrString: invalid value "${value}": strconv.Atoi: parsing "${digits}": invalid syntax` };
  }
  const scaled = (Number(digits) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
