/** `kubeplan check`: validate files and folders, print findings, exit 0 (clean), 1 (errors) or 2 (usage/I-O). */
import type { OffsetRange } from '../kube/findings';
import { LineIndex } from '../parse/line-index';
import { chartValuesDiagnostics, type ChartValuesFiles } from './chart-values';
import { HelmSources } from '../check/helm-sources';
import type { Keys } from '../kube/plain-values';
import { validateText } from '../check/validate-text';
import type { FileReport } from '../check/report';
import { checkAcrossTexts, checkTexts, inDefaultNamespace, isPatchFile, type CheckSettings } from '../check/check-texts';
import { patchFilesBeside } from '../files/kustomization-tree';
import type { KustomizeSources } from '../files/kustomize-sources';
import { placedDiagnostics } from './kustomize-input';
import { checkInWorkers, PARALLEL_FROM_FILES, workerCount } from './check-pool';
import { checkedFile, toDiagnostic, type CheckedFile } from './checked-file';
import type { KubernetesVersion } from '../schema/versions';
import type { RuleSettings } from '../rules/rule-config';
import { collectFiles } from '../files/collect-files';
import { formatJson, formatSarif, formatText, NOTHING_SKIPPED, type CheckResult, type SarifRoot } from './output-formats';
import type { TerminalStyle } from '../text/styled-text';
import { readInputFile } from '../files/read-text';
import type { ManifestText } from '../parse/utf8';
import type { ReferenceDefinition } from '../catalog/workspace-object';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  kubernetesVersion: KubernetesVersion;
  output: OutputFormat;
  paths: string[];
  rules?: RuleSettings;
  /** The width text output wraps at and whether it is coloured. */
  style: TerminalStyle;
  /** What SARIF file URIs are relative to. */
  sarifRoot: SarifRoot;
  /** Only the findings: no summary line. */
  quiet?: boolean;
  /** Files larger than this are skipped (validateText's default when absent). */
  maxBytes?: number;
  toolVersion: string;
  /** CRDs given as reference (`--crds`). */
  definitions?: readonly ReferenceDefinition[];
  /** Values files (`-f` with a chart folder) merged over the chart's values.yaml. */
  values?: ChartValuesFiles;
}

export interface CheckOutcome {
  exitCode: number;
  stdout: string;
  /** Why the run had nothing to check (no manifest file, or no Kubernetes object in them); absent when it had. */
  empty?: string;
}

/** `kubeplan check -k DIR`: the rendered objects checked together, each finding placed in its source file. */
export function runKustomizeCheck(options: Omit<CheckOptions, 'paths'>, sources: KustomizeSources): CheckOutcome {
  const checked = checkTexts([sources.manifest], options);
  const result: CheckResult = {
    files: sources.sourceFiles().length,
    objects: checked.reduce((sum, text) => sum + text.objects.length, 0),
    diagnostics: placedDiagnostics(checked, sources),
  };
  const exitCode = hasErrors(result) ? 1 : 0;
  const empty = result.objects === 0 && exitCode === 0 ? `kustomize rendered no Kubernetes object from ${sources.manifest.file}` : undefined;
  return { exitCode, stdout: formatted(result, options), ...(empty ? { empty } : {}) };
}

export async function runCheck(given: CheckOptions): Promise<CheckOutcome> {
  const files = collectFiles(given.paths);
  const options = { ...given, patchFiles: patchFilesBeside(files) };
  const source = new FileSource(options);
  const progress = new Progress(files.length);
  let checked: CheckedFile[];
  try {
    checked =
      files.length >= PARALLEL_FROM_FILES && workerCount(files.length) > 1 && !files.includes('-')
        ? await checkInWorkers(files, options, (done) => progress.update(done))
        : checkEach(files, source, (done) => progress.update(done));
  } finally {
    progress.clear();
  }
  const result = withCrossObjectFindings(checked, source, options);
  result.diagnostics.push(...chartValuesDiagnostics(files, options.rules, options.values));
  const stdout = formatted(result, options);
  const exitCode = hasErrors(result) ? 1 : 0;
  const empty = exitCode === 0 ? emptyRun(options.paths, result) : undefined;
  return { exitCode, stdout, ...(empty ? { empty } : {}) };
}

function formatted(result: CheckResult, options: Omit<CheckOptions, 'paths'>): string {
  if (options.output === 'json') return formatJson(result);
  if (options.output === 'sarif') return formatSarif(result, options.toolVersion, options.sarifRoot);
  return formatText(result, { style: options.style, quiet: options.quiet ?? false });
}

/**
 * A run with nothing in it is most often a wrong path or pattern in CI, which a pass would hide (kubectl apply
 * fails with "no objects passed to apply"): it is named, so that the command line can end with exit status 2.
 */
function emptyRun(paths: readonly string[], result: CheckResult): string | undefined {
  if (result.objects > 0) return undefined;
  if (result.files === 0) return `no *.yaml, *.yml or *.json file in ${paths.length > 0 ? paths.join(', ') : 'the list given'}`;
  const skipped = Object.values(result.skipped ?? NOTHING_SKIPPED).reduce((sum, n) => sum + n, 0);
  return `no Kubernetes object in the ${result.files === 1 ? 'file' : `${result.files} files`} given${skipped > 0 ? ` (${skipped} skipped)` : ''}`;
}

export function hasErrors(result: CheckResult): boolean {
  return result.diagnostics.some((d) => d.severity === 'error');
}

/** Reads and validates files (`-` is stdin) on this thread, then runs the cross-object rules over all of them together. */
export function checkFiles(files: readonly string[], given: CheckSettings): CheckResult {
  const settings = { ...given, patchFiles: patchFilesBeside(files) };
  const source = new FileSource(settings);
  return withCrossObjectFindings(
    checkEach(files, source, () => {}),
    source,
    settings,
  );
}

function checkEach(files: readonly string[], source: FileSource, onProgress: (done: number) => void): CheckedFile[] {
  return files.map((file, i) => {
    const one = checkedFile(file, source.text(file), source.report(file));
    onProgress(i + 1);
    return one;
  });
}

/**
 * The files' own findings that stand, then the cross-object findings over the objects of all of them: those come
 * only after every file is read.
 */
function withCrossObjectFindings(checked: readonly CheckedFile[], source: FileSource, settings: CheckSettings): CheckResult {
  const across = checkAcrossTexts(
    checked.map((file) => ({
      file: file.displayName,
      objects: inDefaultNamespace(file.objects, settings.defaultNamespace),
      locate: (index: number, keys: Keys, prefer: 'key' | 'value') => source.locate(file.file, index, keys, prefer),
      text: () => source.text(file.file),
    })),
    settings.rules,
    settings.definitions,
  );
  const skipped = { ...NOTHING_SKIPPED };
  const result: CheckResult = { files: checked.length, objects: 0, skipped, diagnostics: [] };
  for (const file of checked) {
    result.objects += file.objects.length;
    if (file.skipped) skipped[file.skipped]++;
    result.diagnostics.push(...file.diagnostics.filter((diagnostic) => across.ownFindingStands(diagnostic.rule, diagnostic)));
  }
  checked.forEach((file, i) => {
    const findings = across.findings[i]!;
    if (findings.length === 0) return;
    const text = source.text(file.file);
    const lines = new LineIndex(text);
    const rendered = HelmSources.of(text, lines);
    for (const finding of findings) result.diagnostics.push(toDiagnostic(file.displayName, finding, lines, rendered));
  });
  return result;
}

/**
 * Texts and decoded objects of the files checked, read on first use and kept: a file validated on a worker thread
 * is read again here only when a cross-object finding must be placed in it.
 */
class FileSource {
  private readonly texts = new Map<string, ManifestText>();
  private readonly reports = new Map<string, FileReport>();

  constructor(private readonly settings: CheckSettings) {}

  text(file: string): string {
    return this.manifest(file).text;
  }

  private manifest(file: string): ManifestText {
    let manifest = this.texts.get(file);
    if (manifest === undefined) {
      manifest = readInputFile(file);
      this.texts.set(file, manifest);
    }
    return manifest;
  }

  /** The file's validation, made once whether its findings or its objects are asked for first. */
  report(file: string): FileReport {
    let report = this.reports.get(file);
    if (!report) {
      const { text, invalidUtf8 } = this.manifest(file);
      report = validateText(text, {
        kubernetesVersion: this.settings.kubernetesVersion,
        rules: this.settings.rules,
        maxBytes: this.settings.maxBytes,
        fileName: file,
        patch: isPatchFile(this.settings, file),
        ...(invalidUtf8 ? { invalidUtf8 } : {}),
      });
      this.reports.set(file, report);
    }
    return report;
  }

  locate(file: string, index: number, keys: Keys, prefer: 'key' | 'value'): OffsetRange {
    return this.report(file).objects[index]?.locate(keys, prefer) ?? { start: 0, end: 0 };
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
