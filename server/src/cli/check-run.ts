/**
 * What `kubeplan check` keeps while it runs: the catalog (of each file, its name and what the cross-object rules
 * read of its objects) and the counts, not the files' reports. A file's own findings are listed as soon as those of
 * the files before it are; the cross-object findings come once every file is read, placed by whoever reads the
 * files again (a worker thread, or this one).
 */
import type { OffsetRange } from '../kube/findings';
import type { Keys } from '../kube/plain-values';
import type { OwnFindingStands } from '../rules/cross-object/run-cross-object-rules';
import { crossObjectFindings, inDefaultNamespace, unreadableInDefaultNamespace, type CheckSettings, type ValidatedObject } from '../check/check-texts';
import type { UnreadableDocument } from '../catalog/unreadable-documents';
import type { SkippedReason } from '../check/report';
import { checkText, placedCrossFindings, type CheckedFile, type PlacementRequest, type UnplacedFinding } from './checked-file';
import { NOTHING_SKIPPED, type CheckDiagnostic } from './output-formats';
import { readInputFile } from '../files/read-text';
import { hasIgnoreAnnotation } from '../rules/rule-config';
import type { ManifestText } from '../parse/utf8';

export class CheckRun {
  private catalog: { file: string; displayName: string; objects: ValidatedObject[]; unreadable?: UnreadableDocument[] }[] = [];
  readonly skipped: Record<SkippedReason, number> = { ...NOTHING_SKIPPED };
  files = 0;
  objects = 0;
  /**
   * From a file's first `no-schema` finding on, own findings wait for every file: a CustomResourceDefinition in a
   * later file may give the kind a schema, and then the finding does not stand.
   */
  private readonly held: CheckDiagnostic[] = [];
  private ownFindingStands: OwnFindingStands = () => true;

  constructor(private readonly settings: CheckSettings) {}

  /** Takes in a checked file; returns those of its own findings that can be listed now. */
  add(file: CheckedFile): CheckDiagnostic[] {
    const unreadable = unreadableInDefaultNamespace(file.unreadable, this.settings.defaultNamespace);
    this.catalog.push({ file: file.file, displayName: file.displayName, objects: inDefaultNamespace(file.objects, this.settings.defaultNamespace), ...(unreadable ? { unreadable } : {}) });
    this.files++;
    this.objects += file.objects.length;
    if (file.skipped) this.skipped[file.skipped]++;
    const waitFrom = this.held.length > 0 ? 0 : file.diagnostics.findIndex((diagnostic) => diagnostic.rule === 'no-schema');
    if (waitFrom === -1) return file.diagnostics;
    this.held.push(...file.diagnostics.slice(waitFrom));
    return file.diagnostics.slice(0, waitFrom);
  }

  /**
   * Runs the cross-object rules over every object taken in, and lets the catalog go. The rules ask each object
   * where a field is written; here that answer is a ticket (the number of the question, in both ends of the range),
   * redeemed where the file is parsed again.
   */
  crossObjectFindings(): PlacementRequest[] {
    const questions: { index: number; at: Keys; prefer: 'key' | 'value' }[] = [];
    const ticket = (index: number, at: Keys, prefer: 'key' | 'value'): OffsetRange => {
      questions.push({ index, at, prefer });
      return { start: questions.length - 1, end: questions.length - 1 };
    };
    const texts = this.catalog.map(({ displayName, objects, unreadable }) => ({ file: displayName, objects, ...(unreadable ? { unreadable } : {}), locate: ticket }));
    const across = crossObjectFindings(texts, this.settings.rules, this.settings.definitions);
    this.ownFindingStands = across.ownFindingStands;
    const requests: PlacementRequest[] = [];
    across.findings.forEach((findings, t) => {
      if (findings.length === 0) return;
      const { file, objects } = this.catalog[t]!;
      const unplaced = findings.map(({ range, ...finding }): UnplacedFinding => {
        const question = questions[range.start]!;
        const { range: objectRange, listItem } = objects[question.index]!;
        return { ...finding, ...question, place: { range: objectRange, ...(listItem === undefined ? {} : { listItem }) } };
      });
      // The catalog keeps the ignore annotation of every object (object-projection.ts): suppression reads it there.
      const suppressing = objects.filter((object) => hasIgnoreAnnotation(object.value)).map(({ value, range: objectRange }) => ({ value, range: objectRange }));
      requests.push({ file, findings: unplaced, suppressing });
    });
    this.catalog = [];
    return requests;
  }

  /** The own findings held back that stand with every object known, in their order. */
  heldFindings(): CheckDiagnostic[] {
    return this.held.filter((diagnostic) => this.ownFindingStands(diagnostic.rule, diagnostic));
  }
}

/** Files read ahead of checking them, at most, and no more once they hold this many characters. */
const READ_AHEAD_FILES = 64;
const READ_AHEAD_CHARACTERS = 4 * 1024 * 1024;

/** Checks and places on this thread; standard input is read once and kept for placing. */
export class InProcessChecker {
  private stdin: ManifestText | undefined;

  constructor(private readonly settings: CheckSettings) {}

  check(file: string): CheckedFile {
    return checkText(file, this.read(file), this.settings);
  }

  /**
   * Reads a few files, then checks them: on 10,000 small files that took 9% less CPU than reading each just before
   * checking it, and the findings are passed on a batch at a time. A file that cannot be read ends the run after
   * the files before it are passed on, as one at a time would.
   */
  async *checkInOrder(files: readonly string[]): AsyncGenerator<CheckedFile[]> {
    let next = 0;
    while (next < files.length) {
      const batch: { file: string; manifest: ManifestText }[] = [];
      let characters = 0;
      let failure: unknown;
      while (next < files.length && batch.length < READ_AHEAD_FILES && characters < READ_AHEAD_CHARACTERS) {
        const file = files[next]!;
        try {
          batch.push({ file, manifest: this.read(file) });
        } catch (error) {
          failure = error;
          break;
        }
        characters += batch[batch.length - 1]!.manifest.text.length;
        next++;
      }
      yield batch.map(({ file, manifest }) => checkText(file, manifest, this.settings));
      if (failure !== undefined) throw failure;
    }
  }

  place(requests: readonly PlacementRequest[]): CheckDiagnostic[][] {
    return requests.map((request) => placedCrossFindings(this.read(request.file), this.settings, request));
  }

  close(): void {}

  private read(file: string): ManifestText {
    if (file !== '-') return readInputFile(file);
    this.stdin ??= readInputFile(file);
    return this.stdin;
  }
}
