/**
 * Documents that could not be read (a YAML syntax error): they hold no object, yet what they were meant to hold may
 * be exactly what a cross-object rule looks for. A rule that would report "nothing matches" or "not found" asks
 * `unreadableMatches` first:
 *
 * - when a document's readable part is what the rule looks for (its kind, namespace and name, or the labels its
 *   selector wants, all read whole before the error), the finding is withheld: the object is there;
 * - when the document may be it (the kind could not be read, or the namespace, name or labels were cut by the
 *   error), the finding is withheld and `target-in-unreadable-document` says, as information, where to look;
 * - when what was read rules it out (another kind, namespace or name; labels read whole that do not match), the
 *   rule reports as it would without the document.
 *
 * A document whose namespace could not be read may be in any namespace. Nothing here is ever a warning or an
 * error: another document's syntax error is reported once, on that document.
 */
import type { Catalog } from './catalog';
import type { ScopeOf } from './namespaces';
import type { Report } from './workspace-object';
import { labelsOf, type LabelMatcher, type Labels } from '../kube/label-selectors';
import { isObject, objectAt, stringAt, type Keys, type PlainValue } from '../kube/plain-values';
import { POD_TEMPLATE_KINDS, podTemplatePath } from '../kube/pod-templates';
import type { PartialDocument } from '../parse/partial-documents';

export interface UnreadableDocument {
  /** The 1-based line of its file where the document starts. */
  line: number;
  /** Each field is undefined when it could not be read. */
  apiVersion?: string;
  kind?: string;
  name?: string;
  /** `metadata.namespace` as written; `''` when the metadata, read whole, names none. */
  namespace?: string;
  /** `metadata.labels`, when read whole. */
  labels?: Labels;
  /** The labels of its pod template's pods, when its kind has a pod template and they were read whole. */
  podLabels?: Labels;
}

/** What a partial document tells of the object it was meant to be. */
export function unreadableDocument(partial: PartialDocument, line: number): UnreadableDocument {
  const cut = new Set(partial.cut.map((keys) => keys.join('\u0000')));
  // A mapping the error cut may have lost entries; one closed before the error's line is whole, wherever it is.
  const whole = (keys: Keys): boolean => !cut.has(keys.join('\u0000'));
  const value = partial.value;
  const document: UnreadableDocument = { line };
  const apiVersion = stringAt(value, 'apiVersion');
  const kind = stringAt(value, 'kind');
  if (apiVersion) document.apiVersion = apiVersion;
  if (kind) document.kind = kind;
  const metadata = objectAt(value, 'metadata');
  const name = stringAt(metadata, 'name');
  if (name) document.name = name;
  const namespace = stringAt(metadata, 'namespace');
  if (namespace !== undefined) document.namespace = namespace;
  else if (metadata ? whole(['metadata']) : whole([])) document.namespace = '';
  const labels = labelsAt(value, ['metadata', 'labels'], whole);
  if (labels) document.labels = labels;
  const templatePath = kind === undefined ? undefined : podTemplatePath(kind);
  if (templatePath) {
    const podLabels = labelsAt(value, [...templatePath, 'metadata', 'labels'], whole);
    if (podLabels) document.podLabels = podLabels;
  }
  return document;
}

/** The labels at a path, when the error did not cut them; `{}` when a mapping on the way, read whole, has no such key. */
function labelsAt(value: PlainValue | undefined, path: readonly string[], whole: (keys: Keys) => boolean): Labels | undefined {
  let at: PlainValue | undefined = value;
  for (let depth = 0; depth < path.length; depth++) {
    if (!isObject(at)) return at === undefined ? undefined : {};
    const next: PlainValue | undefined = at[path[depth]!];
    if (next === undefined || next === null) return whole(path.slice(0, depth)) && whole(path.slice(0, depth + 1)) ? {} : undefined;
    at = next;
  }
  return whole(path) ? labelsOf(at) : undefined;
}

/** The kinds whose pods Services, budgets and policies select: a PodTemplate runs none (see podTemplateOf). */
export const POD_SELECTED_KINDS: readonly string[] = POD_TEMPLATE_KINDS.filter((kind) => kind !== 'PodTemplate');

/** What a lookup wants: an object of one of `kinds` in a namespace scope, with a name, or with labels a selector matches. */
export interface Wanted {
  kinds: readonly string[];
  /** The namespace scope ("" for cluster-scoped kinds). */
  namespace: string;
  name?: string;
  /** Matched against the labels of the pods of the document's pod template. */
  pods?: LabelMatcher;
  /** Matched against the document's own labels. */
  labels?: LabelMatcher;
}

export type Verdict = 'is' | 'may be' | 'is not';

export function verdictOn(document: UnreadableDocument, wanted: Wanted, scopeOf: ScopeOf): Verdict {
  let known = true;
  if (document.kind === undefined) known = false;
  else if (!wanted.kinds.includes(document.kind)) return 'is not';
  if (document.namespace === undefined) known = false;
  else if (document.kind !== undefined) {
    if (scopeOf({ apiVersion: document.apiVersion ?? '', kind: document.kind, namespace: document.namespace }) !== wanted.namespace) return 'is not';
  } else if (wanted.namespace !== '' && (document.namespace || 'default') !== wanted.namespace) {
    // Of a kind that could not be read, the namespace written (or "default") rules out the others' namespaced objects.
    return 'is not';
  }
  if (wanted.name !== undefined) {
    if (document.name === undefined) known = false;
    else if (document.name !== wanted.name) return 'is not';
  }
  for (const [matcher, labels] of [
    [wanted.pods, document.podLabels],
    [wanted.labels, document.labels],
  ] as const) {
    if (!matcher) continue;
    if (labels === undefined) known = false;
    else if (!matcher(labels)) return 'is not';
  }
  return known ? 'is' : 'may be';
}

/** An unreadable document that may be what a lookup wants, with its file. */
export interface UnreadablePlace {
  file: string;
  document: UnreadableDocument;
}

/**
 * Whether an unreadable document is what `wanted` describes (`found`: the finding is withheld), or else the ones
 * that may be (the finding is withheld and a note names them).
 */
export function unreadableMatches(catalog: Catalog, wanted: Wanted): { found: boolean; maybe: UnreadablePlace[] } {
  const maybe: UnreadablePlace[] = [];
  for (const place of catalog.unreadableDocuments()) {
    const verdict = verdictOn(place.document, wanted, catalog.namespaceOf);
    if (verdict === 'is') return { found: true, maybe: [] };
    if (verdict === 'may be') maybe.push(place);
  }
  return { found: false, maybe };
}

/**
 * What replaces a withheld finding when the documents `maybe` may hold what it looked for: one note (information),
 * `what` being the thing looked for ("ConfigMap \"settings\"", "the pods this Service selects").
 */
export function unreadableNote(what: string, maybe: readonly UnreadablePlace[], subjectFile: string, at: Keys, prefer: 'key' | 'value' = 'value'): Report[] {
  if (maybe.length === 0) return [];
  const places = maybe.map(({ file, document }) => (file === subjectFile ? `line ${document.line} of this file` : `${file}:${document.line}`));
  const where = places.length === 1 ? `the document at ${places[0]}` : `one of the documents at ${places.join(', ')}`;
  return [
    {
      rule: 'target-in-unreadable-document',
      severity: 'information',
      message: `${what} may be in ${where}, which cannot be read (YAML syntax error); this is checked again once it can be read`,
      at,
      prefer,
    },
  ];
}
