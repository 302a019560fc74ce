/**
 * The validation pipeline for one file's text: split into documents, parse, recognise Kubernetes objects,
 * validate each against the schema of its kind, and place every finding on its range. Documents are cached by
 * their text, so re-validating a large file after an edit only redoes the documents that changed.
 */
import type { FileFinding, Finding, ObjectRef, OffsetRange } from '../kube/findings';
import type { FileReport, ManifestObject, SkippedReason } from './report';
import { splitDocuments } from '../parse/split-documents';
import { findTemplateSyntax } from '../parse/templates';
import { parseYamlChunk, type YamlDocument } from '../parse/yaml-documents';
import { isObject, type Keys, type PlainObject, type PlainValue } from '../kube/plain-values';
import { resolveKind, isBuiltInKindName, type KindResolution } from '../schema/api-versions';
import { applyRuleConfig, optInRules, type RuleSettings } from '../rules/rule-config';
import { defaultedView } from '../defaulting/index';
import { runObjectRules } from '../rules/run-object-rules';
import { schemaFindings } from '../schema/schema-findings';
import { validatorFor } from '../schema/validator';
import type { KubernetesVersion } from '../schema/versions';
import type { Utf8Problem } from '../parse/utf8';
import { REPEATED_KEY_LINES } from '../parse/tree-decode';
import { SizeBoundedCache } from '../parse/size-bounded-cache';
import { documentFormat, fileFormatByName } from './file-formats';
import { checkKustomization } from './kustomization';
import { hasPatchMarker, withoutDirectives, type PatchMerger } from './patch-directives';
import { unreadableInChunk } from './unreadable-chunk';
import type { UnreadableDocument } from '../catalog/unreadable-documents';
import { checkListByItems, releaseListItems } from './list-items';
import { shift } from './field-places';

/** schemaFindings' rule for a missing required field: a patch names only what it changes. */
const REQUIRED_FIELD_RULE = 'required-field';

export interface ValidateOptions {
  kubernetesVersion: KubernetesVersion;
  /** Files larger than this are not validated; one information finding says so. */
  maxBytes?: number;
  /** Severity per rule id; applied with the manifest's own suppressions after the (settings-free) cache. */
  rules?: RuleSettings;
  /** Where the file's bytes stopped being UTF-8 (see `decodeManifest`): kubectl reads them as U+FFFD; a warning says so. */
  invalidUtf8?: Utf8Problem;
  /** The file's path or URI: some files are known by name not to be manifests (see `fileFormatByName`). */
  fileName?: string;
  /**
   * The file is a strategic-merge patch a kustomization lists: its objects are partial, checked as patches
   * (`validatePatch`) as kustomize merges them, and never taken as objects. A file whose first line is
   * `# kubeplan: patch` is a patch anyway, checked as k8s.io/apimachinery's strategicpatch merges it.
   */
  patch?: boolean;
  /**
   * Keep each document's results for the next validation of the same text (the default). A reader that validates
   * every file once, as `kubeplan check` does, keeps nothing: the results would only be held until evicted.
   */
  cache?: boolean;
}

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

interface ChunkResult {
  objects: ManifestObject[];
  findings: FileFinding[];
  /** Where the document has template syntax; such a document is not parsed. */
  templateAt?: number;
  /** What the document is when its shape says it is not a Kubernetes object. */
  notManifest?: string;
  /** Its documents that could not be read, lines counted from the chunk's first (1). */
  unreadable?: UnreadableDocument[];
}

/**
 * Per-document results, keyed by document text and then by what the results depend on besides the text: the
 * Kubernetes version and which rules that are off by default the settings turn on. Every keystroke in a large document
 * adds an entry, so the cache is bounded by an estimate of the memory its entries hold, oldest first; an entry also
 * records the file that last used it, so that a closed document's entries can go at once (`releaseFile`). (Keying
 * by text alone avoids building a second copy of a large document.)
 */
interface CachedChunk {
  results: Map<string, ChunkResult>;
  /** The file (path or URI) that last used the entry. */
  file: string | undefined;
}
/**
 * What an entry holds per character of its document: the text, its decoded values and findings, and the line table
 * a finding in a large document is placed with (measured: 3 bytes a character for argo-cd's ApplicationSet CRD). A
 * small document with findings also keeps its syntax tree, which this does not count; the bound is set low enough
 * for that.
 */
const RETAINED_BYTES_PER_CHARACTER = 4;
const chunkCache = new SizeBoundedCache<string, CachedChunk>(24 * 1024 * 1024);

/** Drops what the cache holds for a file that is no longer open; a document of it read again is validated again. */
export function releaseFile(file: string): void {
  chunkCache.deleteWhere((entry) => entry.file === file);
  releaseListItems(file);
}

export function validateText(text: string, options: ValidateOptions): FileReport {
  const report = validateUnconfigured(text, options);
  return { ...report, findings: applyRuleConfig(text, report.findings, report.objects, options.rules) };
}

/**
 * The objects of a text as `validateText` gives them, with the places of their fields, but neither validated nor
 * checked: for placing the findings the cross-object rules made about a text validated before. Values are as
 * written, not decoded: suppression reads only the ignore annotation, where a null (decoded to "") names no rule
 * either way. Fields are placed by the lines (parse/block-locate.ts) whatever the document's size, so a few
 * findings in a small document build no syntax tree.
 */
export function locatedObjects(text: string, options: ValidateOptions): ManifestObject[] {
  return validateUnconfigured(text, options, true).objects;
}

function validateUnconfigured(text: string, options: ValidateOptions, locateOnly = false): FileReport {
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > limit) {
    const megabytes = (text.length / 1024 / 1024).toFixed(1);
    return fileNote('too large', 'file-too-large', `this file is ${megabytes} MB, over the ${(limit / 1024 / 1024).toFixed(0)} MB limit; it was not validated`);
  }
  if (looksBinary(text)) return fileNote('not text', 'not-text', 'this file is not text (it contains NUL or other control bytes); it was not validated');
  const format = fileFormatByName(options.fileName);
  if (format?.kind === 'not-a-manifest') return { objects: [], findings: [], notManifest: format.format };
  if (format?.kind === 'template' && text.includes('{{')) return templateNote(text.indexOf('{{'));
  if (format?.kind === 'kustomization') return kustomizationReport(text);
  const report: FileReport = { objects: [], findings: [] };
  const run = ruleRun(options, options.patch === true ? 'kustomize' : hasPatchMarker(text) ? 'strategic-merge' : undefined, locateOnly);
  const malformed = options.invalidUtf8;
  if (malformed) {
    const range = { start: malformed.offset, end: malformed.offset + 1 };
    const message = 'bytes that are not UTF-8 start here; kubectl reads them as U+FFFD (\uFFFD), and that is what the API server receives';
    report.findings.push({ rule: 'yaml-syntax', severity: 'warning', message, path: '', range });
  }
  let linesBefore = { offset: 0, lines: 0 };
  let chunkLines = { offset: 0, lines: 0 };
  for (const chunk of splitDocuments(text)) {
    const result = validateChunk(chunk.text, run, options.fileName);
    if (result.templateAt !== undefined) return templateNote(chunk.offset + result.templateAt);
    if (result.notManifest !== undefined) report.notManifest ??= result.notManifest;
    for (const object of result.objects) {
      report.objects.push({
        ...object,
        range: shift(object.range, chunk.offset, chunk.text.length),
        locate: (keys, prefer) => shift(object.locate(keys, prefer), chunk.offset, chunk.text.length),
      });
    }
    for (const finding of result.findings) {
      const moved = { ...finding, range: shift(finding.range, chunk.offset, chunk.text.length) };
      if (finding.rule === 'duplicate-key' || finding.rule === 'yaml-syntax') {
        linesBefore = countLines(text, linesBefore, chunk.offset);
        moved.message = renumberLines(finding.message, linesBefore.lines);
      }
      report.findings.push(moved);
    }
    if (result.unreadable && !run.patch) {
      chunkLines = countLines(text, chunkLines, chunk.offset);
      const below = chunkLines.lines;
      report.unreadable ??= [];
      for (const document of result.unreadable) report.unreadable.push({ ...document, line: document.line + below });
    }
  }
  report.findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return report;
}

/** The newlines before `offset`, counted on from an earlier count. */
function countLines(text: string, from: { offset: number; lines: number }, offset: number): { offset: number; lines: number } {
  let lines = from.lines;
  for (let at = text.indexOf('\n', from.offset); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) lines++;
  return { offset, lines };
}

/**
 * A repeated key's message and go-yaml's `yaml: line N:` name lines of their document; in the file they are `by`
 * lines further down.
 */
function renumberLines(message: string, by: number): string {
  if (by === 0) return message;
  const yamlLine = message.replace(YAML_LINE, (_, prefix: string, n: string) => `${prefix}${Number(n) + by}:`);
  if (yamlLine !== message) return yamlLine;
  const at = message.lastIndexOf(REPEATED_KEY_LINES);
  if (at === -1) return message;
  return message.slice(0, at) + message.slice(at).replace(/\d+/g, (n) => String(Number(n) + by));
}

const YAML_LINE = /^(error converting YAML to JSON: yaml: line )(\d+):/;

/** A template is not a manifest until rendered: one note for the whole file, and nothing else. */
function templateNote(offset: number): FileReport {
  return {
    skipped: 'template',
    objects: [],
    findings: [
      {
        rule: 'template-skipped',
        severity: 'information',
        message: 'this file contains Go/Helm template syntax ({{ … }}); kubeplan validates rendered manifests, so the file was skipped',
        path: '',
        range: { start: offset, end: offset + 2 },
      },
    ],
  };
}

/** A file kustomize reads by its name: each document checked as a Kustomization, whatever its apiVersion and kind say. */
function kustomizationReport(text: string): FileReport {
  const report: FileReport = { objects: [], findings: [], notManifest: 'a kustomization' };
  for (const chunk of splitDocuments(text)) {
    for (const document of parseYamlChunk(chunk.text)) {
      const findings = [...document.problems, ...(isObject(document.value) ? checkKustomization(document.value, document.locate) : [])];
      for (const finding of findings) report.findings.push({ ...finding, range: shift(finding.range, chunk.offset, chunk.text.length) });
    }
  }
  return report;
}

/** What a document's results depend on besides its text. */
interface RuleRun {
  version: KubernetesVersion;
  /** Rules that are off by default and turned on by the settings: only these of them run. */
  optInRules: ReadonlySet<string>;
  /** The documents are strategic-merge patches, and who merges them. */
  patch: PatchMerger | undefined;
  /** Only the objects and their places are wanted (`locatedObjects`): nothing is validated, checked or cached. */
  locateOnly: boolean;
  /** The documents' results are kept (ValidateOptions.cache). */
  cache: boolean;
  cacheKey: string;
}

function ruleRun(options: ValidateOptions, patch: PatchMerger | undefined, locateOnly: boolean): RuleRun {
  const optIn = [...optInRules(options.rules)].sort();
  return {
    version: options.kubernetesVersion,
    optInRules: new Set(optIn),
    patch,
    locateOnly,
    cache: options.cache !== false && !locateOnly,
    cacheKey: [options.kubernetesVersion, ...(patch ? [patch] : []), ...optIn].join(' '),
  };
}

function validateChunk(text: string, run: RuleRun, file: string | undefined): ChunkResult {
  if (!run.cache) return computeChunk(text, run, file);
  const cached = chunkCache.get(text);
  const result = cached?.results.get(run.cacheKey);
  if (cached && result) {
    chunkCache.touch(text);
    cached.file = file;
    return result;
  }
  const fresh = computeChunk(text, run, file);
  if (cached) cached.results.set(run.cacheKey, fresh);
  else chunkCache.set(text, { results: new Map([[run.cacheKey, fresh]]), file }, text.length * RETAINED_BYTES_PER_CHARACTER);
  chunkCache.evictOldest(new Set([text]));
  return fresh;
}

function computeChunk(text: string, run: RuleRun, file: string | undefined): ChunkResult {
  const result: ChunkResult = { objects: [], findings: [], templateAt: findTemplateSyntax(text) };
  if (result.templateAt !== undefined) return result;
  // An edit in a large List re-checks only the item it is in. Items are kept only where results are kept: a run
  // that checks each text once (the CLI), or only locates objects, gains nothing from them.
  const byItems = run.cache ? checkListByItems(text, run.cacheKey, file, (document, item, index, into) => validateObject(document, item, ['items', index], run, into)) : undefined;
  if (byItems) return { ...result, ...byItems };
  const documents = parseYamlChunk(text, { placeByLines: run.locateOnly });
  for (const document of documents) {
    result.findings.push(...document.problems);
    if (document.value !== undefined) validateDocument(document, document.value, run, result);
  }
  const unreadable = unreadableInChunk(text, documents, (offset) => countLines(text, { offset: 0, lines: 1 }, offset).lines);
  if (unreadable.length > 0) result.unreadable = unreadable;
  return result;
}

function validateDocument(document: YamlDocument, value: PlainValue, run: RuleRun, into: ChunkResult): void {
  if (!isObject(value)) return;
  const format = documentFormat(value);
  if (format === 'kustomization') {
    into.notManifest ??= 'a kustomization';
    if (!run.locateOnly) into.findings.push(...checkKustomization(value, document.locate));
    return;
  }
  if (format !== undefined) {
    into.notManifest ??= format.format;
    return;
  }
  const kind = value['kind'];
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value['items'])) {
    value['items'].forEach((item, index) => {
      if (isObject(item)) validateObject(document, item, ['items', index], run, into);
    });
    return;
  }
  validateObject(document, value, [], run, into);
}

function validateObject(document: YamlDocument, object: PlainObject, prefix: Keys, run: RuleRun, into: Pick<ChunkResult, 'objects' | 'findings'>): void {
  const validator = validatorFor(run.version);
  const apiVersion = object['apiVersion'];
  const kind = object['kind'];
  const hasApiVersion = apiVersion !== undefined && apiVersion !== null;
  const hasKind = kind !== undefined && kind !== null;
  // YAML that names neither is not a Kubernetes object (workflows, compose files, values files).
  if (!hasApiVersion && !hasKind) return;

  const metadata = isObject(object['metadata']) ? object['metadata'] : undefined;
  const ref: ObjectRef = {
    apiVersion: typeof apiVersion === 'string' ? apiVersion : '',
    kind: typeof kind === 'string' ? kind : '',
    name: typeof metadata?.['name'] === 'string' ? metadata['name'] : '',
    namespace: typeof metadata?.['namespace'] === 'string' ? metadata['namespace'] : '',
  };
  // Locators only read the keys they are given, so an object at the top of its document passes them on as they are.
  const at = prefix.length === 0 ? document.locate : (keys: Keys, prefer: 'key' | 'value') => document.locate([...prefix, ...keys], prefer);
  const report = (finding: Finding) => into.findings.push({ ...finding, object: ref });

  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) {
    // A lone `kind: Something` that is not a Kubernetes kind is somebody else's YAML.
    if (run.locateOnly || (!hasApiVersion && typeof kind === 'string' && !isBuiltInKindName(validator.bundle, kind))) return;
    const missing = [typeof apiVersion === 'string' && apiVersion ? '' : 'apiVersion not set', typeof kind === 'string' && kind ? '' : 'kind not set'].filter(Boolean);
    report({ rule: 'missing-type', severity: 'error', message: `error validating data: ${missing.join(', ')}`, path: '', range: at(hasKind ? ['kind'] : ['apiVersion'], 'key') });
    return;
  }

  if (run.locateOnly) {
    // A patch is not an object; every other object is one, whatever its validation finds.
    if (!run.patch) into.objects.push(manifestObject(ref, object, at, prefix));
    return;
  }
  const resolution = resolveKind(validator.bundle, apiVersion, kind);
  if (run.patch) {
    validatePatch(validator, object, resolution, at, prefix.length > 0, report, run.patch);
    return;
  }
  if (resolution.status !== 'known') into.objects.push(manifestObject(ref, object, at, prefix));
  if (resolution.status === 'custom') {
    // Withdrawn once every text is read if a CRD among them, or a reference one, serves the version (ownFindingFilter).
    report({ rule: 'no-schema', severity: 'hint', message: noSchemaMessage(apiVersion, kind), path: 'kind', range: at(['kind'], 'value') });
    return;
  }
  if (resolution.status === 'not-served') {
    report({ rule: 'unknown-api', severity: 'error', message: resolution.message, path: resolution.on, range: at([resolution.on], 'value') });
    return;
  }
  const { errors, decoded } = validator.validate(resolution.info, object);
  // Everything after decoding (rules, the objects' users) sees what the API server's decoder would.
  into.objects.push(manifestObject(ref, decoded, at, prefix));
  if (errors.length > 0) {
    const findings = schemaFindings(errors, { bundle: validator.bundle, root: validator.rootSchema(resolution.info), value: object, locate: at, isListItem: prefix.length > 0 });
    for (const finding of findings) report(finding);
    return; // like the API server, validate only what decoded
  }
  const context = { apiVersion, kind, object: decoded, defaulted: defaultedView(apiVersion, kind, decoded), kubernetesVersion: run.version };
  for (const finding of runObjectRules(context, at, run.optInRules)) report(finding);
}

/** Written out field by field: V8 copies a spread with further fields slowly, and every object of a tree comes here. */
function manifestObject(ref: ObjectRef, value: PlainObject, at: ManifestObject['locate'], prefix: Keys): ManifestObject {
  const object: ManifestObject = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, namespace: ref.namespace, value, range: at([], 'value'), locate: at };
  // A List's items are its only objects that are not documents of their own (validateDocument).
  if (prefix.length > 0) object.listItem = prefix[1] as number;
  return object;
}

/**
 * A strategic-merge patch of a kind: only what it sets exists, so the fields present are checked against the kind's
 * schema (types, enums, unknown fields, formats) with the directives its merger knows taken out, and nothing is
 * required. Object
 * rules need the whole object and are not run; a patch is not an object, so none is taken from it. A kind without
 * a schema here is left to kustomize, which resolves it against the resources it patches.
 */
function validatePatch(
  validator: ReturnType<typeof validatorFor>,
  object: PlainObject,
  resolution: KindResolution,
  at: (keys: Keys, prefer: 'key' | 'value') => OffsetRange,
  isListItem: boolean,
  report: (finding: Finding) => void,
  merger: PatchMerger,
): void {
  if (resolution.status === 'custom') return;
  if (resolution.status === 'not-served') {
    report({ rule: 'unknown-api', severity: 'error', message: resolution.message, path: 'apiVersion', range: at(['apiVersion'], 'value') });
    return;
  }
  const { object: fields, findings: directiveFindings } = withoutDirectives(object, at, merger);
  for (const finding of directiveFindings) report(finding);
  const { errors } = validator.validate(resolution.info, fields);
  if (errors.length === 0) return;
  const findings = schemaFindings(errors, { bundle: validator.bundle, root: validator.rootSchema(resolution.info), value: fields, locate: at, isListItem });
  for (const finding of findings) if (finding.rule !== REQUIRED_FIELD_RULE) report(finding);
}

/** What a custom resource without a known schema is told: which kind, and how to give its CRD. */
export function noSchemaMessage(apiVersion: string, kind: string): string {
  return `no CustomResourceDefinition is known for kind ${kind} in ${apiVersion}, so it is not validated: add the CRD to the inputs, or give it with --crds (kubeplan.crds in VS Code)`;
}

function fileNote(skipped: SkippedReason, rule: string, message: string): FileReport {
  return { skipped, objects: [], findings: [{ rule, severity: 'information', message, path: '', range: { start: 0, end: 0 } }] };
}

const CONTROL_CHARACTER = /[\u0001-\u0008\u000e-\u001f]/;
const CONTROL_CHARACTERS = /[\u0001-\u0008\u000e-\u001f]/g;

/** NUL, or many C0 control bytes other than tab/newline/carriage return, in the first 8 KiB. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  // Most texts hold none: one search says so without making a list of matches.
  if (!CONTROL_CHARACTER.test(sample)) return false;
  const controls = sample.match(CONTROL_CHARACTERS)?.length ?? 0;
  return controls > 8 && controls > sample.length / 100;
}

/** A Deployment the size of a typical one (a few hundred lines) with a few mistakes. */
export const WARM_UP_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: warm-up
  labels: {app: warm-up, tier: backend}
  annotations:
    description: "a manifest the engine validates while idle"
spec:
  replica: 2
  selector:
    matchLabels: {app: warm-up}
  template:
    metadata:
      labels: {app: warm-up}
    spec:
      containers:
${Array.from(
  { length: 8 },
  (_, i) => `        - name: app-${i}
          image: registry.example.com/app:${i}.0
          imagePullPolicy: ${i === 0 ? 'Sometimes' : 'IfNotPresent'}
          args: ["--port", "80${i}0", '--verbose']
          env:
            - name: LEVEL
              value: "debug"
            - name: POD
              valueFrom:
                fieldRef: {fieldPath: metadata.name}
          ports:
            - containerPort: ${i === 0 ? 'http' : `80${i}0`}
              name: http-${i}
          readinessProbe:
            httpGet: {path: /healthz, port: 80${i}0}
            periodSeconds: 5
          resources:
            limits: {memory: ${i === 0 ? '1GB' : '256Mi'}, cpu: 500m}
          volumeMounts:
            - name: data
              mountPath: /data/${i}
`,
).join('')}      volumes:
        - name: data
          emptyDir: {}
`;

/**
 * Validates a typical manifest with mistakes in it a dozen times, which loads the version's schemas and lets the
 * JavaScript engine compile the paths a first finding takes (decoding, the syntax tree, the messages). Without
 * it, the first findings of a session arrive several times slower than later ones. About a third of a second.
 */
export function warmUp(version: KubernetesVersion, rounds = 12): void {
  // Each round's document is new to the cache, so every round does the full work.
  for (let round = 0; round < rounds; round++) validateText(`# warm-up round ${round}\n${WARM_UP_MANIFEST}`, { kubernetesVersion: version });
}
