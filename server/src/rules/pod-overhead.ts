/**
 * A pod spec's `overhead` as ValidatePodSpec checks it (pkg/apis/core/validation/validation.go, validateOverhead): the
 * resource requirements check of a container over `{limits: overhead}` at `spec.overhead`, so the API server names
 * the entries `spec.overhead.limits[…]`.
 */
import { objectAt } from '../kube/plain-values';
import { placedAt, type FieldError } from '../kube/field-errors';
import { podSpecRule, resourceErrors } from './pod-spec';
import type { ObjectRule } from './rule';

export const podOverheadRule = podSpecRule('pod-overhead', "A pod's overhead names container resources with amounts that are not negative, as a container's limits do.", ({ spec, path }) => {
  const overhead = objectAt(spec, 'overhead');
  if (!overhead) return [];
  const written = path.child('overhead');
  const errors: FieldError[] = [];
  for (const error of resourceErrors({ limits: overhead }, written)) {
    // The entries are named under `limits`; they are underlined on the entry written under `overhead`.
    const entry = error.path[written.segments.length + 1];
    if (entry && 'key' in entry) errors.push(placedAt(error, written.key(entry.key), error.value === entry.key ? 'key' : 'value'));
    else errors.push(placedAt(error, written, 'key'));
  }
  return errors;
});

export const POD_OVERHEAD_RULES: readonly ObjectRule[] = [podOverheadRule];
