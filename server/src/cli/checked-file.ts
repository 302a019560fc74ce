/**
 * One file as `kubeplan check` validated it, in a form that crosses a worker-thread boundary: its own findings
 * already positioned, and of its objects what the cross-object rules read (see object-projection.ts). Cross-object
 * findings are placed later by whoever reads the file again (`placedCrossFindings`), so neither texts
 * nor syntax trees are held between the two.
 */
import { LineIndex } from '../parse/line-index';
import type { ManifestText } from '../parse/utf8';
import { locatedObjects, validateText, type ValidateOptions } from '../check/validate-text';
import type { SkippedReason } from '../check/report';
import type { CrossFinding } from '../catalog/workspace-object';
import type { FileFinding } from '../kube/findings';
import { detached, type Keys, type PlainObject } from '../kube/plain-values';
import { isPatchFile, type CheckSettings, type ValidatedObject } from '../check/check-texts';
import { applyRuleConfig, type SuppressionScope } from '../rules/rule-config';
import { FieldPlaces, type ObjectPlace } from '../check/field-places';
import { loadBundle } from '../schema/bundle';
import { resolveKind } from '../schema/api-versions';
import { projectObject } from '../workspace/object-projection';
import type { CheckDiagnostic } from './output-formats';
import { HelmSources } from '../check/helm-sources';
import type { UnreadableDocument } from '../catalog/unreadable-documents';

export interface CheckedFile {
  /** The path as given (`-` for standard input). */
  file: string;
  /** The name diagnostics carry: the path, or `<stdin>`. */
  displayName: string;
  /** The objects' places and what the cross-object rules read of them. */
  objects: ValidatedObject[];
  /** Its documents that could not be read, with what could be read of each; absent when none. */
  unreadable?: UnreadableDocument[];
  diagnostics: CheckDiagnostic[];
  /** Why the file was not validated (too large, not text, a template); absent when it was. */
  skipped?: SkippedReason;
}

/** A cross-object finding about an object of a file, to be placed where the file's text is read again. */
export interface UnplacedFinding extends Omit<CrossFinding, 'range'> {
  /** The object's index in the file's objects. */
  index: number;
  /** Where the object is written. */
  place: ObjectPlace;
  at: Keys;
  prefer: 'key' | 'value';
}

/** The cross-object findings about the objects of one file, and those of its objects that carry the ignore annotation. */
export interface PlacementRequest {
  file: string;
  findings: UnplacedFinding[];
  suppressing: SuppressionScope[];
}

/** The name findings in standard input carry. */
export const STDIN_NAME = '<stdin>';

/** The name a file's diagnostics carry: the path as given, or `<stdin>` for `-`. */
export function displayNameOf(file: string): string {
  return file === '-' ? STDIN_NAME : file;
}

function validateOptions(file: string, { invalidUtf8 }: ManifestText, settings: CheckSettings): ValidateOptions {
  return {
    kubernetesVersion: settings.kubernetesVersion,
    rules: settings.rules,
    maxBytes: settings.maxBytes,
    fileName: file,
    patch: isPatchFile(settings, file),
    cache: false,
    ...(invalidUtf8 ? { invalidUtf8 } : {}),
  };
}

/** Validates one file's text: what the cross-object rules read of its objects, and its own findings, positioned. */
export function checkText(file: string, manifest: ManifestText, settings: CheckSettings): CheckedFile {
  const report = validateText(manifest.text, validateOptions(file, manifest, settings));
  const displayName = displayNameOf(file);
  const lines = new LineIndex(manifest.text);
  const rendered = HelmSources.of(manifest.text, lines);
  return {
    file,
    displayName,
    // Kept until every file is read: detached from the text, which can go once the file is checked.
    objects: report.objects.map(({ apiVersion, kind, name, namespace, value, range, listItem }) => {
      const object: ValidatedObject = { apiVersion: detached(apiVersion), kind: detached(kind), name: detached(name), namespace: detached(namespace), value: catalogValue(value, settings), range };
      // Only an item of a List has one.
      if (listItem !== undefined) object.listItem = listItem;
      return object;
    }),
    diagnostics: report.findings.map((finding) => toDiagnostic(displayName, finding, lines, rendered)),
    ...(report.unreadable ? { unreadable: report.unreadable } : {}),
    ...(report.skipped ? { skipped: report.skipped } : {}),
  };
}

/**
 * What the catalog keeps of an object: the projection for the kinds Kubernetes serves, and custom resources whole,
 * since `custom-resource-schema` validates all of them against the CRDs among the files.
 */
function catalogValue(value: PlainObject, settings: CheckSettings): PlainObject {
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return value;
  return resolveKind(loadBundle(settings.kubernetesVersion), apiVersion, kind).status === 'known' ? projectObject(value) : value;
}

/**
 * The cross-object findings about one file placed on its lines, under the rule configuration and the file's
 * suppressions. Each is placed from its object's range (field-places.ts); only where that cannot tell (a `...`
 * line between two documents) is the text parsed again for its objects and their places, not validated again.
 */
export function placedCrossFindings(manifest: ManifestText, settings: CheckSettings, { file, findings: unplaced, suppressing }: PlacementRequest): CheckDiagnostic[] {
  const places = new FieldPlaces(manifest.text);
  let ranges = unplaced.map(({ place, at, prefer }) => places.locate(place, at, prefer));
  let scopes: readonly SuppressionScope[] = suppressing;
  if (ranges.some((range) => range === undefined)) {
    const objects = locatedObjects(manifest.text, validateOptions(file, manifest, settings));
    ranges = unplaced.map(({ index, at, prefer }) => objects[index]?.locate(at, prefer));
    scopes = objects;
  }
  const findings: FileFinding[] = unplaced.map(({ index: _index, place: _place, at: _at, prefer: _prefer, file: _file, ...finding }, i) => ({
    ...finding,
    range: ranges[i] ?? { start: 0, end: 0 },
  }));
  const lines = new LineIndex(manifest.text);
  const rendered = HelmSources.of(manifest.text, lines);
  const displayName = displayNameOf(file);
  return applyRuleConfig(manifest.text, findings, scopes, settings.rules).map((finding) => toDiagnostic(displayName, finding, lines, rendered));
}

/** A finding on lines and columns; in Helm's rendered output, also the chart template of its document. */
export function toDiagnostic(file: string, finding: FileFinding, lines: LineIndex, rendered?: HelmSources): CheckDiagnostic {
  const start = lines.positionAt(finding.range.start);
  const end = lines.positionAt(finding.range.end);
  const renderedFrom = rendered?.at(finding.range.start);
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
    path: finding.path,
    apiVersion: finding.object?.apiVersion ?? '',
    kind: finding.object?.kind ?? '',
    name: finding.object?.name ?? '',
    namespace: finding.object?.namespace ?? '',
    ...(renderedFrom ? { renderedFrom } : {}),
  };
}
