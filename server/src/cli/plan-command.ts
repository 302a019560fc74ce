/**
 * `kubeplan plan`: validate the manifests as `check` does, then dry-run applying them on a cluster and print the
 * plan. Exit 0 when the plan was made (Pending pods and stuck rollouts included), 1 when the manifests have
 * errors (listed as `check` lists them, and no plan; `--output html` writes the page of the errors and lists them
 * on standard error), 2 for usage and I/O errors, 3 when the plan was made and `--fail-on` judges a `--what-if`
 * failure as not surviving: a code of its own, so that CI tells a failed check from broken manifests.
 */
import { patchFilesBeside } from '../files/kustomization-tree';
import * as path from 'node:path';
import { LineIndex } from '../parse/line-index';
import { listedFindings, type CheckedText, type TextInput } from '../check/check-texts';
import { readPlanCluster, snapshotObjects } from '../files/cluster-files';
import type { DecodedObject } from '../cluster/cluster-model';
import { collectFiles } from '../files/collect-files';
import { readInputFile } from '../files/read-text';
import { displayNameOf, toDiagnostic } from './checked-file';
import { HelmSources } from '../check/helm-sources';
import { checkSummary, formatJson, formatText, type CheckDiagnostic, type CheckResult } from './output-formats';
import { wrappedLines, type TerminalStyle } from '../text/styled-text';
import type { RuleSettings } from '../rules/rule-config';
import type { PlanArgs } from './plan-args';
import { planResponse, planTexts, planTextsAgainstBase, type BaseRevision, type PlannedTexts, type PlanTexts } from '../plan/plan-texts';
import { readAtRevision, repositoryPath } from '../files/git-revision';
import { cannotRead } from '../files/read-text';
import * as fs from 'node:fs';
import type { KustomizeSources } from '../files/kustomize-sources';
import { placedDiagnostics } from './kustomize-input';
import { renderPlanMarkdown, renderPlanText } from '../plan/plan-render';
import { renderPlanPage } from '../plan/html/plan-page';
import type { ReferenceDefinition } from '../catalog/workspace-object';
import type { Plan } from '../protocol/plan';
import { jsonPieces } from '../text/json-pieces';

export interface PlanCommandOptions extends Omit<PlanArgs, 'now'> {
  now: number;
  /** Rule severities of the nearest .kubeplan.yaml, as `check` uses them. */
  rules?: RuleSettings;
  /** The rendered kustomization of `-k`, planned instead of `paths`. */
  kustomization?: KustomizeSources;
  /** CRDs given as reference (`--crds`). */
  definitions?: readonly ReferenceDefinition[];
}

/** `stdout` comes in pieces where it may be longer than one string can be (the JSON of a big plan). */
export function runPlan(options: PlanCommandOptions, style: TerminalStyle): { exitCode: number; stdout: string | Iterable<string>; stderr: string } {
  const planned = options.base === undefined ? planTexts(planTextsInput(options)) : planAgainstRevision(options, options.base, process.cwd());
  const exitCode = !planned.plan ? 1 : failsCheck(planned.plan, options.failOn) ? 3 : 0;
  // The page is written either way, so that a CI job keeps the errors as its artifact; the log shows them too.
  if (options.output === 'html') return { exitCode, stdout: planPage(planned, options), stderr: planned.plan ? '' : findingsOutput(planned, 'text', { color: false }, options.kustomization) };
  if (!planned.plan) return { exitCode, stdout: findingsOutput(planned, options.output, style, options.kustomization), stderr: '' };
  const { plan } = planned;
  if (options.output === 'json') return { exitCode, stdout: jsonDocument(plan), stderr: '' };
  if (options.output === 'markdown') return { exitCode, stdout: renderPlanMarkdown(plan), stderr: '' };
  return { exitCode, stdout: `${checkSection(planned, style, options.kustomization)}\n${renderPlanText(plan, style)}`, stderr: '' };
}

/** The plan as `JSON.stringify(plan, null, 2)` and a line break, made as it is written. */
function* jsonDocument(plan: Plan): Generator<string> {
  yield* jsonPieces(plan);
  yield '\n';
}

/** The plan page the editor shows, as a file a browser opens: its heading names the paths, what runs now and the cluster files. */
function planPage(planned: PlannedTexts, options: PlanCommandOptions): string {
  const changes = options.from.length > 0 ? ` (changes against ${options.from.map(displayNameOf).join(', ')})` : '';
  const clusterLabel = options.cluster.length > 0 ? options.cluster.map((file) => (file === '-' ? displayNameOf(file) : path.basename(file))).join(', ') : 'embedded';
  return renderPlanPage(planResponse(planned), { subject: options.paths.map(displayNameOf).join(', ') + changes, clusterLabel, host: { kind: 'file' } });
}

/**
 * What the check of a planned run found, first in the text output: its heading line (`Check: 2 files, 3 objects:
 * 0 errors, 1 warning`), then the findings that did not keep the plan from being made, listed as `check` lists them.
 */
function checkSection(planned: PlannedTexts, style: TerminalStyle, kustomization?: KustomizeSources): string {
  const result = checkResult(planned, kustomization);
  const heading = wrappedLines([{ text: `Check: ${checkSummary(result)}`, tone: 'strong' }], style);
  return [...heading, ''].join('\n') + formatText(result, { style, quiet: true });
}

/** What the command line names, read: the manifests, what runs now, and the cluster. */
export function planTextsInput(options: PlanCommandOptions): PlanTexts {
  const manifests = options.kustomization ? [options.kustomization.manifest] : readTexts(options.paths);
  // A --from file that is a snapshot of a cluster is loaded as it is, with the --cluster files; the others are
  // manifests, checked and applied.
  const current: TextInput[] = [];
  const snapshots: DecodedObject[] = [];
  for (const text of readTexts(options.from)) {
    const objects = snapshotObjects(text.text, text.file);
    if (objects) snapshots.push(...objects);
    else current.push(text);
  }
  const model = readPlanCluster(options.cluster, snapshots);
  // One plan per run: no cache compares the cluster's key.
  const cluster = model ? { key: '', model } : undefined;
  return {
    manifests,
    current,
    cluster,
    kubernetesVersion: options.kubernetesVersion,
    rules: options.rules ?? {},
    newPodsReady: options.newPodsReady,
    now: options.now,
    clusterDomain: options.clusterDomain,
    defaultNamespace: options.defaultNamespace,
    scenario: options.scenario,
    ...(options.definitions ? { definitions: options.definitions } : {}),
    whatIf: options.whatIf,
    ...(options.kustomization ? {} : { patchFiles: patchFilesBeside(manifests.map((text) => text.file)) }),
  };
}

/** `--fail-on outage`: a --what-if failure with an outage; `--fail-on pending`: that, or one that leaves a replacement Pending. */
function failsCheck(plan: Plan, failOn: PlanCommandOptions['failOn']): boolean {
  if (!failOn || !plan.resilience) return false;
  return plan.resilience.failures.some((failure) => !failure.survives || (failOn === 'pending' && failure.pending.length > 0));
}

/**
 * `--base REF`: the paths as the revision holds them run now, the working tree's files are the change. A path may be
 * missing on one side (a folder the change adds or deletes), not on both.
 */
function planAgainstRevision(options: PlanCommandOptions, ref: string, workingDirectory: string): PlannedTexts {
  const cwd = fs.realpathSync(workingDirectory);
  const revision = readAtRevision(ref, options.paths, cwd);
  const inWorkTree = options.paths.filter((given) => fs.existsSync(path.resolve(cwd, given)));
  for (const given of options.paths) {
    if (!inWorkTree.includes(given) && revision.absent.includes(given)) throw cannotRead(given, `no such file or directory, in the working tree or at ${ref}`);
  }
  const files = collectFiles(inWorkTree);
  const present = new Set(files.map((file) => repositoryPath(revision.top, cwd, file)));
  const base: BaseRevision = { ref, deletedFiles: revision.files.filter((file) => !present.has(file.repoPath)).map((file) => file.repoPath) };
  const input = planTextsInput({ ...options, paths: [] });
  const current = revision.files.map(({ repoPath, ...text }) => ({ file: `${ref}:${repoPath}`, ...text }));
  const manifests = files.map((file) => ({ file: displayNameOf(file), ...readInputFile(file) }));
  return planTextsAgainstBase({ ...input, current, manifests }, base);
}

/** The findings that kept the plan from being made, listed as `check` lists them. */
export function findingsOutput(planned: PlannedTexts, output: PlanArgs['output'], style: TerminalStyle, kustomization?: KustomizeSources): string {
  const findings = checkResult(planned, kustomization);
  return output === 'json' ? formatJson(findings) : formatText(findings, { style });
}

/** The check of the texts a plan read: what runs now, then the manifests (the files of `-k`'s output placed in their sources). */
function checkResult(planned: PlannedTexts, kustomization?: KustomizeSources): CheckResult {
  const checked = [...planned.current, ...planned.manifests];
  return {
    files: planned.current.length + (kustomization ? kustomization.sourceFiles().length : planned.manifests.length),
    objects: checked.reduce((sum, text) => sum + text.objects.length, 0),
    diagnostics: [...diagnosticsOf(planned.current), ...(kustomization ? placedDiagnostics(planned.manifests, kustomization) : diagnosticsOf(planned.manifests))],
  };
}

/** The files (`-` is stdin) the paths name, each named as its diagnostics name it. */
function readTexts(paths: readonly string[]): TextInput[] {
  return collectFiles(paths).map((file) => ({ file: displayNameOf(file), ...readInputFile(file) }));
}

/** The findings of texts checked together, in the order `kubeplan check` lists them. */
function diagnosticsOf(checked: readonly CheckedText[]): CheckDiagnostic[] {
  const places = new Map<CheckedText, { lines: LineIndex; rendered: HelmSources | undefined }>();
  return listedFindings(checked).map(({ text, finding }) => {
    let place = places.get(text);
    if (!place) {
      const lines = new LineIndex(text.text);
      places.set(text, (place = { lines, rendered: HelmSources.of(text.text, lines) }));
    }
    return toDiagnostic(text.file, finding, place.lines, place.rendered);
  });
}
