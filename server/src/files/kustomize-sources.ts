/**
 * Where a finding about a rendered kustomization belongs: in the file that produced the field. An object's origin
 * (kustomize's `config.kubernetes.io/origin`) names the resource file or the generator's kustomization; a field a
 * patch sets is placed in that patch. The last patch that sets a field wins, as patches apply bases first and in
 * the order each kustomization lists them. A field written in no source file is placed at its object in the origin
 * file, and its message says it comes from kustomize's output.
 */
import * as path from 'node:path';
import type { FileFinding, OffsetRange } from '../kube/findings';
import { goRegexp } from '../kube/go-regexp';
import { isObject, type Keys, type PlainObject, type PlainValue } from '../kube/plain-values';
import { pathToFileURL } from 'node:url';
import type { CheckedText, TextInput } from '../check/check-texts';
import { LineIndex } from '../parse/line-index';
import type { ResponsePlacer } from '../plan/plan-texts';
import type { RenderedKustomization, RenderedObject, SourceLocation } from '../protocol/plan-request';
import { parseYamlChunk, type YamlDocument } from '../parse/yaml-documents';
import { splitDocuments } from '../parse/split-documents';
import { readKustomizationTree, kustomizationFileIn, type PatchSource } from './kustomization-tree';
import { readInputFile } from './read-text';

/** A finding's or object's place in a source file, with that file's text (to turn offsets into lines). */
export interface SourcePlace {
  file: string;
  text: string;
  range: OffsetRange;
}

export const RENDERED_ONLY = "in kustomize's output; not written in this file";

interface SourceDocument {
  offset: number;
  document: YamlDocument;
  value: PlainObject;
}

export class KustomizeSources {
  /** The rendered objects as one manifest text, to check and plan. */
  readonly manifest: TextInput;
  private readonly starts: number[] = [];
  private readonly patches: PatchSource[];
  private readonly kustomizationFile: string;
  private readonly files = new Map<string, { text: string; documents: SourceDocument[] }>();

  constructor(
    private readonly rendered: RenderedKustomization,
    manifestName: string,
  ) {
    let text = '';
    for (const object of rendered.objects) {
      const body = object.text.replace(/^---[^\n]*\n/, '');
      if (text !== '') text += '---\n';
      this.starts.push(text.length);
      text += body.endsWith('\n') ? body : `${body}\n`;
    }
    this.manifest = { file: manifestName, text };
    const tree = readKustomizationTree(rendered.folder);
    this.patches = tree.patches;
    this.kustomizationFile = kustomizationFileIn(rendered.folder) ?? path.join(rendered.folder, 'kustomization.yaml');
  }

  /** The files the objects came from, for the run's summary. */
  sourceFiles(): string[] {
    return [...new Set(this.rendered.objects.map(({ origin }) => (origin.repo === undefined ? (origin.file ?? origin.configuredIn) : undefined) ?? this.kustomizationFile))];
  }

  /** Where a finding made on `manifest` belongs, and its message there. */
  place(finding: FileFinding): SourcePlace & { message: string } {
    const index = this.objectAt(finding.range.start);
    const object = this.rendered.objects[index];
    if (!object) return { ...this.whole(this.kustomizationFile), message: finding.message };
    const [document] = parseYamlChunk(object.text.replace(/^---[^\n]*\n/, ''));
    const value: PlainObject = isObject(document?.value) ? document.value : {};
    const keys = keysOfPath(finding.path, value);
    const depth = existingDepth(value, keys);
    const local = finding.range.start - this.starts[index]!;
    const prefer = document && keys.length > 0 && document.locate(keys, 'key').start === local ? 'key' : 'value';
    const source = this.sourceDocument(object);
    const renderedName = nameOf(value);
    const sourceName = source ? nameOf(source.value) : renderedName;
    const kind = typeof value['kind'] === 'string' ? value['kind'] : '';
    if (keys.length > 0) {
      const patched = this.patchPlace(kind, renderedName, sourceName, value, keys, depth, prefer);
      if (patched) return { ...patched, message: finding.message };
      if (source && existingDepth(source.value, keys) >= depth) {
        return { file: source.file, text: source.text, range: shift(source.document.locate(keys, prefer), source.offset), message: finding.message };
      }
    } else if (source) {
      return { file: source.file, text: source.text, range: shift(source.document.locate([], 'value'), source.offset), message: finding.message };
    }
    return { ...this.objectPlace(index), message: `${finding.message} (${RENDERED_ONLY})` };
  }

  /** The places of a `kubeplan/plan` answer: files as `file:` URIs, lines and characters counted from 0. */
  responsePlacer(): ResponsePlacer {
    const lines = new Map<string, LineIndex>();
    const location = (place: SourcePlace): SourceLocation => {
      let index = lines.get(place.file);
      if (!index) lines.set(place.file, (index = new LineIndex(place.text)));
      return { uri: pathToFileURL(place.file).href, range: { start: index.positionAt(place.range.start), end: index.positionAt(place.range.end) } };
    };
    const ours = (text: CheckedText) => text.file === this.manifest.file;
    return {
      finding: (text, finding) => {
        if (!ours(text)) return undefined;
        const place = this.place(finding);
        return { ...location(place), message: place.message };
      },
      object: (text, range) => (ours(text) ? location(this.placeObject(range)) : undefined),
    };
  }

  /** Where an object of `manifest` (by its range there) is written: its document in the origin file, or its generator. */
  placeObject(range: OffsetRange): SourcePlace {
    return this.objectPlace(this.objectAt(range.start));
  }

  private objectPlace(index: number): SourcePlace {
    const object = this.rendered.objects[index];
    const source = object && this.sourceDocument(object);
    if (source) return { file: source.file, text: source.text, range: shift(source.document.locate([], 'value'), source.offset) };
    return this.whole(object?.origin.repo === undefined ? (object?.origin.file ?? this.kustomizationFile) : this.kustomizationFile);
  }

  private whole(file: string): SourcePlace {
    const text = this.read(file).text;
    return { file, text, range: { start: 0, end: text.indexOf('\n') === -1 ? text.length : text.indexOf('\n') } };
  }

  private objectAt(offset: number): number {
    let index = 0;
    while (index + 1 < this.starts.length && this.starts[index + 1]! <= offset) index++;
    return index;
  }

  /**
   * The object's document in its origin: the document of the resource file with its kind whose name the rendered
   * name contains (a name prefix, suffix or hash is added around it); for a generated object, its generator entry.
   */
  private sourceDocument(object: RenderedObject): (SourceDocument & { file: string; text: string }) | undefined {
    const { origin } = object;
    if (origin.repo !== undefined) return undefined;
    const [document] = parseYamlChunk(object.text.replace(/^---[^\n]*\n/, ''));
    const value = isObject(document?.value) ? document.value : {};
    const name = nameOf(value);
    if (origin.file !== undefined) {
      const { text, documents } = this.read(origin.file);
      const sameKind = documents.filter((candidate) => candidate.value['kind'] === value['kind']);
      const named = sameKind.filter((candidate) => name.includes(nameOf(candidate.value))).sort((a, b) => nameOf(b.value).length - nameOf(a.value).length);
      const found = named[0] ?? (sameKind.length === 1 ? sameKind[0] : undefined);
      return found && { ...found, file: origin.file, text };
    }
    if (origin.configuredIn !== undefined && origin.generator !== undefined) {
      const { text, documents } = this.read(origin.configuredIn);
      const kustomization = documents[0];
      const field = origin.generator === 'SecretGenerator' ? 'secretGenerator' : 'configMapGenerator';
      const entries = kustomization && Array.isArray(kustomization.value[field]) ? kustomization.value[field] : [];
      const at = entries.findIndex((entry) => isObject(entry) && typeof entry['name'] === 'string' && name.includes(entry['name']));
      if (!kustomization || at === -1) return undefined;
      const entry = entries[at] as PlainObject;
      // Placed at the generator entry: its fields are not the object's, so `locate` is asked only for the entry.
      const entryDocument: YamlDocument = { ...kustomization.document, locate: () => kustomization.document.locate([field, at], 'value') };
      return { offset: kustomization.offset, document: entryDocument, value: { metadata: { name: String(entry['name']) } }, file: origin.configuredIn, text };
    }
    return undefined;
  }

  /** The last patch that applies to the object and sets the field, and where it sets it. */
  private patchPlace(kind: string, renderedName: string, sourceName: string, value: PlainObject, keys: Keys, depth: number, prefer: 'key' | 'value'): SourcePlace | undefined {
    for (const patch of [...this.patches].reverse()) {
      const { text, documents } = this.patchDocuments(patch);
      for (const candidate of [...documents].reverse()) {
        const at = setsField(patch, candidate, kind, renderedName, sourceName, value, keys, depth);
        if (at) return { file: patch.file, text, range: shift(candidate.document.locate(at, prefer), candidate.offset) };
      }
    }
    return undefined;
  }

  /** The documents of a patch: its file's, or those of an inline patch's text (placed at the inline text). */
  private patchDocuments(patch: PatchSource): { text: string; documents: SourceDocument[] } {
    const file = this.read(patch.file);
    if (!patch.inlineAt) return file;
    const kustomization = file.documents[0];
    let inline: PlainValue | undefined = kustomization?.value;
    for (const key of patch.inlineAt) inline = Array.isArray(inline) && typeof key === 'number' ? inline[key] : isObject(inline) ? inline[String(key)] : undefined;
    if (!kustomization || typeof inline !== 'string') return { text: file.text, documents: [] };
    const where = kustomization.document.locate(patch.inlineAt, 'value');
    const documents = parseDocuments(inline).map(({ document, value }) => ({ offset: kustomization.offset, value, document: { ...document, locate: () => where } }));
    return { text: file.text, documents };
  }

  private read(file: string): { text: string; documents: SourceDocument[] } {
    let read = this.files.get(file);
    if (!read) {
      let text = '';
      try {
        text = readInputFile(file).text;
      } catch {
        // A file kustomize read and we cannot: its findings go to the object's start in the overlay.
      }
      read = { text, documents: parseDocuments(text) };
      this.files.set(file, read);
    }
    return read;
  }
}

function parseDocuments(text: string): SourceDocument[] {
  const documents: SourceDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    for (const document of parseYamlChunk(chunk.text)) {
      if (isObject(document.value)) documents.push({ offset: chunk.offset, document, value: document.value });
      // A JSON 6902 patch is a list of operations.
      else if (Array.isArray(document.value)) documents.push({ offset: chunk.offset, document, value: { '': document.value } });
    }
  }
  return documents;
}

/**
 * Where the patch document sets the field, if it applies to the object. A strategic-merge patch names its object
 * by kind and name (or the kustomization's target does) and sets a field when it holds the path, list items
 * matched by `name` or by their scalar fields as the merge keys match them; a JSON 6902 patch sets it with an
 * `add` or `replace` whose path is the field or one above it (RFC 6902). A scalar must hold the value rendered.
 */
function setsField(patch: PatchSource, candidate: SourceDocument, kind: string, renderedName: string, sourceName: string, value: PlainObject, keys: Keys, depth: number): Keys | undefined {
  const operations = candidate.value[''];
  const targetKind = patch.target?.kind ?? (typeof candidate.value['kind'] === 'string' ? candidate.value['kind'] : undefined);
  const targetName = patch.target?.name ?? (Array.isArray(operations) ? undefined : nameOf(candidate.value));
  if (targetKind !== undefined && targetKind !== kind) return undefined;
  if (targetName !== undefined && !namesMatch(targetName, renderedName, sourceName)) return undefined;
  const rendered = valueAt(value, keys.slice(0, depth));
  if (Array.isArray(operations)) {
    for (let i = operations.length - 1; i >= 0; i--) {
      const operation = operations[i];
      if (!isObject(operation) || (operation['op'] !== 'add' && operation['op'] !== 'replace') || typeof operation['path'] !== 'string') continue;
      const pointer = operation['path']
        .split('/')
        .slice(1)
        .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (pointer.length > depth || !pointer.every((token, j) => token === String(keys[j]))) continue;
      const rest = keys.slice(pointer.length, depth);
      if (existingDepth(operation['value'], rest) < rest.length) continue;
      if (!sameScalar(valueAt(operation['value'], rest), rendered)) continue;
      return [i, 'value', ...keys.slice(pointer.length)];
    }
    return undefined;
  }
  if (!isObject(candidate.value['metadata']) && patch.target === undefined) return undefined;
  const at = strategicPath(candidate.value, value, keys.slice(0, depth));
  if (!at || !sameScalar(valueAt(candidate.value, at), rendered)) return undefined;
  return [...at, ...keys.slice(depth)];
}

/** The path in a strategic-merge patch that corresponds to the rendered path, list items matched as merge keys match. */
function strategicPath(patch: PlainValue, rendered: PlainValue, keys: Keys): Keys | undefined {
  const out: (string | number)[] = [];
  let inPatch: PlainValue | undefined = patch;
  let inRendered: PlainValue | undefined = rendered;
  for (const key of keys) {
    if (typeof key === 'number') {
      if (!Array.isArray(inPatch) || !Array.isArray(inRendered)) return undefined;
      const item: PlainValue | undefined = inRendered[key];
      const index = inPatch.findIndex((candidate) => sameListItem(candidate, item));
      if (index === -1) return undefined;
      out.push(index);
      inPatch = inPatch[index];
      inRendered = item;
    } else {
      if (!isObject(inPatch) || !(key in inPatch) || !isObject(inRendered)) return undefined;
      out.push(key);
      inPatch = inPatch[key];
      inRendered = inRendered[key];
    }
  }
  return out;
}

/** A patch's list item matches a rendered one by `name`, else when every scalar field it has holds the rendered value. */
function sameListItem(patchItem: PlainValue, item: PlainValue | undefined): boolean {
  if (!isObject(patchItem) || !isObject(item)) return sameScalar(patchItem, item ?? null) && (patchItem === null || typeof patchItem !== 'object');
  if (typeof patchItem['name'] === 'string') return patchItem['name'] === item['name'];
  const scalars = Object.entries(patchItem).filter(([, field]) => field === null || typeof field !== 'object');
  return scalars.length > 0 && scalars.every(([key, field]) => item[key] === field);
}

/** A patch's name is the object's name at the patch's kustomization: the rendered name holds it, and it holds the source's. */
function namesMatch(patchName: string, renderedName: string, sourceName: string): boolean {
  if (patchName === renderedName || patchName === sourceName) return true;
  if (renderedName.includes(patchName) && patchName.includes(sourceName)) return true;
  // A target's name is a Go regular expression matched whole (api/types/selector.go, SelectorRegex).
  const pattern = goRegexp(`^(?:${patchName})$`);
  return pattern.ok && (pattern.regexp.test(renderedName) || pattern.regexp.test(sourceName));
}

function sameScalar(a: PlainValue | undefined, b: PlainValue | undefined): boolean {
  const scalar = (v: PlainValue | undefined) => v === null || v === undefined || typeof v !== 'object';
  return !scalar(a) || !scalar(b) || a === b;
}

/**
 * The keys of a field path as the API server writes it (`spec.containers[0].image`, `data[tls.crt]`;
 * k8s.io/apimachinery/pkg/util/validation/field/path.go, Path.String): a bracket holds a list index where the value
 * is a list, else a map key.
 */
export function keysOfPath(fieldPath: string, value: PlainValue): Keys {
  const keys: (string | number)[] = [];
  let current: PlainValue | undefined = value;
  for (const match of fieldPath.matchAll(/\[([^\]]*)\]|([^.[\]]+)/g)) {
    const bracket = match[1];
    const key: string | number = bracket !== undefined && Array.isArray(current) && /^\d+$/.test(bracket) ? Number(bracket) : (bracket ?? match[2]!);
    keys.push(key);
    current = Array.isArray(current) && typeof key === 'number' ? current[key] : isObject(current) ? current[String(key)] : undefined;
  }
  return keys;
}

/** How many of the keys lead to a value. */
function existingDepth(value: PlainValue | undefined, keys: Keys): number {
  let current = value;
  for (let depth = 0; depth < keys.length; depth++) {
    const key = keys[depth]!;
    if (Array.isArray(current) && typeof key === 'number' && key < current.length) current = current[key];
    else if (isObject(current) && typeof key === 'string' && key in current) current = current[key];
    else return depth;
  }
  return keys.length;
}

function valueAt(value: PlainValue | undefined, keys: Keys): PlainValue | undefined {
  let current = value;
  for (const key of keys) current = Array.isArray(current) && typeof key === 'number' ? current[key] : isObject(current) ? current[String(key)] : undefined;
  return current;
}

function nameOf(value: PlainObject): string {
  const metadata = value['metadata'];
  return isObject(metadata) && typeof metadata['name'] === 'string' ? metadata['name'] : '';
}

function shift(range: OffsetRange, offset: number): OffsetRange {
  return { start: range.start + offset, end: range.end + offset };
}
