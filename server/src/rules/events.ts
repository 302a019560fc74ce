/**
 * Events as ValidateEventCreate (pkg/apis/core/validation/events.go) validates them on create, on the internal
 * core.Event both API versions convert to: every Event gets legacyValidateEvent; one created through
 * events.k8s.io/v1 also gets the strict checks (series, type, and the deprecated fields left unset). The errors name
 * the internal fields (`involvedObject`, `message`, `reportingController`, `source`, `count` …); each finding is
 * placed on the field as the manifest's version spells it (`regarding`, `note`, `reportingComponent`,
 * `deprecatedSource`, `deprecatedCount` …).
 *
 * The event's namespace comes into the namespace checks. When the manifest does not write `metadata.namespace`,
 * kubectl sends the namespace of its context, which kubeplan does not know: those checks are skipped then.
 */
import { FieldPath, invalid, placedAt, required, type FieldError } from '../kube/field-errors';
import { isObject, objectAt, textOf, type PlainObject, type PlainValue } from '../kube/plain-values';
import { isDns1123Subdomain, isQualifiedName } from './apimachinery-validation';
import type { ObjectRule } from './rule';

const EVENTS_V1 = 'events.k8s.io/v1';
/** Limits of events.go: lengths in bytes, worded as characters. */
const REPORTING_INSTANCE_LENGTH_LIMIT = 128;
const ACTION_LENGTH_LIMIT = 128;
const REASON_LENGTH_LIMIT = 128;
const NOTE_LENGTH_LIMIT = 1024;
/** metav1.Time's zero value, which Go treats as unset. */
const ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');
const utf8 = new TextEncoder();
/** The fields legacyValidateEvent requires of an event with eventTime. */
const REQUIRED_WITH_EVENT_TIME = new Set(['reportingController', 'reportingInstance', 'action', 'reason']);

/** The manifest's field for each internal core.Event field an error names, per API version. */
const CORE_V1_FIELDS: Record<string, string> = { reportingController: 'reportingComponent' };
const EVENTS_V1_FIELDS: Record<string, string> = {
  involvedObject: 'regarding',
  message: 'note',
  source: 'deprecatedSource',
  firstTimestamp: 'deprecatedFirstTimestamp',
  lastTimestamp: 'deprecatedLastTimestamp',
  count: 'deprecatedCount',
};

const bytes = (value: string): number => utf8.encode(value).length;

/** A metav1.Time or MicroTime that is set: written, and not Go's zero time. */
function timeIsSet(value: PlainValue | undefined): boolean {
  return typeof value === 'string' && value !== '' && Date.parse(value) !== ZERO_TIME;
}

/** The internal core.Event's fields that validation reads, from either API version. */
interface InternalEvent {
  namespace: string | undefined;
  involvedNamespace: string;
  eventTimeSet: boolean;
  reportingController: string;
  reportingInstance: string;
  action: string;
  reason: string;
  message: string;
  type: string;
  firstTimestampSet: boolean;
  lastTimestampSet: boolean;
  count: number;
  source: PlainObject | undefined;
  series: PlainObject | undefined;
}

function internalEvent(event: PlainObject, strict: boolean): InternalEvent {
  const namespace = objectAt(event, 'metadata')?.['namespace'];
  const field = (name: string) => event[(strict ? EVENTS_V1_FIELDS : CORE_V1_FIELDS)[name] ?? name];
  const count = field('count');
  return {
    namespace: typeof namespace === 'string' ? namespace : undefined,
    involvedNamespace: textOf(objectAt(event, strict ? 'regarding' : 'involvedObject')?.['namespace']),
    eventTimeSet: timeIsSet(event['eventTime']),
    reportingController: textOf(field('reportingController')),
    reportingInstance: textOf(event['reportingInstance']),
    action: textOf(event['action']),
    reason: textOf(event['reason']),
    message: textOf(field('message')),
    type: textOf(event['type']),
    firstTimestampSet: timeIsSet(field('firstTimestamp')),
    lastTimestampSet: timeIsSet(field('lastTimestamp')),
    count: typeof count === 'number' ? count : 0,
    source: isObject(field('source')) ? (field('source') as PlainObject) : undefined,
    series: objectAt(event, 'series'),
  };
}

/** legacyValidateEvent: what every Event must satisfy, whichever API version created it. */
function legacyErrors(event: InternalEvent): FieldError[] {
  const errors: FieldError[] = [];
  const { namespace, involvedNamespace } = event;
  const mismatch = () => invalid(FieldPath.of('involvedObject', 'namespace'), involvedNamespace, 'does not match event.namespace');
  if (!event.eventTimeSet) {
    // An event without eventTime: the namespaces agree, or an unnamespaced object's event lives in "" or "default".
    if (namespace !== undefined) {
      if (involvedNamespace === '' ? namespace !== '' && namespace !== 'default' : namespace !== involvedNamespace) errors.push(mismatch());
    }
  } else {
    if (namespace !== undefined && involvedNamespace === '' && namespace !== 'default' && namespace !== 'kube-system') errors.push(mismatch());
    if (event.reportingController === '') errors.push(required(FieldPath.of('reportingController')));
    for (const message of isQualifiedName(event.reportingController)) {
      errors.push(invalid(FieldPath.of('reportingController'), event.reportingController, message));
    }
    errors.push(...presentAndShortErrors('reportingInstance', event.reportingInstance, REPORTING_INSTANCE_LENGTH_LIMIT));
    errors.push(...presentAndShortErrors('action', event.action, ACTION_LENGTH_LIMIT));
    errors.push(...presentAndShortErrors('reason', event.reason, REASON_LENGTH_LIMIT));
    if (bytes(event.message) > NOTE_LENGTH_LIMIT) errors.push(invalid(FieldPath.of('message'), '', `can have at most ${NOTE_LENGTH_LIMIT} characters`));
  }
  for (const message of namespace === undefined ? [] : isDns1123Subdomain(namespace)) errors.push(invalid(FieldPath.of('namespace'), namespace, message));
  return errors;
}

/** A field events.go requires and bounds: Required when empty, Invalid with an empty value when too long. */
function presentAndShortErrors(field: string, value: string, limit: number): FieldError[] {
  if (value === '') return [required(FieldPath.of(field))];
  return bytes(value) > limit ? [invalid(FieldPath.of(field), '', `can have at most ${limit} characters`)] : [];
}

/** ValidateEventCreate's strict part, for events.k8s.io/v1 (eventTime is required by the schema first). */
function strictErrors(event: InternalEvent): FieldError[] {
  const errors: FieldError[] = [];
  // validateV1EventSeries (lastObservedTime is required by the schema).
  if (event.series && (typeof event.series['count'] === 'number' ? event.series['count'] : 0) < 2) {
    errors.push(invalid(FieldPath.of('series.count'), '', 'should be at least 2'));
  }
  if (event.type !== 'Normal' && event.type !== 'Warning') errors.push(invalid(FieldPath.of('type'), '', `has invalid value: ${event.type}`));
  if (event.firstTimestampSet) errors.push(invalid(FieldPath.of('firstTimestamp'), '', 'needs to be unset'));
  if (event.lastTimestampSet) errors.push(invalid(FieldPath.of('lastTimestamp'), '', 'needs to be unset'));
  if (event.count !== 0) errors.push(invalid(FieldPath.of('count'), '', 'needs to be unset'));
  if (textOf(event.source?.['component']) !== '' || textOf(event.source?.['host']) !== '') errors.push(invalid(FieldPath.of('source'), '', 'needs to be unset'));
  return errors;
}

/**
 * Where the user writes the field an error names: the manifest's own spelling of it. A field that is not written is
 * underlined at its parent object (a missing `namespace`), or, for the fields an eventTime makes required, at
 * `eventTime`.
 */
function placed(error: FieldError, strict: boolean, object: PlainObject): FieldError {
  const first = error.path[0];
  const name = first && 'field' in first ? first.field : undefined;
  if (name === undefined) return error;
  let segments: string[];
  if (name === 'namespace') segments = ['metadata', 'namespace'];
  else if (name === 'series.count') segments = ['series', 'count'];
  else {
    const renamed = (strict ? EVENTS_V1_FIELDS : CORE_V1_FIELDS)[name] ?? name;
    segments = [renamed, ...error.path.slice(1).map((segment) => ('field' in segment ? segment.field : ''))];
  }
  if (object[segments[0]!] === undefined) {
    return 'eventTime' in object && REQUIRED_WITH_EVENT_TIME.has(name) ? placedAt(error, FieldPath.of('eventTime'), 'key') : error;
  }
  if (segments.length === 2 && isObject(object[segments[0]!]) && (object[segments[0]!] as PlainObject)[segments[1]!] === undefined) {
    return placedAt(error, FieldPath.of(segments[0]!), 'key');
  }
  return placedAt(error, FieldPath.of(...segments), error.target);
}

export const eventCreateRule: ObjectRule = {
  id: 'event-create',
  family: 'api-validation',
  defaultSeverity: 'error',
  description:
    "An Event's namespace agrees with its object's, an event with eventTime names its reporting controller, instance, action and reason within their limits, and an events.k8s.io/v1 Event has a valid type and leaves the deprecated fields unset.",
  kinds: ['Event'],
  check({ apiVersion, defaulted }) {
    if (apiVersion !== 'v1' && apiVersion !== EVENTS_V1) return [];
    const strict = apiVersion === EVENTS_V1;
    const event = internalEvent(defaulted, strict);
    const errors = legacyErrors(event);
    if (strict) errors.push(...strictErrors(event));
    return errors.map((error) => placed(error, strict, defaulted));
  },
};

export const EVENT_RULES: readonly ObjectRule[] = [eventCreateRule];
