/**
 * What a rule is: an id that never changes, a default severity, the kinds it looks at, and a pure check from one
 * decoded object to field errors. Rules run only on objects that decoded cleanly, as the API server validates
 * only what it could decode.
 */
import type { Severity } from '../kube/findings';
import type { PlainObject } from '../kube/plain-values';
import type { KubernetesVersion } from '../schema/versions';
import type { FieldError } from '../kube/field-errors';

export type RuleFamily = 'api-validation' | 'api-warnings' | 'cross-object' | 'best-practice';

export interface RuleContext {
  apiVersion: string;
  kind: string;
  /** The object as written and decoded. */
  object: PlainObject;
  /** The object after API-server defaulting, which is what the API server validates. */
  defaulted: PlainObject;
  kubernetesVersion: KubernetesVersion;
}

export interface ObjectRule {
  /** Stable, kebab-case; used in settings, `.kubeplan.yaml`, suppressions and the docs. */
  id: string;
  family: RuleFamily;
  defaultSeverity: Severity | 'off';
  /** One sentence: what the rule reports. */
  description: string;
  /** The kinds it looks at; absent for every kind. */
  kinds?: readonly string[];
  check(context: RuleContext): FieldError[];
}
