/** Objects as symbols: one per object in a document (outline, breadcrumbs), and the workspace's by query. */
import type { OffsetRange } from '../kube/findings';
import type { ObjectRef } from '../kube/findings';
import type { ManifestObject } from '../check/report';

export interface ObjectSymbol {
  /** `Kind name`, as kubectl writes an object (`Deployment web`). */
  name: string;
  /** The namespace as written; empty when unset. */
  detail: string;
  range: OffsetRange;
  /** The object's name, or where the object starts when it has none. */
  selectionRange: OffsetRange;
}

export function symbolName(object: ObjectRef): string {
  return object.name ? `${object.kind} ${object.name}` : object.kind;
}

export function documentSymbols(objects: readonly ManifestObject[]): ObjectSymbol[] {
  return objects.map((object) => {
    const name = object.name ? object.locate(['metadata', 'name'], 'value') : undefined;
    const inside = name && name.start >= object.range.start && name.end <= object.range.end;
    return {
      name: symbolName(object),
      detail: object.namespace,
      range: object.range,
      selectionRange: inside ? name : { start: object.range.start, end: object.range.start },
    };
  });
}

/** Up to `limit` of `objects` whose `Kind name` holds the query's characters in order, case ignored; best matches first. */
export function matchingSymbols<T extends ObjectRef>(objects: Iterable<T>, query: string, limit: number): T[] {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const scored: { object: T; score: number; name: string }[] = [];
  for (const object of objects) {
    const name = symbolName(object);
    const score = matchScore(name.toLowerCase(), wanted);
    if (score !== undefined) scored.push({ object, score, name });
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((entry) => entry.object);
}

/** Lower is better: a substring match beats a scattered one, an earlier one a later one; undefined when no match. */
function matchScore(name: string, query: string): number | undefined {
  if (query === '') return 0;
  const substring = name.replace(/ /g, '').indexOf(query);
  if (substring !== -1) return substring;
  let at = 0;
  let gaps = 0;
  for (const character of query) {
    const found = name.indexOf(character, at);
    if (found === -1) return undefined;
    gaps += found - at;
    at = found + 1;
  }
  return 1000 + gaps;
}
