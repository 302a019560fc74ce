/**
 * Go to definition and find references at a cursor: the object under the cursor and its field path, then the
 * reference graph (object-links.ts) in one direction or the other. Answers are objects and field paths; the
 * caller places them (open documents from their text, files on disk from theirs).
 */
import type { Keys } from '../kube/plain-values';
import type { Catalog } from '../catalog/catalog';
import type { WorkspaceObject } from '../catalog/workspace-object';
import type { ManifestObject } from '../check/report';
import { cursorAt } from './cursor';
import { definitionsAt, referencesTo } from './object-links';

export interface FieldTarget {
  object: WorkspaceObject;
  keys: Keys;
}

interface ObjectAtCursor {
  object: WorkspaceObject;
  /** The field path inside the object. */
  path: Keys;
}

/** The object of `objects` (a file's, from validateText) the offset is in, and the cursor's path inside it. */
export function objectAtCursor(text: string, offset: number, objects: readonly ManifestObject[], file: string): ObjectAtCursor | undefined {
  const cursor = cursorAt(text, offset);
  if (!cursor) return undefined;
  const manifest = objects.find((object) => object.range.start <= offset && offset <= object.range.end);
  if (!manifest) return undefined;
  const { apiVersion, kind, name, namespace, value, locate } = manifest;
  // An item of a List is an object of its own: its paths start below `items[i]`.
  const inList = cursor.document.kind?.endsWith('List') === true && cursor.path[0] === 'items' && typeof cursor.path[1] === 'number';
  return { object: { apiVersion, kind, name, namespace, value, locate, file }, path: inList ? cursor.path.slice(2) : cursor.path };
}

export function definitionTargets(at: ObjectAtCursor, catalog: Catalog): FieldTarget[] {
  return definitionsAt(at.object, at.path, catalog).map((link) => ({ object: link.to, keys: link.toAt }));
}

const NAME: Keys = ['metadata', 'name'];

/**
 * What refers to what the cursor is on: the object (anywhere in it but a reference), one key of a ConfigMap's or
 * Secret's data, or one named port of a Service. On a reference, what refers to the same target.
 */
export function referenceTargets(at: ObjectAtCursor, catalog: Catalog, includeDeclaration: boolean): FieldTarget[] {
  const definition = definitionsAt(at.object, at.path, catalog)[0];
  const target = definition ? { object: definition.to, keys: definition.toAt } : { object: at.object, keys: referredPart(at.object, at.path) };
  const { kind, name } = target.object;
  const links = referencesTo({ kind, name, namespace: catalog.namespaceOf(target.object) }, target.keys, catalog);
  const found = links.map((link) => ({ object: link.from, keys: link.at }));
  return includeDeclaration ? [target, ...found] : found;
}

/** The part of an object a reference can name: a data key, a Service port by name, or else the object itself. */
function referredPart(object: WorkspaceObject, path: Keys): Keys {
  const [first, second] = path;
  if ((object.kind === 'ConfigMap' || object.kind === 'Secret') && ['data', 'binaryData', 'stringData'].includes(String(first)) && path.length === 2) return [first!, second!];
  if (object.kind === 'Service' && first === 'spec' && second === 'ports' && path.length >= 4 && path[3] === 'name') return path.slice(0, 4);
  return NAME;
}
