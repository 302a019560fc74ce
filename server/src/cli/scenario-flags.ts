/** The values of `kubeplan plan --scale` and `--for`, read into scenario steps; a value that does not read is a usage error. */
import { parseGoDuration } from '../cron/go-duration';
import { durationText, MAX_FOR_SECONDS } from '../cluster/scenarios/pass-time';
import { MAX_REPLICAS, resolveScalableKind } from '../cluster/scenarios/scale';
import type { ScenarioStep } from '../protocol/plan';
import { isDns1123Label } from '../rules/apimachinery-validation';
import { UsageError } from './usage-error';

/**
 * `[NAMESPACE/]KIND/NAME=N`. Without a namespace the step's namespace is left empty, for the plan's `-n` (or
 * `default`) to fill in once every flag is read.
 */
export function scaleFlag(raw: string): Extract<ScenarioStep, { kind: 'scale' }> {
  const usage = (why: string) => new UsageError(`--scale ${raw}: ${why}; write [NAMESPACE/]KIND/NAME=REPLICAS, e.g. --scale deployment/web=5`);
  const equals = raw.lastIndexOf('=');
  if (equals < 0) throw usage('no =REPLICAS');
  const target = raw.slice(0, equals).split('/');
  const count = raw.slice(equals + 1);
  if (target.length < 2 || target.length > 3 || target.some((part) => part === '')) throw usage('the object is not KIND/NAME or NAMESPACE/KIND/NAME');
  const [namespace, kind, name] = target.length === 3 ? (target as [string, string, string]) : ['', target[0]!, target[1]!];
  if (namespace !== '' && isDns1123Label(namespace).length > 0) throw usage(`"${namespace}" is not a namespace name`);
  if (!/^[+-]?\d+$/.test(count)) throw usage(`"${count}" is not a whole number of replicas`);
  const replicas = Number(count);
  // kubectl scale.go Validate refuses a negative --replicas before it reads anything.
  if (replicas < 0) throw new UsageError(`--scale ${raw}: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0`);
  if (replicas > MAX_REPLICAS) throw usage(`${count} is more replicas than spec.replicas holds (${MAX_REPLICAS})`);
  const resource = resolveScalableKind(kind);
  if (typeof resource !== 'string') throw new UsageError(`--scale ${raw}: ${resource.error}`);
  return { kind: 'scale', resource, namespace, name, replicas };
}

/** A Go duration (time.ParseDuration: `90s`, `1h30m`, `2h`) of whole seconds, more than zero and at most MAX_FOR_SECONDS. */
export function forFlag(raw: string): Extract<ScenarioStep, { kind: 'for' }> {
  const parsed = parseGoDuration(raw);
  const usage = (why: string) => new UsageError(`--for ${raw}: ${why}`);
  if ('error' in parsed) throw usage(`${parsed.error}; write a Go duration such as 90s, 15m or 1h30m`);
  if (parsed.nanoseconds <= 0n) throw usage('the duration must be more than zero');
  if (parsed.nanoseconds % 1_000_000_000n !== 0n) throw usage('the plan keeps time in whole seconds');
  const seconds = Number(parsed.nanoseconds / 1_000_000_000n);
  if (seconds > MAX_FOR_SECONDS) throw usage(`longer than the ${durationText(MAX_FOR_SECONDS)} (365 days) a plan lets pass`);
  return { kind: 'for', seconds };
}
