/**
 * Leases as the API server validates them on create: ValidateLeaseSpec (pkg/apis/coordination/validation). The
 * strategy and preferredHolder fields belong to the CoordinatedLeaderElection gate, off by default in every
 * supported version, which clears them before validation; they are not checked.
 */
import { FieldPath, invalid, type FieldError } from '../kube/field-errors';
import { objectAt } from '../kube/plain-values';
import type { ObjectRule } from './rule';

export const leaseSpecRule: ObjectRule = {
  id: 'lease-spec',
  family: 'api-validation',
  defaultSeverity: 'error',
  description: 'A Lease has a leaseDurationSeconds greater than 0 and leaseTransitions not negative.',
  kinds: ['Lease'],
  check({ defaulted }) {
    const spec = objectAt(defaulted, 'spec');
    if (!spec) return [];
    const errors: FieldError[] = [];
    const path = FieldPath.of('spec');
    const duration = spec['leaseDurationSeconds'];
    if (typeof duration === 'number' && duration <= 0) errors.push(invalid(path.child('leaseDurationSeconds'), duration, 'must be greater than 0'));
    const transitions = spec['leaseTransitions'];
    if (typeof transitions === 'number' && transitions < 0) errors.push(invalid(path.child('leaseTransitions'), transitions, 'must be greater than or equal to 0'));
    return errors;
  },
};
