/**
 * flowcontrol.apiserver.k8s.io defaulting: pkg/apis/flowcontrol/v1/defaults.go and v1beta3/defaults.go. The two
 * versions differ only in nominalConcurrencyShares of a Limited level: a pointer in v1 (absent → 30, an explicit 0
 * stays 0), a plain int32 in v1beta3 (0 → 30 unless the round-trip annotation asks to keep the zero).
 */
import { isObject, objectAt, type PlainObject } from '../kube/plain-values';
import { isUnset, setDefault } from './plain';

const DEFAULT_MATCHING_PRECEDENCE = 1000;
const DEFAULT_HAND_SIZE = 8;
const DEFAULT_QUEUES = 64;
const DEFAULT_QUEUE_LENGTH_LIMIT = 50;
const DEFAULT_NOMINAL_CONCURRENCY_SHARES = 30;
/** v1beta3.PriorityLevelPreserveZeroConcurrencySharesKey */
export const PRESERVE_ZERO_SHARES_ANNOTATION = 'flowcontrol.k8s.io/v1beta3-preserve-zero-concurrency-shares';

/** Defaulters of plain int32 fields test for 0, which is also what an absent field decodes to. */
function setIfZero(object: PlainObject, field: string, value: number): void {
  if (isUnset(object[field]) || object[field] === 0) object[field] = value;
}

/** SetDefaults_FlowSchemaSpec (same in v1 and v1beta3). */
export function defaultFlowSchema(schema: PlainObject): void {
  const spec = objectAt(schema, 'spec');
  if (spec) setIfZero(spec, 'matchingPrecedence', DEFAULT_MATCHING_PRECEDENCE);
}

/** SetDefaults_ExemptPriorityLevelConfiguration, SetDefaults_LimitedPriorityLevelConfiguration's lendablePercent, SetDefaults_QueuingConfiguration. */
function defaultLevelCommon(spec: PlainObject): PlainObject | undefined {
  const exempt = objectAt(spec, 'exempt');
  if (exempt) {
    setDefault(exempt, 'nominalConcurrencyShares', 0);
    setDefault(exempt, 'lendablePercent', 0);
  }
  const limited = objectAt(spec, 'limited');
  if (!limited) return undefined;
  setDefault(limited, 'lendablePercent', 0);
  const queuing = objectAt(limited, 'limitResponse', 'queuing');
  if (queuing) {
    setIfZero(queuing, 'handSize', DEFAULT_HAND_SIZE);
    setIfZero(queuing, 'queues', DEFAULT_QUEUES);
    setIfZero(queuing, 'queueLengthLimit', DEFAULT_QUEUE_LENGTH_LIMIT);
  }
  return limited;
}

/** v1: nominalConcurrencyShares is *int32, defaulted only when absent. */
export function defaultPriorityLevelConfigurationV1(level: PlainObject): void {
  const spec = objectAt(level, 'spec');
  if (!spec) return;
  const limited = defaultLevelCommon(spec);
  if (limited) setDefault(limited, 'nominalConcurrencyShares', DEFAULT_NOMINAL_CONCURRENCY_SHARES);
}

/** v1beta3 SetDefaults_PriorityLevelConfiguration: 0 becomes 30 unless the round-trip annotation is present. */
export function defaultPriorityLevelConfigurationV1beta3(level: PlainObject): void {
  const spec = objectAt(level, 'spec');
  if (!spec) return;
  const limited = defaultLevelCommon(spec);
  if (!limited) return;
  const annotations = objectAt(level, 'metadata', 'annotations');
  const preserveZero = isObject(annotations) && Object.hasOwn(annotations, PRESERVE_ZERO_SHARES_ANNOTATION);
  if (!preserveZero) setIfZero(limited, 'nominalConcurrencyShares', DEFAULT_NOMINAL_CONCURRENCY_SHARES);
  else setDefault(limited, 'nominalConcurrencyShares', 0);
}
