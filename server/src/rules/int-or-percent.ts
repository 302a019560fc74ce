/**
 * Counts written as an integer or a percent (maxSurge, maxUnavailable, minAvailable), as pkg/apis/apps/validation
 * checks them for the apps workloads and pkg/apis/policy/validation reuses them for PodDisruptionBudgets. The errors
 * carry the intstr.IntOrString itself as their value, as upstream passes it.
 */
import { invalid, type FieldError, type FieldPath } from '../kube/field-errors';
import { intOrString } from '../kube/go-values';
import type { PlainValue } from '../kube/plain-values';
import { isValidPercent } from './apimachinery-validation';

export function isIntOrString(value: PlainValue | undefined): value is number | string {
  return typeof value === 'number' || typeof value === 'string';
}

/** getPercentValue: the number before `%` of a valid percent. */
function percentValue(value: number | string): number | undefined {
  return typeof value === 'string' && isValidPercent(value).length === 0 ? Number(value.slice(0, -1)) : undefined;
}

/** Go's strconv.Atoi, 0 on any error, as IntOrString.IntValue reads a string. */
const DECIMAL = /^[+-]?[0-9]+$/;
function atoi(text: string): number {
  return DECIMAL.test(text) ? Number(text) : 0;
}

/** getIntOrPercentValue */
export function intOrPercentValue(value: number | string): number {
  const percent = percentValue(value);
  if (percent !== undefined) return percent;
  return typeof value === 'number' ? value : atoi(value);
}

/** ValidatePositiveIntOrPercent */
export function positiveIntOrPercentErrors(value: number | string, path: FieldPath): FieldError[] {
  if (typeof value === 'string') return isValidPercent(value).map((message) => invalid(path, intOrString(value), message));
  return value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];
}

/** IsNotMoreThan100Percent */
export function notMoreThan100PercentErrors(value: number | string, path: FieldPath): FieldError[] {
  const percent = percentValue(value);
  return percent !== undefined && percent > 100 ? [invalid(path, intOrString(value), 'must not be greater than 100%')] : [];
}
