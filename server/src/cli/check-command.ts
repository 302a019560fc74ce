/** `kubeplan check`: validate files and folders, print findings, exit 0 (clean), 1 (errors) or 2 (usage/I-O). */
import type { OffsetRange } from '../kube/findings';
import { LineIndex } from '../parse/line-index';
import type { Keys } from '../kube/plain-values';
import { buildCatalog } from '../catalog/catalog';
import { kindsWithSchema, runOverCatalog } from '../rules/cross-object/run-cross-object-rules';
import type { CrossFinding, WorkspaceObject } from '../catalog/workspace-object';
import { validateText, type FileReport, type ManifestObject } from '../check/validate-text';
import { applyRuleConfig, optInRules, type RuleSettings } from '../rules/rule-config';
import { checkInWorkers, PARALLEL_FROM_FILES, workerCount } from './check-pool';
import { checkedFile, toDiagnostic, type CheckedFile, type ValidationSettings } from './checked-file';
import type { KubernetesVersion } from '../schema/versions';
import { collectFiles, UsageError } from '../files/collect-files';
import { formatJson, formatSarif, formatText, type CheckResult } from './output-formats';
import { readManifest } from '../files/read-text';
import type { ManifestText } from '../parse/utf8';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  kubernetesVersion: KubernetesVersion;
  output: OutputFormat;
  paths: string[];
  rules?: RuleSettings;
  color: boolean;
  toolVersion: string;
}

export async function runCheck(options: CheckOptions): Promise<{ exitCode: number; stdout: string }> {
  const files = collectFiles(options.paths);
  const source = new FileSource(options);
  const progress = new Progress(files.length);
  let checked: CheckedFile[];
  try {
    checked =
      files.length >= PARALLEL_FROM_FILES && workerCount(files.length) > 1 && !files.includes('-')
        ? await checkInWorkers(files, options, (done) => progress.update(done))
        : files.map((file, i) => {
            const one = checkedFile(file, source.text(file), source.report(file));
            progress.update(i + 1);
            return one;
          });
  } finally {
    progress.clear();
  }
  const result = withCrossObjectFindings(checked, source, options);
  const stdout =
    options.output === 'json' ? formatJson(result) : options.output === 'sarif' ? formatSarif(result, options.toolVersion) : formatText(result, { color: options.color });
  return { exitCode: hasErrors(result) ? 1 : 0, stdout };
}

export function hasErrors(result: CheckResult): boolean {
  return result.diagnostics.some((d) => d.severity === 'error');
}

export interface CheckedFiles {
  result: CheckResult;
  /** Every object decoded, file by file in the order read. */
  objects: ManifestObject[];
}

/** Reads and validates files (`-` is stdin) on this thread, then runs the cross-object rules over all of them together. */
export function checkFiles(files: readonly string[], options: ValidationSettings): CheckedFiles {
  const source = new FileSource(options);
  const checked = files.map((file) => checkedFile(file, source.text(file), source.report(file)));
  return { result: withCrossObjectFindings(checked, source, options), objects: files.flatMap((file) => source.objects(file)) };
}

/**
 * The files' own findings, then the cross-object rules over the objects of all of them: those findings come only
 * after every file is read.
 */
function withCrossObjectFindings(checked: readonly CheckedFile[], source: FileSource, options: ValidationSettings): CheckResult {
  const result: CheckResult = { files: checked.length, objects: 0, diagnostics: [] };
  const workspace: WorkspaceObject[] = [];
  for (const file of checked) {
    result.objects += file.objects.length;
    result.diagnostics.push(...file.diagnostics);
    file.objects.forEach((object, i) => workspace.push({ ...object, file: file.displayName, locate: (keys, prefer) => source.locate(file.file, i, keys, prefer) }));
  }
  const catalog = buildCatalog(workspace);
  const schemaKinds = kindsWithSchema(catalog);
  result.diagnostics = result.diagnostics.filter((diagnostic) => diagnostic.rule !== 'no-schema' || !schemaKinds.has(`${diagnostic.apiVersion}/${diagnostic.kind}`));
  const crossFindings = new Map<string, CrossFinding[]>();
  for (const finding of runOverCatalog(catalog, { optIn: optInRules(options.rules) })) {
    const same = crossFindings.get(finding.file);
    if (same) same.push(finding);
    else crossFindings.set(finding.file, [finding]);
  }
  const byDisplayName = new Map(checked.map((file) => [file.displayName, file]));
  for (const [displayName, findings] of crossFindings) {
    const file = byDisplayName.get(displayName)!;
    const text = source.text(file.file);
    const lines = new LineIndex(text);
    for (const finding of applyRuleConfig(text, findings, file.objects, options.rules)) result.diagnostics.push(toDiagnostic(displayName, finding, lines));
  }
  return result;
}

/**
 * Texts and decoded objects of the files checked, read on first use and kept: a file validated on a worker thread
 * is read again here only when a cross-object finding must be placed in it.
 */
class FileSource {
  private readonly texts = new Map<string, ManifestText>();
  private readonly reports = new Map<string, FileReport>();

  constructor(private readonly settings: ValidationSettings) {}

  text(file: string): string {
    return this.manifest(file).text;
  }

  private manifest(file: string): ManifestText {
    let manifest = this.texts.get(file);
    if (manifest === undefined) {
      manifest = readOrFail(file);
      this.texts.set(file, manifest);
    }
    return manifest;
  }

  /** The file's validation, made once whether its findings or its objects are asked for first. */
  report(file: string): FileReport {
    let report = this.reports.get(file);
    if (!report) {
      const { text, invalidUtf8 } = this.manifest(file);
      report = validateText(text, { kubernetesVersion: this.settings.kubernetesVersion, rules: this.settings.rules, ...(invalidUtf8 ? { invalidUtf8 } : {}) });
      this.reports.set(file, report);
    }
    return report;
  }

  objects(file: string): ManifestObject[] {
    return this.report(file).objects;
  }

  locate(file: string, index: number, keys: Keys, prefer: 'key' | 'value'): OffsetRange {
    return this.objects(file)[index]?.locate(keys, prefer) ?? { start: 0, end: 0 };
  }
}

/** `checked 1,234/10,000 files` on a terminal's stderr while a large check runs; nothing when stderr is not a TTY. */
class Progress {
  private shown = false;
  private lastAt = 0;

  constructor(private readonly total: number) {}

  update(done: number): void {
    if (!process.stderr.isTTY || this.total < PARALLEL_FROM_FILES) return;
    const now = Date.now();
    if (now - this.lastAt < 100 && done < this.total) return;
    this.lastAt = now;
    this.shown = true;
    process.stderr.write(`\rchecked ${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} files`);
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
  }
}

/** The text of a file, or a usage error (exit 2) naming why it cannot be read. */
export function readOrFail(file: string): ManifestText {
  try {
    return readManifest(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
