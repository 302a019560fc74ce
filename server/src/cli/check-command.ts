/** `kubeplan check`: validate files and folders, print findings, exit 0 (clean), 1 (errors) or 2 (usage/I-O). */
import { checkTexts } from '../check/check-texts';
import { chartValuesDiagnostics, type ChartValuesFiles } from './chart-values';
import { patchFilesBeside } from '../files/kustomization-tree';
import type { KustomizeSources } from '../files/kustomize-sources';
import { placedDiagnostics } from './kustomize-input';
import { CheckPool, defaultWorkerCount, PARALLEL_FROM_FILES, requestedWorkerCount } from './check-pool';
import { CheckRun, InProcessChecker } from './check-run';
import type { KubernetesVersion } from '../schema/versions';
import type { RuleSettings } from '../rules/rule-config';
import { collectFiles } from '../files/collect-files';
import { jsonWriter, NOTHING_SKIPPED, sarifWriter, textWriter, totalsOf, type CheckDiagnostic, type CheckResult, type CheckTotals, type ReportWriter, type SarifRoot } from './output-formats';
import type { TerminalStyle } from '../text/styled-text';
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
  /** Worker threads to validate files on (`--jobs`); 0 checks on the main thread. Absent: `defaultWorkerCount`. */
  jobs?: number;
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

/** How a `kubeplan check` of files ended; its report went to the writer as it was made. */
export interface CheckStatus {
  exitCode: number;
  /** Why the run had nothing to check (no manifest file, or no Kubernetes object in them); absent when it had. */
  empty?: string;
}

/**
 * Checks the files and folders in batches (on worker threads for large trees), writing the report as it goes: the
 * files' own findings in the order of the files, then the cross-object findings, then the summary.
 */
export async function runCheck(given: CheckOptions, write: (text: string) => Promise<void>): Promise<CheckStatus> {
  const files = collectFiles(given.paths);
  const settings = { ...given, patchFiles: patchFilesBeside(files) };
  const writer = reportWriter(given);
  const run = new CheckRun(settings);
  const progress = new Progress(files.length);
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  const list = async (diagnostics: readonly CheckDiagnostic[]): Promise<void> => {
    if (diagnostics.length === 0) return;
    for (const diagnostic of diagnostics) {
      if (diagnostic.severity === 'error') errors++;
      else if (diagnostic.severity === 'warning') warnings++;
      else if (diagnostic.severity === 'information') notes++;
    }
    progress.clear();
    await write(writer.diagnostics(diagnostics));
  };
  // Standard input can be read only once: the thread that reads it checks it and places its findings.
  const workers = files.includes('-') ? 0 : given.jobs === undefined ? defaultWorkerCount(files.length) : requestedWorkerCount(given.jobs, files.length);
  const checker = workers > 0 ? new CheckPool(workers, settings) : new InProcessChecker(settings);
  await write(writer.start(files.length));
  try {
    for await (const batch of checker.checkInOrder(files)) {
      for (const file of batch) await list(run.add(file));
      progress.update(run.files);
    }
    progress.clear();
    const placed = await checker.place(run.crossObjectFindings());
    await list(run.heldFindings());
    for (const diagnostics of placed) await list(diagnostics);
  } finally {
    progress.clear();
    await checker.close();
  }
  await list(chartValuesDiagnostics(files, given.rules, given.values));
  const totals: CheckTotals = { files: run.files, objects: run.objects, skipped: run.skipped, errors, warnings, notes };
  await write(writer.end(totals));
  const exitCode = errors > 0 ? 1 : 0;
  const empty = exitCode === 0 ? emptyRun(given.paths, totals) : undefined;
  return { exitCode, ...(empty ? { empty } : {}) };
}

function formatted(result: CheckResult, options: Omit<CheckOptions, 'paths'>): string {
  const writer = reportWriter(options);
  return writer.start(result.files) + writer.diagnostics(result.diagnostics) + writer.end(totalsOf(result));
}

function reportWriter(options: Omit<CheckOptions, 'paths'>): ReportWriter {
  if (options.output === 'json') return jsonWriter();
  if (options.output === 'sarif') return sarifWriter(options.toolVersion, options.sarifRoot);
  return textWriter({ style: options.style, quiet: options.quiet ?? false });
}

/**
 * A run with nothing in it is most often a wrong path or pattern in CI, which a pass would hide (kubectl apply
 * fails with "no objects passed to apply"): it is named, so that the command line can end with exit status 2.
 */
function emptyRun(paths: readonly string[], result: Pick<CheckTotals, 'files' | 'objects' | 'skipped'>): string | undefined {
  if (result.objects > 0) return undefined;
  if (result.files === 0) return `no *.yaml, *.yml or *.json file in ${paths.length > 0 ? paths.join(', ') : 'the list given'}`;
  const skipped = Object.values(result.skipped ?? NOTHING_SKIPPED).reduce((sum, n) => sum + n, 0);
  return `no Kubernetes object in the ${result.files === 1 ? 'file' : `${result.files} files`} given${skipped > 0 ? ` (${skipped} skipped)` : ''}`;
}

export function hasErrors(result: CheckResult): boolean {
  return result.diagnostics.some((d) => d.severity === 'error');
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
