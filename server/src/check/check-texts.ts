/**
 * Checking a set of texts, as `kubeplan check` and the plan (on the command line and in the editor) do: each text
 * is validated on its own (the schema of each object's kind, the object rules), then the cross-object rules run
 * over the objects of all of them, under the rule configuration. Texts in, findings with offsets and the decoded
 * objects out; reading files and placing findings on lines are the callers' part.
 */
import * as path from 'node:path';
import type { OffsetRange } from '../kube/findings';
import { isObject, type Keys, type PlainObject } from '../kube/plain-values';
import type { Utf8Problem } from '../parse/utf8';
import { buildCatalog } from '../catalog/catalog';
import type { CrossFinding, ReferenceDefinition, WorkspaceObject } from '../catalog/workspace-object';
import type { UnreadableDocument } from '../catalog/unreadable-documents';
import { ownFindingFilter, runOverCatalog, type OwnFindingStands } from '../rules/cross-object/run-cross-object-rules';
import { applyRuleConfig, optInRules, type RuleSettings } from '../rules/rule-config';
import type { KubernetesVersion } from '../schema/versions';
import { validateText } from './validate-text';
import type { ManifestObject } from './report';
import type { FileFinding, ObjectRef } from '../kube/findings';

export interface CheckSettings {
  kubernetesVersion: KubernetesVersion;
  rules?: RuleSettings;
  /** Files larger than this are not validated (validateText's default when absent). */
  maxBytes?: number;
  /** The namespace of objects that name none (kubectl's `--namespace`); the objects as written when absent. */
  defaultNamespace?: string;
  /** CRDs given as reference (`--crds`): schemas for custom resources, not inputs. CRDs among the texts win over them. */
  definitions?: readonly ReferenceDefinition[];
  /** The absolute paths of the files a kustomization lists as patches: checked as patches, not objects. */
  patchFiles?: ReadonlySet<string>;
}

/** Whether the settings name the file (a path as given, or `-`) as a kustomize patch. */
export function isPatchFile(settings: CheckSettings, file: string): boolean {
  return file !== '-' && settings.patchFiles !== undefined && settings.patchFiles.has(path.resolve(file));
}

/**
 * The objects with the default namespace written into those that name none, as kubectl sets it before it sends
 * them: cross-object rules and the plan then see them there. Cluster-scoped kinds ignore it, as the API server does.
 * Objects are copied, never changed: validateText's cache holds them.
 */
export function inDefaultNamespace<T extends ValidatedObject>(objects: readonly T[], namespace: string | undefined): T[] {
  if (!namespace) return [...objects];
  return objects.map((object) => {
    if (object.namespace) return object;
    const metadata = object.value['metadata'];
    const withNamespace = { ...(isObject(metadata) ? metadata : {}), namespace };
    return { ...object, namespace, value: { ...object.value, metadata: withNamespace } };
  });
}

/** Unreadable documents that name no namespace are in the default one too, as far as it can be told. */
export function unreadableInDefaultNamespace(documents: readonly UnreadableDocument[] | undefined, namespace: string | undefined): UnreadableDocument[] | undefined {
  if (!documents || !namespace) return documents && [...documents];
  return documents.map((document) => (document.namespace === '' ? { ...document, namespace } : document));
}

export interface TextInput {
  /** The file (path or URI) the text is written in; the duplicate-object rule compares the objects of one file. */
  file: string;
  text: string;
  /** Where the file's bytes stopped being UTF-8 (see `decodeManifest`). */
  invalidUtf8?: Utf8Problem;
}

export interface CheckedText {
  file: string;
  text: string;
  objects: ManifestObject[];
  /** The text's own findings: syntax, schema and object rules. */
  findings: FileFinding[];
  /** What the cross-object rules found about the text's objects, with every text read. */
  crossObjectFindings: FileFinding[];
}

export function checkTexts(texts: readonly TextInput[], settings: CheckSettings): CheckedText[] {
  const reports = texts.map(({ file, text, invalidUtf8 }) =>
    validateText(text, {
      kubernetesVersion: settings.kubernetesVersion,
      rules: settings.rules,
      maxBytes: settings.maxBytes,
      fileName: file,
      patch: isPatchFile(settings, file),
      ...(invalidUtf8 ? { invalidUtf8 } : {}),
    }),
  );
  const objectsOf = reports.map((report) => inDefaultNamespace(report.objects, settings.defaultNamespace));
  const validated = texts.map(({ file, text }, i): ValidatedText => {
    const objects = objectsOf[i]!;
    const unreadable = unreadableInDefaultNamespace(reports[i]!.unreadable, settings.defaultNamespace);
    return { file, objects, ...(unreadable ? { unreadable } : {}), locate: (index, keys, prefer) => objects[index]!.locate(keys, prefer), text: () => text };
  });
  const across = checkAcrossTexts(validated, settings.rules, settings.definitions);
  return texts.map(({ file, text }, i) => ({
    file,
    text,
    objects: objectsOf[i]!,
    findings: reports[i]!.findings.filter((finding) => across.ownFindingStands(finding.rule, finding.object)),
    crossObjectFindings: across.findings[i]!,
  }));
}

/** Whether a finding of the texts is an error; one keeps a plan from being made. */
export function hasErrors(checked: readonly CheckedText[]): boolean {
  return checked.some((text) => [...text.findings, ...text.crossObjectFindings].some((finding) => finding.severity === 'error'));
}

/**
 * Every finding with its text, in the order `kubeplan check` lists them: the texts' own findings, then the
 * cross-object findings, which are known only once every text is read.
 */
export function listedFindings(checked: readonly CheckedText[]): { text: CheckedText; finding: FileFinding }[] {
  return [...checked.flatMap((text) => text.findings.map((finding) => ({ text, finding }))), ...checked.flatMap((text) => text.crossObjectFindings.map((finding) => ({ text, finding })))];
}

/** An object of a validated text, as the cross-object rules and the ignore annotation read it. */
export interface ValidatedObject extends ObjectRef {
  value: PlainObject;
  range: OffsetRange;
  /** Its index in `items`, for an item of a List. */
  listItem?: number;
}

/** A text validated on its own, here or on a worker thread of `kubeplan check`. */
export interface ValidatedText {
  file: string;
  objects: readonly ValidatedObject[];
  /** Its documents that could not be read; absent when none. */
  unreadable?: readonly UnreadableDocument[];
  /** Where a field of the object at `index` is written. */
  locate(index: number, keys: Keys, prefer: 'key' | 'value'): OffsetRange;
  /** The text; asked for only when a cross-object finding is about one of its objects. */
  text(): string;
}

export interface AcrossTexts {
  /**
   * Whether a text's own finding stands once every text is read: a `no-schema` finding does not where a
   * CustomResourceDefinition among the texts, or a reference one, gives the kind a schema (`custom-resource-schema`
   * validates it).
   */
  ownFindingStands: OwnFindingStands;
  /** Per text, in the order given: the cross-object findings about its objects, under the rule configuration. */
  findings: FileFinding[][];
}

/**
 * The cross-object rules over the objects of all the texts, with the reference CRDs for custom kinds no CRD among
 * the texts defines. Texts that name the same file are one file to them.
 */
export function checkAcrossTexts(texts: readonly ValidatedText[], rules: RuleSettings | undefined, definitions: readonly ReferenceDefinition[] = []): AcrossTexts {
  const across = crossObjectFindings(texts, rules, definitions);
  return {
    ownFindingStands: across.ownFindingStands,
    findings: across.findings.map((findings, t) => (findings.length === 0 ? [] : applyRuleConfig(texts[t]!.text(), findings, texts[t]!.objects, rules))),
  };
}

/**
 * What `checkAcrossTexts` finds before the rule configuration and the texts' suppressions, which read the texts:
 * for a caller that applies them where it reads the texts again.
 */
export function crossObjectFindings(
  texts: readonly Omit<ValidatedText, 'text'>[],
  rules: RuleSettings | undefined,
  definitions: readonly ReferenceDefinition[] = [],
): { ownFindingStands: OwnFindingStands; findings: CrossFinding[][] } {
  const workspace: WorkspaceObject[] = [];
  const textOfFile = new Map<string, number>();
  const unreadable = new Map<string, UnreadableDocument[]>();
  texts.forEach((text, t) => {
    if (!textOfFile.has(text.file)) textOfFile.set(text.file, t);
    if (text.unreadable?.length) unreadable.set(text.file, [...(unreadable.get(text.file) ?? []), ...text.unreadable]);
    const { file, objects } = text;
    for (let i = 0; i < objects.length; i++) {
      const { apiVersion, kind, name, namespace, value } = objects[i]!;
      // Field by field, not a spread with more fields: every object of a tree is taken in here.
      workspace.push({ apiVersion, kind, name, namespace, value, file, locate: (keys, prefer) => text.locate(i, keys, prefer) });
    }
  });
  const catalog = buildCatalog(workspace, definitions, unreadable);
  const found: CrossFinding[][] = texts.map(() => []);
  for (const finding of runOverCatalog(catalog, { optIn: optInRules(rules) })) found[textOfFile.get(finding.file)!]!.push(finding);
  return { ownFindingStands: ownFindingFilter(catalog), findings: found };
}
